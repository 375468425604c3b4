/**
 * One secret, one finding: with every secret rule on, a span is reported by the most specific rule
 * only (private-key, aws-access-key, template-environment, provider-token, jwt, generic-secret).
 */
import * as assert from 'node:assert/strict';
import { LineIndex } from '../../../rules/engine/positions';
import { lintSecrets } from './helpers';
import { jwt, TOKENS } from './tokens';

const FILES: Record<string, string> = {
  'serverless.yml': [
    'service: app',
    'provider:',
    '  name: aws',
    '  environment:',
    `    GITHUB_TOKEN: ${TOKENS.githubPersonal}`,
    '    AWS_ACCESS_KEY_ID: AKIA2E0A8F3B244C9986',
    `    SERVICE_TOKEN: ${jwt({ sub: 'svc' })}`,
    'functions:',
    '  a:',
    '    handler: src/a.handler',
    'custom:',
    '  databaseUrl: postgres://app:Zr7qW2nVx9@db/app',
    '',
  ].join('\n'),
  'src/a.js': [
    `const apiKey = '${TOKENS.stripe}';`,
    `const token = '${jwt({ sub: 'svc' }, 9)}';`,
    `const headers = { Authorization: 'Bearer ' + '${TOKENS.githubOAuth}' };`,
    `const key = { private_key: '-----BEGIN PRIVATE KEY-----\\n${TOKENS.rsaKeyBody.replace(/\n/g, '\\n')}\\n-----END PRIVATE KEY-----' };`,
    "const password = 'Tr0ub4dor&3';",
    'exports.handler = async () => 1;',
    '',
  ].join('\n'),
};

describe('secret rule precedence', () => {
  it('reports each secret once, by the most specific rule', () => {
    const reported = lintSecrets(FILES).map((finding) => {
      const line = new LineIndex(FILES[finding.file] ?? '').positionAt(finding.range.start).line + 1;
      return `${finding.file}:${line} ${finding.ruleId}`;
    });
    assert.deepEqual(reported, [
      'serverless.yml:5 secrets/template-environment',
      'serverless.yml:6 secrets/aws-access-key',
      'serverless.yml:7 secrets/template-environment',
      'serverless.yml:12 secrets/provider-token',
      'src/a.js:1 secrets/provider-token',
      'src/a.js:2 secrets/jwt',
      'src/a.js:3 secrets/provider-token',
      'src/a.js:4 secrets/private-key',
      'src/a.js:5 secrets/generic-secret',
    ]);
  });
});
