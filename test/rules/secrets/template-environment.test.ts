import * as assert from 'node:assert/strict';
import { maskSecret } from '../../../rules/analysis/secrets/mask';
import rule from '../../../rules/checks/secrets/template-environment';
import { json, testRule, yaml } from '../../helpers/rule-tester';
import { assertSuggestionsResolveFindings } from './helpers';
import { jwt, TOKENS } from './tokens';

const SAM_HEADER = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';

testRule(rule, {
  valid: [
    {
      name: 'serverless variables: SSM, environment, self references',
      files: {
        'serverless.yml': yaml`
          service: api
          provider:
            name: aws
            environment:
              DB_PASSWORD: \${ssm:/api/\${sls:stage}/DB_PASSWORD}
              GITHUB_TOKEN: \${env:GITHUB_TOKEN}
              API_KEY: \${self:custom.apiKeyParameter}
              TABLE_NAME: orders
              LOG_LEVEL: debug
          functions:
            get:
              handler: src/get.handler
        `,
      },
    },
    {
      name: 'SAM: dynamic references, a NoEcho parameter, intrinsics',
      files: {
        'template.yaml': `${SAM_HEADER}${yaml`
          Parameters:
            DbPassword:
              Type: String
              NoEcho: true
          Resources:
            Fn:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Environment:
                  Variables:
                    DB_PASSWORD: !Ref DbPassword
                    API_KEY: '{{resolve:secretsmanager:Fn:SecretString:API_KEY}}'
                    SIGNING_SECRET: '{{resolve:ssm-secure:/fn/signing-secret:1}}'
                    QUEUE_URL: !GetAtt Queue.QueueUrl
                    TOKEN_ARN: !Sub 'arn:aws:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:token'
            Queue:
              Type: AWS::SQS::Queue
        `}`,
      },
    },
    {
      name: 'Azure: Key Vault references, the storage emulator, a connection string without a password',
      files: {
        'local.settings.json': json`
          {
            "IsEncrypted": false,
            "Values": {
              "FUNCTIONS_WORKER_RUNTIME": "node",
              "AzureWebJobsStorage": "UseDevelopmentStorage=true",
              "ApiKey": "@Microsoft.KeyVault(SecretUri=https://orders.vault.azure.net/secrets/ApiKey/)"
            },
            "ConnectionStrings": {
              "Orders": "Server=tcp:orders.database.windows.net;Database=orders;Authentication=Active Directory Managed Identity;"
            }
          }
        `,
      },
    },
    {
      name: 'placeholders, empty values and values too plain to be secrets',
      files: {
        'serverless.yml': yaml`
          service: api
          provider:
            name: aws
            environment:
              DB_PASSWORD: changeme
              API_TOKEN: "<your-token>"
              CLIENT_SECRET: ""
              SESSION_SECRET:
              AUTH_MODE: token
              NEXT_TOKEN: a1b2c3d4e5f6a7b8c9d0
          functions:
            get:
              handler: src/get.handler
        `,
      },
    },
    {
      name: 'a public JWT under a non-secret name is left to secrets/jwt',
      files: {
        'serverless.yml': `service: web\nprovider:\n  name: aws\n  environment:\n    SUPABASE_ANON_KEY: ${jwt({ role: 'anon' })}\n`,
      },
    },
    {
      name: 'a template in a test fixture folder is left to secrets/test-fixture',
      files: {
        'serverless.yml': 'service: root\n',
        'test/fixtures/app/serverless.yml': `service: x\nprovider:\n  name: aws\n  environment:\n    STRIPE_KEY: ${TOKENS.stripe}\n`,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless.yml: a provider token and a password, replaced by SSM parameter references',
      files: {
        'serverless.yml': yaml`
          service: payments
          provider:
            name: aws
            environment:
              STRIPE_KEY: ${TOKENS.stripe}
          functions:
            charge:
              handler: src/charge.handler
              environment:
                DB_PASSWORD: "Tr0ub4dor&3"
        `,
      },
      errors: [
        {
          messageId: 'plaintext',
          data: { place: 'Environment variable', name: 'STRIPE_KEY', kind: 'a Stripe live API key', secret: 'sk_l… (32 chars)' },
          file: 'serverless.yml',
          line: 5,
          column: 17,
          endLine: 5,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'useSsmParameter',
              output: {
                'serverless.yml': yaml`
                  service: payments
                  provider:
                    name: aws
                    environment:
                      STRIPE_KEY: \${ssm:/payments/\${sls:stage}/STRIPE_KEY}
                  functions:
                    charge:
                      handler: src/charge.handler
                      environment:
                        DB_PASSWORD: "Tr0ub4dor&3"
                `,
              },
            },
          ],
        },
        {
          messageId: 'plaintext',
          data: { place: 'Environment variable', name: 'DB_PASSWORD', kind: 'a password', secret: 'Tr… (11 chars)' },
          file: 'serverless.yml',
          line: 10,
          column: 21,
          endLine: 10,
          endColumn: 32,
          suggestions: [
            {
              messageId: 'useSsmParameter',
              output: {
                'serverless.yml': yaml`
                  service: payments
                  provider:
                    name: aws
                    environment:
                      STRIPE_KEY: ${TOKENS.stripe}
                  functions:
                    charge:
                      handler: src/charge.handler
                      environment:
                        DB_PASSWORD: "\${ssm:/payments/\${sls:stage}/DB_PASSWORD}"
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a function variable reads the function’s secret; a Globals variable a secret of its own',
      files: {
        'template.yaml': `${SAM_HEADER}${yaml`
          Globals:
            Function:
              Environment:
                Variables:
                  SLACK_WEBHOOK_URL: ${TOKENS.slackWebhook}
          Resources:
            SyncFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Environment:
                  Variables:
                    GITHUB_TOKEN: '${TOKENS.githubPersonal}'
        `}`,
      },
      errors: [
        {
          messageId: 'plaintext',
          data: { place: 'Environment variable', name: 'SLACK_WEBHOOK_URL', kind: 'a Slack webhook URL', secret: maskSecret(TOKENS.slackWebhook) },
          file: 'template.yaml',
          line: 7,
          column: 28,
          endLine: 7,
          endColumn: 28 + TOKENS.slackWebhook.length,
          suggestions: [
            {
              messageId: 'useSecretsManager',
              output: {
                'template.yaml': `${SAM_HEADER}${yaml`
                  Globals:
                    Function:
                      Environment:
                        Variables:
                          SLACK_WEBHOOK_URL: '{{resolve:secretsmanager:SLACK_WEBHOOK_URL:SecretString:SLACK_WEBHOOK_URL}}'
                  Resources:
                    SyncFunction:
                      Type: AWS::Serverless::Function
                      Properties:
                        Handler: app.handler
                        Environment:
                          Variables:
                            GITHUB_TOKEN: '${TOKENS.githubPersonal}'
                `}`,
              },
            },
          ],
        },
        {
          messageId: 'plaintext',
          data: { place: 'Environment variable', name: 'GITHUB_TOKEN', kind: 'a GitHub personal access token', secret: 'ghp_… (40 chars)' },
          file: 'template.yaml',
          line: 15,
          column: 26,
          endLine: 15,
          endColumn: 66,
          suggestions: [
            {
              messageId: 'useSecretsManager',
              output: {
                'template.yaml': `${SAM_HEADER}${yaml`
                  Globals:
                    Function:
                      Environment:
                        Variables:
                          SLACK_WEBHOOK_URL: ${TOKENS.slackWebhook}
                  Resources:
                    SyncFunction:
                      Type: AWS::Serverless::Function
                      Properties:
                        Handler: app.handler
                        Environment:
                          Variables:
                            GITHUB_TOKEN: '{{resolve:secretsmanager:SyncFunction:SecretString:GITHUB_TOKEN}}'
                `}`,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: a numeric password',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "Worker": {
                "Type": "AWS::Lambda::Function",
                "Properties": {
                  "Handler": "index.handler",
                  "Environment": { "Variables": { "SMTP_PASSWORD": 48151623, "SMTP_HOST": "mail.internal" } }
                }
              }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'plaintext',
          data: { place: 'Environment variable', name: 'SMTP_PASSWORD', kind: 'a password', secret: '48… (8 chars)' },
          file: 'stack.json',
          line: 8,
          column: 58,
          endLine: 8,
          endColumn: 66,
          suggestions: [
            {
              messageId: 'useSecretsManager',
              output: {
                'stack.json': json`
                  {
                    "AWSTemplateFormatVersion": "2010-09-09",
                    "Resources": {
                      "Worker": {
                        "Type": "AWS::Lambda::Function",
                        "Properties": {
                          "Handler": "index.handler",
                          "Environment": { "Variables": { "SMTP_PASSWORD": "{{resolve:secretsmanager:Worker:SecretString:SMTP_PASSWORD}}", "SMTP_HOST": "mail.internal" } }
                        }
                      }
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
      name: 'local.settings.json: a storage account key and a connection string with a password',
      files: {
        'local.settings.json': json`
          {
            "IsEncrypted": false,
            "Values": {
              "FUNCTIONS_WORKER_RUNTIME": "node",
              "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=${TOKENS.azureAccountKey};EndpointSuffix=core.windows.net"
            },
            "ConnectionStrings": {
              "OrdersDb": "Server=tcp:orders.database.windows.net;Database=orders;User ID=app;Password=Pr0d-Passw0rd!;"
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'plaintext',
          data: { place: 'App setting', name: 'AzureWebJobsStorage', kind: 'an Azure storage account key', secret: 'Defa… (181 chars)' },
          file: 'local.settings.json',
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 210,
          suggestions: [
            {
              messageId: 'useDevelopmentStorage',
              output: {
                'local.settings.json': json`
                  {
                    "IsEncrypted": false,
                    "Values": {
                      "FUNCTIONS_WORKER_RUNTIME": "node",
                      "AzureWebJobsStorage": "UseDevelopmentStorage=true"
                    },
                    "ConnectionStrings": {
                      "OrdersDb": "Server=tcp:orders.database.windows.net;Database=orders;User ID=app;Password=Pr0d-Passw0rd!;"
                    }
                  }
                `,
              },
            },
            {
              messageId: 'useKeyVault',
              output: {
                'local.settings.json': json`
                  {
                    "IsEncrypted": false,
                    "Values": {
                      "FUNCTIONS_WORKER_RUNTIME": "node",
                      "AzureWebJobsStorage": "@Microsoft.KeyVault(VaultName=<vault-name>;SecretName=AzureWebJobsStorage)"
                    },
                    "ConnectionStrings": {
                      "OrdersDb": "Server=tcp:orders.database.windows.net;Database=orders;User ID=app;Password=Pr0d-Passw0rd!;"
                    }
                  }
                `,
              },
            },
          ],
        },
        {
          messageId: 'plaintext',
          data: { place: 'Connection string', name: 'OrdersDb', kind: 'a connection string password', secret: 'Serv… (91 chars)' },
          file: 'local.settings.json',
          line: 8,
          column: 18,
          endLine: 8,
          endColumn: 109,
          suggestions: [
            {
              messageId: 'useKeyVault',
              output: {
                'local.settings.json': json`
                  {
                    "IsEncrypted": false,
                    "Values": {
                      "FUNCTIONS_WORKER_RUNTIME": "node",
                      "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=${TOKENS.azureAccountKey};EndpointSuffix=core.windows.net"
                    },
                    "ConnectionStrings": {
                      "OrdersDb": "@Microsoft.KeyVault(VaultName=<vault-name>;SecretName=OrdersDb)"
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
  ],
});

describe('secrets/template-environment suggestions', () => {
  it('leave files that parse, remove the finding and add nothing', () => {
    const checked = assertSuggestionsResolveFindings({
      'serverless.yml': `service: payments\nprovider:\n  name: aws\n  environment:\n    STRIPE_KEY: ${TOKENS.stripe}\n    DB_PASSWORD: 'Tr0ub4dor&3'\nfunctions:\n  charge:\n    handler: src/charge.handler\n    environment: { SLACK_WEBHOOK_URL: '${TOKENS.slackWebhook}' }\n`,
      'local.settings.json': `{ "Values": { "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=o;AccountKey=${TOKENS.azureAccountKey}" } }\n`,
    });
    assert.equal(checked, 5);
  });
});
