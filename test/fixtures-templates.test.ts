import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderFixturesSnapshot, runFixtures, SNAPSHOT_FILE, type FixtureRun } from '../scripts/fixtures-snapshot';

describe('template fixtures (test/fixtures/templates)', () => {
  let run: FixtureRun;
  before(() => {
    run = runFixtures();
  });

  it('yield exactly the committed findings (npm run fixtures:update rewrites them)', () => {
    assert.equal(renderFixturesSnapshot(run), readFileSync(SNAPSHOT_FILE, 'utf8'));
  });

  it('hold at least 20 templates, in every format the model reads', () => {
    assert.ok(run.templates.length >= 20, `only ${run.templates.length} templates`);
    const names = run.templates.map((file) => file.split('/').pop() ?? '');
    for (const name of ['serverless.yml', 'template.yaml', 'stack.json', 'function.json', 'local.settings.json']) {
      assert.ok(names.includes(name), `no ${name} among the fixtures`);
    }
    assert.ok(run.templates.some((file) => file.includes('/iam-policies/')), 'no IAM policy file among the fixtures');
  });

  it('find nothing in good/ and something in every template of bad/', () => {
    assert.deepEqual(
      run.findings.filter((finding) => finding.file.startsWith('good/')).map((finding) => `${finding.file}: ${finding.ruleId} ${finding.message}`),
      [],
    );
    for (const template of run.templates.filter((file) => file.startsWith('bad/'))) {
      assert.ok(run.findings.some((finding) => finding.file === template), `${template} has no finding`);
    }
  });
});
