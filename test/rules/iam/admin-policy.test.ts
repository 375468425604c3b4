import rule from '../../../rules/checks/iam/admin-policy';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      name: 'the basic execution role and a scoped AWS managed policy',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            ReadFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - AWSLambdaBasicExecutionRole
                  - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
                  - S3ReadPolicy:
                      BucketName: photos
        `,
        'app.js': handler,
      },
    },
    {
      name: 'a customer managed policy that happens to be called AdministratorAccess',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                managedPolicies:
                  - arn:aws:iam::123456789012:policy/AdministratorAccess
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'a policy name only known at deploy time, and a reference to a policy of the template',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Parameters:
            PolicyName:
              Type: String
          Resources:
            WorkerRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
                ManagedPolicyArns:
                  - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/\${PolicyName}'
                  - !Ref WorkerPolicy
            WorkerPolicy:
              Type: AWS::IAM::ManagedPolicy
              Properties:
                PolicyDocument:
                  Statement:
                    - Effect: Allow
                      Action: sqs:SendMessage
                      Resource: !GetAtt Queue.Arn
            Queue:
              Type: AWS::SQS::Queue
        `,
      },
    },
    {
      name: 'SAM ignores Policies once a function names its Role',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            ReadFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Role: arn:aws:iam::123456789012:role/reader
                Policies:
                  - AdministratorAccess
        `,
        'app.js': handler,
      },
    },
    {
      name: 'AdministratorAccess in a file that is not a template',
      files: {
        'notes.yml': yaml`
          policies:
            - arn:aws:iam::aws:policy/AdministratorAccess
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'SAM Policies: a bare name and a !Sub ARN judged on its literal parts',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            AdminFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - AWSLambdaBasicExecutionRole
                  - AdministratorAccess
                  - !Sub 'arn:\${AWS::Partition}:iam::aws:policy/AmazonDynamoDBFullAccess'
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'administrator',
          data: { policy: 'AdministratorAccess', holder: 'function AdminFunction', grants: 'every action on every resource' },
          file: 'template.yaml',
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 30,
          related: [{ file: 'template.yaml', line: 4, column: 3, endLine: 4, endColumn: 16, message: 'function AdminFunction runs with AdministratorAccess' }],
        },
        {
          messageId: 'fullAccess',
          data: { policy: 'AmazonDynamoDBFullAccess', holder: 'function AdminFunction' },
          file: 'template.yaml',
          line: 12,
          column: 16,
          endLine: 12,
          endColumn: 80,
          related: [{ file: 'template.yaml', line: 4, column: 3, endLine: 4, endColumn: 16 }],
        },
      ],
      output: null,
    },
    {
      name: 'serverless provider managedPolicies, shared by every function, and a legacy iamManagedPolicies',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iamManagedPolicies:
              - arn:aws:iam::aws:policy/IAMFullAccess
            iam:
              role:
                managedPolicies:
                  - 'arn:aws:iam::aws:policy/PowerUserAccess'
          functions:
            upload:
              handler: src/upload.handler
            report:
              handler: src/report.handler
        `,
        'src/upload.js': handler,
        'src/report.js': handler,
      },
      errors: [
        {
          messageId: 'administrator',
          data: { policy: 'IAMFullAccess', holder: 'the provider role', grants: 'every IAM action, enough to make itself an administrator' },
          file: 'serverless.yml',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 44,
          related: [
            { file: 'serverless.yml', line: 11, column: 3, endLine: 11, endColumn: 9, message: 'function upload runs with IAMFullAccess' },
            { file: 'serverless.yml', line: 13, column: 3, endLine: 13, endColumn: 9, message: 'function report runs with IAMFullAccess' },
          ],
        },
        {
          messageId: 'administrator',
          data: { policy: 'PowerUserAccess', holder: 'the provider role', grants: 'every action outside IAM and Organizations' },
          file: 'serverless.yml',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 52,
        },
      ],
      output: null,
    },
    {
      name: 'serverless per-function role that inherits the provider policy: reported once',
      files: {
        'serverless.yml': yaml`
          service: photos
          plugins:
            - serverless-iam-roles-per-function
          custom:
            serverless-iam-roles-per-function:
              defaultInherit: true
          provider:
            name: aws
            iam:
              role:
                managedPolicies:
                  - arn:aws:iam::aws:policy/AWSLambda_FullAccess
          functions:
            upload:
              handler: src/upload.handler
              iamRoleStatements:
                - Effect: Allow
                  Action: s3:PutObject
                  Resource: arn:aws:s3:::photos/*
        `,
        'src/upload.js': handler,
      },
      errors: [
        {
          messageId: 'fullAccess',
          data: { policy: 'AWSLambda_FullAccess', holder: 'the provider role' },
          file: 'serverless.yml',
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 55,
          related: [{ file: 'serverless.yml', line: 14, column: 3, endLine: 14, endColumn: 9, message: 'function upload runs with AWSLambda_FullAccess' }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation YAML role: a plain ARN, a service-role path and a !Join',
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
                ManagedPolicyArns:
                  - arn:aws-us-gov:iam::aws:policy/AdministratorAccess
                  - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
                  - !Join ['', ['arn:', !Ref AWS::Partition, ':iam::aws:policy/AmazonSQSFullAccess']]
            Worker:
              Type: AWS::Lambda::Function
              Properties:
                Handler: index.handler
                Runtime: nodejs20.x
                Role: !GetAtt WorkerRole.Arn
                Code:
                  ZipFile: exports.handler = async () => {};
        `,
      },
      errors: [
        {
          messageId: 'administrator',
          data: { policy: 'AdministratorAccess', holder: 'role WorkerRole', grants: 'every action on every resource' },
          file: 'stack.yaml',
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 61,
          related: [{ file: 'stack.yaml', line: 15, column: 3, endLine: 15, endColumn: 9, message: 'function Worker runs with AdministratorAccess' }],
        },
        {
          messageId: 'fullAccess',
          data: { policy: 'AmazonSQSFullAccess', holder: 'role WorkerRole' },
          file: 'stack.yaml',
          line: 14,
          column: 52,
          endLine: 14,
          endColumn: 90,
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON role used by no function',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "DeployRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                  "AssumeRolePolicyDocument": {
                    "Statement": [{ "Effect": "Allow", "Principal": { "Service": "codebuild.amazonaws.com" }, "Action": "sts:AssumeRole" }]
                  },
                  "ManagedPolicyArns": [{ "Fn::Sub": "arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess" }]
                }
              }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'administrator',
          data: { policy: 'AdministratorAccess', holder: 'role DeployRole', grants: 'every action on every resource' },
          file: 'stack.json',
          line: 10,
          column: 44,
          endLine: 10,
          endColumn: 103,
          related: [],
        },
      ],
      output: null,
    },
  ],
});
