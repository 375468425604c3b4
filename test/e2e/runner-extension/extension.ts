/**
 * A test-only extension for the code-server launcher (scripts/e2e/code-server.ts). code-server
 * has no `--extensionTestsPath`, so the suite comes in as an extension of its own, installed next
 * to the packaged .vsix under test. On startup it:
 *
 * 1. reads `e2e-config.json`, which the launcher writes into this extension before packaging it
 *    (no environment variables: they need not reach the extension host);
 * 2. runs the mocha suite of test/e2e/suite in this extension host, logging to `suite.log`;
 * 3. opens the handler the screenshots show, with its finding in view;
 * 4. from then on records the active editor and every untitled document opened to
 *    `editor-events.jsonl`, for the launcher's checks through the browser;
 * 5. writes `report.json` (atomically: a temporary file, then a rename) for the launcher to read.
 *
 * Without a config file it does nothing, so an accidental install is harmless.
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { describeExpected, fileUri, openInEditor, revertAndCloseAllEditors, readExpectedFindings, ruleIdOf, waitForDiagnostics, workspaceRoot } from '../suite/helpers';
import { runSuite } from '../suite/index';
import { EDITOR_EVENTS_FILE, type EditorEvent, type RunnerConfig, type RunnerReport, type ScreenshotScene } from '../suite/results';

export function activate(context: vscode.ExtensionContext): void {
  process.setSourceMapsEnabled(true);
  const configPath = join(context.extensionPath, 'e2e-config.json');
  if (!existsSync(configPath)) return;
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as RunnerConfig;
  const log = (line: string): void => appendFileSync(join(config.outDir, 'suite.log'), `${line}\n`);
  writeFileSync(join(config.outDir, 'runner-started'), `${new Date().toISOString()}\n`);
  // Not awaited: activation must return, or the editor would wait on the whole suite.
  void run(config, log, context)
    .then((report) => {
      const target = join(config.outDir, 'report.json');
      writeFileSync(`${target}.tmp`, JSON.stringify(report, null, 2));
      renameSync(`${target}.tmp`, target);
    })
    .catch((error: unknown) => log(`Could not write the report: ${describeError(error)}`));
}

export function deactivate(): void {}

async function run(config: RunnerConfig, log: (line: string) => void, context: vscode.ExtensionContext): Promise<RunnerReport> {
  try {
    const suite = await runSuite({ expectRestrictedMode: config.expectRestrictedMode, log, grep: config.grep });
    let scene: ScreenshotScene | undefined;
    try {
      scene = await setTheScene(config.scene);
    } catch (error) {
      log(`Could not prepare the screenshot scene: ${describeError(error)}`);
    }
    context.subscriptions.push(recordEditorEvents(join(config.outDir, EDITOR_EVENTS_FILE)));
    return scene === undefined ? { suite } : { suite, scene };
  } catch (error) {
    log(`The suite did not run: ${describeError(error)}`);
    return { error: describeError(error) };
  }
}

/** The handler with its finding in the middle of the editor, the cursor on it and Problems open. */
async function setTheScene(wanted: RunnerConfig['scene']): Promise<ScreenshotScene> {
  await revertAndCloseAllEditors();
  const root = workspaceRoot();
  const expected = await readExpectedFindings(root);
  const finding = expected.find((candidate) => candidate.file === wanted.file && candidate.ruleId === wanted.ruleId);
  if (finding === undefined) throw new Error(`expected-findings.json has no ${wanted.ruleId} in ${wanted.file}`);
  const uri = fileUri(root, finding.file);
  const editor = await openInEditor(uri);
  const diagnostics = await waitForDiagnostics(
    uri,
    expected.filter((candidate) => candidate.file === finding.file).map((candidate) => describeExpected(candidate)),
    `the findings of ${finding.file}`,
  );
  const diagnostic = diagnostics.find((candidate) => ruleIdOf(candidate) === finding.ruleId);
  if (diagnostic === undefined) throw new Error(`no ${finding.ruleId} diagnostic in ${finding.file}`);
  editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
  editor.revealRange(diagnostic.range, vscode.TextEditorRevealType.InCenter);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  return {
    file: finding.file,
    ruleId: finding.ruleId,
    message: diagnostic.message,
    line: finding.line,
    column: finding.column,
    quickFixTitle: `Suppress ${finding.ruleId} on this line`,
  };
}

/** Appends an `EditorEvent` line to `file` for each active editor and each untitled document opened. */
function recordEditorEvents(file: string): vscode.Disposable {
  writeFileSync(file, '');
  const record = (event: EditorEvent): void => appendFileSync(file, `${JSON.stringify(event)}\n`);
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor !== undefined) record({ kind: 'active-editor', file: vscode.workspace.asRelativePath(editor.document.uri, false) });
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.uri.scheme === 'untitled') record({ kind: 'untitled-document', languageId: document.languageId, text: document.getText() });
    }),
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
