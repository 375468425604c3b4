import * as assert from 'node:assert/strict';
import { actionInfo } from '../../../rules/analysis/iam-data';
import rule from '../../../rules/checks/iam/privilege-escalation';
import { PRIVILEGE_ESCALATION_PATHS } from '../../../rules/data/privilege-escalation-paths';
import { js, json, testRule, yaml } from '../../helpers/rule-tester';

const handler = js`
  exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });
`;

describe('privilege escalation paths (data)', () => {
  it('names only actions that exist, in their canonical case, with a reason each', () => {
    for (const path of PRIVILEGE_ESCALATION_PATHS) {
      assert.ok(path.reason.length > 0 && !/[.]$/.test(path.reason), `reason of ${path.requires.map((r) => r.action).join(' + ')}`);
      for (const requirement of path.requires) {
        assert.equal(actionInfo(requirement.action)?.action, requirement.action, `${requirement.action} is an IAM action`);
      }
    }
  });
});

testRule(rule, {
  valid: [
    {
      name: 'PassRole on one named role with lambda:CreateFunction',
      files: {
        'serverless.yml': yaml`
          service: deployer
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource: arn:aws:iam::123456789012:role/app-worker
                  - Effect: Allow
                    Action: lambda:CreateFunction
                    Resource: "*"
          functions:
            deploy:
              handler: src/deploy.handler
        `,
        'src/deploy.js': handler,
      },
    },
    {
      name: 'PassRole on a role ARN built with ${…} variables, with ec2:RunInstances',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            LauncherRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
                Policies:
                  - PolicyName: launch
                    PolicyDocument:
                      Statement:
                        - Effect: Allow
                          Action: [ec2:RunInstances, iam:PassRole]
                          Resource:
                            - !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/build-agent'
                            - !Sub 'arn:\${AWS::Partition}:ec2:\${AWS::Region}:\${AWS::AccountId}:instance/*'
        `,
      },
    },
    {
      name: 'an Allow of iam:* cancelled by a Deny of iam:* on every resource',
      files: {
        'policy.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Effect": "Allow", "Action": ["iam:*", "s3:GetObject"], "Resource": "*" },
              { "Effect": "Deny", "Action": "iam:*", "Resource": "*" }
            ]
          }
        `,
      },
    },
    {
      name: 'read-only IAM, AssumeRole and UpdateFunctionCode on named resources (SAM)',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            AuditFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - Statement:
                      - Effect: Allow
                        Action: [iam:Get*, iam:List*]
                        Resource: "*"
                      - Effect: Allow
                        Action: sts:AssumeRole
                        Resource: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/auditor'
                      - Effect: Allow
                        Action: lambda:UpdateFunctionCode
                        Resource: !GetAtt Worker.Arn
                      - Effect: Deny
                        Action: iam:PutRolePolicy
                        Resource: "*"
            Worker:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
        `,
        'app.js': handler,
      },
    },
    {
      name: 'Policies of a SAM function that names its Role grant nothing',
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
                  - Statement:
                      - Effect: Allow
                        Action: iam:PutRolePolicy
                        Resource: "*"
        `,
        'app.js': handler,
      },
    },
    {
      name: 'a resource policy (it grants other principals, not the function)',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            KeyPolicy:
              Type: AWS::SQS::QueuePolicy
              Properties:
                Queues: [!Ref Queue]
                PolicyDocument:
                  Statement:
                    - Effect: Allow
                      Principal: { AWS: arn:aws:iam::123456789012:root }
                      Action: "*"
                      Resource: !GetAtt Queue.Arn
            Queue:
              Type: AWS::SQS::Queue
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'serverless provider role: PassRole on * in one statement, CreateFunction in another',
      files: {
        'serverless.yml': yaml`
          service: deployer
          provider:
            name: aws
            iam:
              role:
                statements:
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource: "*"
                  - Effect: Allow
                    Action:
                      - lambda:GetFunction
                      - lambda:CreateFunction
                    Resource: "*"
          functions:
            deploy:
              handler: src/deploy.handler
            status:
              handler: src/status.handler
        `,
        'src/deploy.js': handler,
        'src/status.js': handler,
      },
      errors: [
        {
          messageId: 'escalation',
          data: {
            grant: 'lambda:CreateFunction',
            holder: 'the provider role',
            permissions: 'iam:PassRole on * + lambda:CreateFunction',
            reason: 'it can create a Lambda function that runs its own code as any role in the account',
          },
          file: 'serverless.yml',
          line: 13,
          column: 15,
          endLine: 13,
          endColumn: 36,
          related: [
            { file: 'serverless.yml', line: 8, column: 19, endLine: 8, endColumn: 31, message: '"iam:PassRole" grants iam:PassRole on *, also needed' },
            { file: 'serverless.yml', line: 16, column: 3, endLine: 16, endColumn: 9, message: 'function deploy runs with these permissions' },
            { file: 'serverless.yml', line: 18, column: 3, endLine: 18, endColumn: 9, message: 'function status runs with these permissions' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'serverless per-function statements: a partial wildcard grants several paths',
      files: {
        'serverless.yml': yaml`
          service: admin
          plugins:
            - serverless-iam-roles-per-function
          provider:
            name: aws
          functions:
            grant:
              handler: src/grant.handler
              iamRoleStatements:
                - Effect: Allow
                  Action: iam:Put*
                  Resource: arn:aws:iam::123456789012:role/app-*
        `,
        'src/grant.js': handler,
      },
      errors: [
        {
          messageId: 'escalationMany',
          data: {
            grant: 'iam:Put*',
            holder: 'function grant',
            permissions: 'iam:PutRolePolicy; iam:PutUserPolicy; iam:PutGroupPolicy',
            reason: 'it can write an inline policy that allows anything into a role, its own included',
            count: '3',
          },
          file: 'serverless.yml',
          line: 11,
          column: 17,
          endLine: 11,
          endColumn: 25,
          related: [{ file: 'serverless.yml', line: 7, column: 3, endLine: 7, endColumn: 8, message: 'function grant runs with these permissions' }],
        },
      ],
      output: null,
    },
    {
      name: 'SAM inline statement: iam:AttachRolePolicy',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            OnboardFunction:
              Type: AWS::Serverless::Function
              Properties:
                Handler: app.handler
                Runtime: nodejs20.x
                Policies:
                  - AWSLambdaBasicExecutionRole
                  - Statement:
                      - Effect: Allow
                        Action: iam:AttachRolePolicy
                        Resource: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/tenant-*'
        `,
        'app.js': handler,
      },
      errors: [
        {
          messageId: 'escalation',
          data: {
            grant: 'iam:AttachRolePolicy',
            holder: 'function OnboardFunction',
            permissions: 'iam:AttachRolePolicy',
            reason: 'it can attach AdministratorAccess to a role, its own included',
          },
          file: 'template.yaml',
          line: 13,
          column: 23,
          endLine: 13,
          endColumn: 43,
          related: [{ file: 'template.yaml', line: 4, column: 3, endLine: 4, endColumn: 18 }],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation YAML: PassRole on every role in the role, RunInstances in an attached managed policy',
      files: {
        'stack.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Resources:
            LauncherRole:
              Type: AWS::IAM::Role
              Properties:
                AssumeRolePolicyDocument:
                  Statement:
                    - Effect: Allow
                      Principal: { Service: lambda.amazonaws.com }
                      Action: sts:AssumeRole
                Policies:
                  - PolicyName: pass
                    PolicyDocument:
                      Statement:
                        - Effect: Allow
                          Action: iam:PassRole
                          Resource: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/*'
            LaunchPolicy:
              Type: AWS::IAM::ManagedPolicy
              Properties:
                Roles: [!Ref LauncherRole]
                PolicyDocument:
                  Statement:
                    - Effect: Allow
                      Action: ec2:RunInstances
                      Resource: "*"
            Launcher:
              Type: AWS::Lambda::Function
              Properties:
                Handler: index.handler
                Runtime: nodejs20.x
                Role: !GetAtt LauncherRole.Arn
                Code:
                  ZipFile: exports.handler = async () => {};
        `,
      },
      errors: [
        {
          messageId: 'escalation',
          data: {
            grant: 'ec2:RunInstances',
            holder: 'role LauncherRole',
            permissions: 'iam:PassRole on * + ec2:RunInstances',
            reason: "it can start an instance with any role's instance profile and read its credentials from the instance",
          },
          file: 'stack.yaml',
          line: 25,
          column: 21,
          endLine: 25,
          endColumn: 37,
          related: [
            { file: 'stack.yaml', line: 16, column: 25, endLine: 16, endColumn: 37, message: '"iam:PassRole" grants iam:PassRole on *, also needed' },
            { file: 'stack.yaml', line: 27, column: 3, endLine: 27, endColumn: 11, message: 'function Launcher runs with these permissions' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: sts:AssumeRole on every role, and lambda:UpdateFunctionCode on every function',
      files: {
        'stack.json': json`
          {
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {
              "HopRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                  "AssumeRolePolicyDocument": {
                    "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
                  },
                  "Policies": [{
                    "PolicyName": "hop",
                    "PolicyDocument": {
                      "Statement": [
                        { "Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*" },
                        { "Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "arn:aws:lambda:*:*:function:*" }
                      ]
                    }
                  }]
                }
              }
            }
          }
        `,
      },
      errors: [
        {
          messageId: 'escalation',
          data: {
            grant: 'sts:AssumeRole',
            holder: 'role HopRole',
            permissions: 'sts:AssumeRole on *',
            reason: 'it can assume any role whose trust policy admits the account',
          },
          file: 'stack.json',
          line: 14,
          column: 46,
          endLine: 14,
          endColumn: 62,
          related: [],
        },
        {
          messageId: 'escalation',
          data: {
            grant: 'lambda:UpdateFunctionCode',
            holder: 'role HopRole',
            permissions: 'lambda:UpdateFunctionCode on *',
            reason: "it can replace the code of any function, which then runs with that function's role",
          },
          file: 'stack.json',
          line: 15,
          column: 46,
          endLine: 15,
          endColumn: 73,
        },
      ],
      output: null,
    },
    {
      name: 'IAM policy JSON: CreateAccessKey, and NotAction that leaves every IAM action allowed',
      files: {
        'policies/keys.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "arn:aws:iam::123456789012:user/*" }
            ]
          }
        `,
        'policies/broad.json': json`
          {
            "Version": "2012-10-17",
            "Statement": [
              { "Effect": "Allow", "NotAction": ["s3:*", "dynamodb:*"], "Resource": "*" }
            ]
          }
        `,
      },
      errors: [
        {
          messageId: 'escalationMany',
          data: {
            grant: 'NotAction',
            holder: 'whoever is given the policy in broad.json',
            permissions: 'iam:CreatePolicyVersion; iam:SetDefaultPolicyVersion; iam:AttachRolePolicy',
            reason: 'it can publish a new default version of a managed policy, its own included, that allows anything',
            count: '26',
          },
          file: 'policies/broad.json',
          line: 4,
          column: 26,
          endLine: 4,
          endColumn: 37,
        },
        {
          messageId: 'escalation',
          data: {
            grant: 'iam:CreateAccessKey',
            holder: 'whoever is given the policy in keys.json',
            permissions: 'iam:CreateAccessKey',
            reason: 'it can create access keys for another user, an administrator included',
          },
          file: 'policies/keys.json',
          line: 4,
          column: 36,
          endLine: 4,
          endColumn: 57,
          related: [],
        },
      ],
      output: null,
    },
  ],
});
