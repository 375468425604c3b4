import rule from '../../../rules/checks/iam/shared-role';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      name: 'a role used by one function',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            WorkerRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
                Policies:
                  - PolicyName: queue
                    PolicyDocument:
                      Statement:
                        - Effect: Allow
                          Action: sqs:SendMessage
                          Resource: !GetAtt Queue.Arn
            Worker:
              Type: AWS::Lambda::Function
              Properties:
                Handler: index.handler
                Runtime: nodejs20.x
                Role: !GetAtt WorkerRole.Arn
                Code:
                  ZipFile: exports.handler = async () => ({});
            Queue:
              Type: AWS::SQS::Queue
        `,
      },
    },
    {
      name: 'SAM functions with the roles SAM generates for each',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Function:
              Runtime: nodejs20.x
          Resources:
            ReadFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: read.handler
                Policies:
                  - DynamoDBReadPolicy: { TableName: !Ref Table }
            WriteFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: write.handler
                Policies:
                  - DynamoDBWritePolicy: { TableName: !Ref Table }
            Table:
              Type: AWS::DynamoDB::Table
        `,
        'read.js': handler,
        'write.js': handler,
      },
    },
    {
      name: 'the serverless provider role with no statements of its own (logging only)',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
          functions:
            upload:
              handler: src/upload.handler
              events:
                - http: { path: photos, method: post }
            resize:
              handler: src/resize.handler
              events:
                - s3: photos
        `,
        'src/upload.js': handler,
        'src/resize.js': handler,
      },
    },
    {
      name: 'one handler deployed twice with the same kind of trigger',
      files: {
        'serverless.yml': yaml`
          service: reports
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: s3:PutObject
                    Resource: arn:aws:s3:::reports/*
          functions:
            daily:
              handler: src/report.handler
              events:
                - schedule: rate(1 day)
            weekly:
              handler: src/report.handler
              events:
                - schedule: rate(7 days)
        `,
        'src/report.js': handler,
      },
    },
    {
      name: 'per-function statements give each function its own role',
      files: {
        'serverless.yml': yaml`
          service: photos
          plugins:
            - serverless-iam-roles-per-function
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: s3:GetObject
                    Resource: arn:aws:s3:::photos/*
          functions:
            upload:
              handler: src/upload.handler
              iamRoleStatements:
                - Effect: Allow
                  Action: s3:PutObject
                  Resource: arn:aws:s3:::photos/*
            resize:
              handler: src/resize.handler
              iamRoleStatements:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: arn:aws:s3:::photos/*
        `,
        'src/upload.js': handler,
        'src/resize.js': handler,
      },
    },
    {
      name: 'a shared role that only lets the functions write logs',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "LogRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                  "ManagedPolicyArns": [{ "Fn::Sub": "arn:\${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole" }]
                }
              },
              "A": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "a.handler", "Role": { "Fn::GetAtt": ["LogRole", "Arn"] } } },
              "B": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "b.handler", "Role": { "Fn::GetAtt": ["LogRole", "Arn"] } } }
            }
          }
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless provider.iam.role shared by functions with different handlers and triggers',
      files: {
        'serverless.yml': yaml`
          service: invoices
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: [s3:GetObject, s3:PutObject]
                    Resource: arn:aws:s3:::invoices/*
          functions:
            upload:
              handler: src/upload.handler
              events:
                - http: { path: invoices, method: post }
            report:
              handler: src/report.handler
              events:
                - http: { path: invoices/report, method: get }
        `,
        'src/upload.js': handler,
        'src/report.js': handler,
      },
      errors: [
        {
          messageId: 'sharedRole',
          data: { count: '2', role: 'the provider role', functions: 'upload, report' },
          file: 'serverless.yml',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 9,
          related: [
            { file: 'serverless.yml', line: 11, column: 3, endLine: 11, endColumn: 9, message: 'function upload (src/upload.js; events http) runs as this role' },
            { file: 'serverless.yml', line: 15, column: 3, endLine: 15, endColumn: 9, message: 'function report (src/report.js; events http) runs as this role' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'serverless iamRoleStatements (v2): the same handler file, different triggers',
      files: {
        'serverless.yml': yaml`
          service: orders
          provider:
            name: aws
            iamRoleStatements:
              - Effect: Allow
                Action: dynamodb:PutItem
                Resource: arn:aws:dynamodb:eu-west-1:123456789012:table/orders
          functions:
            submit:
              handler: src/orders.submit
              events:
                - http: { path: orders, method: post }
            drain:
              handler: src/orders.drain
              events:
                - sqs: arn:aws:sqs:eu-west-1:123456789012:orders
        `,
        'src/orders.js': handler,
      },
      errors: [
        {
          messageId: 'sharedRole',
          data: { count: '2', role: 'the provider role', functions: 'submit, drain' },
          file: 'serverless.yml',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 20,
          related: [
            { file: 'serverless.yml', line: 9, column: 3, endLine: 9, endColumn: 9, message: 'function submit (src/orders.js; events http) runs as this role' },
            { file: 'serverless.yml', line: 13, column: 3, endLine: 13, endColumn: 8, message: 'function drain (src/orders.js; events sqs) runs as this role' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'serverless functions that each name the same role of resources',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
          functions:
            upload:
              handler: src/upload.handler
              role: PhotosRole
            resize:
              handler: src/resize.handler
              role: PhotosRole
          resources:
            Resources:
              PhotosRole:
                Type: AWS::IAM::Role
                Properties:
                  ManagedPolicyArns:
                    - arn:aws:iam::aws:policy/AmazonS3FullAccess
        `,
        'src/upload.js': handler,
        'src/resize.js': handler,
      },
      errors: [
        {
          messageId: 'sharedRole',
          data: { count: '2', role: 'role PhotosRole', functions: 'upload, resize' },
          file: 'serverless.yml',
          line: 13,
          column: 5,
          endLine: 13,
          endColumn: 15,
        },
      ],
      output: null,
    },
    {
      name: 'SAM functions with one Role, from Globals and written out',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Globals:
            Function:
              Runtime: nodejs20.x
              Role: !GetAtt AppRole.Arn
          Resources:
            ApiFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: api.handler
                Events:
                  Get:
                    Type: Api
                    Properties: { Path: /items, Method: get }
            WorkerFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: worker.handler
                Events:
                  Queue:
                    Type: SQS
                    Properties: { Queue: !GetAtt Queue.Arn }
            CronFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: cron.handler
                Role: !GetAtt AppRole.Arn
            AppRole:
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
                          Action: [sqs:ReceiveMessage, sqs:DeleteMessage, dynamodb:Query]
                          Resource: "*"
            Queue:
              Type: AWS::SQS::Queue
        `,
        'api.js': handler,
        'worker.js': handler,
        'cron.js': handler,
      },
      errors: [
        {
          messageId: 'sharedRole',
          data: { count: '3', role: 'role AppRole', functions: 'ApiFunction, WorkerFunction, CronFunction' },
          file: 'template.yaml',
          line: 29,
          column: 3,
          endLine: 29,
          endColumn: 10,
          related: [
            { file: 'template.yaml', line: 8, column: 3, endLine: 8, endColumn: 14, message: 'function ApiFunction (api.js; events Api) runs as this role' },
            { file: 'template.yaml', line: 16, column: 3, endLine: 16, endColumn: 17, message: 'function WorkerFunction (worker.js; events SQS) runs as this role' },
            { file: 'template.yaml', line: 24, column: 3, endLine: 24, endColumn: 15, message: 'function CronFunction (cron.js; no events) runs as this role' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: one role for a queue consumer and an unrelated function',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "SharedRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                  "Policies": [{
                    "PolicyName": "all",
                    "PolicyDocument": { "Statement": [{ "Effect": "Allow", "Action": "sqs:*", "Resource": "*" }] }
                  }]
                }
              },
              "Consumer": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "consumer.handler", "Role": { "Fn::GetAtt": ["SharedRole", "Arn"] } } },
              "Mapping": {
                "Type": "AWS::Lambda::EventSourceMapping",
                "Properties": { "FunctionName": { "Ref": "Consumer" }, "EventSourceArn": "arn:aws:sqs:eu-west-1:123456789012:jobs" }
              },
              "Admin": { "Type": "AWS::Lambda::Function", "Properties": { "Handler": "admin.handler", "Role": { "Fn::GetAtt": ["SharedRole", "Arn"] } } }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'sharedRole',
          data: { count: '2', role: 'role SharedRole', functions: 'Consumer, Admin' },
          file: 'stack.json',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 17,
          related: [
            { file: 'stack.json', line: 13, column: 5, endLine: 13, endColumn: 15, message: 'function Consumer (consumer.handler; events SQS) runs as this role' },
            { file: 'stack.json', line: 18, column: 5, endLine: 18, endColumn: 12, message: 'function Admin (admin.handler; no events) runs as this role' },
          ],
        },
      ],
      output: null,
    },
  ],
});
