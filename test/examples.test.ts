import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { EXAMPLES_FOLDER, examplesReport, SNAPSHOT_FILE } from '../scripts/examples-snapshot';

interface SnapshotFinding {
  file: string;
  ruleId: string;
}

describe('example apps', () => {
  let report: string;
  before(async () => {
    report = await examplesReport();
  });

  it('find exactly the committed expected findings (npm run examples:update rewrites them)', () => {
    assert.equal(report, readFileSync(SNAPSHOT_FILE, 'utf8'));
  });

  it('have findings in every vulnerable app and none in any fixed twin', () => {
    const findings = JSON.parse(report) as SnapshotFinding[];
    for (const app of ['serverless-app', 'sam-app', 'azure-app']) {
      assert.ok(
        findings.some((finding) => finding.file.startsWith(`${app}/vulnerable/`)),
        `${app}/vulnerable has no finding`,
      );
      assert.deepEqual(
        findings.filter((finding) => finding.file.startsWith(`${app}/fixed/`)),
        [],
        `${app}/fixed has findings`,
      );
    }
  });

  it('never name the folder the project sits in (reports must not depend on the checkout)', () => {
    assert.equal(report.includes(EXAMPLES_FOLDER), false);
  });

  it('show each of the three first rules at least once', () => {
    const ruleIds = new Set((JSON.parse(report) as SnapshotFinding[]).map((finding) => finding.ruleId));
    for (const id of ['iam/wildcard-action', 'secrets/aws-access-key', 'injection/command']) {
      assert.ok(ruleIds.has(id), `no ${id} finding in the examples`);
    }
  });
});
