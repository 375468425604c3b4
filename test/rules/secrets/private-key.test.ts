import rule from '../../../rules/checks/secrets/private-key';
import { js, json, testRule } from '../../helpers/rule-tester';
import { TOKENS } from './tokens';

const BODY = TOKENS.rsaKeyBody;
const ESCAPED_BODY = BODY.replace(/\n/g, '\\n');

testRule(rule, {
  valid: [
    {
      name: 'a public key',
      files: { 'keys/signing.pub': `-----BEGIN PUBLIC KEY-----\n${BODY}\n-----END PUBLIC KEY-----\n` },
    },
    {
      name: 'headers without a body: a parser, a docs line',
      files: {
        'src/pem.js': js`
          const HEADER = '-----BEGIN PRIVATE KEY-----';
          const isKey = (text) => text.startsWith(HEADER) && text.includes('-----END PRIVATE KEY-----');
        `,
        'README.txt': 'Paste your key: -----BEGIN RSA PRIVATE KEY----- ... -----END RSA PRIVATE KEY-----\n',
      },
    },
    {
      name: 'a key read at run time',
      files: { 'src/sign.js': js`const key = await secrets.send(new GetSecretValueCommand({ SecretId: 'signing-key' }));` },
    },
    {
      name: 'a key in a test fixture is left to secrets/test-fixture',
      files: { 'template.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n', 'test/fixtures/key.pem': `-----BEGIN PRIVATE KEY-----\n${BODY}\n-----END PRIVATE KEY-----\n` },
    },
  ],
  invalid: [
    {
      name: 'an RSA key file: the header is underlined, nothing inside the block is reported again',
      files: { 'deploy/id_rsa': `-----BEGIN RSA PRIVATE KEY-----\n${BODY}\n-----END RSA PRIVATE KEY-----\n` },
      errors: [{ messageId: 'privateKey', data: { kind: 'An RSA private key' }, file: 'deploy/id_rsa', line: 1, column: 1, endLine: 1, endColumn: 32 }],
      output: null,
    },
    {
      name: 'a service account key in JSON, with escaped line breaks',
      files: {
        'gcp-key.json': json`
          {
            "type": "service_account",
            "private_key_id": "3f2a1b",
            "private_key": "-----BEGIN PRIVATE KEY-----\\n${ESCAPED_BODY}\\n-----END PRIVATE KEY-----\\n"
          }
        `,
      },
      errors: [{ messageId: 'privateKey', data: { kind: 'A private key' }, file: 'gcp-key.json', line: 4, column: 19, endLine: 4, endColumn: 46 }],
      output: null,
    },
    {
      name: 'OpenSSH, EC and encrypted keys in a handler’s template literal',
      files: {
        'src/keys.ts': [
          `export const ssh = \`-----BEGIN OPENSSH PRIVATE KEY-----\n${BODY}\n-----END OPENSSH PRIVATE KEY-----\`;`,
          `export const ec = \`-----BEGIN EC PRIVATE KEY-----\n${BODY}\n-----END EC PRIVATE KEY-----\`;`,
          `export const enc = \`-----BEGIN ENCRYPTED PRIVATE KEY-----\n${BODY}\n-----END ENCRYPTED PRIVATE KEY-----\`;`,
          '',
        ].join('\n'),
      },
      errors: [
        { messageId: 'privateKey', data: { kind: 'An OpenSSH private key' }, file: 'src/keys.ts', line: 1, column: 21, endLine: 1, endColumn: 56 },
        { messageId: 'privateKey', data: { kind: 'An EC private key' }, file: 'src/keys.ts', line: 9, column: 20, endLine: 9, endColumn: 50 },
        { messageId: 'privateKey', data: { kind: 'An encrypted private key' }, file: 'src/keys.ts', line: 17, column: 21, endLine: 17, endColumn: 58 },
      ],
      output: null,
    },
  ],
});
