/**
 * Opening each file of the example apps shows exactly the findings the CLI reports for it
 * (examples/expected-findings.json): same rule ids, ranges, messages and severities, each linked
 * to its rule's documentation page.
 */
import * as assert from 'node:assert/strict';
import {
  describeExpected,
  fileUri,
  openInEditor,
  revertAndCloseAllEditors,
  ruleIdOf,
  SEVERITIES,
  waitForDiagnostics,
  type SuiteContext,
} from './helpers';

export function registerDiagnosticsTests(context: SuiteContext): void {
  describe('diagnostics of the example apps', () => {
    afterEach(revertAndCloseAllEditors);

    const files = [...new Set(context.expected.map((finding) => finding.file))].sort();
    for (const file of files) {
      const findings = context.expected.filter((finding) => finding.file === file);
      it(`${file}: ${findings.map((finding) => finding.ruleId).join(', ')}`, async () => {
        const uri = fileUri(context.root, file);
        await openInEditor(uri);
        const diagnostics = await waitForDiagnostics(
          uri,
          findings.map((finding) => describeExpected(finding)),
          `the diagnostics of ${file} to match expected-findings.json`,
        );
        for (const diagnostic of diagnostics) {
          const ruleId = ruleIdOf(diagnostic);
          const finding = findings.find((candidate) => candidate.ruleId === ruleId);
          assert.ok(finding);
          assert.equal(diagnostic.severity, SEVERITIES[finding.severity], `severity of ${diagnostic.message}`);
          const code = diagnostic.code;
          assert.ok(typeof code === 'object', `${ruleId}: the rule id links to no documentation page`);
          assert.ok(code.target.toString().endsWith(`${ruleId}.md`), `${ruleId} links to ${code.target.toString()}`);
        }
      });
    }
  });
}
