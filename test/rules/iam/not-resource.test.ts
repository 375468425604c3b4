import rule from '../../../rules/checks/iam/not-resource';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      name: 'Resource in an Allow statement',
      files: {
        'serverless.yml': yaml`
          service: photos
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
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'NotResource in a Deny statement, and with actions that accept only "*"',
      files: {
        'policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Effect": "Deny", "Action": "s3:*", "NotResource": ["arn:aws:s3:::photos", "arn:aws:s3:::photos/*"] },
              { "Effect": "Allow", "Action": ["xray:PutTraceSegments", "s3:ListAllMyBuckets"], "NotResource": "arn:aws:s3:::audit" }
            ]
          }
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: NotResource in the provider role',
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
                    NotResource: arn:aws:s3:::audit/*
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
      errors: [
        {
          messageId: 'notResource',
          data: { actions: 's3:GetObject and s3:PutObject', excluded: 'arn:aws:s3:::audit/*' },
          file: 'serverless.yml',
          line: 9,
          column: 11,
          endLine: 9,
          endColumn: 22,
          related: [{ file: 'serverless.yml', line: 11, column: 3, endLine: 11, endColumn: 9, message: 'granted to function upload' }],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a mixed statement names the actions a resource list would scope',
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
                        Action: [xray:PutTraceSegments, dynamodb:GetItem]
                        NotResource: !Sub "arn:\${AWS::Partition}:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/Secrets"
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'notResource',
          data: { actions: 'dynamodb:GetItem', excluded: 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/Secrets' },
          file: 'template.yaml',
          line: 13,
          column: 15,
          endLine: 13,
          endColumn: 26,
          related: [{ file: 'template.yaml', line: 4, column: 3, endLine: 4, endColumn: 15, message: 'granted to function ReadFunction' }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation YAML: NotAction and NotResource together',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            Policy:
              Type: AWS::IAM::ManagedPolicy
              Properties:
                PolicyDocument:
                  Version: '2012-10-17'
                  Statement:
                    - Effect: Allow
                      NotAction: iam:*
                      NotResource: [arn:aws:s3:::audit, arn:aws:s3:::audit/*]
        `,
      },
      errors: [
        {
          messageId: 'notResource',
          data: { actions: 'every action but the NotAction ones', excluded: 'arn:aws:s3:::audit and arn:aws:s3:::audit/*' },
          file: 'stack.yaml',
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 24,
          related: [{ file: 'stack.yaml', line: 3, column: 3, endLine: 3, endColumn: 9, message: 'granted to policy Policy' }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: actions only known at deploy time',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "Policy": {
                "Type": "AWS::IAM::ManagedPolicy",
                "Properties": {
                  "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [{ "Effect": "Allow", "Action": { "Ref": "Actions" }, "NotResource": "arn:aws:s3:::audit/*" }]
                  }
                }
              }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'notResource',
          data: { actions: "the statement's actions", excluded: 'arn:aws:s3:::audit/*' },
          file: 'stack.json',
          line: 9,
          column: 78,
          endLine: 9,
          endColumn: 91,
          related: [{ file: 'stack.json', line: 4, column: 5, endLine: 4, endColumn: 13, message: 'granted to policy Policy' }],
        },
      ],
      output: null,
    },
  ],
});
