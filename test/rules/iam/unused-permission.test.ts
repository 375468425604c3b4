import rule from '../../../rules/checks/iam/unused-permission';
import { js, testRule, yaml } from '../../helpers/rule-tester';
import { S3_V2_READ_HANDLER } from '../../fixes/iam-fixtures';

testRule(rule, {
  valid: [
    {
      name: 'every action is called, and the trigger\'s actions are the platform\'s',
      files: {
        'serverless.yml': yaml`
          service: jobs
          provider:
            name: aws
            runtime: nodejs20.x
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action:
                      - sqs:ReceiveMessage
                      - sqs:DeleteMessage
                      - sqs:GetQueueAttributes
                    Resource: arn:aws:sqs:eu-west-1:123456789012:jobs
                  - Effect: Allow
                    Action: s3:PutObject
                    Resource: arn:aws:s3:::results/*
          functions:
            work:
              handler: src/work.handler
              events:
                - sqs: arn:aws:sqs:eu-west-1:123456789012:jobs
        `,
        'src/work.js': js`
          const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
          const s3 = new S3Client({});
          exports.handler = async (event) => s3.send(new PutObjectCommand({ Bucket: 'results', Key: 'k', Body: '' }));
        `,
      },
    },
    {
      name: 'quiet when a call cannot be resolved',
      files: {
        'serverless.yml': yaml`
          service: jobs
          provider:
            name: aws
            runtime: nodejs20.x
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: s3:DeleteObject
                    Resource: arn:aws:s3:::results/*
          functions:
            work:
              handler: src/work.handler
        `,
        'src/work.js': js`
          const AWS = require('aws-sdk');
          const s3 = new AWS.S3();
          exports.handler = async (event) => s3[event.method]({ Bucket: 'results' }).promise();
        `,
      },
    },
    {
      name: 'quiet when the handler file is not in the project',
      files: {
        'serverless.yml': yaml`
          service: jobs
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: s3:DeleteObject
                    Resource: arn:aws:s3:::results/*
          functions:
            work:
              handler: src/work.handler
        `,
      },
    },
  ],
  invalid: [
    {
      name: "serverless: an unused action in a list, an unused statement; platform log actions are kept",
      files: {
        'serverless.yml': `service: reports
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - s3:GetObject
            - s3:DeleteObject
          Resource: arn:aws:s3:::reports/*
        - Effect: Allow
          Action: sqs:SendMessage
          Resource: arn:aws:sqs:eu-west-1:123456789012:jobs
        - Effect: Allow
          Action:
            - logs:CreateLogStream
            - logs:PutLogEvents
          Resource: '*'
functions:
  read:
    handler: src/read.handler
`,
        'src/read.js': S3_V2_READ_HANDLER,
      },
      errors: [
        { messageId: 'unused', data: {"action":"s3:DeleteObject","functions":"function read"}, file: 'serverless.yml', line: 11, column: 15, endLine: 11, endColumn: 30, suggestions: [{ messageId: 'removeAction', output: { 'serverless.yml': `service: reports
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - s3:GetObject
          Resource: arn:aws:s3:::reports/*
        - Effect: Allow
          Action: sqs:SendMessage
          Resource: arn:aws:sqs:eu-west-1:123456789012:jobs
        - Effect: Allow
          Action:
            - logs:CreateLogStream
            - logs:PutLogEvents
          Resource: '*'
functions:
  read:
    handler: src/read.handler
` } }] },
        { messageId: 'unused', data: {"action":"sqs:SendMessage","functions":"function read"}, file: 'serverless.yml', line: 14, column: 19, endLine: 14, endColumn: 34, suggestions: [{ messageId: 'removeStatement', output: { 'serverless.yml': `service: reports
provider:
  name: aws
  runtime: nodejs20.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - s3:GetObject
            - s3:DeleteObject
          Resource: arn:aws:s3:::reports/*
        - Effect: Allow
          Action:
            - logs:CreateLogStream
            - logs:PutLogEvents
          Resource: '*'
functions:
  read:
    handler: src/read.handler
` } }] },
      ],
      output: null,
    },
    {
      name: "CloudFormation JSON: an unused action in an array and an unused partial wildcard; sqs:* is iam/wildcard-action's",
      files: {
        'template.json': `{
  "Resources": {
    "ReadFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/read.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": {
          "Fn::GetAtt": [
            "ReadRole",
            "Arn"
          ]
        }
      }
    },
    "ReadRole": {
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
                  "Action": [
                    "s3:GetObject",
                    "s3:PutObject"
                  ],
                  "Resource": "arn:aws:s3:::reports/*"
                },
                {
                  "Effect": "Allow",
                  "Action": "dynamodb:Get*",
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": "sqs:*",
                  "Resource": "*"
                }
              ]
            }
          }
        ]
      }
    }
  }
}
`,
        'src/read.js': S3_V2_READ_HANDLER,
      },
      errors: [
        { messageId: 'unused', data: {"action":"s3:PutObject","functions":"function ReadFunction"}, file: 'template.json', line: 30, column: 21, endLine: 30, endColumn: 35, suggestions: [{ messageId: 'removeAction', output: { 'template.json': `{
  "Resources": {
    "ReadFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/read.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": {
          "Fn::GetAtt": [
            "ReadRole",
            "Arn"
          ]
        }
      }
    },
    "ReadRole": {
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
                  "Action": [
                    "s3:GetObject"
                  ],
                  "Resource": "arn:aws:s3:::reports/*"
                },
                {
                  "Effect": "Allow",
                  "Action": "dynamodb:Get*",
                  "Resource": "*"
                },
                {
                  "Effect": "Allow",
                  "Action": "sqs:*",
                  "Resource": "*"
                }
              ]
            }
          }
        ]
      }
    }
  }
}
` } }] },
        { messageId: 'unused', data: {"action":"dynamodb:Get*","functions":"function ReadFunction"}, file: 'template.json', line: 36, column: 29, endLine: 36, endColumn: 44, suggestions: [{ messageId: 'removeStatement', output: { 'template.json': `{
  "Resources": {
    "ReadFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/read.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": {
          "Fn::GetAtt": [
            "ReadRole",
            "Arn"
          ]
        }
      }
    },
    "ReadRole": {
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
                  "Action": [
                    "s3:GetObject",
                    "s3:PutObject"
                  ],
                  "Resource": "arn:aws:s3:::reports/*"
                },
                {
                  "Effect": "Allow",
                  "Action": "sqs:*",
                  "Resource": "*"
                }
              ]
            }
          }
        ]
      }
    }
  }
}
` } }] },
      ],
      output: null,
    },
  ],
});
