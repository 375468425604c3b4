/**
 * The extension-host suite, run in-process by whichever launcher started the editor:
 * test/e2e/electron/index.ts (desktop VS Code through @vscode/test-electron) or
 * test/e2e/runner-extension/extension.ts (code-server, driven by scripts/e2e/code-server.ts).
 *
 * Test files are registered in a fixed order instead of loaded by glob: the bundle that runs in
 * the extension host has no file list, and the order matters. "Scan workspace" runs first, while
 * no document is open: a document that a test opened stays open in VS Code for up to three
 * minutes after its tab closes; the language client then no longer pulls its diagnostics (it
 * pulls for documents shown in tabs) while the server still leaves them to the pull (it publishes
 * scan results only for documents that are not open), so Problems would miss its findings.
 */
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { registerActivationTests } from './activation.e2e';
import { registerDiagnosticsTests } from './diagnostics.e2e';
import { readExpectedFindings, workspaceRoot, type SuiteOptions } from './helpers';
import { registerQuickFixTests } from './quick-fix.e2e';
import { registerRestrictedModeTests } from './restricted-mode.e2e';
import type { SuiteResult, TestOutcome } from './results';
import { registerScanWorkspaceTests } from './scan-workspace.e2e';
import { registerSnippetTests } from './snippets.e2e';

export type { SuiteOptions } from './helpers';
export type { SuiteResult, TestOutcome } from './results';

export async function runSuite(options: SuiteOptions): Promise<SuiteResult> {
  const root = workspaceRoot();
  const context = { ...options, root, expected: await readExpectedFindings(root) };
  const mocha = new Mocha({ ui: 'bdd', timeout: 90_000, reporter: Mocha.reporters.Base, color: false });
  if (options.grep !== undefined && options.grep !== '') mocha.grep(options.grep);
  // What `mocha.loadFiles` does for each file: put describe/it/before… on the global object.
  mocha.suite.emit('pre-require', globalThis, 'serverless-security-lint-e2e', mocha);
  registerScanWorkspaceTests(context);
  registerRestrictedModeTests(context);
  registerActivationTests(context);
  registerDiagnosticsTests(context);
  registerQuickFixTests(context);
  registerSnippetTests(context);

  const tests: TestOutcome[] = [];
  const startedAt = Date.now();
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('suite', (suite) => {
      if (suite.title !== '') options.log(`  ${suite.title}`);
    });
    runner.on('pass', (test) => {
      tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
      options.log(`    ✔ ${test.title} (${test.duration ?? 0} ms)`);
    });
    runner.on('pending', (test) => {
      tests.push({ title: test.fullTitle(), state: 'skipped', durationMs: 0 });
      options.log(`    - ${test.title} (skipped)`);
    });
    runner.on('fail', (test, error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: message });
      options.log(`    ✘ ${test.title}\n${indent(message, '        ')}`);
    });
  });
  const count = (state: TestOutcome['state']): number => tests.filter((test) => test.state === state).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
    durationMs: Date.now() - startedAt,
    tests,
    editor: { appName: vscode.env.appName, appHost: vscode.env.appHost, version: vscode.version, trusted: vscode.workspace.isTrusted },
  };
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
