/**
 * Golden tests for "Split into per-function roles" (issue 6 §2): a statement shared by functions
 * whose code needs different things gets, next to the in-place rewrite (the union), a suggestion
 * that gives each function its own least-privilege statements and removes the shared ones. Exact
 * output text; the tester also checks that the output parses, the finding is gone and no new one
 * appears. The last block checks the other IAM rules and a second application.
 */
import assert from 'node:assert/strict';
import rule from '../../rules/checks/iam/wildcard-action';
import missingPermission from '../../rules/checks/iam/missing-permission';
import partialWildcardAction from '../../rules/checks/iam/partial-wildcard-action';
import unusedPermission from '../../rules/checks/iam/unused-permission';
import wildcardResource from '../../rules/checks/iam/wildcard-resource';
import { applyEdits } from '../../rules/engine/fixes';
import { Project } from '../../rules/engine/project';
import { lintFile } from '../../rules/engine/runner';
import type { Rule } from '../../rules/engine/define-rule';
import type { Finding } from '../../rules/engine/types';
import type { Files } from '../helpers/rule-tester';
import { testRule } from '../helpers/rule-tester';
import { UPLOAD_ESM as UPLOAD, LIST_ESM as LIST, UPLOAD_CJS, LIST_CJS } from './iam-fixtures';

testRule(rule, {
  valid: [],
  invalid: [
    {
      name: "serverless: shared provider statements become iam.role.statements per function, comments kept",
      files: {
        'serverless.yml': `service: photos
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: \${self:custom.bucket}
    TABLE:
      Ref: Items
  iam:
    role:
      statements:
        # Broad while prototyping.
        - Effect: Allow
          Action:
            - "s3:*"
            - "dynamodb:*"
          Resource: "*"
custom:
  bucket: photos-\${sls:stage}
functions:
  upload:
    handler: src/upload.handler
    events:
      - httpApi: POST /photos
  list:
    handler: src/list.handler # reads the index
resources:
  Resources:
    Items:
      Type: AWS::DynamoDB::Table
`,
        'src/list.js': LIST,
        'src/upload.js': UPLOAD,
      },
      errors: [
        {
          messageId: 'wildcard', data: {"action":"s3:*","service":"s3"}, file: 'serverless.yml', line: 15, column: 15, endLine: 15, endColumn: 21,
          suggestions: [
            { messageId: 'narrow', output: { 'serverless.yml': `service: photos
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: \${self:custom.bucket}
    TABLE:
      Ref: Items
  iam:
    role:
      statements:
        # Broad while prototyping.
        - Effect: Allow
          Action:
            - "dynamodb:Scan"
          Resource:
            - Fn::Join: ["", ["arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/", { Ref: Items }]]
        - Effect: Allow
          Action: "s3:PutObject"
          Resource: "arn:aws:s3:::\${self:custom.bucket}/*"
custom:
  bucket: photos-\${sls:stage}
functions:
  upload:
    handler: src/upload.handler
    events:
      - httpApi: POST /photos
  list:
    handler: src/list.handler # reads the index
resources:
  Resources:
    Items:
      Type: AWS::DynamoDB::Table
` } },
            { messageId: 'split', output: { 'serverless.yml': `service: photos
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: \${self:custom.bucket}
    TABLE:
      Ref: Items
custom:
  bucket: photos-\${sls:stage}
functions:
  upload:
    handler: src/upload.handler
    events:
      - httpApi: POST /photos
    iam:
      role:
        statements:
          - Effect: Allow
            Action: "s3:PutObject"
            Resource: "arn:aws:s3:::\${self:custom.bucket}/*"
  list:
    handler: src/list.handler # reads the index
    iam:
      role:
        statements:
          - Effect: Allow
            Action: "dynamodb:Scan"
            Resource:
              - Fn::Join: ["", ["arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/", { Ref: Items }]]
resources:
  Resources:
    Items:
      Type: AWS::DynamoDB::Table
` } },
          ],
        },
        {
          messageId: 'wildcard', data: {"action":"dynamodb:*","service":"dynamodb"}, file: 'serverless.yml', line: 16, column: 15, endLine: 16, endColumn: 27,
          suggestions: [
            { messageId: 'narrow', output: { 'serverless.yml': `service: photos
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: \${self:custom.bucket}
    TABLE:
      Ref: Items
  iam:
    role:
      statements:
        # Broad while prototyping.
        - Effect: Allow
          Action:
            - "dynamodb:Scan"
          Resource:
            - Fn::Join: ["", ["arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/", { Ref: Items }]]
        - Effect: Allow
          Action: "s3:PutObject"
          Resource: "arn:aws:s3:::\${self:custom.bucket}/*"
custom:
  bucket: photos-\${sls:stage}
functions:
  upload:
    handler: src/upload.handler
    events:
      - httpApi: POST /photos
  list:
    handler: src/list.handler # reads the index
resources:
  Resources:
    Items:
      Type: AWS::DynamoDB::Table
` } },
            { messageId: 'split', output: { 'serverless.yml': `service: photos
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: \${self:custom.bucket}
    TABLE:
      Ref: Items
custom:
  bucket: photos-\${sls:stage}
functions:
  upload:
    handler: src/upload.handler
    events:
      - httpApi: POST /photos
    iam:
      role:
        statements:
          - Effect: Allow
            Action: "s3:PutObject"
            Resource: "arn:aws:s3:::\${self:custom.bucket}/*"
  list:
    handler: src/list.handler # reads the index
    iam:
      role:
        statements:
          - Effect: Allow
            Action: "dynamodb:Scan"
            Resource:
              - Fn::Join: ["", ["arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/", { Ref: Items }]]
resources:
  Resources:
    Items:
      Type: AWS::DynamoDB::Table
` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: "serverless with serverless-iam-roles-per-function: iamRoleStatements per function, quotes kept",
      files: {
        'serverless.yml': `service: photos
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: photos-archive
    TABLE: items
  iamRoleStatements:
    - Effect: Allow
      Action: ['s3:*', 'dynamodb:*']
      Resource: '*'
functions:
  upload:
    handler: src/upload.handler
  list:
    handler: src/list.handler
`,
        'src/list.js': LIST,
        'src/upload.js': UPLOAD,
      },
      errors: [
        {
          messageId: 'wildcard', data: {"action":"s3:*","service":"s3"}, file: 'serverless.yml', line: 12, column: 16, endLine: 12, endColumn: 22,
          suggestions: [
            { messageId: 'narrow', output: { 'serverless.yml': `service: photos
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: photos-archive
    TABLE: items
  iamRoleStatements:
    - Effect: Allow
      Action: ['dynamodb:Scan']
      Resource: 'arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/items'
    - Effect: Allow
      Action: 's3:PutObject'
      Resource: 'arn:aws:s3:::photos-archive/*'
functions:
  upload:
    handler: src/upload.handler
  list:
    handler: src/list.handler
` } },
            { messageId: 'split', output: { 'serverless.yml': `service: photos
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: photos-archive
    TABLE: items
functions:
  upload:
    handler: src/upload.handler
    iamRoleStatements:
      - Effect: Allow
        Action: 's3:PutObject'
        Resource: 'arn:aws:s3:::photos-archive/*'
  list:
    handler: src/list.handler
    iamRoleStatements:
      - Effect: Allow
        Action: 'dynamodb:Scan'
        Resource: 'arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/items'
` } },
          ],
        },
        {
          messageId: 'wildcard', data: {"action":"dynamodb:*","service":"dynamodb"}, file: 'serverless.yml', line: 12, column: 24, endLine: 12, endColumn: 36,
          suggestions: [
            { messageId: 'narrow', output: { 'serverless.yml': `service: photos
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: photos-archive
    TABLE: items
  iamRoleStatements:
    - Effect: Allow
      Action: ['dynamodb:Scan']
      Resource: 'arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/items'
    - Effect: Allow
      Action: 's3:PutObject'
      Resource: 'arn:aws:s3:::photos-archive/*'
functions:
  upload:
    handler: src/upload.handler
  list:
    handler: src/list.handler
` } },
            { messageId: 'split', output: { 'serverless.yml': `service: photos
plugins:
  - serverless-iam-roles-per-function
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: photos-archive
    TABLE: items
functions:
  upload:
    handler: src/upload.handler
    iamRoleStatements:
      - Effect: Allow
        Action: 's3:PutObject'
        Resource: 'arn:aws:s3:::photos-archive/*'
  list:
    handler: src/list.handler
    iamRoleStatements:
      - Effect: Allow
        Action: 'dynamodb:Scan'
        Resource: 'arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/items'
` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: "SAM: a shared AWS::IAM::Role becomes Policies per function",
      files: {
        'src/list.js': LIST_CJS,
        'src/upload.js': UPLOAD_CJS,
        'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  UploadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/upload.handler
      Runtime: nodejs20.x
      Role: !GetAtt SharedRole.Arn
      Environment:
        Variables:
          BUCKET: !Ref Photos
  ListFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/list.handler
      Runtime: nodejs20.x
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
  Photos:
    Type: AWS::S3::Bucket
  Items:
    Type: AWS::DynamoDB::Table
`,
      },
      errors: [
        {
          messageId: 'wildcard', data: {"action":"s3:*","service":"s3"}, file: 'template.yaml', line: 41, column: 21, endLine: 41, endColumn: 25,
          suggestions: [
            { messageId: 'narrow', output: { 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  UploadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/upload.handler
      Runtime: nodejs20.x
      Role: !GetAtt SharedRole.Arn
      Environment:
        Variables:
          BUCKET: !Ref Photos
  ListFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/list.handler
      Runtime: nodejs20.x
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
                  - dynamodb:Scan
                Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Items}
              - Effect: Allow
                Action: s3:PutObject
                Resource: !Sub arn:aws:s3:::\${Photos}/*
  Photos:
    Type: AWS::S3::Bucket
  Items:
    Type: AWS::DynamoDB::Table
` } },
            { messageId: 'split', output: { 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  UploadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/upload.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: !Sub arn:aws:s3:::\${Photos}/*
      Environment:
        Variables:
          BUCKET: !Ref Photos
  ListFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/list.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:Scan
              Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Items}
      Environment:
        Variables:
          TABLE: !Ref Items
  Photos:
    Type: AWS::S3::Bucket
  Items:
    Type: AWS::DynamoDB::Table
` } },
          ],
        },
        {
          messageId: 'wildcard', data: {"action":"dynamodb:*","service":"dynamodb"}, file: 'template.yaml', line: 42, column: 21, endLine: 42, endColumn: 31,
          suggestions: [
            { messageId: 'narrow', output: { 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  UploadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/upload.handler
      Runtime: nodejs20.x
      Role: !GetAtt SharedRole.Arn
      Environment:
        Variables:
          BUCKET: !Ref Photos
  ListFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/list.handler
      Runtime: nodejs20.x
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
                  - dynamodb:Scan
                Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Items}
              - Effect: Allow
                Action: s3:PutObject
                Resource: !Sub arn:aws:s3:::\${Photos}/*
  Photos:
    Type: AWS::S3::Bucket
  Items:
    Type: AWS::DynamoDB::Table
` } },
            { messageId: 'split', output: { 'template.yaml': `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  UploadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/upload.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: !Sub arn:aws:s3:::\${Photos}/*
      Environment:
        Variables:
          BUCKET: !Ref Photos
  ListFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/list.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: dynamodb:Scan
              Resource: !Sub arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Items}
      Environment:
        Variables:
          TABLE: !Ref Items
  Photos:
    Type: AWS::S3::Bucket
  Items:
    Type: AWS::DynamoDB::Table
` } },
          ],
        },
      ],
      output: null,
    },
  ],
});

const SERVERLESS = `service: photos
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: photos-archive
    TABLE: items
  iam:
    role:
      statements:
        - Effect: Allow
          Action: ['s3:*', 'dynamodb:*']
          Resource: '*'
functions:
  upload:
    handler: src/upload.handler
  list:
    handler: src/list.handler
`;

function lint(files: Files, rules: readonly Rule[] = [rule]) {
  return lintFile(new Project(Object.entries(files)), 'serverless.yml', { rules });
}

/** `serverless.yml` holding `text`, next to the upload and list handlers. */
function withHandlers(text: string): Files {
  return { 'serverless.yml': text, 'src/upload.js': UPLOAD, 'src/list.js': LIST };
}

/** `text` after the split that `finding` offers (unchanged when it offers none). */
function applySplit(text: string, finding: Finding | undefined): string {
  const split = finding?.fixes.find((fix) => fix.title.startsWith('Split'));
  return applyEdits(text, split?.edits ?? []);
}

describe('iam/wildcard-action split into per-function roles', () => {
  const files = withHandlers(SERVERLESS);

  it('is offered after the union, titled with the number of functions', () => {
    const [finding] = lint(files);
    assert.deepEqual(finding?.fixes.map((fix) => [fix.kind, fix.title]), [
      ['suggestion', 'Replace with the 2 actions the handlers use'],
      ['suggestion', 'Split into 2 per-function roles, each with the actions its handler uses'],
    ]);
  });

  it('leaves no IAM finding behind, and nothing to apply a second time', () => {
    const [finding] = lint(files);
    const fixed = applySplit(SERVERLESS, finding);
    const after = { ...files, 'serverless.yml': fixed };
    // No finding of any IAM rule that rewrites policies: a second application has nothing to apply.
    assert.deepEqual(lint(after, [rule, wildcardResource, partialWildcardAction, missingPermission, unusedPermission]), []);
  });

  it('is not offered when the functions need the same actions', () => {
    const same = { ...files, 'src/list.js': UPLOAD };
    const [finding] = lint(same);
    assert.deepEqual(finding?.fixes.map((fix) => fix.title), ['Replace with the 1 action the handlers use']);
  });

  it('is not offered when a shared action is one no handler calls (the split would take it away)', () => {
    const extra = { ...files, 'serverless.yml': SERVERLESS.replace("['s3:*', 'dynamodb:*']", "['s3:*', 'dynamodb:*', 'xray:PutTraceSegments']") };
    const [finding] = lint(extra);
    assert.deepEqual(finding?.fixes.map((fix) => fix.title), ['Replace with the 2 actions the handlers use']);
  });

  it('counts only the functions sharing the role: one with statements of its own is left as it is', () => {
    const own = {
      ...files,
      'serverless.yml': SERVERLESS + `  report:\n    handler: src/list.handler\n    iamRoleStatements:\n      - Effect: Allow\n        Action: dynamodb:Scan\n        Resource: '*'\n`,
    };
    const titles = lint(own)[0]?.fixes.map((fix) => fix.title);
    assert.ok(titles?.includes('Split into 2 per-function roles, each with the actions its handler uses'));
  });

  it('is not offered when only one function is left on the shared role', () => {
    const shared = { ...files, 'serverless.yml': SERVERLESS.replace('    handler: src/list.handler\n', '    handler: src/list.handler\n    iam:\n      role: arn:aws:iam::123456789012:role/reader\n') };
    assert.deepEqual(lint(shared)[0]?.fixes.map((fix) => fix.title), ['Replace with the 1 action the handlers use']);
  });
});

describe('iam/wildcard-resource and iam/partial-wildcard-action offer the same split', () => {
  const template = (actions: string) => SERVERLESS.replace("['s3:*', 'dynamodb:*']", actions);
  const split = `service: photos
provider:
  name: aws
  runtime: nodejs20.x
  environment:
    BUCKET: photos-archive
    TABLE: items
functions:
  upload:
    handler: src/upload.handler
    iam:
      role:
        statements:
          - Effect: Allow
            Action: 's3:PutObject'
            Resource: 'arn:aws:s3:::photos-archive/*'
  list:
    handler: src/list.handler
    iam:
      role:
        statements:
          - Effect: Allow
            Action: 'dynamodb:Scan'
            Resource: 'arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/items'
`;

  for (const [rule, actions] of [
    [wildcardResource, "['s3:PutObject', 'dynamodb:Scan']"],
    [partialWildcardAction, "['s3:PutObject', 'dynamodb:Sc*']"],
  ] as const) {
    it(`${rule.id}: ${actions}`, () => {
      const files = withHandlers(template(actions));
      const findings = lint(files, [rule]);
      assert.ok(findings.length > 0);
      for (const finding of findings) {
        const fix = finding.fixes.find((each) => each.title === 'Split into 2 per-function roles, each with the actions its handler uses');
        assert.equal(applyEdits(files['serverless.yml'] ?? '', fix?.edits ?? []), split);
      }
    });
  }
});

describe('split into per-function roles at the edges of a template', () => {
  it('adds the last function\'s statements after a last line without a line break', () => {
    const text = SERVERLESS.replace(/\n$/, '');
    const [finding] = lint(withHandlers(text));
    const fixed = applySplit(text, finding);
    assert.ok(fixed.endsWith(`  list:\n    handler: src/list.handler\n    iam:\n      role:\n        statements:\n          - Effect: Allow\n            Action: 'dynamodb:Scan'\n            Resource: 'arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/items'\n`), fixed);
  });

  it('is not offered when the shared role has a name, boundary or tags of its own', () => {
    const named = SERVERLESS.replace('    role:\n', '    role:\n      name: photos-shared\n');
    const [finding] = lint(withHandlers(named));
    assert.deepEqual(finding?.fixes.map((fix) => fix.title), ['Replace with the 2 actions the handlers use']);
  });

  it('writes CRLF in a CRLF file', () => {
    const text = SERVERLESS.replace(/\n/g, '\r\n');
    const [finding] = lint(withHandlers(text));
    const fixed = applySplit(text, finding);
    assert.notEqual(fixed, text);
    assert.ok(!/[^\r]\n/.test(fixed));
  });
});
