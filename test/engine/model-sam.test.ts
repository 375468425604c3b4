import assert from 'node:assert/strict';
import { get, stringValue } from '../../rules/parse/document';
import { actionsOf, fn, modelOf, scalars } from '../helpers/model';
import { dedent, textAt } from '../helpers/text';

const TEMPLATE = dedent`
  AWSTemplateFormatVersion: '2010-09-09'
  Transform: AWS::Serverless-2016-10-31
  Globals:
    Function:
      Runtime: nodejs20.x
      Handler: app.lambdaHandler
      Environment:
        Variables:
          TABLE: !Ref Table
          STAGE: prod
  Resources:
    HelloWorldFunction:
      Type: AWS::Serverless::Function
      Properties:
        CodeUri: hello-world/
        Environment:
          Variables:
            STAGE: dev
            DB_PASSWORD: hunter2
        Policies:
          - AWSLambdaBasicExecutionRole
          - DynamoDBCrudPolicy:
              TableName: !Ref Table
          - Statement:
              - Effect: Allow
                Action:
                  - s3:GetObject
                Resource: !Sub 'arn:aws:s3:::\${Bucket}/*'
        Events:
          HelloWorld:
            Type: Api
            Properties:
              Path: /hello
              Method: get
          Nightly:
            Type: Schedule
            Properties:
              Schedule: rate(1 day)
        FunctionUrlConfig:
          AuthType: NONE
    ListFunction:
      Type: AWS::Serverless::Function
      Properties:
        Handler: src/handlers/list.listHandler
        Runtime: nodejs18.x
        Role: !GetAtt SharedRole.Arn
        Policies:
          - Statement:
              Effect: Allow
              Action: sqs:*
              Resource: '*'
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
          - arn:aws:iam::aws:policy/AdministratorAccess
        Policies:
          - PolicyName: table
            PolicyDocument:
              Statement:
                - Effect: Allow
                  Action: [dynamodb:Query, dynamodb:Scan]
                  Resource: !GetAtt Table.Arn
    Table:
      Type: AWS::DynamoDB::Table
`;

describe('project model: SAM', () => {
  it('finds serverless functions and resolves CodeUri + Handler with Globals', () => {
    const model = modelOf({
      'template.yaml': TEMPLATE,
      'hello-world/app.js': 'exports.lambdaHandler = async () => ({});\n',
      'src/handlers/list.ts': 'export const listHandler = async () => ({});\n',
    });
    assert.equal(model.template('template.yaml')?.format, 'sam');
    assert.deepEqual(model.functions.map((f) => f.id), ['template.yaml#HelloWorldFunction', 'template.yaml#ListFunction']);
    const hello = fn(model, 'HelloWorldFunction');
    assert.equal(hello.format, 'sam');
    assert.equal(hello.handler?.value, 'app.lambdaHandler');
    assert.equal(hello.handler?.file, 'hello-world/app.js');
    assert.equal(hello.handler?.exportName, 'lambdaHandler');
    // The handler comes from Globals: its node is there.
    assert.equal(hello.handler?.node && textAt(TEMPLATE, hello.handler.node), 'app.lambdaHandler');
    assert.equal(hello.runtime && textAt(TEMPLATE, hello.runtime), 'nodejs20.x');
    const list = fn(model, 'ListFunction');
    assert.equal(list.handler?.file, 'src/handlers/list.ts');
    assert.equal(list.runtime && textAt(TEMPLATE, list.runtime), 'nodejs18.x');
    assert.deepEqual(model.functionsForHandler('hello-world/app.js').map((f) => f.name), ['HelloWorldFunction']);
  });

  it('leaves the handler unresolved when no candidate exists', () => {
    const model = modelOf({ 'template.yaml': TEMPLATE });
    const hello = fn(model, 'HelloWorldFunction');
    assert.equal(hello.handler?.file, undefined);
    assert.equal(hello.handler?.candidates[0], 'hello-world/app.js');
    assert.ok(hello.handler?.candidates.includes('hello-world/app.ts'));
  });

  it('merges Globals environment variables by name, the function winning', () => {
    const model = modelOf({ 'template.yaml': TEMPLATE });
    const hello = fn(model, 'HelloWorldFunction');
    assert.deepEqual(
      hello.environment.map((variable) => [variable.name, variable.level, textAt(TEMPLATE, variable.value)]),
      [
        ['TABLE', 'globals', '!Ref Table'],
        ['STAGE', 'function', 'dev'],
        ['DB_PASSWORD', 'function', 'hunter2'],
      ],
    );
    const list = fn(model, 'ListFunction');
    assert.deepEqual(list.environment.map((variable) => variable.name), ['TABLE', 'STAGE']);
    assert.equal(stringValue(get(list.environment[0]!.value, 'Ref')), 'Table');
  });

  it('gives a function without Role the role SAM generates from its Policies', () => {
    const model = modelOf({ 'template.yaml': TEMPLATE });
    const hello = fn(model, 'HelloWorldFunction');
    assert.equal(hello.role?.id, 'template.yaml#HelloWorldFunctionRole');
    // The policy template expands to SAM's statements (test/engine/model-sam-policy-templates.test.ts).
    assert.deepEqual(actionsOf(hello).slice(-2), ['dynamodb:ConditionCheckItem', 's3:GetObject']);
    assert.deepEqual(scalars(hello.managedPolicies), ['AWSLambdaBasicExecutionRole']);
    const [statement] = hello.statements.filter((candidate) => candidate.template === undefined);
    assert.equal(statement?.owner.kind, 'sam-function-policies');
    assert.equal(statement?.owner.name, 'HelloWorldFunction');
    assert.equal(statement && textAt(TEMPLATE, statement.resources[0]!), "!Sub 'arn:aws:s3:::${Bucket}/*'");
  });

  it('links Role: !GetAtt to the template role, whose statements apply instead of Policies', () => {
    const model = modelOf({ 'template.yaml': TEMPLATE });
    const list = fn(model, 'ListFunction');
    assert.equal(list.role?.id, 'template.yaml#SharedRole');
    assert.equal(list.role, model.roles.find((role) => role.name === 'SharedRole'));
    assert.deepEqual(actionsOf(list), ['dynamodb:Query', 'dynamodb:Scan']);
    assert.deepEqual(scalars(list.managedPolicies), ['arn:aws:iam::aws:policy/AdministratorAccess']);
    // The ignored inline policy is still a policy of the project (rules may point at it).
    assert.ok(model.policies.some((policy) => policy.owner.kind === 'sam-function-policies' && policy.owner.name === 'ListFunction'));
    assert.deepEqual(
      model.statementsIn('template.yaml').map((statement) => scalars(statement.actions).join(',')),
      [
        'dynamodb:GetItem,dynamodb:DeleteItem,dynamodb:PutItem,dynamodb:Scan,dynamodb:Query,dynamodb:UpdateItem,dynamodb:BatchWriteItem,dynamodb:BatchGetItem,dynamodb:DescribeTable,dynamodb:ConditionCheckItem',
        's3:GetObject',
        'sqs:*',
        'dynamodb:Query,dynamodb:Scan',
      ],
    );
  });

  it('reads events by Type and the function URL config', () => {
    const model = modelOf({ 'template.yaml': TEMPLATE });
    const hello = fn(model, 'HelloWorldFunction');
    assert.deepEqual(hello.events.map((event) => event.type), ['Api', 'Schedule']);
    assert.equal(stringValue(get(hello.events[0]!.config, 'Path')), '/hello');
    assert.equal(stringValue(get(hello.urlConfig, 'AuthType')), 'NONE');
    assert.equal(fn(model, 'ListFunction').urlConfig, undefined);
  });

  it('uses esbuild EntryPoints first, the template folder without CodeUri, and nothing for S3 code', () => {
    const text = dedent`
      Transform:
        - AWS::LanguageExtensions
        - AWS::Serverless-2016-10-31
      Resources:
        TsFunction:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: functions/ts
            Handler: app.handler
            Runtime: nodejs20.x
          Metadata:
            BuildMethod: esbuild
            BuildProperties:
              EntryPoints:
                - src/app.ts
        RootFunction:
          Type: AWS::Serverless::Function
          Properties:
            Handler: index.handler
        S3Function:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri: s3://my-bucket/code.zip
            Handler: index.handler
        S3MapFunction:
          Type: AWS::Serverless::Function
          Properties:
            CodeUri:
              Bucket: my-bucket
              Key: code.zip
            Handler: index.handler
        InlineFunction:
          Type: AWS::Serverless::Function
          Properties:
            InlineCode: "exports.handler = async () => 1;"
            Handler: index.handler
    `;
    const model = modelOf({
      'infra/template.yml': text,
      'infra/functions/ts/src/app.ts': 'export const handler = () => {};\n',
      'infra/index.js': 'exports.handler = () => {};\n',
    });
    const ts = fn(model, 'TsFunction');
    assert.equal(ts.handler?.candidates[0], 'infra/functions/ts/src/app.ts');
    assert.equal(ts.handler?.file, 'infra/functions/ts/src/app.ts');
    assert.equal(ts.handler?.exportName, 'handler');
    assert.equal(fn(model, 'RootFunction').handler?.file, 'infra/index.js');
    assert.deepEqual(fn(model, 'S3Function').handler?.candidates, []);
    assert.deepEqual(fn(model, 'S3MapFunction').handler?.candidates, []);
    assert.deepEqual(fn(model, 'InlineFunction').handler?.candidates, []);
    assert.deepEqual(model.functionsForHandler('infra/index.js').map((f) => f.name), ['RootFunction']);
  });

  it('attaches a template managed policy referenced from Policies', () => {
    const text = dedent`
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Handler: index.handler
            Policies:
              - !Ref ReadPolicy
              - arn:aws:iam::aws:policy/ReadOnlyAccess
        ReadPolicy:
          Type: AWS::IAM::ManagedPolicy
          Properties:
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Action: s3:GetObject
                  Resource: '*'
    `;
    const model = modelOf({ 'template.yaml': text });
    const f = fn(model, 'Fn');
    assert.deepEqual(actionsOf(f), ['s3:GetObject']);
    assert.equal(f.managedPolicies.length, 2);
    assert.equal(f.statements[0]?.owner.kind, 'cloudformation-policy');
  });
});
