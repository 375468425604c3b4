import * as assert from 'node:assert/strict';
import rule from '../../../rules/checks/secrets/test-fixture';
import providerToken from '../../../rules/checks/secrets/provider-token';
import { maskSecret } from '../../../rules/analysis/secrets/mask';
import type { Rule } from '../../../rules/engine/define-rule';
import { Project } from '../../../rules/engine/project';
import { INTERNAL_ERROR, lintFile } from '../../../rules/engine/runner';
import { js, testRule } from '../../helpers/rule-tester';
import { TOKENS } from './tokens';

const TEMPLATE = { 'serverless.yml': 'service: app\nprovider:\n  name: aws\n' };

testRule(rule, {
  valid: [
    {
      name: 'secrets outside test files are the other rules’',
      files: { ...TEMPLATE, 'src/github.js': js`const token = '${TOKENS.githubPersonal}';` },
    },
    {
      name: 'test files without secrets',
      files: { ...TEMPLATE, 'test/handler.test.js': js`const token = process.env.TEST_TOKEN ?? 'xxxxxxxxxxxxxxxx';` },
    },
    {
      name: 'a folder named test above the project root does not make every file a fixture',
      files: {
        '/home/dev/test/app/serverless.yml': 'service: app\n',
        '/home/dev/test/app/src/github.js': js`const token = '${TOKENS.githubPersonal}';`,
      },
    },
    {
      name: 'an empty testFixtures list turns the idea of fixtures off',
      files: { ...TEMPLATE, 'test/fixtures/github.json': `{ "token": "${TOKENS.githubPersonal}" }\n` },
      options: { testFixtures: [] },
    },
  ],
  invalid: [
    {
      name: 'every kind of secret in test files, each once, at info',
      files: {
        ...TEMPLATE,
        'test/fixtures/app/serverless.yml': `service: fixture\nprovider:\n  name: aws\n  environment:\n    STRIPE_KEY: ${TOKENS.stripe}\n`,
        'src/__tests__/login.test.ts': js`
          const password = 'Tr0ub4dor&3';
          const id = 'AKIA2E0A8F3B244C9986';
        `,
      },
      errors: [
        { messageId: 'inFixture', data: { kind: 'A password', secret: 'Tr… (11 chars)' }, file: 'src/__tests__/login.test.ts', line: 1, column: 19, endLine: 1, endColumn: 30 },
        { messageId: 'inFixture', data: { kind: 'An AWS access key id', secret: 'AKIA… (20 chars)' }, file: 'src/__tests__/login.test.ts', line: 2, column: 13, endLine: 2, endColumn: 33 },
        { messageId: 'inFixture', data: { kind: 'A Stripe live API key', secret: maskSecret(TOKENS.stripe) }, file: 'test/fixtures/app/serverless.yml', line: 5, column: 17, endLine: 5, endColumn: 17 + TOKENS.stripe.length },
      ],
      output: null,
    },
    {
      name: 'the testFixtures option replaces the default globs',
      files: {
        ...TEMPLATE,
        'qa/seed-data.json': `{ "token": "${TOKENS.githubPersonal}" }\n`,
        'test/fixtures/github.json': `{ "token": "${TOKENS.githubPersonal}" }\n`,
      },
      options: { testFixtures: ['qa/**'] },
      errors: [{ messageId: 'inFixture', data: { kind: 'A GitHub personal access token', secret: 'ghp_… (40 chars)' }, file: 'qa/seed-data.json', line: 1, column: 13, endLine: 1, endColumn: 53 }],
      output: null,
    },
  ],
});

describe('secret rule options', () => {
  function lint(options: unknown) {
    const project = new Project(Object.entries({ 'src/a.js': 'const a = 1;\n' }));
    return lintFile(project, 'src/a.js', {
      rules: [providerToken],
      config: { rules: { [providerToken.id]: { severity: 'error', options } }, ignore: [], root: '' },
    });
  }

  it('reject a malformed testFixtures option with a finding that names the rule', () => {
    for (const options of [{ testFixtures: 'test/**' }, { testFixtures: [1] }, { fixtures: [] }, 'test/**']) {
      const findings = lint(options);
      assert.deepEqual(
        findings.map((finding) => [finding.ruleId, finding.data['rule']]),
        [[INTERNAL_ERROR, 'secrets/provider-token']],
        JSON.stringify(options),
      );
    }
  });

  it('accept no options, an empty map and a list of globs', () => {
    for (const options of [undefined, {}, { testFixtures: ['spec/**'] }]) assert.deepEqual(lint(options), []);
  });

  it('make a main rule skip what the fixture rule reports, with the same globs', () => {
    const files = { ...TEMPLATE, 'qa/seed.json': `{ "token": "${TOKENS.githubPersonal}" }\n` };
    const project = new Project(Object.entries(files));
    const options = { testFixtures: ['qa/**'] };
    const run = (ruleToRun: Rule) =>
      lintFile(project, 'qa/seed.json', { rules: [ruleToRun], config: { rules: { [ruleToRun.id]: { severity: ruleToRun.severity, options } }, ignore: [], root: '' } });
    assert.deepEqual(run(providerToken), []);
    assert.deepEqual(run(rule).map((finding) => finding.severity), ['info']);
  });
});
