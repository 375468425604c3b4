/**
 * "Serverless Security Lint: Scan Workspace" analyses every file, opened or not, into Problems:
 * with no editor open, `vscode.languages.getDiagnostics()` then holds exactly the findings of
 * examples/expected-findings.json and nothing for the fixed twins. Runs first in the suite, before
 * any document is opened (see index.ts).
 */
import * as vscode from 'vscode';
import {
  COMMANDS,
  describeDiagnostic,
  describeExpected,
  DIAGNOSTIC_SOURCE,
  revertAndCloseAllEditors,
  waitFor,
  type SuiteContext,
} from './helpers';

export function registerScanWorkspaceTests(context: SuiteContext): void {
  describe('scan workspace', () => {
    before(revertAndCloseAllEditors);

    it('fills Problems with the findings of every file, opened or not', async () => {
      const wanted = context.expected.map((finding) => `${finding.file} ${describeExpected(finding)}`).sort();
      const problems = (): string[] => {
        const root = `${context.root.toString()}/`;
        return vscode.languages
          .getDiagnostics()
          .flatMap(([uri, diagnostics]) =>
            diagnostics
              .filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE)
              .map((diagnostic) => {
                const file = uri.toString().startsWith(root) ? decodeURIComponent(uri.toString().slice(root.length)) : uri.toString();
                return `${file} ${describeDiagnostic(diagnostic)}`;
              }),
          )
          .sort();
      };
      await vscode.commands.executeCommand(COMMANDS.scanWorkspace);
      await waitFor(
        'Problems to hold exactly the findings of expected-findings.json',
        () => (JSON.stringify(problems()) === JSON.stringify(wanted) ? true : undefined),
        [vscode.languages.onDidChangeDiagnostics],
        () => `${JSON.stringify(problems(), null, 2)}; wanted ${JSON.stringify(wanted, null, 2)}`,
      );
    });
  });
}
