/**
 * Completion and hover over LSP: the bundled server over `--stdio`, documents opened while they
 * are half typed (as they are when an editor asks), exact items at a few positions.
 */
import assert from 'node:assert/strict';
import {
  CompletionItemKind,
  CompletionRequest,
  HoverRequest,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Hover,
} from 'vscode-languageserver-protocol/node';
import { serviceActions } from '../../rules/analysis/iam-data';
import { ensureBundle, LspSession, positionOf, TempWorkspace } from './lsp-session';

const SERVERLESS = `service: orders
provider:
  name: aws
  runtime: nodejs24.x
functions:
  getOrder:
    handler: src/get-order.handler
    iamRoleStatements:
      - Effect: Allow
        Action:
          - dynamodb:GetItem
          - s3:‸
        Resource:
          - Fn::GetAtt: [OrdersTable, Arn]
resources:
  Resources:
    OrdersTable:
      Type: AWS::DynamoDB::Table
`;

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
              Action: dynamodb:GetItem
              Resource: ‸
      Events:
        GetOrder:
          Type: Api
          Properties:
            Path: /orders/{id}
            Method: get
            Auth:
              Authorizer: AWS_IAM
  OrdersTable:
    Type: AWS::DynamoDB::Table
`;

const POLICY = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": ["sqs:Send‸';

/** The text without its cursor mark, and the mark's LSP position. */
function marked(text: string): { text: string; position: { line: number; character: number } } {
  return { text: text.replace('‸', ''), position: positionOf(text, text.indexOf('‸')) };
}

describe('language server: completion and hover', function () {
  this.timeout(30_000);
  let workspace: TempWorkspace;
  let session: LspSession;

  before(async function () {
    this.timeout(180_000);
    ensureBundle();
    workspace = new TempWorkspace({ 'serverless.yml': SERVERLESS.replace('‸', 'GetObject') });
    session = await LspSession.start({ workspace, pull: true });
  });

  after(async () => {
    await session?.dispose();
    workspace?.dispose();
  });

  async function completeAt(name: string, markedText: string): Promise<CompletionList> {
    const { text, position } = marked(markedText);
    const uri = workspace.uri(name);
    await session.open(uri, text);
    try {
      const result = await session.request<CompletionList | null>(CompletionRequest.method, { textDocument: { uri }, position }, `completions in ${name}`);
      assert.ok(result, 'no completion list');
      return result;
    } finally {
      await session.close(uri);
    }
  }

  function find(list: CompletionList, label: string): CompletionItem {
    const found = list.items.find((item) => item.label === label);
    assert.ok(found, `no item "${label}"`);
    return found;
  }

  it('advertises completion with its trigger characters, and hover', () => {
    const capabilities = session.initializeResult?.capabilities;
    assert.deepEqual(capabilities?.completionProvider, { triggerCharacters: [':', '"', "'"], resolveProvider: false });
    assert.equal(capabilities?.hoverProvider, true);
  });

  it('serverless.yml: the actions of the service typed so far, as the user types `- s3:`', async () => {
    const list = await completeAt('serverless.yml', SERVERLESS);
    assert.equal(list.isIncomplete, false);
    // Every action of the service (none of them listed yet), whatever the data's version.
    assert.deepEqual(list.items.map((item) => item.label), serviceActions('s3').map((info) => info.action));
    const cursor = marked(SERVERLESS).position;
    assert.deepEqual(find(list, 's3:GetObject'), {
      label: 's3:GetObject',
      kind: CompletionItemKind.Function,
      detail: 'Read',
      documentation: {
        kind: MarkupKind.Markdown,
        value: [
          'Retrieve objects from Amazon S3',
          'Access level: Read',
          'Resource types:\n- accesspointobject: `arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}`\n- object: `arn:${Partition}:s3:::${BucketName}/${ObjectName}`',
        ].join('\n\n'),
      },
      textEdit: { newText: 's3:GetObject', range: { start: { line: cursor.line, character: 12 }, end: cursor } },
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      filterText: 's3:GetObject',
    });
  });

  it('serverless.yml: service prefixes before the colon, reopening the list once one is chosen', async () => {
    const list = await completeAt('serverless.yml', SERVERLESS.replace('- s3:‸', '- sq‸'));
    assert.equal(list.isIncomplete, true);
    const sqs = find(list, 'sqs:');
    assert.equal(sqs.detail, 'Amazon SQS');
    assert.equal(sqs.kind, CompletionItemKind.Module);
    assert.deepEqual(sqs.command, { title: 'Suggest actions', command: 'editor.action.triggerSuggest' });
  });

  it('SAM: the template’s own resources for Resource, in short-tag syntax', async () => {
    const list = await completeAt('template.yaml', SAM);
    const cursor = marked(SAM).position;
    assert.deepEqual(
      [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((item) => item.label),
      [
        '!GetAtt OrdersTable.Arn',
        '!Sub "${OrdersTable.Arn}/index/*"',
        '!GetAtt GetOrderFunction.Arn',
        'arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}',
      ],
    );
    assert.deepEqual(find(list, '!GetAtt OrdersTable.Arn').textEdit, { newText: '!GetAtt OrdersTable.Arn', range: { start: cursor, end: cursor } });
    assert.equal(find(list, '!GetAtt OrdersTable.Arn').kind, CompletionItemKind.Reference);
  });

  it('SAM: the valid forms after Auth:, public last', async () => {
    const text = SAM.replace('Resource: ‸', 'Resource: !GetAtt OrdersTable.Arn').replace('Auth:\n              Authorizer: AWS_IAM', 'Auth: ‸');
    const list = await completeAt('template.yaml', text);
    assert.deepEqual(
      [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((item) => [item.label, item.textEdit?.newText]),
      [
        ['Authorizer: AWS_IAM', '\n              Authorizer: AWS_IAM'],
        ['ApiKeyRequired: true', '\n              ApiKeyRequired: true'],
        ['Authorizer: NONE', '\n              Authorizer: NONE'],
      ],
    );
    const cursor = marked(text).position;
    // The space after `Auth:` goes, so the line does not end in white space.
    assert.deepEqual(find(list, 'Authorizer: AWS_IAM').additionalTextEdits, [
      { range: { start: { line: cursor.line, character: cursor.character - 1 }, end: cursor }, newText: '' },
    ]);
  });

  it('SAM JSON: the valid Auth objects and function URL AuthType values, public last', async () => {
    const template = `{
  "Transform": "AWS::Serverless-2016-10-31",
  "Resources": {
    "GetOrderFunction": {
      "Type": "AWS::Serverless::Function",
      "Properties": {
        "Handler": "src/get-order.handler",
        "FunctionUrlConfig": { "AuthType": "‸" },
        "Events": {
          "GetOrder": {
            "Type": "Api",
            "Properties": { "Path": "/orders", "Method": "get", "Auth": "" }
          }
        }
      }
    }
  }
}`;
    const url = await completeAt('template.json', template);
    const cursor = marked(template).position;
    assert.deepEqual(
      [...url.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((item) => [item.label, item.textEdit?.newText, item.detail]),
      [
        ['AWS_IAM', 'AWS_IAM', 'callers sign requests with IAM credentials'],
        ['NONE', 'NONE', 'public: anyone with the URL'],
      ],
    );
    assert.deepEqual(find(url, 'NONE').textEdit, { newText: 'NONE', range: { start: cursor, end: cursor } });
    const auth = template.replace('"AuthType": "‸"', '"AuthType": "AWS_IAM"').replace('"Auth": ""', '"Auth": "‸"');
    const list = await completeAt('template.json', auth);
    const at = marked(auth).position;
    assert.deepEqual(
      [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((item) => [item.label, item.textEdit?.newText]),
      [
        ['Authorizer: AWS_IAM', '{\n              "Authorizer": "AWS_IAM"\n            }'],
        ['ApiKeyRequired: true', '{\n              "ApiKeyRequired": true\n            }'],
        ['Authorizer: NONE', '{\n              "Authorizer": "NONE"\n            }'],
      ],
    );
    // The empty string goes, quotes and all.
    assert.deepEqual(find(list, 'Authorizer: AWS_IAM').textEdit, {
      newText: '{\n              "Authorizer": "AWS_IAM"\n            }',
      range: { start: { line: at.line, character: at.character - 1 }, end: { line: at.line, character: at.character + 1 } },
    });
  });

  it('policy JSON: actions inside an unterminated string of an unclosed list', async () => {
    const list = await completeAt('policy.json', POLICY);
    const cursor = marked(POLICY).position;
    const send = find(list, 'sqs:SendMessage');
    assert.deepEqual(send.textEdit, { newText: 'sqs:SendMessage', range: { start: { line: cursor.line, character: cursor.character - 8 }, end: cursor } });
    assert.equal(send.detail, 'Write');
  });

  it('function.json and handler code: the Azure auth levels', async () => {
    const json = await completeAt('GetOrder/function.json', '{ "bindings": [{ "type": "httpTrigger", "authLevel": "‸" }] }');
    assert.deepEqual(
      json.items.map((item) => [item.label, item.sortText]),
      [
        ['function', '0-00'],
        ['admin', '0-01'],
        ['anonymous', '9-02'],
      ],
    );
    const code = await completeAt('src/functions/get-order.js', "app.http('getOrder', { authLevel: ‸ });");
    assert.deepEqual(
      code.items.map((item) => item.textEdit?.newText),
      ["'function'", "'admin'", "'anonymous'"],
    );
  });

  it('answers nothing where nothing applies', async () => {
    const list = await completeAt('serverless.yml', SERVERLESS.replace('‸', 'GetObject').replace('service: orders', 'service: ord‸ers'));
    assert.deepEqual(list.items, []);
  });

  it('hovers an action with its access level, description and resource types', async () => {
    const text = SERVERLESS.replace('‸', 'GetObject');
    const uri = workspace.uri('serverless.yml');
    await session.open(uri, text);
    try {
      const offset = text.indexOf('dynamodb:GetItem') + 4;
      const hover = await session.request<Hover | null>(HoverRequest.method, { textDocument: { uri }, position: positionOf(text, offset) }, 'a hover');
      const start = positionOf(text, text.indexOf('dynamodb:GetItem'));
      assert.deepEqual(hover, {
        contents: {
          kind: MarkupKind.Markdown,
          value:
            '**dynamodb:GetItem** · Read\n\nThe GetItem operation that returns a set of attributes for the item with the given primary key\n\nResource types:\n- table: `arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`',
        },
        range: { start, end: { line: start.line, character: start.character + 'dynamodb:GetItem'.length } },
      });
      const none = await session.request<Hover | null>(HoverRequest.method, { textDocument: { uri }, position: { line: 0, character: 2 } }, 'no hover');
      assert.equal(none, null);
    } finally {
      await session.close(uri);
    }
  });
});

describe('language server: completion when switched off', function () {
  this.timeout(30_000);
  let workspace: TempWorkspace;
  let session: LspSession;

  before(async function () {
    this.timeout(180_000);
    ensureBundle();
    workspace = new TempWorkspace({});
    session = await LspSession.start({ workspace, pull: true, settings: { enable: false } });
  });

  after(async () => {
    await session?.dispose();
    workspace?.dispose();
  });

  it('answers no completion and no hover', async () => {
    const { text, position } = marked(POLICY);
    const uri = workspace.uri('policy.json');
    await session.open(uri, text);
    assert.equal(await session.request(CompletionRequest.method, { textDocument: { uri }, position }, 'completions'), null);
    assert.equal(await session.request(HoverRequest.method, { textDocument: { uri }, position }, 'a hover'), null);
  });
});
