import rule from '../../../rules/checks/iam/not-action';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      name: 'Action in an Allow statement',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: [s3:GetObject]
                    Resource: arn:aws:s3:::photos/*
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'NotAction in a Deny statement (a guard-rail)',
      files: {
        'policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Effect": "Deny",
                "NotAction": ["iam:ChangePassword", "iam:GetUser"],
                "Resource": "*",
                "Condition": { "BoolIfExists": { "aws:MultiFactorAuthPresent": "false" } }
              }
            ]
          }
        `,
      },
    },
    {
      name: 'an Effect only known at deploy time is not guessed',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Parameters:
            Effect:
              Type: String
          Resources:
            Policy:
              Type: AWS::IAM::ManagedPolicy
              Properties:
                PolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: !Ref Effect
                      NotAction: iam:*
                      Resource: "*"
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: NotAction in the provider role reaches every function',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    NotAction:
                      - iam:*
                      - organizations:*
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
          messageId: 'notAction',
          data: { excluded: 'iam:* and organizations:*' },
          file: 'serverless.yml',
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 20,
          related: [
            { file: 'serverless.yml', line: 13, column: 3, endLine: 13, endColumn: 9, message: 'granted to function upload' },
            { file: 'serverless.yml', line: 15, column: 3, endLine: 15, endColumn: 9, message: 'granted to function resize' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'SAM inline statement, with an Fn::If inside the list',
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
                  - Statement:
                      - Effect: Allow
                        NotAction: [!If [IsProd, "iam:*", "sts:*"]]
                        Resource: arn:aws:s3:::photos/*
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'notAction',
          data: { excluded: 'iam:* and sts:*' },
          file: 'template.yaml',
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 24,
          related: [{ file: 'template.yaml', line: 4, column: 3, endLine: 4, endColumn: 16, message: 'granted to function AdminFunction' }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON role and a policy file',
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
                        "Statement": [{ "Effect": "Allow", "NotAction": { "Ref": "Excluded" }, "Resource": "*" }]
                      }
                    }
                  ]
                }
              }
            }
          }
        `,
        'policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": { "Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "*" }
          }
        `,
      },
      errors: [
        {
          messageId: 'notAction',
          data: { excluded: 's3:DeleteBucket' },
          file: 'policy.json',
          line: 3,
          column: 37,
          endLine: 3,
          endColumn: 48,
          related: [],
        },
        {
          messageId: 'notAction',
          data: { excluded: 'the listed ones' },
          file: 'stack.json',
          line: 16,
          column: 50,
          endLine: 16,
          endColumn: 61,
          related: [{ file: 'stack.json', line: 4, column: 5, endLine: 4, endColumn: 17, message: 'granted to role WorkerRole' }],
        },
      ],
      output: null,
    },
  ],
});
