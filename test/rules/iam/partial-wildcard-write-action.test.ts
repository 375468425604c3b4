import rule from '../../../rules/checks/iam/partial-wildcard-write-action';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      name: 'write actions listed one by one, read-only wildcards (iam/partial-wildcard-action) and whole services',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: [s3:PutObject, s3:Get*, s3:*Tagging, "s3:*"]
                    Resource: arn:aws:s3:::photos/*
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'Deny, NotAction and symbolic values',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Parameters:
            Verb:
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
                        Action: s3:Put*
                        Resource: "*"
                      - Effect: Allow
                        NotAction: iam:*Policy*
                        Resource: arn:aws:s3:::photos/*
                      - Effect: Allow
                        Action: [!Sub "s3:\${Verb}*", !Join ["", [!Ref Verb, ":*Item"]]]
                        Resource: arn:aws:s3:::photos/*
        `,
        'app.js': handler,
      },
    },
    {
      name: 'a SAM policy template whose own actions hold a wildcard (sqs:SendMessage*)',
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
                  - SQSSendMessagePolicy:
                      QueueName: !GetAtt Queue.QueueName
            Queue:
              Type: AWS::SQS::Queue
        `,
        'app.js': handler,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless per-function statements: a wildcard that reaches Write',
      files: {
        'serverless.yml': yaml`
          service: orders
          provider:
            name: aws
          functions:
            save:
              handler: src/save.handler
              iamRoleStatements:
                - Effect: Allow
                  Action: dynamodb:*Item
                  Resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders
        `,
        'src/save.js': handler,
      },
      errors: [
        {
          messageId: 'partialWildcard',
          data: {
            action: 'dynamodb:*Item',
            count: '7 actions',
            levels: '4 Write, 3 Read',
            examples: 'dynamodb:BatchWriteItem, dynamodb:DeleteItem, dynamodb:PutItem and 1 more',
          },
          file: 'serverless.yml',
          line: 9,
          column: 17,
          endLine: 9,
          endColumn: 31,
          related: [{ file: 'serverless.yml', line: 5, column: 3, endLine: 5, endColumn: 7, message: 'granted to function save' }],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: permissions management comes first in the examples',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            UploadFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - Statement:
                      - Effect: Allow
                        Action:
                          - 's3:Put*'
                        Resource: arn:aws:s3:::photos/*
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'partialWildcard',
          data: {
            action: 's3:Put*',
            count: '40 actions',
            levels: '12 Permissions management, 23 Write, 5 Tagging',
            examples: 's3:PutAccessGrantsInstanceResourcePolicy, s3:PutAccessPointPolicy, s3:PutAccessPointPolicyForObjectLambda and 32 more',
          },
          file: 'template.yaml',
          line: 13,
          column: 19,
          endLine: 13,
          endColumn: 28,
          related: [{ file: 'template.yaml', line: 4, column: 3, endLine: 4, endColumn: 17, message: 'granted to function UploadFunction' }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation YAML: one Fn::If branch and the literal text of Fn::Sub',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Conditions:
            IsProd: !Equals [!Ref Stage, prod]
          Parameters:
            Stage:
              Type: String
          Resources:
            WorkerPolicy:
              Type: AWS::IAM::Policy
              Properties:
                PolicyName: worker
                Roles: [!Ref WorkerRole]
                PolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Action:
                        - !If [IsProd, sqs:SendMessage, 'sqs:*Message*']
                        - !Sub logs:Put*
                      Resource: "*"
        `,
      },
      errors: [
        {
          messageId: 'partialWildcard',
          data: {
            action: 'sqs:*Message*',
            count: '7 actions',
            levels: '5 Write, 2 Read',
            examples: 'sqs:CancelMessageMoveTask, sqs:ChangeMessageVisibility, sqs:DeleteMessage and 2 more',
          },
          file: 'stack.yaml',
          line: 18,
          column: 47,
          endLine: 18,
          endColumn: 62,
          related: [{ file: 'stack.yaml', line: 8, column: 3, endLine: 8, endColumn: 15, message: 'granted to policy WorkerPolicy' }],
        },
        {
          messageId: 'partialWildcard',
          data: {
            action: 'logs:Put*',
            count: '21 actions',
            levels: '1 Permissions management, 20 Write',
            examples: 'logs:PutResourcePolicy, logs:PutAccountPolicy, logs:PutBearerTokenAuthentication and 18 more',
          },
          file: 'stack.yaml',
          line: 19,
          column: 22,
          endLine: 19,
          endColumn: 31,
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON and a policy file',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "AppPolicy": {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {
                  "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{ "Effect": "Allow", "Action": "iam:*Policy*", "Resource": "*" }]
                  }
                }
              }
            }
          }
        `,
        'policies/crypto.json': json`
          {
            "Version": "2012-10-17",
            "Statement": { "Effect": "Allow", "Action": "kms:*crypt*", "Resource": "*" }
          }
        `,
      },
      errors: [
        {
          messageId: 'partialWildcard',
          data: {
            action: 'kms:*crypt*',
            count: '4 actions',
            levels: 'all Write',
            examples: 'kms:Decrypt, kms:Encrypt, kms:ReEncryptFrom and 1 more',
          },
          file: 'policies/crypto.json',
          line: 3,
          column: 47,
          endLine: 3,
          endColumn: 60,
          related: [],
        },
        {
          messageId: 'partialWildcard',
          data: {
            action: 'iam:*Policy*',
            count: '35 actions',
            levels: '19 Permissions management, 1 Write, 2 Tagging, 10 Read, 3 List',
            examples: 'iam:AttachGroupPolicy, iam:AttachRolePolicy, iam:AttachUserPolicy and 17 more',
          },
          file: 'stack.json',
          line: 9,
          column: 56,
          endLine: 9,
          endColumn: 70,
          related: [{ file: 'stack.json', line: 4, column: 5, endLine: 4, endColumn: 16, message: 'granted to policy AppPolicy' }],
        },
      ],
      output: null,
    },
  ],
});
