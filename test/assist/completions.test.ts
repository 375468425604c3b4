/**
 * Completion and hover over every template format, through the assist's entry points. Each
 * inserted item is also applied to the text (snippet placeholders at their defaults) to check
 * the result parses and means what the item says.
 */
import assert from 'node:assert/strict';
import { completionsAt, hoverAt, type AssistCompletionItem, type AssistCompletionList } from '../../rules/assist/index';
import { Project } from '../../rules/index';
import { get, getPath, isSeq, type DocNode } from '../../rules/parse/document';
import { parseSourceFile } from '../../rules/parse/index';
import { isDocumentFile } from '../../rules/parse/source-file';
import { expandSnippet } from '../snippets/expand';

function complete(path: string, marked: string): { list: AssistCompletionList; text: string } {
  const text = marked.replace('‸', '');
  return { list: completionsAt({ path, text, offset: marked.indexOf('‸') }), text };
}

function labels(list: AssistCompletionList): string[] {
  return [...list.items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((item) => item.label);
}

function item(list: AssistCompletionList, label: string): AssistCompletionItem {
  const found = list.items.find((candidate) => candidate.label === label);
  assert.ok(found, `no item "${label}" among ${list.items.map((candidate) => candidate.label).join(', ')}`);
  return found;
}

/** The text after accepting `chosen` with every placeholder left at its default. */
function apply(text: string, chosen: AssistCompletionItem): string {
  const edits = [{ range: chosen.range, text: chosen.snippet ? expandSnippet(chosen.insertText) : chosen.insertText }, ...(chosen.additionalEdits ?? [])];
  edits.sort((a, b) => b.range.start - a.range.start);
  return edits.reduce((result, edit) => result.slice(0, edit.range.start) + edit.text + result.slice(edit.range.end), text);
}

/** The first document of a text that must parse. */
function parsed(path: string, text: string): DocNode {
  const file = parseSourceFile(path, text);
  assert.ok(isDocumentFile(file) && !file.parseError, `does not parse: ${file.parseError?.message ?? ''}\n${text}`);
  const root = file.documents[0];
  assert.ok(root);
  return root;
}

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  GetOrderFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/get-order.handler
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - dynamodb:GetItem
              Resource: ‸
  OrdersTable:
    Type: AWS::DynamoDB::Table
  UploadsBucket:
    Type: AWS::S3::Bucket
`;

const SERVERLESS = `service: orders
provider:
  name: aws
functions:
  getOrder:
    handler: src/get-order.handler
    iamRoleStatements:
      - Effect: Allow
        Action:
          - dynamodb:GetItem
        Resource:
          - ‸
resources:
  Resources:
    OrdersTable:
      Type: AWS::DynamoDB::Table
`;

describe('assist: IAM actions', () => {
  it('offers service prefixes until a colon is typed, then asks again', () => {
    const { list } = complete('/w/serverless.yml', 'provider:\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action:\n            - dyn‸\n');
    assert.equal(list.isIncomplete, true);
    const dynamodb = item(list, 'dynamodb:');
    assert.equal(dynamodb.detail, 'Amazon DynamoDB');
    assert.equal(dynamodb.insertText, 'dynamodb:$0');
    assert.equal(dynamodb.retrigger, true);
    assert.equal(dynamodb.kind, 'service');
  });

  it('offers the actions of the typed service with access level and description, less those listed', () => {
    const { list, text } = complete('/w/template.yaml', SAM.replace('- dynamodb:GetItem', '- dynamodb:GetItem\n                - dynamodb:Q‸').replace('Resource: ‸', 'Resource: "*"'));
    assert.equal(list.isIncomplete, false);
    assert.ok(list.items.every((candidate) => candidate.label.startsWith('dynamodb:')));
    assert.equal(list.items.some((candidate) => candidate.label === 'dynamodb:GetItem'), false);
    const query = item(list, 'dynamodb:Query');
    assert.equal(query.detail, 'Read');
    assert.equal(query.kind, 'action');
    assert.match(query.documentation ?? '', /^Use the primary key of a table .*\n\nAccess level: Read\n\nResource types:\n- index: `arn:\$\{Partition\}:dynamodb:/);
    assert.match(apply(text, query), /- dynamodb:GetItem\n {16}- dynamodb:Query\n/);
  });

  it('writes a dash on a fresh line below Action, and a space right after its colon', () => {
    const fresh = complete('/w/policy.yaml', 'Statement:\n  - Effect: Allow\n    Action:\n      ‸\n');
    assert.equal(item(fresh.list, 's3:').insertText, '- s3:$0');
    const tight = complete('/w/policy.yaml', 'Statement:\n  - Effect: Allow\n    Action:‸\n');
    assert.equal(item(tight.list, 's3:').insertText, ' s3:$0');
  });

  it('completes inside an unterminated JSON string and a bare JSON list element', () => {
    const open = complete('/w/policy.json', '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sqs:Send‸');
    const send = item(open.list, 'sqs:SendMessage');
    assert.equal(apply(open.text, send).endsWith('["sqs:SendMessage'), true);
    const bare = complete('/w/policy.json', '{"Statement": [{"Effect": "Allow", "Action": [‸]}]}');
    assert.equal(item(bare.list, 's3:').insertText, '"s3:$0"');
  });

  it('describes an action, a wildcard and a misspelling on hover', () => {
    const text = 'Statement:\n  - Effect: Allow\n    Action:\n      - s3:GetObject\n      - dynamodb:Get*\n      - s3:GetObjects\n    Resource: "*"\n';
    const hover = (needle: string) => hoverAt({ path: '/w/policy.yaml', text, offset: text.indexOf(needle) + 2 });
    assert.deepEqual(hover('s3:GetObject\n'), {
      range: { start: text.indexOf('s3:GetObject'), end: text.indexOf('s3:GetObject') + 12 },
      markdown: [
        '**s3:GetObject** · Read',
        'Retrieve objects from Amazon S3',
        'Resource types:\n- accesspointobject: `arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}`\n- object: `arn:${Partition}:s3:::${BucketName}/${ObjectName}`',
      ].join('\n\n'),
    });
    assert.equal(
      hover('dynamodb:Get*')?.markdown,
      '**dynamodb:Get\\*** matches 5 actions (Read 5).\n\n`dynamodb:GetAbacStatus`, `dynamodb:GetItem`, `dynamodb:GetRecords`, `dynamodb:GetResourcePolicy`, `dynamodb:GetShardIterator`',
    );
    assert.equal(hover('s3:GetObjects')?.markdown, '**s3:GetObjects** is not an IAM action; did you mean `s3:GetObject`?');
    assert.equal(hover('Effect'), undefined);
    assert.equal(hover('"*"'), undefined);
  });

  it('hovers an action in a JSON policy and one with no resource-level permissions', () => {
    const text = '{"Statement": [{"Effect": "Allow", "Action": ["s3:ListAllMyBuckets"], "Resource": "*"}]}';
    const found = hoverAt({ path: '/w/policy.json', text, offset: text.indexOf('ListAll') });
    assert.equal(
      found?.markdown,
      '**s3:ListAllMyBuckets** · List\n\nList all buckets owned by the authenticated sender of the request\n\nSupports no resource-level permissions: `Resource` must be `"*"`.',
    );
  });
});

describe('assist: IAM resources', () => {
  it('SAM: references to the template’s resources in short-tag syntax, the statement’s service first, then ARN formats', () => {
    const { list, text } = complete('/w/template.yaml', SAM);
    assert.deepEqual(labels(list), [
      '!GetAtt OrdersTable.Arn',
      '!Sub "${OrdersTable.Arn}/index/*"',
      '!GetAtt GetOrderFunction.Arn',
      '!Sub "${UploadsBucket.Arn}/*"',
      '!GetAtt UploadsBucket.Arn',
      'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}',
    ]);
    const table = item(list, '!GetAtt OrdersTable.Arn');
    assert.equal(table.detail, 'AWS::DynamoDB::Table: the table');
    const policies = getPath(parsed('/w/template.yaml', apply(text, table)), 'Resources', 'GetOrderFunction', 'Properties', 'Policies');
    assert.ok(isSeq(policies));
    const statements = get(policies.items[0], 'Statement');
    assert.ok(isSeq(statements));
    assert.ok(isSeq(getPath(statements.items[0], 'Resource', 'Fn::GetAtt')));
    const arn = apply(text, item(list, 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}'));
    assert.match(arn, /Resource: !Sub "arn:\$\{AWS::Partition\}:dynamodb:\$\{AWS::Region\}:\$\{AWS::AccountId\}:table\/TableName"\n/);
    parsed('/w/template.yaml', arn);
  });

  it('SAM: a quoted value is replaced quotes and all by a reference, and kept by an ARN', () => {
    const { list, text } = complete('/w/template.yaml', SAM.replace('Resource: ‸', 'Resource: "Ord‸"'));
    const table = item(list, '!GetAtt OrdersTable.Arn');
    // The range starts at the opening quote, so the text the editor filters on does too.
    assert.equal(table.filterText, '"!GetAtt OrdersTable.Arn');
    assert.match(apply(text, table), /Resource: !GetAtt OrdersTable.Arn\n/);
    parsed('/w/template.yaml', apply(text, table));
  });

  it('serverless.yml: long-form references, as a block map in a list and a flow map inline', () => {
    const { list, text } = complete('/w/serverless.yml', SERVERLESS);
    const table = item(list, 'Fn::GetAtt: [OrdersTable, Arn]');
    assert.equal(table.insertText, 'Fn::GetAtt: [OrdersTable, Arn]');
    const statements = getPath(parsed('/w/serverless.yml', apply(text, table)), 'functions', 'getOrder', 'iamRoleStatements');
    assert.ok(isSeq(statements));
    const listed = get(statements.items[0], 'Resource');
    assert.ok(isSeq(listed));
    assert.ok(isSeq(get(listed.items[0], 'Fn::GetAtt')));

    const inline = complete('/w/serverless.yml', SERVERLESS.replace('Resource:\n          - ‸', 'Resource: ‸'));
    const indexes = item(inline.list, '{ "Fn::Join": ["", [{ "Fn::GetAtt": [OrdersTable, Arn] }, "/index/*"]] }');
    assert.equal(indexes.insertText, '{ "Fn::Join": ["", [{ "Fn::GetAtt": [OrdersTable, Arn] }, "/index/*"]] }');
    const inlineStatements = getPath(parsed('/w/serverless.yml', apply(inline.text, indexes)), 'functions', 'getOrder', 'iamRoleStatements');
    assert.ok(isSeq(inlineStatements));
    assert.ok(isSeq(getPath(inlineStatements.items[0], 'Resource', 'Fn::Join')));
    const arn = item(inline.list, 'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}');
    assert.equal(arn.insertText, '"arn:aws:dynamodb:\\${aws:region\\}:\\${aws:accountId\\}:table/${1:TableName}"');
  });

  it('CloudFormation JSON: a reference object replaces the string being typed', () => {
    const marked = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Queue": { "Type": "AWS::SQS::Queue" },
    "Policy": {
      "Type": "AWS::IAM::ManagedPolicy",
      "Properties": {
        "PolicyDocument": {
          "Statement": [{ "Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "Qu‸" }]
        }
      }
    }
  }
}`;
    const { list, text } = complete('/w/template.json', marked);
    const queue = item(list, '{ "Fn::GetAtt": ["Queue", "Arn"] }');
    assert.equal(queue.insertText, '{ "Fn::GetAtt": ["Queue", "Arn"] }');
    const root = parsed('/w/template.json', apply(text, queue));
    const statement = getPath(root, 'Resources', 'Policy', 'Properties', 'PolicyDocument', 'Statement');
    assert.ok(isSeq(statement));
    assert.deepEqual(getPath(statement.items[0], 'Resource', 'Fn::GetAtt')?.type, 'seq');
  });

  it('policy JSON: ARN formats with placeholders, the simplest first, and "*" only for unscopable actions', () => {
    const { list } = complete('/w/policy.json', '{"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListAllMyBuckets"], "Resource": [‸]}]}');
    assert.deepEqual(labels(list), [
      'arn:${Partition}:s3:::${BucketName}/${ObjectName}',
      'arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}',
      '"*"',
    ]);
    assert.equal(item(list, 'arn:${Partition}:s3:::${BucketName}/${ObjectName}').insertText, '"arn:aws:s3:::${1:BucketName}/${2:ObjectName}"');
    assert.match(item(list, '"*"').documentation ?? '', /^s3:ListAllMyBuckets supports no resource-level permissions/);
  });

  it('finds the template’s resources while the line being typed breaks the YAML', () => {
    const { list } = complete('/w/template.yaml', SAM.replace('Resource: ‸', 'Resource: "arn‸'));
    assert.ok(list.items.some((candidate) => candidate.label === '!GetAtt OrdersTable.Arn'));
  });

  it('leaves a Step Functions state’s Resource alone', () => {
    const { list } = complete('/w/template.yaml', 'States:\n  Save:\n    Type: Task\n    Resource: ‸\n    End: true\n');
    assert.deepEqual(list.items, []);
  });

  it('uses the project’s parse when its copy of the file is current', () => {
    const text = SERVERLESS.replace('‸', '');
    const project = new Project([['/w/serverless.yml', text]]);
    const list = completionsAt({ path: '/w/serverless.yml', text, offset: SERVERLESS.indexOf('‸'), project });
    assert.ok(list.items.some((candidate) => candidate.label === 'Fn::GetAtt: [OrdersTable, Arn]'));
  });
});

describe('assist: authorizers and auth levels', () => {
  const HTTP = `service: orders
provider:
  name: aws
functions:
  getOrder:
    handler: src/get-order.handler
    events:
      - http:
          path: orders
          method: get
          authorizer: ‸
  checkToken:
    handler: src/check-token.handler
`;

  it('serverless http: aws_iam, a Cognito block, the other functions as Lambda authorizers', () => {
    const { list, text } = complete('/w/serverless.yml', HTTP);
    assert.deepEqual(labels(list), ['aws_iam', 'Cognito user pool', 'checkToken', 'Lambda request authorizer']);
    const cognito = item(list, 'Cognito user pool');
    assert.equal(cognito.insertText, '\n            type: COGNITO_USER_POOLS\n            arn: ${1:arn:aws:cognito-idp:${2:region}:${3:account}:userpool/${4:pool-id}}');
    const after = apply(text, cognito);
    assert.match(after, /authorizer:\n {12}type: COGNITO_USER_POOLS\n/);
    const root = parsed('/w/serverless.yml', after);
    const events = getPath(root, 'functions', 'getOrder', 'events');
    assert.ok(isSeq(events));
    assert.equal(getPath(events.items[0], 'http', 'authorizer', 'type')?.type, 'scalar');
  });

  it('serverless httpApi: IAM, and the authorizers the provider defines', () => {
    const text = HTTP.replace('- http:', '- httpApi:').replace('provider:\n  name: aws\n', 'provider:\n  name: aws\n  httpApi:\n    authorizers:\n      jwtAuthorizer:\n        type: jwt\n');
    const { list } = complete('/w/serverless.yml', text);
    assert.deepEqual(labels(list), ['type: aws_iam', 'name: jwtAuthorizer']);
    // A map entry cannot follow `authorizer:` on its line: it goes below, indented.
    assert.equal(item(list, 'type: aws_iam').insertText, '\n            type: aws_iam');
  });

  const SAM_EVENT = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get:
          Type: Api
          Properties:
            Path: /orders
            Method: get
            Auth: ‸
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        Authorizers:
          UserPoolAuthorizer:
            UserPoolArn: arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_example
`;

  it('SAM event Auth: IAM and the API’s authorizers first, the public NONE last', () => {
    const { list, text } = complete('/w/template.yaml', SAM_EVENT);
    assert.deepEqual(labels(list), ['Authorizer: AWS_IAM', 'Authorizer: UserPoolAuthorizer', 'ApiKeyRequired: true', 'Authorizer: NONE']);
    const after = apply(text, item(list, 'Authorizer: AWS_IAM'));
    assert.match(after, /Auth:\n {14}Authorizer: AWS_IAM\n/);
    parsed('/w/template.yaml', after);
    const fresh = complete('/w/template.yaml', SAM_EVENT.replace('Auth: ‸', 'Auth:\n              ‸'));
    assert.equal(item(fresh.list, 'Authorizer: AWS_IAM').insertText, 'Authorizer: AWS_IAM');
    const value = complete('/w/template.yaml', SAM_EVENT.replace('Auth: ‸', 'Auth:\n              Authorizer: ‸'));
    assert.deepEqual(labels(value.list), ['AWS_IAM', 'UserPoolAuthorizer', 'NONE']);
  });

  it('SAM API Auth: default authorizers and authorizer blocks; HTTP APIs turn IAM on', () => {
    const api = complete('/w/template.yaml', 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties:\n      Auth:\n        ‸\n');
    assert.deepEqual(labels(api.list), ['DefaultAuthorizer: AWS_IAM', 'Cognito user pool authorizer', 'Lambda token authorizer']);
    const after = apply(api.text, item(api.list, 'Cognito user pool authorizer'));
    assert.match(after, /Auth:\n {8}DefaultAuthorizer: CognitoAuthorizer\n {8}Authorizers:\n {10}CognitoAuthorizer:\n {12}UserPoolArn: !GetAtt UserPool.Arn\n/);
    parsed('/w/template.yaml', after);
    const http = complete('/w/template.yaml', 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  HttpApi:\n    Auth: ‸\n');
    assert.deepEqual(labels(http.list), ['DefaultAuthorizer: AWS_IAM', 'JWT authorizer']);
    assert.equal(item(http.list, 'DefaultAuthorizer: AWS_IAM').insertText, '\n      EnableIamAuthorizer: true\n      DefaultAuthorizer: AWS_IAM');
  });

  it('SAM FunctionUrlConfig AuthType: AWS_IAM first, the public NONE last, in YAML and JSON', () => {
    const marked = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      FunctionUrlConfig:\n        AuthType: ‸\n';
    const { list, text } = complete('/w/template.yaml', marked);
    const at = marked.indexOf('‸');
    assert.deepEqual(list.items, [
      {
        label: 'AWS_IAM',
        kind: 'value',
        detail: 'callers sign requests with IAM credentials',
        documentation: 'Lambda checks a SigV4 signature: callers need AWS credentials allowed to `lambda:InvokeFunctionUrl` on this function.',
        insertText: 'AWS_IAM',
        snippet: true,
        range: { start: at, end: at },
        filterText: 'AWS_IAM',
        sortText: '0-00',
      },
      {
        label: 'NONE',
        kind: 'value',
        detail: 'public: anyone with the URL',
        documentation:
          'Lambda authenticates no one: anyone who has the URL can call the function. Use it only when the handler authenticates every request itself, or the endpoint is public by design.',
        insertText: 'NONE',
        snippet: true,
        range: { start: at, end: at },
        filterText: 'NONE',
        sortText: '9-01',
      },
    ]);
    assert.equal(getPath(parsed('/w/template.yaml', apply(text, item(list, 'AWS_IAM'))), 'Resources', 'Fn', 'Properties', 'FunctionUrlConfig', 'AuthType')?.type, 'scalar');
    const globals = complete('/w/template.yaml', 'Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    FunctionUrlConfig:\n      AuthType: ‸\n');
    assert.deepEqual(labels(globals.list), ['AWS_IAM', 'NONE']);
    const json = complete(
      '/w/template.json',
      '{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Fn": {"Type": "AWS::Serverless::Function", "Properties": {"FunctionUrlConfig": {"AuthType": "AW‸"}}}}}',
    );
    const start = json.text.indexOf('"AW"') + 1;
    assert.deepEqual(
      json.list.items.map((candidate) => [candidate.label, candidate.insertText, candidate.range, candidate.sortText]),
      [
        ['AWS_IAM', 'AWS_IAM', { start, end: start + 2 }, '0-00'],
        ['NONE', 'NONE', { start, end: start + 2 }, '9-01'],
      ],
    );
    // Not the AuthType of anything else.
    const other = complete('/w/template.yaml', 'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionUrlConfig:\n        AuthType: ‸\n');
    assert.deepEqual(other.list.items, []);
  });

  it('AWS::Lambda::Url AuthType: YAML, and a bare JSON value written with its quotes', () => {
    const yaml = complete('/w/template.yaml', 'Resources:\n  Url:\n    Type: AWS::Lambda::Url\n    Properties:\n      TargetFunctionArn: !GetAtt Fn.Arn\n      AuthType: ‸\n');
    assert.deepEqual(labels(yaml.list), ['AWS_IAM', 'NONE']);
    assert.equal(item(yaml.list, 'NONE').detail, 'public: anyone with the URL');
    const marked = '{\n  "Resources": {\n    "Url": {\n      "Type": "AWS::Lambda::Url",\n      "Properties": { "AuthType": ‸ }\n    }\n  }\n}';
    const { list, text } = complete('/w/template.json', marked);
    const at = marked.indexOf('‸');
    assert.deepEqual(item(list, 'NONE'), {
      label: 'NONE',
      kind: 'value',
      detail: 'public: anyone with the URL',
      documentation:
        'Lambda authenticates no one: anyone who has the URL can call the function. Use it only when the handler authenticates every request itself, or the endpoint is public by design.',
      insertText: '"NONE"',
      snippet: true,
      range: { start: at, end: at },
      filterText: 'NONE',
      sortText: '9-01',
    });
    assert.deepEqual(list.items.map((candidate) => candidate.insertText), ['"AWS_IAM"', '"NONE"']);
    const after = parsed('/w/template.json', apply(text, item(list, 'AWS_IAM')));
    assert.equal(getPath(after, 'Resources', 'Url', 'Properties', 'AuthType')?.type, 'scalar');
  });

  it('SAM JSON event Auth: objects, public last, and the Authorizer values inside one', () => {
    const marked = `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "Fn": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Events": {
          "Get": {
            "Type": "Api",
            "Properties": {
              "Path": "/orders",
              "Method": "get",
              "Auth": ‸
            }
          }
        }
      }
    },
    "Api": {
      "Type": "AWS::Serverless::Api",
      "Properties": { "StageName": "prod", "Auth": { "Authorizers": { "UserPoolAuthorizer": { "UserPoolArn": "arn" } } } }
    }
  }
}`;
    const { list, text } = complete('/w/template.json', marked);
    assert.deepEqual(labels(list), ['Authorizer: AWS_IAM', 'Authorizer: UserPoolAuthorizer', 'ApiKeyRequired: true', 'Authorizer: NONE']);
    const at = marked.indexOf('‸');
    assert.deepEqual(item(list, 'Authorizer: AWS_IAM'), {
      label: 'Authorizer: AWS_IAM',
      kind: 'block',
      detail: 'callers sign requests with IAM credentials',
      documentation: 'API Gateway checks a SigV4 signature: callers need AWS credentials allowed to `execute-api:Invoke` this route.',
      insertText: '{\n                "Authorizer": "AWS_IAM"\n              }',
      snippet: true,
      range: { start: at, end: at },
      filterText: 'Authorizer: AWS_IAM',
      sortText: '0-00',
    });
    assert.equal(item(list, 'ApiKeyRequired: true').insertText, '{\n                "ApiKeyRequired": true\n              }');
    assert.equal(item(list, 'Authorizer: NONE').sortText, '9-02');
    const after = parsed('/w/template.json', apply(text, item(list, 'Authorizer: UserPoolAuthorizer')));
    const auth = getPath(after, 'Resources', 'Fn', 'Properties', 'Events', 'Get', 'Properties', 'Auth', 'Authorizer');
    assert.deepEqual(auth?.type === 'scalar' ? auth.value : undefined, 'UserPoolAuthorizer');
    const value = complete('/w/template.json', marked.replace('"Auth": ‸', '"Auth": { "Authorizer": "‸" }'));
    assert.deepEqual(
      value.list.items.map((candidate) => [candidate.label, candidate.insertText, candidate.sortText]),
      [
        ['AWS_IAM', 'AWS_IAM', '0-00'],
        ['UserPoolAuthorizer', 'UserPoolAuthorizer', '0-01'],
        ['NONE', 'NONE', '9-02'],
      ],
    );
  });

  it('SAM JSON API Auth: a string being typed is replaced, quotes and all, by an object', () => {
    const marked = '{"Transform": "AWS::Serverless-2016-10-31", "Resources": {"Api": {"Type": "AWS::Serverless::Api", "Properties": {\n  "Auth": "De‸"}}}}';
    const { list, text } = complete('/w/template.json', marked);
    assert.deepEqual(labels(list), ['DefaultAuthorizer: AWS_IAM', 'Cognito user pool authorizer', 'Lambda token authorizer']);
    const start = text.indexOf('"De"');
    const cognito = item(list, 'Cognito user pool authorizer');
    assert.deepEqual(cognito, {
      label: 'Cognito user pool authorizer',
      kind: 'block',
      detail: 'every route requires a user pool token',
      documentation: 'Defines a Cognito user pool authorizer and makes it the default for every route of the API.',
      insertText:
        '{\n    "DefaultAuthorizer": "CognitoAuthorizer",\n    "Authorizers": {\n      "CognitoAuthorizer": {\n        "UserPoolArn": { "Fn::GetAtt": ["${1:UserPool}", "Arn"] }\n      }\n    }\n  }',
      snippet: true,
      range: { start, end: start + 4 },
      filterText: 'Cognito user pool authorizer',
      sortText: '0-01',
    });
    const root = parsed('/w/template.json', apply(text, cognito));
    assert.equal(getPath(root, 'Resources', 'Api', 'Properties', 'Auth', 'Authorizers', 'CognitoAuthorizer', 'UserPoolArn', 'Fn::GetAtt')?.type, 'seq');
    const http = complete('/w/template.json', marked.replace('AWS::Serverless::Api', 'AWS::Serverless::HttpApi'));
    assert.equal(item(http.list, 'DefaultAuthorizer: AWS_IAM').insertText, '{\n    "EnableIamAuthorizer": true,\n    "DefaultAuthorizer": "AWS_IAM"\n  }');
    const jwt = item(http.list, 'JWT authorizer');
    assert.equal(
      jwt.insertText,
      '{\n    "DefaultAuthorizer": "JwtAuthorizer",\n    "Authorizers": {\n      "JwtAuthorizer": {\n        "IdentitySource": "\\$request.header.Authorization",\n        "JwtConfiguration": {\n          "issuer": "${1:https://cognito-idp.${2:region}.amazonaws.com/${3:pool-id}}",\n          "audience": ["${4:app-client-id}"]\n        }\n      }\n    }\n  }',
    );
    const jwtRoot = parsed('/w/template.json', apply(http.text, jwt));
    const source = getPath(jwtRoot, 'Resources', 'Api', 'Properties', 'Auth', 'Authorizers', 'JwtAuthorizer', 'IdentitySource');
    assert.equal(source?.type === 'scalar' ? source.value : undefined, '$request.header.Authorization');
  });

  it('serverless.json: authorizer values as JSON strings and objects', () => {
    const marked = `{
  "service": "orders",
  "functions": {
    "getOrder": {
      "handler": "src/get-order.handler",
      "events": [
        { "http": { "path": "orders", "method": "get", "authorizer": ‸ } }
      ]
    },
    "checkToken": { "handler": "src/check-token.handler" }
  }
}`;
    const { list, text } = complete('/w/serverless.json', marked);
    assert.deepEqual(labels(list), ['aws_iam', 'Cognito user pool', 'checkToken', 'Lambda request authorizer']);
    assert.deepEqual(
      list.items.map((candidate) => [candidate.label, candidate.kind, candidate.insertText]),
      [
        ['aws_iam', 'value', '"aws_iam"'],
        ['Cognito user pool', 'block', '{\n          "type": "COGNITO_USER_POOLS",\n          "arn": "${1:arn:aws:cognito-idp:${2:region}:${3:account}:userpool/${4:pool-id}}"\n        }'],
        ['checkToken', 'value', '"checkToken"'],
        [
          'Lambda request authorizer',
          'block',
          '{\n          "name": "${1:checkToken}",\n          "type": "request",\n          "identitySource": "method.request.header.Authorization",\n          "resultTtlInSeconds": 300\n        }',
        ],
      ],
    );
    const root = parsed('/w/serverless.json', apply(text, item(list, 'Lambda request authorizer')));
    const events = getPath(root, 'functions', 'getOrder', 'events');
    assert.ok(isSeq(events));
    const ttl = getPath(events.items[0], 'http', 'authorizer', 'resultTtlInSeconds');
    assert.equal(ttl?.type === 'scalar' ? ttl.value : undefined, 300);
    const httpApi = complete('/w/serverless.json', marked.replace('"http"', '"httpApi"'));
    assert.deepEqual(
      httpApi.list.items.map((candidate) => [candidate.label, candidate.insertText]),
      [
        ['type: aws_iam', '{\n          "type": "aws_iam"\n        }'],
        ['name: …', '{\n          "name": "${1:jwtAuthorizer}"\n        }'],
      ],
    );
  });

  it('Azure authLevel: function.json, and the v4 programming model in code', () => {
    const json = complete('/w/GetOrder/function.json', '{"bindings": [{"type": "httpTrigger", "direction": "in", "authLevel": "‸"}]}');
    assert.deepEqual(labels(json.list), ['function', 'admin', 'anonymous']);
    assert.equal(item(json.list, 'anonymous').detail, 'public: no key at all');
    const code = complete('/w/src/functions/get-order.js', "app.http('getOrder', {\n  authLevel: ‸\n});");
    assert.equal(apply(code.text, item(code.list, 'function')), "app.http('getOrder', {\n  authLevel: 'function'\n});");
    const quoted = complete('/w/src/functions/get-order.ts', "app.http('getOrder', { authLevel: 'fu‸' });");
    assert.equal(apply(quoted.text, item(quoted.list, 'function')), "app.http('getOrder', { authLevel: 'function' });");
    assert.deepEqual(complete('/w/src/other.js', 'const level = ‸').list.items, []);
  });
});
