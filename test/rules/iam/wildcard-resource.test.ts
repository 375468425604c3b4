import rule from '../../../rules/checks/iam/wildcard-resource';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      name: 'resources scoped to a bucket, a table and a serverless variable',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: [s3:GetObject, s3:PutObject]
                    Resource:
                      - arn:aws:s3:::photos/*
                      - arn:aws:s3:::\${self:custom.bucket}/*
                      - arn:aws:s3:::photos*
                  - Effect: Allow
                    Action: dynamodb:GetItem
                    Resource:
                      - Fn::GetAtt: [Table, Arn]
                      - arn:aws:dynamodb:us-east-1:123456789012:table/Orders
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'actions that accept only "*" (no resource types in the IAM data)',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action:
                      - xray:PutTraceSegments
                      - xray:PutTelemetryRecords
                      - s3:ListAllMyBuckets
                      - logs:DescribeLogGroups
                    Resource: "*"
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'Deny, NotAction, NotResource, a scoping Condition, unknown and symbolic actions',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Parameters:
            ActionName:
              Type: String
          Resources:
            Fn:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - Statement:
                      - Effect: Deny
                        Action: s3:DeleteObject
                        Resource: "*"
                      - Effect: Allow
                        NotAction: iam:*
                        Resource: "*"
                      - Effect: Allow
                        Action: s3:GetObject
                        NotResource: arn:aws:s3:::secrets/*
                      - Effect: Allow
                        Action: ec2:StartInstances
                        Resource: "*"
                        Condition:
                          StringEquals:
                            aws:ResourceTag/project: photos
                      - Effect: Allow
                        Action: [s3:GetObjects, !Ref ActionName, !Sub "s3:\${ActionName}"]
                        Resource: "*"
        `,
        'app.js': handler,
      },
    },
    {
      name: 'resources only known at deploy time',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Parameters": { "BucketArn": { "Type": "String" } },
            "Resources": {
              "AppPolicy": {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {
                  "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                      {
                        "Effect": "Allow",
                        "Action": "s3:GetObject",
                        "Resource": [
                          { "Ref": "BucketArn" },
                          { "Fn::Join": ["", ["arn:aws:s3:::", { "Ref": "Bucket" }, "/*"]] },
                          { "Fn::Sub": "arn:\${AWS::Partition}:s3:::\${Bucket}/*" }
                        ]
                      }
                    ]
                  }
                }
              }
            }
          }
        `,
      },
    },
    {
      name: 'a SAM policy template with a named table (its own ARNs are not the user\'s text)',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            Fn:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - DynamoDBCrudPolicy:
                      TableName: !Ref Table
                  - CloudWatchPutMetricPolicy: {}
            Table:
              Type: AWS::DynamoDB::Table
        `,
        'app.js': handler,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: a mixed statement names only the actions that could be scoped',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action:
                      - xray:PutTraceSegments
                      - s3:GetObject
                      - dynamodb:Query
                    Resource: "*"
          functions:
            upload:
              handler: src/upload.handler
            resize:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
      errors: [
        {
          messageId: 'wildcardResource',
          data: { actions: 's3:GetObject and dynamodb:Query' },
          file: 'serverless.yml',
          line: 12,
          column: 21,
          endLine: 12,
          endColumn: 24,
          related: [
            { file: 'serverless.yml', line: 14, column: 3, endLine: 14, endColumn: 9, message: 'granted to function upload' },
            { file: 'serverless.yml', line: 16, column: 3, endLine: 16, endColumn: 9, message: 'granted to function resize' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'serverless: a Condition on the receiving service does not scope the roles passed',
      files: {
        'serverless.yml': yaml`
          service: jobs
          provider:
            name: aws
          functions:
            launch:
              handler: src/launch.handler
              iamRoleStatements:
                - Effect: Allow
                  Action: iam:PassRole
                  Resource: "*"
                  Condition:
                    StringEquals:
                      iam:PassedToService: ecs-tasks.amazonaws.com
        `,
        'src/launch.js': handler,
      },
      errors: [
        {
          messageId: 'wildcardResource',
          data: { actions: 'iam:PassRole' },
          file: 'serverless.yml',
          line: 10,
          column: 19,
          endLine: 10,
          endColumn: 22,
          related: [{ file: 'serverless.yml', line: 5, column: 3, endLine: 5, endColumn: 9, message: 'granted to function launch' }],
        },
      ],
      output: null,
    },
    {
      name: 'serverless: ARNs that match every bucket object and every table',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
          functions:
            upload:
              handler: src/upload.handler
              iamRoleStatements:
                - Effect: Allow
                  Action: [s3:GetObject, dynamodb:GetItem]
                  Resource:
                    - arn:aws:s3:::*/*
                    - "arn:aws:dynamodb:*:*:table/*"
                    - arn:aws:dynamodb:us-east-1:123456789012:table/Orders
        `,
        'src/upload.js': handler,
      },
      errors: [
        {
          messageId: 'everyResourceOfType',
          data: { resource: 'arn:aws:s3:::*/*', types: 's3 object', actions: 's3:GetObject' },
          file: 'serverless.yml',
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 29,
          related: [{ file: 'serverless.yml', line: 5, column: 3, endLine: 5, endColumn: 9, message: 'granted to function upload' }],
        },
        {
          messageId: 'everyResourceOfType',
          data: { resource: 'arn:aws:dynamodb:*:*:table/*', types: 'dynamodb table', actions: 'dynamodb:GetItem' },
          file: 'serverless.yml',
          line: 12,
          column: 13,
          endLine: 12,
          endColumn: 43,
        },
      ],
      output: null,
    },
    {
      name: 'SAM: each Fn::If branch, the literal text of Fn::Sub, and a "*" passed to a policy template',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Conditions:
            IsProd: !Equals [!Ref Stage, prod]
          Parameters:
            Stage:
              Type: String
          Resources:
            ReadFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - Statement:
                      - Effect: Allow
                        Action: sqs:SendMessage
                        Resource: !If [IsProd, !GetAtt Queue.Arn, "*"]
                      - Effect: Allow
                        Action: dynamodb:Query
                        Resource: !Sub "arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/*"
                  - S3ReadPolicy:
                      BucketName: "*"
            Queue:
              Type: AWS::SQS::Queue
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'wildcardResource',
          data: { actions: 'sqs:SendMessage' },
          file: 'template.yaml',
          line: 18,
          column: 57,
          endLine: 18,
          endColumn: 60,
          related: [{ file: 'template.yaml', line: 9, column: 3, endLine: 9, endColumn: 15, message: 'granted to function ReadFunction' }],
        },
        {
          messageId: 'everyResourceOfType',
          data: {
            resource: 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*',
            types: 'dynamodb index and dynamodb table',
            actions: 'dynamodb:Query',
          },
          file: 'template.yaml',
          line: 21,
          column: 30,
          endLine: 21,
          endColumn: 103,
        },
        {
          messageId: 'templateParameter',
          data: {
            parameter: 'BucketName',
            value: '*',
            template: 'S3ReadPolicy',
            actions: 's3:GetObject, s3:ListBucket, s3:GetBucketLocation and 2 more',
            types: 's3 bucket and s3 object',
          },
          file: 'template.yaml',
          line: 23,
          column: 25,
          endLine: 23,
          endColumn: 28,
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: "*" for a partial wildcard, and an effectively-star log ARN in a role',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "WorkerRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                  "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
                  },
                  "Policies": [
                    {
                      "PolicyName": "worker",
                      "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                          { "Effect": "Allow", "Action": ["s3:Get*", "s3:ListAllMyBuckets"], "Resource": "*" },
                          { "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": "arn:aws:logs:*:*:*" }
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
          messageId: 'wildcardResource',
          data: { actions: 's3:Get*' },
          file: 'stack.json',
          line: 17,
          column: 96,
          endLine: 17,
          endColumn: 99,
          related: [{ file: 'stack.json', line: 4, column: 5, endLine: 4, endColumn: 17, message: 'granted to role WorkerRole' }],
        },
        {
          messageId: 'everyResourceOfType',
          data: { resource: 'arn:aws:logs:*:*:*', types: 'logs log-stream', actions: 'logs:CreateLogStream and logs:PutLogEvents' },
          file: 'stack.json',
          line: 18,
          column: 107,
          endLine: 18,
          endColumn: 127,
        },
      ],
      output: null,
    },
    {
      name: 'a standalone policy file: every action on every resource, and one resource type named by two services',
      files: {
        'policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Effect": "Allow", "Action": "*", "Resource": ["*"] },
              { "Effect": "Allow", "Action": ["iam:PassRole", "ssm:*"], "Resource": "arn:aws:iam::*:role/*" }
            ]
          }
        `,
      },
      errors: [
        {
          messageId: 'wildcardResource',
          data: { actions: '*' },
          file: 'policy.json',
          line: 4,
          column: 54,
          endLine: 4,
          endColumn: 57,
          related: [],
        },
        {
          messageId: 'everyResourceOfType',
          data: { resource: 'arn:aws:iam::*:role/*', types: 'iam role', actions: 'iam:PassRole and ssm:*' },
          file: 'policy.json',
          line: 5,
          column: 75,
          endLine: 5,
          endColumn: 98,
        },
      ],
      output: null,
    },
  ],
});
