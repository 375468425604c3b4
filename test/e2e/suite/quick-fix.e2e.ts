/**
 * At a finding the editor lists the extension's code actions; the "Suppress … on this line"
 * quick fix, applied through its `WorkspaceEdit`, writes the suppression comment above the line
 * and the finding leaves the Problems of that file while the others stay.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  describeAll,
  describeExpected,
  fileUri,
  openInEditor,
  revertAndCloseAllEditors,
  ruleIdOf,
  SUPPRESSION_DIRECTIVE,
  waitForDiagnostics,
  type ExpectedFinding,
  type SuiteContext,
} from './helpers';

interface Language {
  name: string;
  extensions: readonly string[];
  comment: string;
}

const LANGUAGES: readonly Language[] = [
  { name: 'JavaScript', extensions: ['.js', '.cjs', '.mjs'], comment: '//' },
  { name: 'YAML', extensions: ['.yml', '.yaml'], comment: '#' },
];

export function registerQuickFixTests(context: SuiteContext): void {
  describe('quick fixes', () => {
    afterEach(revertAndCloseAllEditors);

    for (const language of LANGUAGES) {
      const target = context.expected.find((finding) => language.extensions.some((extension) => finding.file.endsWith(extension)));
      it(`suppresses a finding in ${language.name} with "Suppress … on this line"`, async () => {
        assert.ok(target, `expected-findings.json has no ${language.name} finding to suppress`);
        await suppressAndCheck(context, target, language);
      });
    }
  });
}

async function suppressAndCheck(context: SuiteContext, target: ExpectedFinding, language: Language): Promise<void> {
  const uri = fileUri(context.root, target.file);
  const editor = await openInEditor(uri);
  const document = editor.document;
  const inFile = context.expected.filter((finding) => finding.file === target.file);
  const diagnostics = await waitForDiagnostics(uri, inFile.map((finding) => describeExpected(finding)), `the findings of ${target.file}`);
  const diagnostic = diagnostics.find((candidate) => ruleIdOf(candidate) === target.ruleId && candidate.range.start.line === target.line - 1);
  assert.ok(diagnostic, `no ${target.ruleId} diagnostic on line ${target.line}: ${describeAll(diagnostics).join('; ')}`);

  // What the light bulb and Ctrl+. show at the finding.
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  const titles = actions.map((action) => action.title);
  const title = `Suppress ${target.ruleId} on this line`;
  const suppression = actions.find((action): action is vscode.CodeAction => action.title === title && isCodeAction(action));
  assert.ok(suppression, `"${title}" is not among the code actions at the finding: ${JSON.stringify(titles)}`);
  // `vscode.executeCodeActionProvider` returns kind, edit and command but not the linked
  // diagnostics; the range request above is what ties the action to this finding.
  assert.equal(suppression.kind?.value, vscode.CodeActionKind.QuickFix.value);
  assert.ok(suppression.edit, 'the quick fix carries no WorkspaceEdit');

  const line = target.line - 1;
  const before = document.getText();
  const flaggedLine = document.lineAt(line).text;
  const indent = /^[ \t]*/.exec(flaggedLine)?.[0] ?? '';
  assert.equal(await vscode.workspace.applyEdit(suppression.edit), true, 'the editor refused the WorkspaceEdit');

  assert.equal(document.lineAt(line).text, `${indent}${language.comment} ${SUPPRESSION_DIRECTIVE} ${target.ruleId}`);
  assert.equal(document.lineAt(line + 1).text, flaggedLine, 'the flagged line itself must not change');
  assert.equal(document.lineCount, before.split(/\r?\n/).length + 1, 'the fix inserts exactly one line');

  // The suppressed finding goes; the others in the file stay, one line further down if below.
  const remaining = inFile
    .filter((finding) => finding !== target)
    .map((finding) => describeExpected(finding, finding.line > line ? 1 : 0));
  await waitForDiagnostics(uri, remaining, `${target.ruleId} to leave ${target.file} after the quick fix`);
}

/** A `Command` names its command id as a string; a `CodeAction` may carry a `Command` object. */
function isCodeAction(action: vscode.CodeAction | vscode.Command): action is vscode.CodeAction {
  return typeof action.command !== 'string';
}
