import rule from '../../../rules/checks/iam/wildcard-action';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      // SAM's TextractPolicy grants textract:*, but the user wrote a template name, not the action.
      name: 'a SAM policy template whose actions include a service wildcard',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            ScanFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - TextractPolicy: {}
        `,
        'app.js': handler,
      },
    },
    {
      name: 'actions listed one by one',
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
                      - s3:GetObject
                      - s3:PutObject
                    Resource: arn:aws:s3:::photos/*
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'a wildcard on a Deny statement',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Deny
                    Action: "*"
                    Resource: arn:aws:s3:::audit/*
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'a partial wildcard (another rule) and a wildcard resource',
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
                  - Statement:
                      - Effect: Allow
                        Action:
                          - s3:Get*
                          - s3:List*
                        Resource: "*"
        `,
        'app.js': handler,
      },
    },
    {
      name: 'NotAction with a wildcard is left to its own rule',
      files: {
        'policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Effect": "Allow", "NotAction": "iam:*", "Resource": "*" }
            ]
          }
        `,
      },
    },
    {
      name: 'an intrinsic that may expand to a wildcard is not guessed',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Parameters:
            ActionName:
              Type: String
          Resources:
            Policy:
              Type: AWS::IAM::ManagedPolicy
              Properties:
                PolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Action:
                        - !Ref ActionName
                        - !Sub "\${AWS::Partition}:*"
                      Resource: "*"
        `,
      },
    },
    {
      name: 'a wildcard in a file that is not a template',
      files: {
        'notes.yml': yaml`
          statements:
            - Effect: Allow
              Action: "*"
        `,
        'src/handler.js': js`
          const policy = { Effect: 'Allow', Action: 's3:*' };
          exports.handler = async () => policy;
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless provider.iam.role.statements: every service and a whole service',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            runtime: nodejs20.x
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action:
                      - "s3:*"
                      - dynamodb:GetItem
                    Resource: "*"
                  - Effect: Allow
                    Action: '*'
                    Resource: "*"
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
      errors: [
        {
          messageId: 'wildcard',
          data: { action: 's3:*', service: 's3' },
          file: 'serverless.yml',
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 21,
          related: [{ file: 'serverless.yml', line: 6, column: 5, endLine: 6, endColumn: 9, message: 'granted to the provider role, shared by every function of the service' }],
        },
        {
          messageId: 'wildcard',
          data: { action: '*', service: 'every service' },
          file: 'serverless.yml',
          line: 14,
          column: 19,
          endLine: 14,
          endColumn: 22,
          related: [{ file: 'serverless.yml', line: 6, column: 5, endLine: 6, endColumn: 9, message: 'granted to the provider role, shared by every function of the service' }],
        },
      ],
      output: null,
    },
    {
      name: 'serverless iamRoleStatements (v2) and per-function statements',
      files: {
        'serverless.yml': yaml`
          service: photos
          plugins:
            - serverless-iam-roles-per-function
          provider:
            name: aws
            iamRoleStatements:
              - Effect: Allow
                Action: sqs:*
                Resource: "*"
          functions:
            upload:
              handler: src/upload.handler
              iamRoleStatements:
                - Effect: Allow
                  Action:
                    - DynamoDB:*
                  Resource: "*"
        `,
        'src/upload.js': handler,
      },
      errors: [
        {
          messageId: 'wildcard',
          data: { action: 'sqs:*', service: 'sqs' },
          file: 'serverless.yml',
          line: 8,
          column: 15,
          endLine: 8,
          endColumn: 20,
        },
        {
          messageId: 'wildcard',
          data: { action: 'DynamoDB:*', service: 'DynamoDB' },
          file: 'serverless.yml',
          line: 16,
          column: 13,
          endLine: 16,
          endColumn: 23,
        },
      ],
      output: null,
    },
    {
      name: 'serverless function-level iam.role.statements, related to the function',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
          functions:
            resize:
              handler: src/resize.handler
              iam:
                role:
                  statements:
                    - Effect: Allow
                      Action: ["s3:GetObject", "s3:*"]
                      Resource: "*"
        `,
        'src/resize.js': handler,
      },
      errors: [
        {
          messageId: 'wildcard',
          data: { action: 's3:*', service: 's3' },
          file: 'serverless.yml',
          line: 11,
          column: 38,
          endLine: 11,
          endColumn: 44,
          related: [{ file: 'serverless.yml', line: 5, column: 3, endLine: 5, endColumn: 9, message: 'granted to function resize' }],
        },
      ],
      output: null,
    },
    {
      name: 'SAM inline Policies',
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
                  - AWSLambdaBasicExecutionRole
                  - Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Action: s3:*
                        Resource: !Sub "arn:\${AWS::Partition}:s3:::photos/*"
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'wildcard',
          data: { action: 's3:*', service: 's3' },
          file: 'template.yaml',
          line: 14,
          column: 23,
          endLine: 14,
          endColumn: 27,
          related: [{ file: 'template.yaml', line: 4, column: 3, endLine: 4, endColumn: 17 }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation YAML role with short tags around the statement',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Conditions:
            IsProd: !Equals [!Ref Stage, prod]
          Parameters:
            Stage:
              Type: String
          Resources:
            WorkerRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
                Policies:
                  - PolicyName: worker
                    PolicyDocument:
                      Version: '2012-10-17'
                      Statement:
                        - Effect: Allow
                          Action:
                            - !If [IsProd, 'sqs:SendMessage', 'sqs:*']
                            - "kms:*"
                          Resource: !GetAtt Queue.Arn
            Queue:
              Type: AWS::SQS::Queue
        `,
      },
      errors: [
        {
          messageId: 'wildcard',
          data: { action: 'kms:*', service: 'kms' },
          file: 'stack.yaml',
          line: 25,
          column: 21,
          endLine: 25,
          endColumn: 28,
          related: [{ file: 'stack.yaml', line: 8, column: 3, endLine: 8, endColumn: 13, message: 'granted to role WorkerRole' }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON managed policy',
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
                    "Statement": [
                      { "Effect": "Allow", "Action": ["logs:CreateLogStream", "*"], "Resource": "*" }
                    ]
                  }
                }
              }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'wildcard',
          data: { action: '*', service: 'every service' },
          file: 'stack.json',
          line: 10,
          column: 69,
          endLine: 10,
          endColumn: 72,
          related: [{ file: 'stack.json', line: 4, column: 5, endLine: 4, endColumn: 16 }],
        },
      ],
      output: null,
    },
    {
      name: 'a standalone IAM policy JSON file',
      files: {
        'policies/admin.json': json`
          {
            "Version": "2012-10-17",
            "Statement": {
              "Effect": "Allow",
              "Action": "iam:*",
              "Resource": "*"
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'wildcard',
          data: { action: 'iam:*', service: 'iam' },
          file: 'policies/admin.json',
          line: 5,
          column: 15,
          endLine: 5,
          endColumn: 22,
          related: [],
        },
      ],
      output: null,
    },
  ],
});
