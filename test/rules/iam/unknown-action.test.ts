import rule from '../../../rules/checks/iam/unknown-action';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

testRule(rule, {
  valid: [
    {
      name: 'real actions in any case, wildcards that match, and every action',
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
                      - S3:getobject
                      - "s3:Get*"
                      - dynamodb:*
                      - iam:?assRole
                      - s3*:GetObject
                    Resource: "*"
                  - Effect: Allow
                    Action: "*"
                    Resource: "*"
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'values only known at deploy time are not judged',
      files: {
        'serverless.yml': yaml`
          service: photos
          custom:
            readAction: s3:GetObject
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action:
                      - \${self:custom.readAction}
                      - s3:\${self:custom.verb}Object
                    Resource: "*"
          functions:
            upload:
              handler: src/upload.handler
        `,
        'src/upload.js': handler,
      },
    },
    {
      name: 'CloudFormation references and substitutions with variables',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Parameters:
            Verb:
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
                        - !Ref Verb
                        - !Sub "s3:\${Verb}Object"
                        - !Join [":", [s3, !Ref Verb]]
                        - !If [HasQueue, sqs:SendMessage, !Ref AWS::NoValue]
                      Resource: "*"
        `,
      },
    },
    {
      name: 'Deny and NotAction statements with real names',
      files: {
        'policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Effect": "Deny", "Action": ["s3:DeleteBucket", "s3:PutBucketPolicy"], "Resource": "*" },
              { "Effect": "Deny", "NotAction": "iam:*", "Resource": "*" }
            ]
          }
        `,
      },
    },
    {
      name: 'a misspelt action in a file that is not a template',
      files: {
        'notes.yml': yaml`
          statements:
            - Effect: Allow
              Action: s3:GetObjects
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless: a misspelt action and a misspelt service, each with the nearest real name',
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
                      - "s3:GetObjects"
                      - dynamdb:GetItem
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
          messageId: 'unknownAction',
          data: { action: 's3:GetObjects', service: 's3' },
          file: 'serverless.yml',
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 30,
          related: [
            { file: 'serverless.yml', line: 13, column: 3, endLine: 13, endColumn: 9, message: 'granted to function upload' },
            { file: 'serverless.yml', line: 15, column: 3, endLine: 15, endColumn: 9, message: 'granted to function resize' },
          ],
          suggestions: [
            {
              messageId: 'replace',
              output: {
                'serverless.yml': yaml`
                  service: photos
                  provider:
                    name: aws
                    iam:
                      role:
                        statements:
                          - Effect: Allow
                            Action:
                              - "s3:GetObject"
                              - dynamdb:GetItem
                            Resource: "*"
                  functions:
                    upload:
                      handler: src/upload.handler
                    resize:
                      handler: src/upload.handler
                `,
              },
            },
          ],
        },
        {
          messageId: 'unknownService',
          data: { action: 'dynamdb:GetItem', service: 'dynamdb' },
          file: 'serverless.yml',
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 30,
          suggestions: [
            {
              messageId: 'replace',
              output: {
                'serverless.yml': yaml`
                  service: photos
                  provider:
                    name: aws
                    iam:
                      role:
                        statements:
                          - Effect: Allow
                            Action:
                              - "s3:GetObjects"
                              - dynamodb:GetItem
                            Resource: "*"
                  functions:
                    upload:
                      handler: src/upload.handler
                    resize:
                      handler: src/upload.handler
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a typo in a Deny statement denies nothing',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            SendFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - Statement:
                      - Effect: Deny
                        Action: 'sqs:SendMesage'
                        Resource: "*"
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'unknownAction',
          data: { action: 'sqs:SendMesage', service: 'sqs' },
          file: 'template.yaml',
          line: 12,
          column: 23,
          endLine: 12,
          endColumn: 39,
          related: [{ file: 'template.yaml', line: 4, column: 3, endLine: 4, endColumn: 15, message: 'granted to function SendFunction' }],
          suggestions: [
            {
              messageId: 'replace',
              output: {
                'template.yaml': yaml`
                  AWSTemplateFormatVersion: '2010-09-09'
                  Transform: AWS::Serverless-2016-10-31
                  Resources:
                    SendFunction:
                      Type: AWS::Serverless::Function
                      Properties:
                        Handler: app.handler
                        Runtime: nodejs20.x
                        Policies:
                          - Statement:
                              - Effect: Deny
                                Action: 'sqs:SendMessage'
                                Resource: "*"
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation YAML: each Fn::If branch, and the literal text of Fn::Join and Fn::Sub',
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
                            - !If [IsProd, lambda:InvokeFunction, lambda:InvokeFuntion]
                            - !Join [":", [s3, Frobnicate]]
                            - !Sub dynamodb:PutItems
                          Resource: "*"
        `,
      },
      errors: [
        {
          messageId: 'unknownAction',
          data: { action: 'lambda:InvokeFuntion', service: 'lambda' },
          file: 'stack.yaml',
          line: 24,
          column: 57,
          endLine: 24,
          endColumn: 77,
          related: [{ file: 'stack.yaml', line: 8, column: 3, endLine: 8, endColumn: 13, message: 'granted to role WorkerRole' }],
          suggestions: [
            {
              messageId: 'replace',
              output: {
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
                                    - !If [IsProd, lambda:InvokeFunction, lambda:InvokeFunction]
                                    - !Join [":", [s3, Frobnicate]]
                                    - !Sub dynamodb:PutItems
                                  Resource: "*"
                `,
              },
            },
          ],
        },
        {
          messageId: 'unknownAction',
          data: { action: 's3:Frobnicate', service: 's3' },
          file: 'stack.yaml',
          line: 25,
          column: 21,
          endLine: 25,
          endColumn: 50,
          suggestions: [],
        },
        {
          messageId: 'unknownAction',
          data: { action: 'dynamodb:PutItems', service: 'dynamodb' },
          file: 'stack.yaml',
          line: 26,
          column: 26,
          endLine: 26,
          endColumn: 43,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: a misspelt service before a wildcard, a pattern that matches nothing, no colon',
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
                      { "Effect": "Allow", "Action": ["s4:Get*", "s3:Gett*", "GetObject"], "Resource": "*" }
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
          messageId: 'unknownService',
          data: { action: 's4:Get*', service: 's4' },
          file: 'stack.json',
          line: 10,
          column: 45,
          endLine: 10,
          endColumn: 54,
          related: [{ file: 'stack.json', line: 4, column: 5, endLine: 4, endColumn: 16, message: 'granted to policy AppPolicy' }],
          suggestions: [
            {
              messageId: 'replace',
              output: {
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
                              { "Effect": "Allow", "Action": ["s3:Get*", "s3:Gett*", "GetObject"], "Resource": "*" }
                            ]
                          }
                        }
                      }
                    }
                  }
                `,
              },
            },
          ],
        },
        {
          messageId: 'noMatch',
          data: { action: 's3:Gett*' },
          file: 'stack.json',
          line: 10,
          column: 56,
          endLine: 10,
          endColumn: 66,
          suggestions: [],
        },
        {
          messageId: 'malformed',
          data: { action: 'GetObject' },
          file: 'stack.json',
          line: 10,
          column: 68,
          endLine: 10,
          endColumn: 79,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'a policy file: NotAction is checked too; an escaped string gets no in-place suggestion',
      files: {
        'policies/app.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Effect": "Allow", "NotAction": "s3:GetObject\\u0073", "Resource": "*" },
              { "Effect": "Allow", "Action": "s4:GetObject", "Resource": "*" }
            ]
          }
        `,
      },
      errors: [
        {
          messageId: 'unknownAction',
          data: { action: 's3:GetObjects', service: 's3' },
          file: 'policies/app.json',
          line: 4,
          column: 39,
          endLine: 4,
          endColumn: 59,
          related: [],
          suggestions: [],
        },
        {
          messageId: 'unknownService',
          data: { action: 's4:GetObject', service: 's4' },
          file: 'policies/app.json',
          line: 5,
          column: 36,
          endLine: 5,
          endColumn: 50,
          related: [],
          suggestions: [
            {
              messageId: 'replace',
              output: {
                'policies/app.json': json`
                  {
                    "Version": "2012-10-17",
                    "Statement": [
                      { "Effect": "Allow", "NotAction": "s3:GetObject\\u0073", "Resource": "*" },
                      { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }
                    ]
                  }
                `,
              },
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
