import * as assert from 'node:assert/strict';
import { maskSecret } from '../../../rules/analysis/secrets/mask';
import { SECRET_PATTERNS } from '../../../rules/analysis/secrets/patterns';
import rule from '../../../rules/checks/secrets/provider-token';
import { LineIndex, toOneBased } from '../../../rules/engine/positions';
import { js, testRule, yaml, type InvalidCase, type ValidCase } from '../../helpers/rule-tester';
import { assertSuggestionsResolveFindings } from './helpers';
import { PATTERN_SAMPLES } from './samples';
import { TOKENS } from './tokens';

const PROVIDER_PATTERNS = SECRET_PATTERNS.filter((pattern) => pattern.owner === 'provider-token');

/** The case of one table entry: its sample, reported exactly where the secret is. */
function sampleCase(id: string): InvalidCase {
  const sample = PATTERN_SAMPLES[id];
  const pattern = PROVIDER_PATTERNS.find((candidate) => candidate.id === id);
  assert.ok(sample && pattern, id);
  const start = sample.text.indexOf(sample.secret);
  const kind = pattern.kind.charAt(0).toUpperCase() + pattern.kind.slice(1);
  return {
    name: `${id}: ${pattern.kind}`,
    files: { [sample.file]: sample.text },
    errors: [
      {
        messageId: 'token',
        data: { kind, secret: maskSecret(sample.secret) },
        file: sample.file,
        ...toOneBased(new LineIndex(sample.text), { start, end: start + sample.secret.length }),
      },
    ],
    output: null,
  };
}

function nearMiss(id: string): ValidCase {
  const sample = PATTERN_SAMPLES[id];
  assert.ok(sample, id);
  return { name: `${id}: near miss`, files: { [sample.negative.file]: sample.negative.text } };
}

const HANDLER_WITH_TOKEN = js`
  const { Octokit } = require('@octokit/rest');
  const octokit = new Octokit({ auth: '${TOKENS.githubPersonal}' });
  exports.handler = async () => octokit.rest.repos.get({ owner: 'o', repo: 'r' });
`;

testRule(rule, {
  valid: [
    ...PROVIDER_PATTERNS.map((pattern) => nearMiss(pattern.id)),
    {
      name: 'the token read from the environment',
      files: { 'src/github.js': js`const token = process.env.GITHUB_TOKEN;` },
    },
    {
      name: 'a token in a test fixture is left to secrets/test-fixture',
      files: { 'serverless.yml': 'service: a\n', 'test/fixtures/github.json': `{ "token": "${TOKENS.githubPersonal}" }\n` },
    },
    {
      name: 'a lockfile is not read',
      files: { 'pnpm-lock.yaml': `lockfileVersion: '9.0'\n# ${TOKENS.google}\n` },
    },
    {
      name: 'a token that is the value of an environment variable is secrets/template-environment’s',
      files: {
        'serverless.yml': yaml`
          service: a
          provider:
            name: aws
            environment:
              GITHUB_TOKEN: ${TOKENS.githubPersonal}
        `,
      },
    },
    {
      name: 'AWS keys and JWTs belong to their own rules',
      files: { 'src/a.js': js`const id = 'AKIA2E0A8F3B244C9986';` },
    },
  ],
  invalid: [
    ...PROVIDER_PATTERNS.map((pattern) => sampleCase(pattern.id)),
    {
      name: 'a token in a handler: move it to the function’s environment as an SSM parameter',
      files: {
        'serverless.yml': yaml`
          service: repo-sync
          provider:
            name: aws
            runtime: nodejs20.x
          functions:
            sync:
              handler: src/sync.handler
              timeout: 30
        `,
        'src/sync.js': HANDLER_WITH_TOKEN,
      },
      errors: [
        {
          messageId: 'token',
          data: { kind: 'A GitHub personal access token', secret: 'ghp_… (40 chars)' },
          file: 'src/sync.js',
          line: 2,
          column: 38,
          endLine: 2,
          endColumn: 78,
          suggestions: [
            {
              messageId: 'moveToEnvironment',
              output: {
                'src/sync.js': js`
                  const { Octokit } = require('@octokit/rest');
                  const octokit = new Octokit({ auth: process.env.GITHUB_TOKEN });
                  exports.handler = async () => octokit.rest.repos.get({ owner: 'o', repo: 'r' });
                `,
                'serverless.yml': yaml`
                  service: repo-sync
                  provider:
                    name: aws
                    runtime: nodejs20.x
                  functions:
                    sync:
                      handler: src/sync.handler
                      timeout: 30
                      environment:
                        GITHUB_TOKEN: \${ssm:/repo-sync/\${sls:stage}/GITHUB_TOKEN}
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a token in a file no template deploys: read it from the environment',
      files: { 'src/lib/stripe.ts': js`export const stripeSecretKey: string = '${TOKENS.stripe}';` },
      errors: [
        {
          messageId: 'token',
          data: { kind: 'A Stripe live API key', secret: 'sk_l… (32 chars)' },
          file: 'src/lib/stripe.ts',
          line: 1,
          column: 41,
          endLine: 1,
          endColumn: 73,
          suggestions: [{ messageId: 'readFromEnvironment', output: { 'src/lib/stripe.ts': js`export const stripeSecretKey: string = process.env.STRIPE_SECRET_KEY;` } }],
        },
      ],
      output: null,
    },
    {
      name: 'tokens in a comment and in a YAML key outside any environment: no suggestion',
      files: {
        'serverless.yml': yaml`
          service: a
          custom:
            # old: ${TOKENS.slack}
            webhook: ${TOKENS.slackWebhook}
        `,
      },
      errors: [
        {
          messageId: 'token',
          data: { kind: 'A Slack token', secret: maskSecret(TOKENS.slack) },
          file: 'serverless.yml',
          line: 3,
          column: 10,
          endLine: 3,
          endColumn: 10 + TOKENS.slack.length,
          suggestions: [],
        },
        {
          messageId: 'token',
          data: { kind: 'A Slack webhook URL', secret: maskSecret(TOKENS.slackWebhook) },
          file: 'serverless.yml',
          line: 4,
          column: 12,
          endLine: 4,
          endColumn: 12 + TOKENS.slackWebhook.length,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'a database URL in a handler: the password is underlined, the whole string moves',
      files: {
        'template.yaml': yaml`
          Transform: AWS::Serverless-2016-10-31
          Resources:
            Orders:
              Type: AWS::Serverless::Function
              Properties:
                Handler: orders.handler
                CodeUri: src/
                Runtime: nodejs20.x
        `,
        'src/orders.js': js`
          const { Client } = require('pg');
          const client = new Client({ connectionString: 'postgres://orders:Zr7qW2nVx9@db.internal:5432/orders' });
          exports.handler = async () => client.query('SELECT 1');
        `,
      },
      errors: [
        {
          messageId: 'token',
          data: { kind: 'A password in a database URL', secret: 'Zr… (10 chars)' },
          file: 'src/orders.js',
          line: 2,
          column: 66,
          endLine: 2,
          endColumn: 76,
          suggestions: [
            {
              messageId: 'moveToEnvironment',
              output: {
                'src/orders.js': js`
                  const { Client } = require('pg');
                  const client = new Client({ connectionString: process.env.DATABASE_URL });
                  exports.handler = async () => client.query('SELECT 1');
                `,
                'template.yaml': yaml`
                  Transform: AWS::Serverless-2016-10-31
                  Resources:
                    Orders:
                      Type: AWS::Serverless::Function
                      Properties:
                        Handler: orders.handler
                        CodeUri: src/
                        Runtime: nodejs20.x
                        Environment:
                          Variables:
                            DATABASE_URL: '{{resolve:secretsmanager:Orders:SecretString:DATABASE_URL}}'
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

describe('secrets/provider-token suggestions', () => {
  it('leave files that parse, remove the finding and add nothing', () => {
    const checked = assertSuggestionsResolveFindings({
      'serverless.yml': 'service: repo-sync\nprovider:\n  name: aws\nfunctions:\n  sync:\n    handler: src/sync.handler\n',
      'src/sync.js': HANDLER_WITH_TOKEN,
    });
    assert.ok(checked > 0);
  });
});
