import rule from '../../../rules/checks/iam/public-principal';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      name: 'a Deny for everyone, and Principal "*" restricted to the organization or a VPC endpoint',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            Bucket:
              Type: AWS::S3::Bucket
            BucketPolicy:
              Type: AWS::S3::BucketPolicy
              Properties:
                Bucket: !Ref Bucket
                PolicyDocument:
                  Statement:
                    - Effect: Deny
                      Principal: "*"
                      Action: s3:*
                      Resource: !Sub '\${Bucket.Arn}/*'
                      Condition:
                        Bool: { aws:SecureTransport: false }
                    - Effect: Allow
                      Principal: { AWS: "*" }
                      Action: s3:GetObject
                      Resource: !Sub '\${Bucket.Arn}/*'
                      Condition:
                        StringEquals: { aws:PrincipalOrgID: o-a1b2c3d4e5 }
                    - Effect: Allow
                      Principal: "*"
                      Action: s3:PutObject
                      Resource: !Sub '\${Bucket.Arn}/*'
                      Condition:
                        StringEquals:
                          aws:SourceVpce: [vpce-1a2b3c4d]
        `,
      },
    },
    {
      name: 'service principals with SourceArn or SourceAccount, an account principal, an Alexa skill',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            ResizeFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
            FromBucket:
              Type: AWS::Lambda::Permission
              Properties:
                Action: lambda:InvokeFunction
                FunctionName: !Ref ResizeFunction
                Principal: s3.amazonaws.com
                SourceArn: !Sub 'arn:\${AWS::Partition}:s3:::photos-\${AWS::AccountId}'
                SourceAccount: !Ref AWS::AccountId
            FromTopic:
              Type: AWS::Lambda::Permission
              Properties:
                Action: lambda:InvokeFunction
                FunctionName: !GetAtt ResizeFunction.Arn
                Principal: sns.amazonaws.com
                SourceAccount: '123456789012'
            FromPartner:
              Type: AWS::Lambda::Permission
              Properties:
                Action: lambda:InvokeFunction
                FunctionName: !Ref ResizeFunction
                Principal: '210987654321'
            FromSkill:
              Type: AWS::Lambda::Permission
              Properties:
                Action: lambda:InvokeFunction
                FunctionName: !Ref ResizeFunction
                Principal: alexa-appkit.amazon.com
                EventSourceToken: amzn1.ask.skill.12345678-1234-1234-1234-123456789012
        `,
        'app.js': handler,
      },
    },
    {
      name: 'the permission of a function URL with AuthType NONE (the function URL rule reports it)',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            UrlPermission:
              Type: AWS::Lambda::Permission
              Properties:
                Action: lambda:InvokeFunctionUrl
                FunctionName: !Ref Web
                Principal: "*"
                FunctionUrlAuthType: NONE
            Web:
              Type: AWS::Lambda::Function
              Properties:
                Handler: index.handler
                Runtime: nodejs20.x
                Role: arn:aws:iam::123456789012:role/web
                Code:
                  ZipFile: exports.handler = async () => ({});
        `,
      },
    },
    {
      name: 'a trust policy for the Lambda service, and an identity policy file',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "WorkerRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                  "AssumeRolePolicyDocument": {
                    "Statement": [{ "Effect": "Allow", "Principal": { "Service": ["lambda.amazonaws.com"] }, "Action": "sts:AssumeRole" }]
                  }
                }
              }
            }
          }
        `,
        'policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }]
          }
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'CloudFormation YAML: a public bucket policy, a public trust policy, public and confused-deputy permissions',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            BucketPolicy:
              Type: AWS::S3::BucketPolicy
              Properties:
                Bucket: website
                PolicyDocument:
                  Statement:
                    - Effect: Allow
                      Principal: "*"
                      Action: [s3:GetObject, s3:ListBucket]
                      Resource: [arn:aws:s3:::website, arn:aws:s3:::website/*]
                      Condition:
                        Bool: { aws:SecureTransport: true }
            WorkerRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Statement:
                    - Effect: Allow
                      Principal:
                        AWS: "*"
                      Action: sts:AssumeRole
            Worker:
              Type: AWS::Lambda::Function
              Properties:
                Handler: index.handler
                Runtime: nodejs20.x
                Role: !GetAtt WorkerRole.Arn
                Code:
                  ZipFile: exports.handler = async () => ({});
            AnyoneMayInvoke:
              Type: AWS::Lambda::Permission
              Properties:
                Action: lambda:InvokeFunction
                FunctionName: !GetAtt Worker.Arn
                Principal: '*'
            AnyBucketMayInvoke:
              Type: AWS::Lambda::Permission
              Properties:
                Action: lambda:InvokeFunction
                FunctionName: !Ref Worker
                Principal: s3.amazonaws.com
                SourceArn: '*'
        `,
      },
      errors: [
        {
          messageId: 'publicPrincipal',
          data: { principal: 'Principal "*"', actions: 's3:GetObject, s3:ListBucket', resource: 'BucketPolicy' },
          file: 'stack.yaml',
          line: 10,
          column: 24,
          endLine: 10,
          endColumn: 27,
          related: [],
        },
        {
          messageId: 'publicTrust',
          data: { principal: 'Principal {AWS: "*"}', role: 'WorkerRole' },
          file: 'stack.yaml',
          line: 22,
          column: 20,
          endLine: 22,
          endColumn: 23,
          related: [{ file: 'stack.yaml', line: 24, column: 3, endLine: 24, endColumn: 9, message: 'function Worker runs as WorkerRole' }],
        },
        {
          messageId: 'publicInvoke',
          data: { function: 'function Worker' },
          file: 'stack.yaml',
          line: 37,
          column: 18,
          endLine: 37,
          endColumn: 21,
          related: [{ file: 'stack.yaml', line: 24, column: 3, endLine: 24, endColumn: 9, message: 'function Worker is defined here' }],
        },
        {
          messageId: 'serviceWithoutSource',
          data: { service: 's3.amazonaws.com', function: 'function Worker' },
          file: 'stack.yaml',
          line: 43,
          column: 18,
          endLine: 43,
          endColumn: 34,
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: {"AWS": ["*"]} on a queue, conditions that do not narrow the caller, NotPrincipal',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "QueuePolicy": {
                "Type": "AWS::SQS::QueuePolicy",
                "Properties": {
                  "Queues": [{ "Ref": "Queue" }],
                  "PolicyDocument": {
                    "Statement": [
                      { "Effect": "Allow", "Principal": { "AWS": ["arn:aws:iam::123456789012:root", "*"] }, "Action": "sqs:SendMessage", "Resource": "*" },
                      {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "sqs:ReceiveMessage",
                        "Resource": "*",
                        "Condition": {
                          "StringNotEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" },
                          "StringLike": { "aws:PrincipalOrgID": "*" },
                          "StringEqualsIfExists": { "aws:SourceAccount": "123456789012" }
                        }
                      },
                      { "Effect": "Allow", "NotPrincipal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "sqs:*", "Resource": "*" }
                    ]
                  }
                }
              },
              "Queue": { "Type": "AWS::SQS::Queue" }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'publicPrincipal',
          data: { principal: 'Principal {AWS: "*"}', actions: 'sqs:SendMessage', resource: 'QueuePolicy' },
          file: 'stack.json',
          line: 10,
          column: 91,
          endLine: 10,
          endColumn: 94,
        },
        {
          messageId: 'publicPrincipal',
          data: { principal: 'Principal "*"', actions: 'sqs:ReceiveMessage', resource: 'QueuePolicy' },
          file: 'stack.json',
          line: 13,
          column: 28,
          endLine: 13,
          endColumn: 31,
        },
        {
          messageId: 'notPrincipal',
          data: { actions: 'sqs:*', resource: 'QueuePolicy' },
          file: 'stack.json',
          line: 22,
          column: 34,
          endLine: 22,
          endColumn: 48,
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a service principal without SourceArn or SourceAccount',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            ResizeFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
            FromEvents:
              Type: AWS::Lambda::Permission
              Properties:
                Action: lambda:InvokeFunction
                FunctionName: !GetAtt ResizeFunction.Arn
                Principal: events.amazonaws.com
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'serviceWithoutSource',
          data: { service: 'events.amazonaws.com', function: 'function ResizeFunction' },
          file: 'template.yaml',
          line: 14,
          column: 18,
          endLine: 14,
          endColumn: 38,
          related: [{ file: 'template.yaml', line: 4, column: 3, endLine: 4, endColumn: 17 }],
        },
      ],
      output: null,
    },
    {
      name: 'serverless resources: a permission on a framework function by its logical id, and a public topic policy',
      files: {
        'serverless.yml': yaml`
          service: photos
          provider:
            name: aws
          functions:
            upload-photo:
              handler: src/upload.handler
          resources:
            Resources:
              PublicInvoke:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: !GetAtt UploadDashphotoLambdaFunction.Arn
                  Principal: "*"
              TopicPolicy:
                Type: AWS::SNS::TopicPolicy
                Properties:
                  Topics: [!Ref Topic]
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: { AWS: "*" }
                        Action: sns:Publish
                        Resource: !Ref Topic
              Topic:
                Type: AWS::SNS::Topic
        `,
        'src/upload.js': handler,
      },
      errors: [
        {
          messageId: 'publicInvoke',
          data: { function: 'function upload-photo' },
          file: 'serverless.yml',
          line: 14,
          column: 20,
          endLine: 14,
          endColumn: 23,
          related: [{ file: 'serverless.yml', line: 5, column: 3, endLine: 5, endColumn: 15 }],
        },
        {
          messageId: 'publicPrincipal',
          data: { principal: 'Principal {AWS: "*"}', actions: 'sns:Publish', resource: 'TopicPolicy' },
          file: 'serverless.yml',
          line: 22,
          column: 33,
          endLine: 22,
          endColumn: 36,
        },
      ],
      output: null,
    },
    {
      name: 'IAM policy JSON: a bucket policy kept as a file',
      files: {
        'bucket-policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::website/*" }
            ]
          }
        `,
      },
      errors: [
        {
          messageId: 'publicPrincipal',
          data: { principal: 'Principal "*"', actions: 's3:GetObject', resource: 'bucket-policy.json' },
          file: 'bucket-policy.json',
          line: 4,
          column: 60,
          endLine: 4,
          endColumn: 63,
          related: [],
        },
      ],
      output: null,
    },
  ],
});
