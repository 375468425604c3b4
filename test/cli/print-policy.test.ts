/**
 * `--print-policy <function>`: the least-privilege policy of one function in its template's
 * syntax (exact text, which parses), as JSON with `--format json`, and the errors for a name that
 * is unknown, ambiguous or not an AWS function.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml, parseDocument } from 'yaml';
import { runCli, type CliIo } from '../../cli/src/cli';
import { CliError } from '../../cli/src/errors';
import { parseArguments } from '../../cli/src/options';
import { appFolders, makeTempFolder } from './helpers';
import { S3_SQS_HANDLER as SERVERLESS_HANDLER } from '../fixes/iam-fixtures';

function capture(cwd: string): { io: CliIo; stdout(): string; stderr(): string } {
  let out = '';
  let err = '';
  return {
    io: { cwd, stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, env: {} },
    stdout: () => out,
    stderr: () => err,
  };
}

async function cli(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = capture(cwd);
  const code = await runCli(argv, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

/** CloudFormation short tags are custom YAML tags: parse them as plain values to check the syntax. */
function parsesAsCloudFormationYaml(text: string): void {
  const document = parseDocument(text, {
    customTags: ['!Ref', '!Sub', '!GetAtt'].flatMap((tag) => [
      { tag, resolve: (value: string) => value },
      { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
    ]),
  });
  assert.deepEqual(document.errors, []);
}

const SERVERLESS = `service: photos
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: \${self:custom.bucket}
    QUEUE_URL:
      Ref: Jobs
  iam:
    role:
      statements:
        - Effect: Allow
          Action: "s3:*"
          Resource: "*"
custom:
  bucket: photos-\${sls:stage}
functions:
  list:
    handler: src/handler.handler
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
`;

const SERVERLESS_POLICY = `# Least-privilege policy of function list (serverless.yml): the actions its code calls.
iam:
  role:
    statements:
      - Effect: Allow
        Action: "s3:GetObject"
        Resource: "arn:aws:s3:::\${self:custom.bucket}/*"
      - Effect: Allow
        Action: "s3:ListBucket"
        Resource: "arn:aws:s3:::\${self:custom.bucket}"
      - Effect: Allow
        Action: "sqs:SendMessage"
        Resource:
          - Fn::GetAtt: [Jobs, Arn]
`;

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ListFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/handler.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          BUCKET: !Ref Photos
          TABLE: !Ref Items
      Policies:
        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: '*'
  Photos:
    Type: AWS::S3::Bucket
  Items:
    Type: AWS::DynamoDB::Table
`;

const SAM_HANDLER = `const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient, QueryCommand } = require('@aws-sdk/client-dynamodb');
const s3 = new S3Client({});
const db = new DynamoDBClient({});
exports.handler = async (event) => {
  await db.send(new QueryCommand({ TableName: process.env.TABLE, IndexName: 'byDate' }));
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: event.key, Body: '' }));
  await s3.send(event.command);
};
`;

const SAM_POLICY = `# Least-privilege policy of function ListFunction (template.yaml): the actions its code calls.
# An SDK call at src/handler.js:8:9 could not be resolved (the command is not built here): its actions are missing.
Policies:
  - Statement:
      - Effect: Allow
        Action: dynamodb:Query
        Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Items}/index/*
      - Effect: Allow
        Action: s3:PutObject
        Resource: !Sub arn:aws:s3:::\${Photos}/*
`;

const CLOUDFORMATION_JSON = `{
  "Resources": {
    "Worker": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/handler.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": { "Fn::GetAtt": ["WorkerRole", "Arn"] },
        "Environment": { "Variables": { "QUEUE_URL": { "Ref": "Jobs" } } }
      }
    },
    "Jobs": { "Type": "AWS::SQS::Queue" },
    "WorkerRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }] },
        "Policies": [{ "PolicyName": "all", "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "sqs:*", "Resource": "*" }] } }]
      }
    }
  }
}
`;

const CLOUDFORMATION_HANDLER = `const { SQSClient, SendMessageCommand, DeleteMessageCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async () => {
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'x' }));
  await sqs.send(new DeleteMessageCommand({ QueueUrl: process.env.OTHER_URL, ReceiptHandle: 'x' }));
};
`;

const CLOUDFORMATION_POLICY = `{
  "PolicyDocument": {
    "Version": "2012-10-17",
    "Statement": [
      {
        "Effect": "Allow",
        "Action": "sqs:DeleteMessage",
        "Resource": {
          "Fn::Sub": "arn:aws:sqs:\${AWS::Region}:\${AWS::AccountId}:*"
        }
      },
      {
        "Effect": "Allow",
        "Action": "sqs:SendMessage",
        "Resource": {
          "Fn::GetAtt": [
            "Jobs",
            "Arn"
          ]
        }
      }
    ]
  }
}
`;

describe('cli --print-policy', () => {
  const temp = makeTempFolder('ssl-print-policy-');
  const app = appFolders(temp.root);
  after(() => temp.remove());

  it('prints a serverless function policy as iam.role.statements YAML', async () => {
    const folder = app({ 'serverless.yml': SERVERLESS, 'src/handler.js': SERVERLESS_HANDLER });
    const result = await cli(folder, '--print-policy', 'list');
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, SERVERLESS_POLICY);
    const parsed = parseYaml(result.stdout) as { iam: { role: { statements: unknown[] } } };
    assert.equal(parsed.iam.role.statements.length, 3);
  });

  it('prints iamRoleStatements when the template uses serverless-iam-roles-per-function', async () => {
    const folder = app({
      'serverless.yml': SERVERLESS.replace('service: photos\n', 'service: photos\nplugins:\n  - serverless-iam-roles-per-function\n'),
      'src/handler.js': `const AWS = require('aws-sdk');\nconst sns = new AWS.SNS();\nexports.handler = async () => sns.publish({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts', Message: 'x' }).promise();\n`,
    });
    const result = await cli(folder, '--print-policy', 'list');
    assert.equal(result.code, 0);
    assert.equal(
      result.stdout,
      `# Least-privilege policy of function list (serverless.yml): the actions its code calls.
iamRoleStatements:
  - Effect: Allow
    Action: "sns:Publish"
    Resource: "arn:aws:sns:eu-west-1:123456789012:alerts"
`,
    );
    assert.ok(parseYaml(result.stdout));
  });

  it('prints a SAM function policy as Policies with the template\'s own !Sub, noting an unresolved call', async () => {
    const folder = app({ 'template.yaml': SAM, 'src/handler.js': SAM_HANDLER });
    const result = await cli(folder, '--print-policy', 'ListFunction');
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    assert.equal(result.stdout, SAM_POLICY);
    parsesAsCloudFormationYaml(result.stdout);
  });

  it('prints a CloudFormation YAML function policy as a PolicyDocument', async () => {
    const folder = app({
      'template.yaml': `Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Code: .
      Role: !GetAtt WorkerRole.Arn
      Environment:
        Variables:
          TABLE: !Ref Items
  Items:
    Type: AWS::DynamoDB::Table
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`,
      'app.js': `const AWS = require('aws-sdk');
const db = new AWS.DynamoDB.DocumentClient();
exports.handler = async (event) => {
  await db.get({ TableName: process.env.TABLE, Key: { id: event.id } }).promise();
  await db.delete({ TableName: process.env.TABLE, Key: { id: event.id } }).promise();
};
`,
    });
    const result = await cli(folder, '--print-policy', 'Worker');
    assert.equal(result.code, 0);
    assert.equal(result.stderr, '');
    assert.equal(
      result.stdout,
      `# Least-privilege policy of function Worker (template.yaml): the actions its code calls.
PolicyDocument:
  Version: '2012-10-17'
  Statement:
    - Effect: Allow
      Action:
        - dynamodb:DeleteItem
        - dynamodb:GetItem
      Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Items}
`,
    );
    parsesAsCloudFormationYaml(result.stdout);
  });

  it('writes the policy to --output', async () => {
    const folder = app({ 'serverless.yml': SERVERLESS, 'src/handler.js': SERVERLESS_HANDLER });
    const result = await cli(folder, '--print-policy', 'list', '--output', 'out/policy.yml');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '');
    assert.equal(fs.readFileSync(path.join(folder, 'out/policy.yml'), 'utf8'), SERVERLESS_POLICY);
  });

  it('prints a JSON CloudFormation function policy as JSON, notes on stderr', async () => {
    const folder = app({ 'template.json': CLOUDFORMATION_JSON, 'src/handler.js': CLOUDFORMATION_HANDLER });
    const result = await cli(folder, '--print-policy', 'Worker');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, CLOUDFORMATION_POLICY);
    assert.equal(result.stderr, 'serverless-security-lint: note: Some resource names are unknown and stay "*".\n');
    assert.deepEqual((JSON.parse(result.stdout) as { PolicyDocument: { Statement: unknown[] } }).PolicyDocument.Statement.length, 2);
  });

  it('--format json prints the policy as data with its notes', async () => {
    const folder = app({ 'template.yaml': SAM, 'src/handler.js': SAM_HANDLER });
    const result = await cli(folder, '--print-policy', 'ListFunction', '--format', 'json');
    assert.equal(result.code, 0);
    const notes = ['An SDK call at src/handler.js:8:9 could not be resolved (the command is not built here): its actions are missing.'];
    assert.equal(result.stderr, `serverless-security-lint: note: ${notes[0]}\n`);
    assert.deepEqual(JSON.parse(result.stdout), {
      function: 'ListFunction',
      template: 'template.yaml',
      format: 'sam',
      complete: false,
      scoped: true,
      notes,
      policy: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'dynamodb:Query', Resource: { 'Fn::Sub': 'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Items}/index/*' } },
          { Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Sub': 'arn:aws:s3:::${Photos}/*' } },
        ],
      },
    });
  });

  it('an unknown name exits 2 listing the functions', async () => {
    const folder = app({ 'serverless.yml': SERVERLESS, 'src/handler.js': SERVERLESS_HANDLER });
    const result = await cli(folder, '--print-policy', 'lsit');
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, 'serverless-security-lint: no function named "lsit": the functions are: list\n');
  });

  it('a name defined in two templates exits 2 until the template is named', async () => {
    const folder = app({
      'a/serverless.yml': SERVERLESS,
      'a/src/handler.js': SERVERLESS_HANDLER,
      'b/serverless.yml': SERVERLESS.replace('photos', 'albums'),
      'b/src/handler.js': SERVERLESS_HANDLER,
    });
    const ambiguous = await cli(folder, '--print-policy', 'list');
    assert.equal(ambiguous.code, 2);
    assert.equal(ambiguous.stderr, 'serverless-security-lint: "list" names 2 functions; write one of a/serverless.yml#list, b/serverless.yml#list\n');
    const named = await cli(folder, '--print-policy', 'b/serverless.yml#list');
    assert.equal(named.code, 0);
    assert.equal(named.stdout, SERVERLESS_POLICY.replace('(serverless.yml)', '(b/serverless.yml)'));
  });

  it('an Azure function exits 2: it has no IAM policy', async () => {
    const folder = app({
      'host.json': '{ "version": "2.0" }\n',
      'report/function.json': '{ "bindings": [{ "type": "httpTrigger", "direction": "in", "name": "req", "authLevel": "function" }] }\n',
      'report/index.js': 'module.exports = async function (context, req) { context.res = { body: "ok" }; };\n',
    });
    const result = await cli(folder, '--print-policy', 'report');
    assert.equal(result.code, 2);
    assert.equal(result.stderr, 'serverless-security-lint: function report/function.json#report is an Azure function: it runs with no IAM policy to print\n');
  });

  it('rejects an empty name, sarif and --fix', () => {
    assert.equal(parseArguments(['--print-policy', 'list']).printPolicy, 'list');
    assert.throws(() => parseArguments(['--print-policy=']), new CliError('--print-policy needs a function name'));
    assert.throws(() => parseArguments(['--print-policy', 'list', '-f', 'sarif']), new CliError('--print-policy prints text or json, not sarif'));
    assert.throws(() => parseArguments(['--print-policy', 'list', '--fix']), new CliError('--print-policy cannot be combined with --fix'));
  });
});
