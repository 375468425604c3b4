/**
 * Golden tests for the least-privilege suggestion of `iam/wildcard-action` (issue 6 §2), one per
 * template format and style: exact output text; the tester also checks that the output parses,
 * the finding is gone and no new one appears. A second application is a no-op (last block).
 */
import assert from 'node:assert/strict';
import rule from '../../../rules/checks/iam/wildcard-action';
import { applyEdits } from '../../../rules/engine/fixes';
import { Project } from '../../../rules/engine/project';
import { lintFile } from '../../../rules/engine/runner';
import { js, testRule, yaml } from '../../helpers/rule-tester';
import { S3_SQS_HANDLER } from '../../fixes/iam-fixtures';

testRule(rule, {
  valid: [],
  invalid: [
    {
      name: "serverless: provider statements in block YAML, a serverless variable and a Ref",
      files: {
        'serverless.yml': `service: photos
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
        - Effect: Allow
          Action:
            - sqs:*
          Resource: '*'
custom:
  bucket: photos-\${sls:stage}
functions:
  list:
    handler: src/handler.handler
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
`,
        'src/handler.js': S3_SQS_HANDLER,
      },
      errors: [
        { messageId: 'wildcard', data: {"action":"s3:*","service":"s3"}, file: 'serverless.yml', line: 13, column: 19, endLine: 13, endColumn: 25, suggestions: [{ messageId: 'narrow', output: { 'serverless.yml': `service: photos
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
          Action: "s3:GetObject"
          Resource: "arn:aws:s3:::\${self:custom.bucket}/*"
        - Effect: Allow
          Action: "s3:ListBucket"
          Resource: "arn:aws:s3:::\${self:custom.bucket}"
        - Effect: Allow
          Action:
            - sqs:*
          Resource: '*'
custom:
  bucket: photos-\${sls:stage}
functions:
  list:
    handler: src/handler.handler
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
` } }] },
        { messageId: 'wildcard', data: {"action":"sqs:*","service":"sqs"}, file: 'serverless.yml', line: 17, column: 15, endLine: 17, endColumn: 20, suggestions: [{ messageId: 'narrow', output: { 'serverless.yml': `service: photos
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
        - Effect: Allow
          Action:
            - sqs:SendMessage
          Resource:
            - Fn::GetAtt: [Jobs, Arn]
custom:
  bucket: photos-\${sls:stage}
functions:
  list:
    handler: src/handler.handler
resources:
  Resources:
    Jobs:
      Type: AWS::SQS::Queue
` } }] },
      ],
      output: null,
    },
    {
      name: "SAM: inline Policies statement with short tags",
      files: {
        'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
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
          QUEUE_URL: !Ref Jobs
      Policies:
        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: '*'
  Photos:
    Type: AWS::S3::Bucket
  Jobs:
    Type: AWS::SQS::Queue
`,
        'src/handler.js': S3_SQS_HANDLER,
      },
      errors: [
        { messageId: 'wildcard', data: {"action":"*","service":"every service"}, file: 'template.yaml', line: 16, column: 23, endLine: 16, endColumn: 26, suggestions: [{ messageId: 'narrow', output: { 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
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
          QUEUE_URL: !Ref Jobs
      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:GetObject
              Resource: !Sub arn:aws:s3:::\${Photos}/*
            - Effect: Allow
              Action: s3:ListBucket
              Resource: !Sub arn:aws:s3:::\${Photos}
            - Effect: Allow
              Action: sqs:SendMessage
              Resource: !GetAtt Jobs.Arn
  Photos:
    Type: AWS::S3::Bucket
  Jobs:
    Type: AWS::SQS::Queue
` } }] },
      ],
      output: null,
    },
    {
      name: "CloudFormation YAML: role policy with a flow action list and long-form intrinsics",
      files: {
        'template.yaml': `Resources:
  ListFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: src/handler.handler
      Runtime: nodejs20.x
      Code: .
      Role:
        Fn::GetAtt: [ListRole, Arn]
      Environment:
        Variables:
          BUCKET: photos-prod
          QUEUE_URL:
            Ref: Jobs
  ListRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [s3:*, sqs:SendMessage]
                Resource: "*"
  Jobs:
    Type: AWS::SQS::Queue
`,
        'src/handler.js': S3_SQS_HANDLER,
      },
      errors: [
        { messageId: 'wildcard', data: {"action":"s3:*","service":"s3"}, file: 'template.yaml', line: 28, column: 26, endLine: 28, endColumn: 30, suggestions: [{ messageId: 'narrow', output: { 'template.yaml': `Resources:
  ListFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: src/handler.handler
      Runtime: nodejs20.x
      Code: .
      Role:
        Fn::GetAtt: [ListRole, Arn]
      Environment:
        Variables:
          BUCKET: photos-prod
          QUEUE_URL:
            Ref: Jobs
  ListRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [s3:GetObject]
                Resource: arn:aws:s3:::photos-prod/*
              - Effect: Allow
                Action: s3:ListBucket
                Resource: arn:aws:s3:::photos-prod
              - Effect: Allow
                Action: sqs:SendMessage
                Resource:
                  - Fn::GetAtt: [Jobs, Arn]
  Jobs:
    Type: AWS::SQS::Queue
` } }] },
      ],
      output: null,
    },
    {
      name: "CloudFormation JSON: role policy, Fn::Sub and Fn::GetAtt",
      files: {
        'template.json': `{
  "Resources": {
    "ListFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/handler.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": {
          "Fn::GetAtt": [
            "ListRole",
            "Arn"
          ]
        },
        "Environment": {
          "Variables": {
            "BUCKET": {
              "Ref": "Photos"
            },
            "QUEUE_URL": {
              "Ref": "Jobs"
            }
          }
        }
      }
    },
    "ListRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [
          {
            "PolicyName": "app",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "*",
                  "Resource": "*"
                }
              ]
            }
          }
        ]
      }
    },
    "Photos": {
      "Type": "AWS::S3::Bucket"
    },
    "Jobs": {
      "Type": "AWS::SQS::Queue"
    }
  }
}
`,
        'src/handler.js': S3_SQS_HANDLER,
      },
      errors: [
        { messageId: 'wildcard', data: {"action":"*","service":"every service"}, file: 'template.json', line: 38, column: 29, endLine: 38, endColumn: 32, suggestions: [{ messageId: 'narrow', output: { 'template.json': `{
  "Resources": {
    "ListFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/handler.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": {
          "Fn::GetAtt": [
            "ListRole",
            "Arn"
          ]
        },
        "Environment": {
          "Variables": {
            "BUCKET": {
              "Ref": "Photos"
            },
            "QUEUE_URL": {
              "Ref": "Jobs"
            }
          }
        }
      }
    },
    "ListRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [
          {
            "PolicyName": "app",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": "s3:GetObject",
                  "Resource": { "Fn::Sub": "arn:aws:s3:::\${Photos}/*" }
                },
                {
                  "Effect": "Allow",
                  "Action": "s3:ListBucket",
                  "Resource": { "Fn::Sub": "arn:aws:s3:::\${Photos}" }
                },
                {
                  "Effect": "Allow",
                  "Action": "sqs:SendMessage",
                  "Resource": { "Fn::GetAtt": ["Jobs", "Arn"] }
                }
              ]
            }
          }
        ]
      }
    },
    "Photos": {
      "Type": "AWS::S3::Bucket"
    },
    "Jobs": {
      "Type": "AWS::SQS::Queue"
    }
  }
}
` } }] },
      ],
      output: null,
    },
    {
      name: "an unknown table name keeps the action, scoped as far as known",
      files: {
        'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ReadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - "dynamodb:*"
              Resource: "*"
`,
        'index.js': `const { DynamoDBClient, GetItemCommand } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({});
exports.handler = async (event) => db.send(new GetItemCommand({ TableName: event.table, Key: {} }));
`,
      },
      errors: [
        { messageId: 'wildcard', data: {"action":"dynamodb:*","service":"dynamodb"}, file: 'template.yaml', line: 13, column: 19, endLine: 13, endColumn: 31, suggestions: [{ messageId: 'narrow', output: { 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ReadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - "dynamodb:GetItem"
              Resource:
                - Fn::Sub: "arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/*"
` } }] },
      ],
      output: null,
    },
  ],
});

testRule(rule, {
  valid: [],
  invalid: [
    {
      name: 'no suggestion when a call cannot be resolved',
      files: {
        'template.yaml': yaml`
          Transform: AWS::Serverless-2016-10-31
          Resources:
            Fn:
              Type: AWS::Serverless::Function
              Properties:
                Handler: index.handler
                Runtime: nodejs20.x
                Policies:
                  - Statement:
                      - Effect: Allow
                        Action: s3:*
                        Resource: '*'
        `,
        'index.js': js`
          import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
          const s3 = new S3Client({});
          export const get = () => s3.send(new GetObjectCommand({ Bucket: 'a', Key: 'b' }));
          export const handler = (command) => s3.send(command);
        `,
      },
      errors: [{ messageId: 'wildcard', file: 'template.yaml', line: 11, column: 23, endLine: 11, endColumn: 27, suggestions: [] }],
      output: null,
    },
  ],
});

describe('iam/wildcard-action least-privilege suggestion', () => {
  const files = {
    'template.yaml': yaml`
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Handler: index.handler
            Runtime: nodejs20.x
            Policies:
              - Statement:
                  - Effect: Allow
                    Action: '*'
                    Resource: '*'
    `,
    'index.js': js`
      const AWS = require('aws-sdk');
      exports.handler = async (event) => new AWS.DynamoDB.DocumentClient().get({ TableName: event.table, Key: {} }).promise();
    `,
  };

  it('says when a resource name is unknown, in the title', () => {
    const project = new Project(Object.entries(files));
    const [finding] = lintFile(project, 'template.yaml', { rules: [rule] });
    assert.equal(finding?.fixes[0]?.title, 'Replace with the 1 action the handlers use (some resource names are unknown and stay "*")');
    assert.equal(finding?.fixes[0]?.kind, 'suggestion');
  });

  it('is a no-op the second time: nothing is left to suggest', () => {
    const project = new Project(Object.entries(files));
    const [finding] = lintFile(project, 'template.yaml', { rules: [rule] });
    const fixed = applyEdits(files['template.yaml'], finding?.fixes[0]?.edits ?? []);
    assert.notEqual(fixed, files['template.yaml']);
    const again = new Project(Object.entries({ ...files, 'template.yaml': fixed }));
    assert.deepEqual(lintFile(again, 'template.yaml', { rules: [rule] }), []);
  });
});

describe('iam/wildcard-action least-privilege suggestion in a CRLF file', () => {
  it('writes the new lines as the file does', () => {
    const template = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: index.handler',
      '      Runtime: nodejs20.x',
      '      Policies:',
      '        - Statement:',
      '            - Effect: Allow',
      '              Action: s3:*',
      "              Resource: '*'",
      '',
    ].join('\r\n');
    const handler = "const { S3 } = require('@aws-sdk/client-s3');\nconst s3 = new S3({});\nexports.handler = async () => { await s3.getObject({ Bucket: 'a', Key: 'k' }); await s3.listObjectsV2({ Bucket: 'a' }); };\n";
    const project = new Project([['template.yaml', template], ['index.js', handler]]);
    const [finding] = lintFile(project, 'template.yaml', { rules: [rule] });
    const fixed = applyEdits(template, finding?.fixes[0]?.edits ?? []);
    assert.equal(
      fixed,
      template.replace(
        "              Action: s3:*\r\n              Resource: '*'\r\n",
        '              Action: s3:GetObject\r\n              Resource: arn:aws:s3:::a/*\r\n            - Effect: Allow\r\n              Action: s3:ListBucket\r\n              Resource: arn:aws:s3:::a\r\n',
      ),
    );
  });
});
