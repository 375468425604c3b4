/**
 * Golden tests for "Split into per-function roles" in plain CloudFormation (one new
 * `AWS::IAM::Role` per function, named `<Function>Role`) and in JSON templates (CloudFormation and
 * SAM): exact output text, the output parses, the findings are gone, no new finding appears, and a
 * second application has nothing to apply.
 */
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../rules/checks/index';
import rule from '../../rules/checks/iam/wildcard-action';
import { applyEdits } from '../../rules/engine/fixes';
import { Project } from '../../rules/engine/project';
import { lintFile } from '../../rules/engine/runner';
import type { Rule } from '../../rules/engine/define-rule';
import type { Files } from '../helpers/rule-tester';
import { UPLOAD_CJS as UPLOAD_JS, LIST_CJS as LIST_JS } from './iam-fixtures';

const CFN_YAML = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  UploadFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: src/upload.handler
      Runtime: nodejs20.x
      Code: .
      Role: !GetAtt SharedRole.Arn
      Environment:
        Variables:
          BUCKET: !Ref Photos
  ListFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: src/list.handler
      Runtime: nodejs20.x
      Code: .
      Role: !GetAtt SharedRole.Arn
      Environment:
        Variables:
          TABLE: !Ref Items
  SharedRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - s3:*
                  - dynamodb:*
                Resource: '*'
      Path: /
  Photos:
    Type: AWS::S3::Bucket
  Items:
    Type: AWS::DynamoDB::Table
`;
const CFN_JSON = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "UploadFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/upload.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": { "Fn::GetAtt": ["SharedRole", "Arn"] },
        "Environment": { "Variables": { "BUCKET": { "Ref": "Photos" } } }
      }
    },
    "ListFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/list.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": { "Fn::GetAtt": ["SharedRole", "Arn"] },
        "Environment": { "Variables": { "TABLE": { "Ref": "Items" } } }
      }
    },
    "SharedRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
        },
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
        "Policies": [
          {
            "PolicyName": "app",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [{ "Effect": "Allow", "Action": ["s3:*", "dynamodb:*"], "Resource": "*" }]
            }
          }
        ]
      }
    },
    "Photos": { "Type": "AWS::S3::Bucket" },
    "Items": { "Type": "AWS::DynamoDB::Table" }
  }
}
`;
const SAM_JSON = CFN_JSON.replace('"AWSTemplateFormatVersion": "2010-09-09",', '"AWSTemplateFormatVersion": "2010-09-09",\n  "Transform": "AWS::Serverless-2016-10-31",').replace(/AWS::Lambda::Function/g, 'AWS::Serverless::Function').replace(/\n        "Code": ".",/g, '');

const SPLIT_TITLE = 'Split into 2 per-function roles, each with the actions its handler uses';

const CASES: { name: string; file: string; text: string; split: string }[] = [
  {
    name: 'CloudFormation YAML: one role per function, trust policy, managed policies and path copied, each Role renamed',
    file: 'template.yaml',
    text: CFN_YAML,
    split: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  UploadFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: src/upload.handler
      Runtime: nodejs20.x
      Code: .
      Role: !GetAtt UploadFunctionRole.Arn
      Environment:
        Variables:
          BUCKET: !Ref Photos
  ListFunction:
    Type: AWS::Lambda::Function
    Properties:
      Handler: src/list.handler
      Runtime: nodejs20.x
      Code: .
      Role: !GetAtt ListFunctionRole.Arn
      Environment:
        Variables:
          TABLE: !Ref Items
  UploadFunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: least-privilege
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: s3:PutObject
                Resource: !Sub arn:aws:s3:::\${Photos}/*
      Path: /
  ListFunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
      Policies:
        - PolicyName: least-privilege
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action: dynamodb:Scan
                Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Items}
      Path: /
  Photos:
    Type: AWS::S3::Bucket
  Items:
    Type: AWS::DynamoDB::Table
`,
  },
  {
    name: 'CloudFormation JSON: the same, laid out as the shared role was',
    file: 'template.json',
    text: CFN_JSON,
    split: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "UploadFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/upload.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": { "Fn::GetAtt": ["UploadFunctionRole", "Arn"] },
        "Environment": { "Variables": { "BUCKET": { "Ref": "Photos" } } }
      }
    },
    "ListFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/list.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": { "Fn::GetAtt": ["ListFunctionRole", "Arn"] },
        "Environment": { "Variables": { "TABLE": { "Ref": "Items" } } }
      }
    },
    "UploadFunctionRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
        },
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
        "Policies": [
          {
            "PolicyName": "least-privilege",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": "s3:PutObject", "Resource": { "Fn::Sub": "arn:aws:s3:::\${Photos}/*" } }
              ]
            }
          }
        ]
      }
    },
    "ListFunctionRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "AssumeRolePolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
        },
        "ManagedPolicyArns": ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"],
        "Policies": [
          {
            "PolicyName": "least-privilege",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                { "Effect": "Allow", "Action": "dynamodb:Scan", "Resource": { "Fn::Sub": "arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Items}" } }
              ]
            }
          }
        ]
      }
    },
    "Photos": { "Type": "AWS::S3::Bucket" },
    "Items": { "Type": "AWS::DynamoDB::Table" }
  }
}
`,
  },
  {
    name: 'SAM JSON: each Role member becomes Policies, the shared role goes',
    file: 'template.json',
    text: SAM_JSON,
    split: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "UploadFunction": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Handler": "src/upload.handler",
        "Runtime": "nodejs20.x",
        "Policies": [{ "Statement": [{ "Effect": "Allow", "Action": "s3:PutObject", "Resource": { "Fn::Sub": "arn:aws:s3:::\${Photos}/*" } }] }],
        "Environment": { "Variables": { "BUCKET": { "Ref": "Photos" } } }
      }
    },
    "ListFunction": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Handler": "src/list.handler",
        "Runtime": "nodejs20.x",
        "Policies": [{ "Statement": [{ "Effect": "Allow", "Action": "dynamodb:Scan", "Resource": { "Fn::Sub": "arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Items}" } }] }],
        "Environment": { "Variables": { "TABLE": { "Ref": "Items" } } }
      }
    },
    "Photos": { "Type": "AWS::S3::Bucket" },
    "Items": { "Type": "AWS::DynamoDB::Table" }
  }
}
`,
  },
];

function filesWith(file: string, text: string): Files {
  return { [file]: text, 'src/list.js': LIST_JS, 'src/upload.js': UPLOAD_JS };
}

/** The findings of `rules` (by default iam/wildcard-action) in the template, next to both handlers. */
function findingsIn(file: string, text: string, rules: readonly Rule[] = [rule]) {
  return lintFile(new Project(Object.entries(filesWith(file, text))), file, { rules });
}

/** The titles of the fixes offered on the first iam/wildcard-action finding in a YAML template. */
function firstFixTitles(text: string): string[] | undefined {
  return findingsIn('template.yaml', text)[0]?.fixes.map((fix) => fix.title);
}

/** Every finding of every rule in the template, as `rule messageId data`. */
function summary(file: string, text: string): string[] {
  return findingsIn(file, text, ALL_RULES).map((finding) => `${finding.ruleId} ${finding.messageId} ${JSON.stringify(finding.data)}`);
}

describe('split into per-function roles: CloudFormation and JSON templates', () => {
  for (const testCase of CASES) {
    describe(testCase.name, () => {
      const findings = () => findingsIn(testCase.file, testCase.text);
      const fixed = () => applyEdits(testCase.text, findings()[0]?.fixes.find((fix) => fix.title === SPLIT_TITLE)?.edits ?? []);

      it('is offered on each wildcard, with the same edits', () => {
        const all = findings();
        assert.equal(all.length, 2);
        const splits = all.map((finding) => finding.fixes.find((fix) => fix.title === SPLIT_TITLE));
        assert.ok(splits[0]);
        assert.deepEqual(splits[1]?.edits, splits[0].edits);
      });

      it('writes exactly the expected template', () => {
        assert.equal(fixed(), testCase.split);
      });

      it('parses, removes the findings and adds none', () => {
        const text = fixed();
        const project = new Project(Object.entries(filesWith(testCase.file, text)));
        assert.equal(project.sourceFile(testCase.file)?.parseError, undefined);
        if (testCase.file.endsWith('.json')) JSON.parse(text);
        const before = new Set(summary(testCase.file, testCase.text));
        const after = summary(testCase.file, text);
        assert.deepEqual(after.filter((finding) => finding.startsWith('iam/wildcard-action ')), []);
        assert.deepEqual(after.filter((finding) => !before.has(finding)), []);
      });

      it('has nothing left to apply a second time', () => {
        const again = findingsIn(testCase.file, fixed());
        assert.deepEqual(again.flatMap((finding) => finding.fixes.map((fix) => fix.title)), []);
      });
    });
  }

  it('is not offered when something else names the shared role (an output would break)', () => {
    const text = CFN_YAML + 'Outputs:\n  RoleArn:\n    Value: !GetAtt SharedRole.Arn\n';
    assert.deepEqual(firstFixTitles(text), ['Replace with the 2 actions the handlers use']);
  });

  it('is not offered when a new role name is taken', () => {
    const text = CFN_YAML.replace('  Photos:\n', '  ListFunctionRole:\n    Type: AWS::SNS::Topic\n  Photos:\n');
    assert.deepEqual(firstFixTitles(text), ['Replace with the 2 actions the handlers use']);
  });

  it('is not offered when the shared role has a property that would not carry over', () => {
    const text = CFN_YAML.replace('      Path: /\n', '      Path: /\n      RoleName: photos-shared\n');
    assert.deepEqual(firstFixTitles(text), ['Replace with the 2 actions the handlers use']);
  });

  it('writes CRLF in a CRLF file', () => {
    const text = CFN_JSON.replace(/\n/g, '\r\n');
    const [finding] = findingsIn('template.json', text);
    const split = finding?.fixes.find((fix) => fix.title === SPLIT_TITLE);
    const fixed = applyEdits(text, split?.edits ?? []);
    assert.equal(fixed, CASES[1]?.split.replace(/\n/g, '\r\n'));
  });
});
