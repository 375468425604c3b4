import rule from '../../../rules/checks/secrets/aws-access-key';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';
import { TOKENS } from './tokens';

testRule(rule, {
  valid: [
    {
      name: 'the key read from the environment',
      files: {
        'src/upload.js': js`
          const { S3Client } = require('@aws-sdk/client-s3');
          const s3 = new S3Client({ region: process.env.AWS_REGION });
          exports.handler = async () => s3;
        `,
      },
    },
    {
      name: "Amazon's documented example key",
      files: { 'src/config.js': js`const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';` },
    },
    {
      name: 'a temporary key id ending in EXAMPLE',
      files: { '.env': 'AWS_ACCESS_KEY_ID=ASIAJEXAMPLEXEG2JICEA\nAWS_SESSION_KEY_ID=ASIA2E0A8F3BEXAMPLE\n' },
    },
    {
      name: 'a key-like run inside a longer identifier',
      files: {
        'src/ids.ts': js`
          export const XAKIA2E0A8F3B244C9986 = 1;
          export const ids = ['AKIA2E0A8F3B244C99861', 'AKIA2E0A8F3B244C9986_OLD', 'old_AKIA2E0A8F3B244C9986'];
        `,
      },
    },
    {
      name: 'lower case and too short',
      files: { 'notes.txt': 'akia2e0a8f3b244c9986 AKIA2E0A8F3B244C998 AKIa2E0A8F3B244C9986\n' },
    },
    {
      name: 'other IAM unique ids are not secrets',
      files: {
        'template.yaml': yaml`
          # role AROA2E0A8F3B244C9986Q and user AIDA2E0A8F3B244C9986Q
          AWSTemplateFormatVersion: '2010-09-09'
          Resources: {}
        `,
      },
    },
    {
      name: 'forty base64 characters with no access key id nearby',
      files: { 'src/build.js': js`const buildHash = '${TOKENS.awsSecretKey}';` },
    },
    {
      name: 'AWS documentation’s example pair',
      files: { '.env': 'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n' },
    },
    {
      name: 'a key in a test fixture is left to secrets/test-fixture',
      files: { 'serverless.yml': 'service: a\n', 'test/fixtures/credentials.json': '{ "accessKeyId": "AKIA2E0A8F3B244C9986" }\n' },
    },
  ],
  invalid: [
    {
      name: 'a long-term key in a handler',
      files: {
        'src/upload.js': js`
          const { S3Client } = require('@aws-sdk/client-s3');
          const s3 = new S3Client({ credentials: { accessKeyId: 'AKIA2E0A8F3B244C9986', secretAccessKey: process.env.SECRET } });
          exports.handler = async () => s3;
        `,
      },
      errors: [
        {
          messageId: 'accessKey',
          data: { kind: 'long-term', key: 'AKIA… (20 chars)' },
          file: 'src/upload.js',
          line: 2,
          column: 56,
          endLine: 2,
          endColumn: 76,
        },
      ],
      output: null,
    },
    {
      name: 'a temporary key in a .env file, at the end of the text',
      files: { '.env': 'AWS_REGION=eu-west-1\nAWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A' },
      errors: [
        {
          messageId: 'accessKey',
          data: { kind: 'temporary', key: 'ASIA… (20 chars)' },
          file: '.env',
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 39,
        },
      ],
      output: null,
    },
    {
      name: 'a key in a serverless.yml environment block',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            environment:
              AWS_ACCESS_KEY_ID: "AKIA2E0A8F3B244C9986"
        `,
      },
      errors: [
        {
          messageId: 'accessKey',
          data: { kind: 'long-term', key: 'AKIA… (20 chars)' },
          file: 'serverless.yml',
          line: 5,
          column: 25,
          endLine: 5,
          endColumn: 45,
        },
      ],
      output: null,
    },
    {
      name: 'bearer-token and context-credential prefixes in local.settings.json',
      files: {
        'local.settings.json': json`
          {
            "IsEncrypted": false,
            "Values": {
              "TOKEN_ID": "ABIA2E0A8F3B244C9986",
              "OTHER_ID": "ACCA2E0A8F3B244C9986"
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'accessKey',
          data: { kind: 'temporary', key: 'ABIA… (20 chars)' },
          file: 'local.settings.json',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 38,
        },
        {
          messageId: 'accessKey',
          data: { kind: 'long-term', key: 'ACCA… (20 chars)' },
          file: 'local.settings.json',
          line: 5,
          column: 18,
          endLine: 5,
          endColumn: 38,
        },
      ],
      output: null,
    },
    {
      name: 'keys in two files, one in a comment',
      files: {
        'src/b.ts': js`
          // old key: AKIAZZZZ2222YYYY3333
          export const region = 'eu-west-1';
        `,
        'src/a.js': js`module.exports = { key: "AKIA2E0A8F3B244C9986" };`,
      },
      errors: [
        { messageId: 'accessKey', data: { kind: 'long-term', key: 'AKIA… (20 chars)' }, file: 'src/a.js', line: 1, column: 26, endLine: 1, endColumn: 46 },
        { messageId: 'accessKey', data: { kind: 'long-term', key: 'AKIA… (20 chars)' }, file: 'src/b.ts', line: 1, column: 13, endLine: 1, endColumn: 33 },
      ],
      output: null,
    },
    {
      name: 'a key after characters outside the basic plane keeps UTF-16 columns',
      files: { 'notes.md': 'café 🔑 AKIA2E0A8F3B244C9986\n' },
      errors: [
        { messageId: 'accessKey', data: { kind: 'long-term', key: 'AKIA… (20 chars)' }, file: 'notes.md', line: 1, column: 9, endLine: 1, endColumn: 29 },
      ],
      output: null,
    },
    {
      name: 'a key pair in a handler: the secret access key is reported too, pointing at its id',
      files: {
        'src/upload.js': js`
          const s3 = new S3Client({
            credentials: {
              accessKeyId: 'AKIA2E0A8F3B244C9986',
              secretAccessKey: '${TOKENS.awsSecretKey}',
            },
          });
        `,
      },
      errors: [
        { messageId: 'accessKey', data: { kind: 'long-term', key: 'AKIA… (20 chars)' }, file: 'src/upload.js', line: 3, column: 19, endLine: 3, endColumn: 39 },
        {
          messageId: 'secretAccessKey',
          data: { key: `${TOKENS.awsSecretKey.slice(0, 4)}… (40 chars)` },
          file: 'src/upload.js',
          line: 4,
          column: 23,
          endLine: 4,
          endColumn: 63,
          related: [{ file: 'src/upload.js', line: 3, column: 19, endLine: 3, endColumn: 39, message: 'the access key id it belongs to' }],
        },
      ],
      output: null,
    },
    {
      name: 'a credentials file: the secret key right after the equals sign',
      files: { '.env': `AWS_ACCESS_KEY_ID=ASIAY34FZKBOKMUTVV7A\nAWS_SECRET_ACCESS_KEY=${TOKENS.awsSecretKey}\n` },
      errors: [
        { messageId: 'accessKey', data: { kind: 'temporary', key: 'ASIA… (20 chars)' }, file: '.env', line: 1, column: 19, endLine: 1, endColumn: 39 },
        { messageId: 'secretAccessKey', file: '.env', line: 2, column: 23, endLine: 2, endColumn: 63 },
      ],
      output: null,
    },
    {
      name: 'a key id in an environment block is this rule’s, not secrets/template-environment’s',
      files: {
        'template.yaml': yaml`
          Transform: AWS::Serverless-2016-10-31
          Resources:
            Fn:
              Type: AWS::Serverless::Function
              Properties:
                Handler: index.handler
                Environment:
                  Variables:
                    AWS_ACCESS_KEY_ID: AKIA2E0A8F3B244C9986
        `,
      },
      errors: [{ messageId: 'accessKey', data: { kind: 'long-term', key: 'AKIA… (20 chars)' }, file: 'template.yaml', line: 9, column: 30, endLine: 9, endColumn: 50 }],
      output: null,
    },
    {
      name: 'a SHA-1 next to a key id is not a secret access key',
      files: { 'notes.txt': 'AKIA2E0A8F3B244C9986 rotated in commit 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12\n' },
      errors: [{ messageId: 'accessKey', data: { kind: 'long-term', key: 'AKIA… (20 chars)' }, file: 'notes.txt', line: 1, column: 1, endLine: 1, endColumn: 21 }],
      output: null,
    },
  ],
});
