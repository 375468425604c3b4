/**
 * Golden tests for the least-privilege suggestion of `iam/admin-policy` (issue 6 §2): an
 * administrator managed policy replaced by the inline statements the handlers need, in the
 * template's syntax. Exact output text; the tester also checks that the output parses, the finding
 * is gone and no new one appears. A second application is a no-op (last block).
 */
import assert from 'node:assert/strict';
import rule from '../../rules/checks/iam/admin-policy';
import { applyEdits } from '../../rules/engine/fixes';
import { Project } from '../../rules/engine/project';
import { lintFile } from '../../rules/engine/runner';
import { testRule } from '../helpers/rule-tester';
import { SQS_S3_CJS_HANDLER, REPORT_SAM, REPORT_HANDLER, SQS_V2_HANDLER } from './iam-fixtures';

/** A CloudFormation JSON role holding AdministratorAccess and no inline policy, and its handler. */
const JSON_ROLE_FILES: Record<string, string> = {
  'src/handler.js': SQS_S3_CJS_HANDLER,
  'template.json': `{
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
        "ManagedPolicyArns": [
          "arn:aws:iam::aws:policy/AdministratorAccess",
          "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        ],
        "Path": "/"
      }
    }
  }
}
`,
};

testRule(rule, {
  valid: [],
  invalid: [
    {
      name: "SAM: a Policies item becomes a Statement item, comments and siblings kept",
      files: {
        'template.yaml': REPORT_SAM,
        'app.js': REPORT_HANDLER,
      },
      errors: [
        {
          messageId: 'administrator',
          data: {"policy": "AdministratorAccess", "holder": "function ReportFunction", "grants": "every action on every resource"},
          file: 'template.yaml', line: 15, column: 11, endLine: 15, endColumn: 30,
          suggestions: [{ messageId: 'narrow', output: { 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          TABLE: !Ref Reports
      Policies:
        - AWSLambdaBasicExecutionRole
        # Temporary, until the report queries settle.
        - Statement:
            - Effect: Allow
              Action:
                - dynamodb:PutItem
                - dynamodb:Query
              Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Reports}
  Reports:
    Type: AWS::DynamoDB::Table
` } }],
        },
      ],
      output: null,
    },
    {
      name: "serverless: the only managedPolicies item goes, the statements join iam.role.statements",
      files: {
        'serverless.yml': `service: reports
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: reports-archive
  iam:
    role:
      managedPolicies:
        - 'arn:aws:iam::aws:policy/AdministratorAccess'
      statements:
        - Effect: Allow
          Action: s3:ListBucket
          Resource: arn:aws:s3:::reports-archive
functions:
  archive:
    handler: src/archive.handler
`,
        'src/archive.js': `import { S3Client, PutObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const handler = async (event) => {
  await s3.send(new ListObjectsV2Command({ Bucket: process.env.BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: event.id, Body: event.body }));
};
`,
      },
      errors: [
        {
          messageId: 'administrator',
          data: {"policy": "AdministratorAccess", "holder": "the provider role", "grants": "every action on every resource"},
          file: 'serverless.yml', line: 10, column: 11, endLine: 10, endColumn: 56,
          suggestions: [{ messageId: 'narrow', output: { 'serverless.yml': `service: reports
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: reports-archive
  iam:
    role:
      statements:
        - Effect: Allow
          Action: s3:ListBucket
          Resource: arn:aws:s3:::reports-archive
        - Effect: Allow
          Action: s3:PutObject
          Resource: arn:aws:s3:::reports-archive/*
functions:
  archive:
    handler: src/archive.handler
` } }],
        },
      ],
      output: null,
    },
    {
      name: "serverless: PowerUserAccess leaves iamManagedPolicies for new iamRoleStatements, IAM calls not granted",
      files: {
        'serverless.yml': `service: reports
provider:
  name: aws
  runtime: nodejs20.x
  iamManagedPolicies:
    - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess
    - arn:aws:iam::aws:policy/PowerUserAccess
functions:
  archive:
    handler: src/archive.handler
    environment:
      TOPIC: !Ref Alerts
resources:
  Resources:
    Alerts:
      Type: AWS::SNS::Topic
`,
        'src/archive.js': `const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
const { IAMClient, ListRolesCommand } = require('@aws-sdk/client-iam');
const sns = new SNSClient({});
const iam = new IAMClient({});
exports.handler = async () => {
  await iam.send(new ListRolesCommand({}));
  await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC, Message: 'done' }));
};
`,
      },
      errors: [
        {
          messageId: 'administrator',
          data: {"policy": "PowerUserAccess", "holder": "the provider role", "grants": "every action outside IAM and Organizations"},
          file: 'serverless.yml', line: 7, column: 7, endLine: 7, endColumn: 46,
          suggestions: [{ messageId: 'narrow', output: { 'serverless.yml': `service: reports
provider:
  name: aws
  runtime: nodejs20.x
  iamRoleStatements:
    - Effect: Allow
      Action: sns:Publish
      Resource: !Ref Alerts
  iamManagedPolicies:
    - arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess
functions:
  archive:
    handler: src/archive.handler
    environment:
      TOPIC: !Ref Alerts
resources:
  Resources:
    Alerts:
      Type: AWS::SNS::Topic
` } }],
        },
      ],
      output: null,
    },
    {
      name: "SAM JSON: the ARN becomes an inline policy object",
      files: {
        'template.json': `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "ReportFunction": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Handler": "app.handler",
        "Runtime": "nodejs20.x",
        "Environment": { "Variables": { "QUEUE_URL": { "Ref": "Jobs" } } },
        "Policies": ["arn:aws:iam::aws:policy/AdministratorAccess"]
      }
    },
    "Jobs": { "Type": "AWS::SQS::Queue" }
  }
}
`,
        'app.js': SQS_V2_HANDLER,
      },
      errors: [
        {
          messageId: 'administrator',
          data: {"policy": "AdministratorAccess", "holder": "function ReportFunction", "grants": "every action on every resource"},
          file: 'template.json', line: 10, column: 22, endLine: 10, endColumn: 67,
          suggestions: [{ messageId: 'narrow', output: { 'template.json': `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "ReportFunction": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Handler": "app.handler",
        "Runtime": "nodejs20.x",
        "Environment": { "Variables": { "QUEUE_URL": { "Ref": "Jobs" } } },
        "Policies": [{ "Statement": [{ "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": { "Fn::GetAtt": ["Jobs", "Arn"] } }] }]
      }
    },
    "Jobs": { "Type": "AWS::SQS::Queue" }
  }
}
` } }],
        },
      ],
      output: null,
    },
    {
      name: "SAM function with an AWS::IAM::Role: the ARN leaves ManagedPolicyArns, a new inline policy holds the statements",
      files: {
        'app.js': SQS_V2_HANDLER,
        'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Role: !GetAtt ReportRole.Arn
      Environment:
        Variables:
          QUEUE_URL: !Ref Jobs
  ReportRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - arn:aws:iam::aws:policy/AdministratorAccess
  Jobs:
    Type: AWS::SQS::Queue
`,
      },
      errors: [
        {
          messageId: 'administrator', data: {"policy":"AdministratorAccess","holder":"role ReportRole","grants":"every action on every resource"}, file: 'template.yaml', line: 25, column: 11, endLine: 25, endColumn: 54,
          suggestions: [
            { messageId: 'narrow', output: { 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Role: !GetAtt ReportRole.Arn
      Environment:
        Variables:
          QUEUE_URL: !Ref Jobs
  ReportRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: least-privilege
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Jobs.Arn
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  Jobs:
    Type: AWS::SQS::Queue
` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: "CloudFormation JSON role: the statements join its inline policy, what it allows already is not repeated",
      files: {
        'src/handler.js': `const { SQSClient, SendMessageCommand, GetQueueUrlCommand } = require('@aws-sdk/client-sqs');
const sqs = new SQSClient({});
exports.handler = async () => {
  await sqs.send(new GetQueueUrlCommand({ QueueName: 'jobs' }));
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'x' }));
};
`,
        'template.json': `{
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
        "ManagedPolicyArns": [
          "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
          "arn:aws:iam::aws:policy/AdministratorAccess"
        ],
        "Policies": [
          {
            "PolicyName": "queue",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": "sqs:GetQueueUrl", "Resource": "*" }
              ]
            }
          }
        ]
      }
    }
  }
}
`,
      },
      errors: [
        {
          messageId: 'administrator', data: {"policy":"AdministratorAccess","holder":"role WorkerRole","grants":"every action on every resource"}, file: 'template.json', line: 20, column: 11, endLine: 20, endColumn: 56,
          suggestions: [
            { messageId: 'narrow', output: { 'template.json': `{
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
        "ManagedPolicyArns": [
          "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        ],
        "Policies": [
          {
            "PolicyName": "queue",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": "sqs:GetQueueUrl", "Resource": "*" }, { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": { "Fn::GetAtt": ["Jobs", "Arn"] } }
              ]
            }
          }
        ]
      }
    }
  }
}
` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: "CloudFormation JSON role without inline policies: a new least-privilege policy in Policies, laid out as the properties",
      files: JSON_ROLE_FILES,
      errors: [
        {
          messageId: 'administrator', data: {"policy":"AdministratorAccess","holder":"role WorkerRole","grants":"every action on every resource"}, file: 'template.json', line: 19, column: 11, endLine: 19, endColumn: 56,
          suggestions: [{ messageId: 'narrow', output: { 'template.json': `{
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
        "Policies": [
          {
            "PolicyName": "least-privilege",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports-inbox/*" },
                { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": { "Fn::GetAtt": ["Jobs", "Arn"] } }
              ]
            }
          }
        ],
        "ManagedPolicyArns": [
          "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
        ],
        "Path": "/"
      }
    }
  }
}
` } }],
        },
      ],
      output: null,
    },
    {
      name: "CloudFormation JSON role on one line: the new Policies member stays on that line",
      files: {
        'src/handler.js': SQS_S3_CJS_HANDLER,
        'template.json': `{ "Resources": {
  "Worker": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "src/handler.handler", "Runtime": "nodejs20.x", "Code": ".", "Role": { "Fn::GetAtt": ["WorkerRole", "Arn"] }, "Environment": { "Variables": { "QUEUE_URL": { "Ref": "Jobs" } } } } },
  "Jobs": { "Type": "AWS::SQS::Queue" },
  "WorkerRole": { "Type": "AWS::IAM::Role", "Properties": { "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", "arn:aws:iam::aws:policy/AdministratorAccess"], "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }] } } }
} }
`,
      },
      errors: [
        {
          messageId: 'administrator', data: {"policy":"AdministratorAccess","holder":"role WorkerRole","grants":"every action on every resource"}, file: 'template.json', line: 4, column: 151, endLine: 4, endColumn: 196,
          suggestions: [{ messageId: 'narrow', output: { 'template.json': `{ "Resources": {
  "Worker": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "src/handler.handler", "Runtime": "nodejs20.x", "Code": ".", "Role": { "Fn::GetAtt": ["WorkerRole", "Arn"] }, "Environment": { "Variables": { "QUEUE_URL": { "Ref": "Jobs" } } } } },
  "Jobs": { "Type": "AWS::SQS::Queue" },
  "WorkerRole": { "Type": "AWS::IAM::Role", "Properties": { "Policies": [{ "PolicyName": "least-privilege", "PolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports-inbox/*" }, { "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": { "Fn::GetAtt": ["Jobs", "Arn"] } }] } }], "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"], "AssumeRolePolicyDocument": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }] } } }
} }
` } }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation role without AWSLambdaBasicExecutionRole: no suggestion, it would lose the logging AdministratorAccess gave',
      files: {
        'template.yaml': `Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Code: .
      Role: !GetAtt WorkerRole.Arn
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }] }
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
`,
        'app.js': SQS_V2_HANDLER,
      },
      errors: [
        { messageId: 'administrator', file: 'template.yaml', line: 14, column: 11, endLine: 14, endColumn: 54, suggestions: [] },
      ],
      output: null,
    },
    {
      name: 'a handler call that cannot be resolved: no suggestion',
      files: {
        'template.yaml': REPORT_SAM,
        'app.js': `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({});
exports.handler = async (event) => db.send(event.command);
`,
      },
      errors: [
        { messageId: 'administrator', file: 'template.yaml', line: 15, column: 11, endLine: 15, endColumn: 30, suggestions: [] },
      ],
      output: null,
    },
  ],
});

describe('iam/admin-policy least-privilege suggestion', () => {
  const files = { 'template.yaml': REPORT_SAM, 'app.js': REPORT_HANDLER };

  it('is titled with the number of actions', () => {
    const [finding] = lintFile(new Project(Object.entries(files)), 'template.yaml', { rules: [rule] });
    assert.equal(finding?.fixes[0]?.title, 'Replace with the 2 actions the handlers use');
    assert.equal(finding?.fixes[0]?.kind, 'suggestion');
  });

  it('is a no-op the second time: nothing is left to suggest', () => {
    const [finding] = lintFile(new Project(Object.entries(files)), 'template.yaml', { rules: [rule] });
    const fixed = applyEdits(files['template.yaml'], finding?.fixes[0]?.edits ?? []);
    assert.notEqual(fixed, files['template.yaml']);
    assert.deepEqual(lintFile(new Project(Object.entries({ ...files, 'template.yaml': fixed })), 'template.yaml', { rules: [rule] }), []);
  });

  it('offers nothing for an AWS::IAM::Role that something other than the functions also uses', () => {
    const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Role: !GetAtt WorkerRole.Arn
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt WorkerRole.Arn
      DefinitionString: '{}'
  WorkerRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - arn:aws:iam::aws:policy/AdministratorAccess
`;
    const findings = lintFile(new Project([['template.yaml', template], ['app.js', files['app.js']]]), 'template.yaml', { rules: [rule] });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0]?.fixes, []);
    // Without the state machine, the same role gets the suggestion.
    const alone = template.replace(/  Flow:\n[\s\S]*?DefinitionString: '\{\}'\n/, '');
    const [finding] = lintFile(new Project([['template.yaml', alone], ['app.js', files['app.js']]]), 'template.yaml', { rules: [rule] });
    assert.equal(finding?.fixes.length, 1);
  });

  it('is a no-op the second time for a JSON role that had no inline policy', () => {
    const jsonCase = JSON_ROLE_FILES;
    const [finding] = lintFile(new Project(Object.entries(jsonCase)), 'template.json', { rules: [rule] });
    const fixed = applyEdits(jsonCase['template.json'] ?? '', finding?.fixes[0]?.edits ?? []);
    assert.ok(fixed.includes('"PolicyName": "least-privilege"'));
    assert.deepEqual(lintFile(new Project(Object.entries({ ...jsonCase, 'template.json': fixed })), 'template.json', { rules: [rule] }), []);
  });

  it('writes CRLF in a CRLF file', () => {
    const template = files['template.yaml'].replace(/\n/g, '\r\n');
    const [finding] = lintFile(new Project([['template.yaml', template], ['app.js', files['app.js']]]), 'template.yaml', { rules: [rule] });
    const fixed = applyEdits(template, finding?.fixes[0]?.edits ?? []);
    assert.ok(fixed.includes('- Statement:\r\n            - Effect: Allow\r\n'));
    assert.ok(!/[^\r]\n/.test(fixed));
  });
});
