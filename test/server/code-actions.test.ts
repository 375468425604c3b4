/**
 * Code actions and fix-all in-process, with a test rule that has both a fix and a suggestion
 * (the first three registered rules offer neither).
 */
import assert from 'node:assert/strict';
import { TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, FIX_ALL_CODE_ACTION_KIND } from '../../protocol/index';
import { defineRule } from '../../rules/engine/define-rule';
import { EMPTY_CONFIG, lintFile, type Finding } from '../../rules/index';
import type { AnalysisEntry } from '../../server/src/analysis';
import { fixAllAction, fixAllEdit, isRequested, quickFixes, type EditContext } from '../../server/src/code-actions';
import { toDiagnostics } from '../../server/src/diagnostics';
import type { Logger } from '../../server/src/logger';
import { WorkspaceIndex } from '../../server/src/workspace';
import { occurrences } from '../helpers/text';
import { TempWorkspace } from './lsp-session';

/** `var` → `let` as a fix; "use const" as a suggestion. */
const noVar = defineRule({
  id: 'core/test-no-var',
  family: 'core',
  severity: 'warning',
  docs: { summary: 'test rule' },
  messages: { var: 'var is function-scoped.', toLet: 'Use let', toConst: 'Use const' },
  fixable: 'suggestion',
  appliesTo: ['javascript'],
  check(ctx) {
    return occurrences(ctx.file.text, 'var').map((range) => ({
      messageId: 'var' as const,
      range,
      fix: { messageId: 'toLet' as const, edits: [{ range, text: 'let' }] },
      suggest: [{ messageId: 'toConst' as const, edits: [{ range, text: 'const' }] }],
    }));
  },
});

const quiet: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, log: () => undefined };
const SOURCE = `var a = 1;\n${'// filler\n'.repeat(20)}var b = 2;\n`;

describe('server: code actions', () => {
  let folder: TempWorkspace;
  let workspace: WorkspaceIndex;
  let context: EditContext;
  let file: string;
  let uri: string;

  before(async () => {
    folder = new TempWorkspace({ 'src/app.js': SOURCE });
    workspace = new WorkspaceIndex(quiet);
    await workspace.indexInitialFolders([{ uri: folder.uri(''), name: 'test' }]);
    context = { workspace, documents: new TextDocuments(TextDocument), useDocumentChanges: false };
    file = folder.path('src/app.js');
    uri = folder.uri('src/app.js');
  });

  after(() => folder.dispose());

  function entryOf(findings: Finding[]): AnalysisEntry {
    return { file, version: 1, generation: workspace.generation, settingsEpoch: 0, configEpoch: 0, findings, resultId: '1' };
  }

  it('offers the fix (preferred), the suggestion, a suppression and fix-all, in that order', () => {
    const findings = lintFile(workspace.project, file, { rules: [noVar] });
    assert.equal(findings.length, 2);
    const diagnostics = toDiagnostics(findings, workspace.project.sourceFile(file)!.lines, () => undefined);
    const actions = quickFixes(uri, 1, entryOf(findings), { diagnostics: [diagnostics[0]!] }, context);
    assert.deepEqual(
      actions.map((action) => [action.title, action.isPreferred ?? false]),
      [
        ['Use let', true],
        ['Use const', false],
        ['Suppress core/test-no-var on this line', false],
        ['Fix all auto-fixable problems in this file', false],
      ],
    );
    assert.deepEqual(actions[0]?.edit, {
      changes: { [uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: 'let' }] },
    });
    assert.deepEqual(actions[3]?.command, {
      title: 'Fix all auto-fixable problems in this file',
      command: Commands.applyFixAll,
      arguments: [{ uri, version: 1 }],
    });
  });

  it('ignores diagnostics from other sources and findings it no longer has', () => {
    const findings = lintFile(workspace.project, file, { rules: [noVar] });
    const [diagnostic] = toDiagnostics(findings, workspace.project.sourceFile(file)!.lines, () => undefined);
    const foreign = { ...diagnostic!, source: 'eslint' };
    assert.deepEqual(quickFixes(uri, 1, entryOf(findings), { diagnostics: [foreign] }, context), []);
    assert.deepEqual(quickFixes(uri, 1, entryOf([]), { diagnostics: [diagnostic!] }, context), []);
  });

  it('fix-all returns one small edit per fix and leaves the index as it was', () => {
    const generation = workspace.generation;
    const edit = fixAllEdit(file, { config: EMPTY_CONFIG, rules: [noVar] }, context);
    assert.deepEqual(edit, {
      changes: {
        [uri]: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: 'let' },
          { range: { start: { line: 21, character: 0 }, end: { line: 21, character: 3 } }, newText: 'let' },
        ],
      },
    });
    assert.equal(workspace.project.text(file), SOURCE, 'the index text is restored');
    assert.equal(workspace.generation, generation);
    const action = fixAllAction(file, { config: EMPTY_CONFIG, rules: [noVar] }, context);
    assert.equal(action?.kind, FIX_ALL_CODE_ACTION_KIND);
    assert.equal(fixAllAction(file, { config: EMPTY_CONFIG, rules: [] }, context), undefined);
  });

  it('honours the request\'s only filter', () => {
    assert.equal(isRequested(undefined, 'quickfix'), true);
    assert.equal(isRequested(undefined, FIX_ALL_CODE_ACTION_KIND), false, 'fix-all is computed only when asked for');
    assert.equal(isRequested(['source'], FIX_ALL_CODE_ACTION_KIND), true);
    assert.equal(isRequested(['source.fixAll'], FIX_ALL_CODE_ACTION_KIND), true);
    assert.equal(isRequested(['source.organizeImports'], FIX_ALL_CODE_ACTION_KIND), false);
    assert.equal(isRequested(['quickfix'], FIX_ALL_CODE_ACTION_KIND), false);
  });
});
