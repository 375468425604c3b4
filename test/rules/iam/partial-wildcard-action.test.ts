import rule from '../../../rules/checks/iam/partial-wildcard-action';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      name: 'actions listed one by one, and whole-service wildcards (iam/wildcard-action)',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: [s3:GetObject, s3:ListBucket, "s3:*", "*"]
                    Resource: arn:aws:s3:::photos/*
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'Deny, NotAction, a pattern that reaches Write, one that matches nothing, and symbolic values',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Deny
                    Action: s3:Get*
                    Resource: arn:aws:s3:::audit/*
                  - Effect: Allow
                    NotAction: s3:List*
                    Resource: arn:aws:s3:::photos/*
                  - Effect: Allow
                    Action:
                      - s3:Put*
                      - s3:Gett*
                      - \${self:custom.readActions}*
                    Resource: arn:aws:s3:::photos/*
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'a SAM policy template whose own actions hold a wildcard',
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
      name: 'serverless: read and list wildcards, with the function they reach',
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
                      - s3:Get*
                      - "s3:List*"
                    Resource: arn:aws:s3:::photos/*
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
      errors: [
        {
          messageId: 'partialWildcard',
          data: { action: 's3:Get*', count: '63 actions', levels: 'all Read' },
          file: 'serverless.yml',
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 22,
          related: [{ file: 'serverless.yml', line: 13, column: 3, endLine: 13, endColumn: 9, message: 'granted to function upload' }],
        },
        {
          messageId: 'partialWildcard',
          data: { action: 's3:List*', count: '18 actions', levels: 'all List' },
          file: 'serverless.yml',
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 25,
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a wildcard in one Fn::If branch',
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
                        Action: !If [IsProd, dynamodb:GetItem, "dynamodb:Get*"]
                        Resource: !GetAtt Table.Arn
            Table:
              Type: AWS::DynamoDB::Table
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'partialWildcard',
          data: { action: 'dynamodb:Get*', count: '5 actions', levels: 'all Read' },
          file: 'template.yaml',
          line: 17,
          column: 54,
          endLine: 17,
          endColumn: 69,
          related: [{ file: 'template.yaml', line: 9, column: 3, endLine: 9, endColumn: 15, message: 'granted to function ReadFunction' }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: the literal text of Fn::Join and Fn::Sub',
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
                      {
                        "Effect": "Allow",
                        "Action": [{ "Fn::Join": [":", ["ec2", "Describe*"]] }, { "Fn::Sub": "logs:Describe*" }],
                        "Resource": "*"
                      }
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
          messageId: 'partialWildcard',
          data: { action: 'ec2:Describe*', count: '194 actions', levels: 'all List' },
          file: 'stack.json',
          line: 12,
          column: 26,
          endLine: 12,
          endColumn: 69,
          related: [{ file: 'stack.json', line: 4, column: 5, endLine: 4, endColumn: 16, message: 'granted to policy AppPolicy' }],
        },
        {
          messageId: 'partialWildcard',
          data: { action: 'logs:Describe*', count: '19 actions', levels: 'all List' },
          file: 'stack.json',
          line: 12,
          column: 84,
          endLine: 12,
          endColumn: 100,
        },
      ],
      output: null,
    },
    {
      name: 'a policy file: any case, and tagging is not write',
      files: {
        'policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Effect": "Allow", "Action": ["S3:getobject*", "iam:Get*", "s3:*Tagging"], "Resource": "*" }
            ]
          }
        `,
      },
      errors: [
        {
          messageId: 'partialWildcard',
          data: { action: 'S3:getobject*', count: '16 actions', levels: 'all Read' },
          file: 'policy.json',
          line: 4,
          column: 37,
          endLine: 4,
          endColumn: 52,
          related: [],
        },
        {
          messageId: 'partialWildcard',
          data: { action: 'iam:Get*', count: '34 actions', levels: '32 Read, 2 List' },
          file: 'policy.json',
          line: 4,
          column: 54,
          endLine: 4,
          endColumn: 64,
        },
        {
          messageId: 'partialWildcard',
          data: { action: 's3:*Tagging', count: '14 actions', levels: '9 Tagging, 5 Read' },
          file: 'policy.json',
          line: 4,
          column: 66,
          endLine: 4,
          endColumn: 79,
        },
      ],
      output: null,
    },
  ],
});
