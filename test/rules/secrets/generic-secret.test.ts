import * as assert from 'node:assert/strict';
import rule from '../../../rules/checks/secrets/generic-secret';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';
import { assertSuggestionsResolveFindings } from './helpers';
import { TOKENS } from './tokens';

const SERVERLESS = yaml`
  service: billing
  provider:
    name: aws
    runtime: nodejs20.x
  functions:
    invoice:
      handler: src/invoice.handler
      events:
        - http:
            path: invoices
            method: post
`;

testRule(rule, {
  valid: [
    {
      name: 'names that are about a secret, not the secret',
      files: {
        'src/config.js': js`
          module.exports = {
            passwordPolicy: 'min-length-12-symbols-2',
            tokenExpiry: '3600s-rolling-v2',
            secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
            secretName: 'prod/db/Credentials2024',
            apiKeyHeader: 'x-api-key-v2-2024',
            publicKey: 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9aZ',
            authType: 'AWS_IAM_2024',
            passwordHash: '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy',
          };
        `,
      },
    },
    {
      name: 'AWS pagination, idempotency and S3 keys',
      files: {
        'src/list.js': js`
          const page = await client.send(new ListObjectsV2Command({ Bucket: b, ContinuationToken: 'a1b2c3d4e5f6g7h8i9j0' }));
          await client.send(new PutObjectCommand({ Bucket: b, Key: 'invoices/2024/a1b2c3d4e5f6.png' }));
          await sfn.send(new SendTaskSuccessCommand({ taskToken: 'AAAAKgAAAAIAAAAAAAAAA1b2c3d4e5f6', output: '{}' }));
          const params = { ClientToken: '550e8400-e29b-41d4-a716-446655440000', NextToken: 'eyJ2IjoxfQ2024x9' };
        `,
      },
    },
    {
      name: 'hashes and UUIDs that are not credentials',
      files: {
        'src/ids.js': js`
          const order = { id: '550e8400-e29b-41d4-a716-446655440000', checksum: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' };
          const asset = { integrity: 'sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUdBeoGlODJ6+SfaPg==', etag: 'd41d8cd98f00b204e9800998ecf8427e' };
          const user = { passwordHash: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo', password: '$2b$12$KIXQJ1u4W3xJ9eZzv5Q0SeJ8m1Vn2pQe3r4t5y6u7i8o9p0a1s2d3' };
        `,
      },
    },
    {
      name: 'secrets read from the environment, placeholders, labels and empty values',
      files: {
        'src/login.js': js`
          const password = process.env.DB_PASSWORD;
          const apiKey = process.env['API_KEY'] ?? '';
          const defaults = { password: '', token: '<your-token>', secret: 'changeme', clientSecret: 'xxxxxxxxxxxxxxxx' };
          const labels = { password: 'Enter your password', token: 'Paste the token here' };
          const names = { PASSWORD_VAR: 'DB_PASSWORD', passwordParameter: '/billing/prod/db-password' };
          fetch(url, { credentials: 'include' });
          const short = { token: 'abc', apiKey: 'k3y' };
          const sequence = { pin: '12345678', password: '12345678', token: 'abcdefghijklmnop' };
        `,
      },
    },
    {
      name: 'a const reported elsewhere is not folded again, and non-constant values are not judged',
      files: {
        'src/headers.js': js`
          const user = getUser();
          const headers = { Authorization: 'Bearer ' + user.token, 'X-Api-Key': process.env.KEY };
          let secret = load();
          secret = secret.trim();
        `,
      },
    },
    {
      name: 'templates: references and intrinsics',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Parameters:
            DbPassword:
              Type: String
              NoEcho: true
          Resources:
            Db:
              Type: AWS::RDS::DBInstance
              Properties:
                MasterUsername: admin
                MasterUserPassword: !Ref DbPassword
            Db2:
              Type: AWS::RDS::DBInstance
              Properties:
                MasterUserPassword: '{{resolve:secretsmanager:Db2:SecretString:password}}'
        `,
      },
    },
    {
      name: 'environment blocks are secrets/template-environment’s',
      files: { 'serverless.yml': 'service: a\nprovider:\n  name: aws\n  environment:\n    DB_PASSWORD: Tr0ub4dor-3\n' },
    },
    {
      name: 'a minified bundle gets no name-based guessing',
      files: { 'dist/app.js': `var a={password:"Tr0ub4dor-3"};${'b+=1;'.repeat(250)}\n` },
    },
    {
      name: 'a test file is left to secrets/test-fixture',
      files: { 'src/login.test.js': js`const password = 'Tr0ub4dor-3';` },
    },
    {
      name: 'dotenv placeholders and the shell’s working directory',
      files: { '.env.example': 'DB_PASSWORD=changeme\nAPI_TOKEN=<token>\nPWD=/home/me/app\nSECRET_KEY=\n' },
    },
  ],
  invalid: [
    {
      name: 'a password in a handler: move it to the function’s environment (no environment block yet)',
      files: {
        'serverless.yml': SERVERLESS,
        'src/invoice.js': js`
          const mysql = require('mysql2/promise');
          const dbPassword = 'Tr0ub4dor&3';
          exports.handler = async () => mysql.createConnection({ host: 'db', user: 'app', password: dbPassword });
        `,
      },
      errors: [
        {
          messageId: 'named',
          data: { name: 'dbPassword', kind: 'A password', secret: 'Tr… (11 chars)' },
          file: 'src/invoice.js',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'moveToEnvironment',
              output: {
                'serverless.yml': yaml`
                  service: billing
                  provider:
                    name: aws
                    runtime: nodejs20.x
                  functions:
                    invoice:
                      handler: src/invoice.handler
                      events:
                        - http:
                            path: invoices
                            method: post
                      environment:
                        DB_PASSWORD: \${ssm:/billing/\${sls:stage}/DB_PASSWORD}
                `,
                'src/invoice.js': js`
                  const mysql = require('mysql2/promise');
                  const dbPassword = process.env.DB_PASSWORD;
                  exports.handler = async () => mysql.createConnection({ host: 'db', user: 'app', password: dbPassword });
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a nested object property: the variable is named after its owner and added to SAM Variables',
      files: {
        'template.yaml': yaml`
          Transform: AWS::Serverless-2016-10-31
          Resources:
            Invoice:
              Type: AWS::Serverless::Function
              Properties:
                Handler: invoice.handler
                CodeUri: src/
                Environment:
                  Variables:
                    TABLE_NAME: invoices
        `,
        'src/invoice.js': js`
          const config = { smtp: { host: 'mail', pass: 'm4il-Passw0rd' } };
          exports.handler = async () => config;
        `,
      },
      errors: [
        {
          messageId: 'named',
          data: { name: 'pass', kind: 'A password', secret: 'm4i… (13 chars)' },
          file: 'src/invoice.js',
          line: 1,
          column: 47,
          endLine: 1,
          endColumn: 60,
          suggestions: [
            {
              messageId: 'moveToEnvironment',
              output: {
                'template.yaml': yaml`
                  Transform: AWS::Serverless-2016-10-31
                  Resources:
                    Invoice:
                      Type: AWS::Serverless::Function
                      Properties:
                        Handler: invoice.handler
                        CodeUri: src/
                        Environment:
                          Variables:
                            TABLE_NAME: invoices
                            SMTP_PASS: '{{resolve:secretsmanager:Invoice:SecretString:SMTP_PASS}}'
                `,
                'src/invoice.js': js`
                  const config = { smtp: { host: 'mail', pass: process.env.SMTP_PASS } };
                  exports.handler = async () => config;
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an Azure handler: the setting is added to local.settings.json as a Key Vault reference',
      files: {
        'Orders/function.json': json`{ "bindings": [{ "type": "httpTrigger", "direction": "in", "name": "req" }] }`,
        'Orders/index.js': js`
          module.exports = async function (context, req) {
            const apiKey = 'c8f2a91d4b7e3f6a0d5c9b2e';
            context.res = { body: await lookup(apiKey) };
          };
        `,
        'local.settings.json': json`
          {
            "IsEncrypted": false,
            "Values": {
              "FUNCTIONS_WORKER_RUNTIME": "node"
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'named',
          data: { name: 'apiKey', kind: 'An API key', secret: 'c8f2… (24 chars)' },
          file: 'Orders/index.js',
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 43,
          suggestions: [
            {
              messageId: 'moveToEnvironment',
              output: {
                'Orders/index.js': js`
                  module.exports = async function (context, req) {
                    const apiKey = process.env.API_KEY;
                    context.res = { body: await lookup(apiKey) };
                  };
                `,
                'local.settings.json': json`
                  {
                    "IsEncrypted": false,
                    "Values": {
                      "FUNCTIONS_WORKER_RUNTIME": "node",
                      "API_KEY": "@Microsoft.KeyVault(VaultName=<vault-name>;SecretName=API-KEY)"
                    }
                  }
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an empty environment block and a flow-style function are filled in place',
      files: {
        'serverless.yml': yaml`
          service: billing
          provider:
            name: aws
          functions:
            a:
              handler: src/a.handler
              environment:
            b: { handler: src/b.handler }
        `,
        'src/a.js': js`exports.handler = async () => ({ authToken: 'q7Xk2Lm9Pw4Rt8Vz' });`,
        'src/b.js': js`exports.handler = async () => ({ authToken: 'h3Jd8Ks2Nf6Bv1Qc' });`,
      },
      errors: [
        {
          messageId: 'named',
          file: 'src/a.js',
          line: 1,
          column: 46,
          endLine: 1,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'moveToEnvironment',
              output: {
                'serverless.yml': yaml`
                  service: billing
                  provider:
                    name: aws
                  functions:
                    a:
                      handler: src/a.handler
                      environment:
                        AUTH_TOKEN: \${ssm:/billing/\${sls:stage}/AUTH_TOKEN}
                    b: { handler: src/b.handler }
                `,
                'src/a.js': js`exports.handler = async () => ({ authToken: process.env.AUTH_TOKEN });`,
              },
            },
          ],
        },
        {
          messageId: 'named',
          file: 'src/b.js',
          line: 1,
          column: 46,
          endLine: 1,
          endColumn: 62,
          suggestions: [
            {
              messageId: 'moveToEnvironment',
              output: {
                'serverless.yml': yaml`
                  service: billing
                  provider:
                    name: aws
                  functions:
                    a:
                      handler: src/a.handler
                      environment:
                    b: { handler: src/b.handler, environment: { AUTH_TOKEN: '\${ssm:/billing/\${sls:stage}/AUTH_TOKEN}' } }
                `,
                'src/b.js': js`exports.handler = async () => ({ authToken: process.env.AUTH_TOKEN });`,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Authorization values built from constants, named and unnamed',
      files: {
        'src/client.js': js`
          const headers = { Authorization: \`Bearer \${'Xk29fLq8Zt3Wm7Rv1Np4'}\` };
          request.get(url, { headers: { 'Proxy-Authorization': 'Basic ' + Buffer.from('svc:8e254ed4').toString('base64') } });
          call(url, 'Basic ' + btoa('ops:Qz4Lk8Wp'));
        `,
      },
      errors: [
        { messageId: 'named', data: { name: 'Authorization', kind: 'A credential', secret: 'Bear… (27 chars)' }, file: 'src/client.js', line: 1, column: 34, endLine: 1, endColumn: 68, suggestions: [] },
        { messageId: 'named', data: { name: 'Proxy-Authorization', kind: 'A credential', secret: 'Basi… (22 chars)' }, file: 'src/client.js', line: 2, column: 54, endLine: 2, endColumn: 111, suggestions: [] },
        { messageId: 'authorization', data: { kind: 'A Basic authorization credential', secret: 'Basi… (22 chars)' }, file: 'src/client.js', line: 3, column: 11, endLine: 3, endColumn: 42, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'a constant token used in a header is reported once, where it is declared',
      files: {
        'src/client.js': js`
          const API_TOKEN = 'Zm9vYmFyYmF6cXV4MTIz';
          fetch(url, { headers: { Authorization: 'Bearer ' + API_TOKEN } });
        `,
      },
      errors: [{ messageId: 'named', data: { name: 'API_TOKEN', kind: 'A token', secret: 'Zm9v… (20 chars)' }, file: 'src/client.js', line: 1, column: 20, endLine: 1, endColumn: 40 }],
      output: null,
    },
    {
      name: 'comparisons, fallbacks, setters, headers and signing keys',
      files: {
        'src/auth.js': js`
          const jwt = require('jsonwebtoken');
          const crypto = require('node:crypto');
          if (req.body.password === 'letmein-2024') grant();
          const token = process.env.API_TOKEN || 'a1b2c3d4e5f6g7h8i9j0';
          sgMail.setApiKey('k9Xb2Qw7Lm4Rt1Zp8Nv3');
          res.setHeader('X-Api-Key', 'Pq8Zr3Lw7Xk2Mn5Tb9Vc');
          jwt.sign(payload, 'jwt-signing-s3cret');
          crypto.createHmac('sha256', 'hmac-Key-2024');
        `,
      },
      errors: [
        { messageId: 'compared', data: { name: 'password', kind: 'a password', secret: 'let… (12 chars)' }, file: 'src/auth.js', line: 3, column: 28, endLine: 3, endColumn: 40, suggestions: [] },
        { messageId: 'fallback', data: { name: 'token', kind: 'a token', secret: 'a1b2… (20 chars)' }, file: 'src/auth.js', line: 4, column: 41, endLine: 4, endColumn: 61, suggestions: [] },
        { messageId: 'named', data: { name: 'sgMail.setApiKey()', kind: 'An API key', secret: 'k9Xb… (20 chars)' }, file: 'src/auth.js', line: 5, column: 19, endLine: 5, endColumn: 39 },
        { messageId: 'named', data: { name: 'the X-Api-Key header', kind: 'An API key', secret: 'Pq8Z… (20 chars)' }, file: 'src/auth.js', line: 6, column: 29, endLine: 6, endColumn: 49 },
        { messageId: 'named', data: { name: 'the key of jwt.sign()', kind: 'A secret', secret: 'jwt-… (18 chars)' }, file: 'src/auth.js', line: 7, column: 20, endLine: 7, endColumn: 38 },
        { messageId: 'named', data: { name: 'the key of crypto.createHmac()', kind: 'A secret', secret: 'hma… (13 chars)' }, file: 'src/auth.js', line: 8, column: 30, endLine: 8, endColumn: 43 },
      ],
      output: null,
    },
    {
      name: 'YAML keys: serverless custom values, CloudFormation properties and parameter defaults',
      files: {
        'serverless.yml': yaml`
          service: billing
          custom:
            dbPassword: 'Tr0ub4dor&3'
        `,
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Parameters:
            AdminPassword:
              Type: String
              NoEcho: true
              Default: Adm1n-Passw0rd
          Resources:
            Db:
              Type: AWS::RDS::DBInstance
              Properties:
                MasterUsername: admin
                MasterUserPassword: Sup3r-S3cret
        `,
      },
      errors: [
        {
          messageId: 'named',
          data: { name: 'dbPassword', kind: 'A password', secret: 'Tr… (11 chars)' },
          file: 'serverless.yml',
          line: 3,
          column: 16,
          endLine: 3,
          endColumn: 27,
          suggestions: [
            {
              messageId: 'useSsmParameter',
              output: { 'serverless.yml': "service: billing\ncustom:\n  dbPassword: '${ssm:/billing/${sls:stage}/DB_PASSWORD}'\n" },
            },
          ],
        },
        { messageId: 'named', data: { name: 'AdminPassword', kind: 'A password', secret: 'Adm… (14 chars)' }, file: 'template.yaml', line: 6, column: 14, endLine: 6, endColumn: 28, suggestions: [] },
        {
          messageId: 'named',
          data: { name: 'MasterUserPassword', kind: 'A password', secret: 'Sup… (12 chars)' },
          file: 'template.yaml',
          line: 12,
          column: 27,
          endLine: 12,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useSecretsManager',
              output: {
                'template.yaml': yaml`
                  AWSTemplateFormatVersion: '2010-09-09'
                  Parameters:
                    AdminPassword:
                      Type: String
                      NoEcho: true
                      Default: Adm1n-Passw0rd
                  Resources:
                    Db:
                      Type: AWS::RDS::DBInstance
                      Properties:
                        MasterUsername: admin
                        MasterUserPassword: '{{resolve:secretsmanager:Db:SecretString:MasterUserPassword}}'
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a JSON settings file and a dotenv file',
      files: {
        'config/production.json': json`{ "smtp": { "user": "billing", "password": "m4il-Passw0rd" } }`,
        '.env': 'NODE_ENV=production\nexport API_TOKEN="ab12cd34ef56gh78ij90"  # rotate monthly\nDB_PASS=Tr0ub4dor-3 # local only\n',
      },
      errors: [
        { messageId: 'named', data: { name: 'API_TOKEN', kind: 'A token', secret: 'ab12… (20 chars)' }, file: '.env', line: 2, column: 19, endLine: 2, endColumn: 39 },
        { messageId: 'named', data: { name: 'DB_PASS', kind: 'A password', secret: 'Tr… (11 chars)' }, file: '.env', line: 3, column: 9, endLine: 3, endColumn: 20 },
        { messageId: 'named', data: { name: 'password', kind: 'A password', secret: 'm4i… (13 chars)' }, file: 'config/production.json', line: 1, column: 45, endLine: 1, endColumn: 58 },
      ],
      output: null,
    },
    {
      name: 'a provider token under a secret name is secrets/provider-token’s, the rest is still reported',
      files: { 'src/keys.js': js`const keys = { githubToken: '${TOKENS.githubPersonal}', signingSecret: 'wh-s1gning-2024' };` },
      errors: [{ messageId: 'named', data: { name: 'signingSecret', kind: 'A secret', secret: 'wh-… (15 chars)' }, file: 'src/keys.js', line: 1, column: 89, endLine: 1, endColumn: 104 }],
      output: null,
    },
  ],
});

describe('secrets/generic-secret suggestions', () => {
  it('leave files that parse, remove the finding and add nothing, in every layout', () => {
    const checked = assertSuggestionsResolveFindings({
      'serverless.yml': `${SERVERLESS}  empty:\n    handler: src/empty.handler\n    environment:\n  flow: { handler: src/flow.handler }\ncustom:\n  dbPassword: Tr0ub4dor-3\n`,
      'src/invoice.js': js`const dbPassword = 'Tr0ub4dor&3';\nexports.handler = async () => dbPassword;`,
      'src/empty.js': js`exports.handler = async () => ({ authToken: 'q7Xk2Lm9Pw4Rt8Vz' });`,
      'src/flow.js': js`exports.handler = async () => ({ authToken: 'h3Jd8Ks2Nf6Bv1Qc' });`,
      'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: Sup3r-S3cret\n`,
    });
    assert.equal(checked, 5);
  });

  it('keep CRLF line breaks in the lines they add', () => {
    const files = {
      'serverless.yml': SERVERLESS.replace(/\n/g, '\r\n'),
      'src/invoice.js': js`const dbPassword = 'Tr0ub4dor&3';`.replace(/\n/g, '\r\n'),
    };
    assert.equal(assertSuggestionsResolveFindings(files), 1);
  });
});
