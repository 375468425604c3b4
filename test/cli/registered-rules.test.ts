/**
 * The CLI over real registered rules, on a small vulnerable app: the wiring from templates to
 * handlers, configuration by rule id, suppression comments and the built command's exit code 1.
 * Only rule ids and lines are asserted; exact ranges and wording belong to the rules' own tests.
 * The in-process runs use the three first rules only, so that a new rule does not change them.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toSarif } from '../../cli/src/format/sarif';
import { run } from '../../cli/src/run';
import { RULES_BY_ID, type Rule } from '../../rules/index';
import { appFolders, lines, makeTempFolder } from './helpers';

const APP = {
  'serverless.yml': lines(
    'service: demo',
    'provider:',
    '  name: aws',
    '  runtime: nodejs24.x',
    '  iam:',
    '    role:',
    '      statements:',
    '        - Effect: Allow',
    '          Action: "s3:*"',
    '          Resource: "*"',
    'functions:',
    '  run:',
    '    handler: src/run.handler',
  ),
  'src/run.js': lines('exports.handler = async (event) => {', "  require('child_process').exec('ls ' + event.body);", '};'),
  'src/keys.js': lines(
    "const k = 'AKIA2E0A8F3B244C9986';",
    '// serverless-security-lint-disable-next-line secrets/aws-access-key -- rotated test key',
    "const old = 'AKIA2E0A8F3B244C9987';",
  ),
};

const FIRST_RULES: Rule[] = ['iam/wildcard-action', 'injection/command', 'secrets/aws-access-key'].map((id) => {
  const rule = RULES_BY_ID.get(id);
  assert.ok(rule, `${id} is registered`);
  return rule;
});

describe('cli with the registered rules', () => {
  const temp = makeTempFolder();
  after(() => temp.remove());
  const newApp = appFolders(temp.root);
  const app = (extra: Record<string, string> = {}): string => newApp({ ...APP, ...extra });

  const summary = (result: Awaited<ReturnType<typeof run>>): [string, string, number, boolean][] =>
    result.findings.map((finding) => [finding.file, finding.ruleId, finding.region.line, finding.suppressed !== undefined]);

  it('finds the wildcard, the command injection and the key, and marks the suppressed key', async () => {
    const result = await run({ cwd: app(), rules: FIRST_RULES });
    assert.deepEqual(summary(result), [
      ['serverless.yml', 'iam/wildcard-action', 9, false],
      ['src/keys.js', 'secrets/aws-access-key', 1, false],
      ['src/keys.js', 'secrets/aws-access-key', 3, true],
      ['src/run.js', 'injection/command', 2, false],
    ]);
    assert.equal(result.exitCode, 1);
    assert.equal(result.counts.suppressed, 1);
  });

  it('checks only a named handler, with its template loaded', async () => {
    const result = await run({ cwd: app(), paths: ['src/run.js'], rules: FIRST_RULES });
    assert.deepEqual(summary(result), [['src/run.js', 'injection/command', 2, false]]);
  });

  it('applies rule severities from the configuration file', async () => {
    const root = app({
      '.serverless-security-lint.yml': lines('rules:', '  secrets/aws-access-key: "off"', '  iam/wildcard-action: warning', '  injection/command: warning'),
    });
    const result = await run({ cwd: root, rules: FIRST_RULES });
    assert.deepEqual(
      result.findings.map((finding) => [finding.ruleId, finding.severity]),
      [
        ['iam/wildcard-action', 'warning'],
        ['injection/command', 'warning'],
      ],
    );
    assert.equal(result.exitCode, 0);
    assert.equal((await run({ cwd: root, severity: 'warning', rules: FIRST_RULES })).exitCode, 1);
  });

  it('lists every registered rule in SARIF with its documentation and CWE tags', async () => {
    const sarif = toSarif(await run({ cwd: app() }));
    const rules = sarif.runs[0]?.tool.driver.rules ?? [];
    const key = rules.find((rule) => rule.id === 'secrets/aws-access-key');
    assert.ok(key, rules.map((rule) => rule.id).join(', '));
    assert.equal(key.name, 'AwsAccessKey');
    assert.match(key.helpUri ?? '', /\/docs\/rules\/secrets\/aws-access-key\.md$/);
    assert.deepEqual(key.properties?.tags, ['secrets', 'CWE-798', 'security']);
    for (const result of sarif.runs[0]?.results ?? []) {
      assert.equal(rules[result.ruleIndex ?? -1]?.id, result.ruleId);
    }
  });

  it('the built command exits 1 on findings', function () {
    const bundle = path.join(__dirname, '../../cli/out/main.js');
    if (!fs.existsSync(bundle)) assert.fail(`${bundle} is missing: run "npm run build" first`);
    const child = spawnSync(process.execPath, [path.join(__dirname, '../../cli/bin/serverless-security-lint.js'), 'src'], {
      cwd: app(),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(child.stderr, '');
    assert.equal(child.status, 1);
    assert.match(child.stdout, /^src\/keys\.js\n {2}1:\d+ {2}error {2}.* {2}secrets\/aws-access-key\n/);
    assert.match(child.stdout, /\n✖ 2 problems \(2 errors, 0 warnings, 0 info\), 1 suppressed\n$/);
  });
});
