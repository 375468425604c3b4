/**
 * What the extension-host tests share: the names users see (extension id, diagnostic source,
 * suppression directive), the expected findings of the example apps, and waiting on editor
 * events with a deadline instead of sleeping.
 *
 * This code runs inside a real VS Code extension host (desktop through @vscode/test-electron, or
 * code-server), bundled by scripts/e2e/build.ts with `vscode` left to the host. It may not import
 * the engine: the suite tests what the packaged extension does, not what the sources say.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'serverless-security-lint.serverless-security-lint';
/** `Diagnostic.source` of every finding (server/src/diagnostics.ts). */
export const DIAGNOSTIC_SOURCE = 'serverless-security-lint';
/** The public suppression comment (README, "Suppressing a finding"). */
export const SUPPRESSION_DIRECTIVE = 'serverless-security-lint-disable-next-line';
export const COMMANDS = {
  scanWorkspace: 'serverlessSecurityLint.scanWorkspace',
  fixAll: 'serverlessSecurityLint.fixAll',
  showRuleDocumentation: 'serverlessSecurityLint.showRuleDocumentation',
} as const;

/** A cold language server parses every template of the workspace first; CI has 2 cores. */
export const DIAGNOSTICS_TIMEOUT_MS = 45_000;

/** One finding of `examples/expected-findings.json` (the CLI's JSON output: 1-based lines and columns). */
export interface ExpectedFinding {
  /** Relative to the examples folder, which is the workspace folder of the suite. */
  file: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** What the launcher tells the suite about the editor it runs in. */
export interface SuiteOptions {
  /** The launcher opened the workspace without trusting it (code-server does; test-electron cannot). */
  expectRestrictedMode: boolean;
  /** Where progress lines go: the launcher's console, or a log file the launcher prints. */
  log(line: string): void;
  /** Run only the tests whose full title contains this (SSL_E2E_GREP of the launchers). */
  grep?: string;
}

export interface SuiteContext extends SuiteOptions {
  root: vscode.Uri;
  expected: readonly ExpectedFinding[];
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) throw new Error('The suite needs a workspace folder: open a copy of examples/.');
  return folder.uri;
}

export function fileUri(root: vscode.Uri, file: string): vscode.Uri {
  return vscode.Uri.joinPath(root, ...file.split('/'));
}

/** Reads and validates the expected findings the workspace (a copy of examples/) carries. */
export async function readExpectedFindings(root: vscode.Uri): Promise<ExpectedFinding[]> {
  const uri = vscode.Uri.joinPath(root, 'expected-findings.json');
  const parsed: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  if (!Array.isArray(parsed)) throw new Error(`${uri.fsPath}: expected an array of findings`);
  return parsed.map((entry: unknown, index) => {
    const where = `${uri.fsPath}[${index}]`;
    if (typeof entry !== 'object' || entry === null) throw new Error(`${where}: not an object`);
    const text = (key: string): string => {
      const value: unknown = Reflect.get(entry, key);
      if (typeof value !== 'string') throw new Error(`${where}.${key}: not a string`);
      return value;
    };
    const count = (key: string): number => {
      const value: unknown = Reflect.get(entry, key);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new Error(`${where}.${key}: not a 1-based number`);
      return value;
    };
    const severity = text('severity');
    if (severity !== 'error' && severity !== 'warning' && severity !== 'info') throw new Error(`${where}.severity: ${severity}`);
    return {
      file: text('file'),
      ruleId: text('ruleId'),
      severity,
      message: text('message'),
      line: count('line'),
      column: count('column'),
      endLine: count('endLine'),
      endColumn: count('endColumn'),
    };
  });
}

export const SEVERITIES: Record<ExpectedFinding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The rule id a diagnostic carries: plain, or `{ value, target }` when the rule has a docs link. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function ourDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

/** A finding as one comparable line: rule, 1-based range as the CLI prints it, message. */
export function describeExpected(finding: ExpectedFinding, lineShift = 0): string {
  return `${finding.ruleId} ${finding.line + lineShift}:${finding.column}-${finding.endLine + lineShift}:${finding.endColumn} ${finding.message}`;
}

export function describeDiagnostic(diagnostic: vscode.Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${ruleIdOf(diagnostic) ?? '(no rule id)'} ${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${diagnostic.message}`;
}

/** Sorted, so two sets of findings compare with one deepEqual and print readably. */
export function describeAll(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map(describeDiagnostic).sort();
}

/**
 * Resolves with `check()`'s first defined answer, checking now and after each of `events`.
 * On timeout it rejects with `what`, and what `state()` says the editor showed last, so a failure
 * reads as a finding rather than as "timeout of 60000ms exceeded".
 */
export function waitFor<T>(
  what: string,
  check: () => T | undefined,
  events: readonly vscode.Event<unknown>[],
  state: () => string,
  timeoutMs = DIAGNOSTICS_TIMEOUT_MS,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscriptions: vscode.Disposable[] = [];
    let settled = false;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      for (const subscription of subscriptions) subscription.dispose();
      outcome();
    };
    const attempt = (): void => {
      try {
        const answer = check();
        if (answer !== undefined) finish(() => resolve(answer));
      } catch (error) {
        finish(() => reject(error));
      }
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}. Last seen: ${state()}`))),
      timeoutMs,
    );
    for (const event of events) subscriptions.push(event(attempt));
    attempt();
  });
}

/** Waits until the diagnostics of `uri` from this extension are exactly `expected` (see `describeAll`). */
export async function waitForDiagnostics(uri: vscode.Uri, expected: readonly string[], what: string): Promise<vscode.Diagnostic[]> {
  const wanted = [...expected].sort();
  const current = (): vscode.Diagnostic[] => ourDiagnostics(uri);
  return waitFor(
    what,
    () => {
      const diagnostics = current();
      return isDeepStrictEqual(describeAll(diagnostics), wanted) ? diagnostics : undefined;
    },
    [vscode.languages.onDidChangeDiagnostics],
    () => `${JSON.stringify(describeAll(current()), null, 2)}; wanted ${JSON.stringify(wanted, null, 2)}`,
  );
}

function isDeepStrictEqual(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Discards the changes of every open editor and closes it, so no test leaves a dirty document
 * (or a "Save changes?" dialog) behind for the next one.
 */
export async function revertAndCloseAllEditors(): Promise<void> {
  for (let guard = 0; guard < 50 && vscode.window.activeTextEditor !== undefined; guard += 1) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  // Whatever is left is not a text editor (a Markdown preview, say) and has nothing to save.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const dirty = vscode.workspace.textDocuments.filter((document) => document.isDirty).map((document) => document.uri.toString());
  assert.deepEqual(dirty, [], 'a test left documents with unsaved changes');
}
