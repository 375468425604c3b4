/**
 * No output ever carries a whole secret: the CLI's text, JSON and SARIF reports (through
 * `cli/src/run.ts` and the formatters, with every registered rule), the language server's
 * diagnostics, and the fixes' titles and edits. Messages show `maskSecret`'s form only.
 */
import * as assert from 'node:assert/strict';
import { formatJson } from '../../../cli/src/format/json';
import { formatSarif } from '../../../cli/src/format/sarif';
import { formatText } from '../../../cli/src/format/text';
import { run } from '../../../cli/src/run';
import { LineIndex } from '../../../rules/engine/positions';
import { Project } from '../../../rules/engine/project';
import { lintFile } from '../../../rules/engine/runner';
import { toDiagnostic } from '../../../server/src/diagnostics';
import { makeTempFolder, writeFiles } from '../../cli/helpers';
import { jwt, TOKENS } from './tokens';

const SECRETS = {
  github: TOKENS.githubPersonal,
  stripe: TOKENS.stripe,
  slackWebhook: TOKENS.slackWebhook,
  awsSecret: TOKENS.awsSecretKey,
  accountKey: TOKENS.azureAccountKey,
  serviceJwt: jwt({ sub: 'billing' }),
  dbUrlPassword: 'Zr7qW2nVx9Lp',
  password: 'Tr0ub4dor&3x',
  yamlPassword: 'Sup3r-S3cret-Yml',
  envToken: 'ab12cd34ef56gh78ij90',
  basicPair: 'svc:8e254ed4c1',
  keyBody: TOKENS.rsaKeyBody.split('\n')[0] ?? '',
};

const FILES: Record<string, string> = {
  'serverless.yml': [
    'service: billing',
    'provider:',
    '  name: aws',
    '  environment:',
    `    STRIPE_KEY: ${SECRETS.stripe}`,
    `    SLACK_WEBHOOK_URL: ${SECRETS.slackWebhook}`,
    'functions:',
    '  invoice:',
    '    handler: src/invoice.handler',
    'custom:',
    `  dbPassword: ${SECRETS.yamlPassword}`,
    '',
  ].join('\n'),
  'src/invoice.js': [
    `const octokit = new Octokit({ auth: '${SECRETS.github}' });`,
    `const s3 = new S3Client({ credentials: { accessKeyId: 'AKIA2E0A8F3B244C9986', secretAccessKey: '${SECRETS.awsSecret}' } });`,
    `const db = new Client({ connectionString: 'postgres://app:${SECRETS.dbUrlPassword}@db:5432/app' });`,
    `const dbPassword = '${SECRETS.password}';`,
    `const serviceToken = '${SECRETS.serviceJwt}';`,
    `const auth = 'Basic ' + Buffer.from('${SECRETS.basicPair}').toString('base64');`,
    'exports.handler = async () => octokit;',
    '',
  ].join('\n'),
  'keys/service-account.json': `{ "private_key": "-----BEGIN PRIVATE KEY-----\\n${TOKENS.rsaKeyBody.replace(/\n/g, '\\n')}\\n-----END PRIVATE KEY-----\\n" }\n`,
  'local.settings.json': `{ "Values": { "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=o;AccountKey=${SECRETS.accountKey}" } }\n`,
  '.env': `API_TOKEN=${SECRETS.envToken}\n`,
  'test/fixtures/tokens.json': `{ "token": "${SECRETS.github}" }\n`,
};

/** Every secret value, and the base64 form of the Basic pair, that must not appear anywhere. */
const FORBIDDEN = [...Object.values(SECRETS), Buffer.from(SECRETS.basicPair).toString('base64')];

function assertNoSecret(output: string, where: string): void {
  for (const secret of FORBIDDEN) {
    assert.ok(!output.includes(secret), `${where} contains a secret (${secret.slice(0, 4)}…)`);
  }
}

describe('secrets never leak into outputs', () => {
  const temp = makeTempFolder('ssl-secrets-');
  after(() => temp.remove());

  it('CLI text, JSON and SARIF show only masked values', async () => {
    writeFiles(temp.root, FILES);
    const result = await run({ cwd: temp.root });
    const secretRules = new Set(result.findings.filter((finding) => finding.ruleId.startsWith('secrets/')).map((finding) => finding.ruleId));
    // The app exercises every secret rule, so every message template is covered.
    assert.deepEqual([...secretRules].sort(), [
      'secrets/aws-access-key',
      'secrets/generic-secret',
      'secrets/jwt',
      'secrets/private-key',
      'secrets/provider-token',
      'secrets/template-environment',
      'secrets/test-fixture',
    ]);
    assertNoSecret(formatText(result, { color: false }), 'text output');
    assertNoSecret(formatJson(result), 'JSON output');
    assertNoSecret(formatSarif(result), 'SARIF output');
    assert.ok(formatJson(result).includes('ghp_… (40 chars)'), 'the masked form is shown');
  });

  it('LSP diagnostics and fix titles and edits show only masked values', () => {
    const project = new Project(Object.entries(FILES));
    let findings = 0;
    for (const path of Object.keys(FILES)) {
      const lines = new LineIndex(FILES[path] ?? '');
      for (const finding of lintFile(project, path)) {
        findings++;
        const diagnostic = toDiagnostic(finding, lines, (file) => ({ uri: `file:///w/${file}`, positions: new LineIndex(FILES[file] ?? '') }));
        assertNoSecret(JSON.stringify(diagnostic), `the diagnostic of ${finding.ruleId} in ${path}`);
        assertNoSecret(JSON.stringify(finding.data), `the data of ${finding.ruleId} in ${path}`);
        for (const fix of finding.fixes) {
          assertNoSecret(fix.title, `a fix title of ${finding.ruleId}`);
          for (const edit of fix.edits) assertNoSecret(edit.text, `a fix edit of ${finding.ruleId}`);
        }
      }
    }
    assert.ok(findings >= 14, `expected the secrets to be found, got ${findings} findings`);
  });
});
