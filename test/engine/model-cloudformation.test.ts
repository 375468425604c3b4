import assert from 'node:assert/strict';
import { get, intrinsicName, stringValue } from '../../rules/parse/document';
import { actionsOf, fn, modelOf, scalars } from '../helpers/model';
import { dedent, textAt } from '../helpers/text';

const TEMPLATE = dedent`
  AWSTemplateFormatVersion: '2010-09-09'
  Conditions:
    IsProd: !Equals [!Ref Stage, prod]
  Resources:
    WorkerRole:
      Type: AWS::IAM::Role
      Properties:
        RoleName: worker-role
        ManagedPolicyArns:
          - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        Policies:
          - PolicyName: inline
            PolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Action: s3:*
                  Resource: arn:aws:s3:::*
    WorkerPolicy:
      Type: AWS::IAM::Policy
      Properties:
        PolicyName: extra
        Roles:
          - !Ref WorkerRole
        PolicyDocument:
          Statement:
            - Effect: Allow
              Action: !If [IsProd, 'sqs:SendMessage', 'sqs:*']
              Resource: '*'
            - Effect: Deny
              Action:
                - iam:PassRole
              Resource: '*'
    Worker:
      Type: AWS::Lambda::Function
      Properties:
        Handler: index.handler
        Runtime: nodejs20.x
        Role: !GetAtt WorkerRole.Arn
        Code: ./src/worker
        Environment:
          Variables:
            QUEUE_URL: !Ref Queue
    Inline:
      Type: AWS::Lambda::Function
      Properties:
        Handler: index.handler
        Runtime: nodejs20.x
        Role: arn:aws:iam::123456789012:role/worker-role
        Code:
          ZipFile: |
            exports.handler = async () => 'ok';
    InlineUrl:
      Type: AWS::Lambda::Url
      Properties:
        AuthType: NONE
        TargetFunctionArn: !GetAtt Inline.Arn
    Queue:
      Type: AWS::SQS::Queue
    QueueMapping:
      Type: AWS::Lambda::EventSourceMapping
      Properties:
        FunctionName: !Ref Worker
        EventSourceArn: !GetAtt Queue.Arn
    QueuePolicy:
      Type: AWS::SQS::QueuePolicy
      Properties:
        Queues: [!Ref Queue]
        PolicyDocument:
          Statement:
            - Effect: Allow
              Principal: '*'
              Action: sqs:SendMessage
              Resource: !GetAtt Queue.Arn
              Condition:
                ArnEquals:
                  aws:SourceArn: arn:aws:sns:us-east-1:123456789012:topic
`;

describe('project model: CloudFormation', () => {
  it('reads Lambda functions with handler, runtime, environment and a local Code path', () => {
    const model = modelOf({ 'stack.yaml': TEMPLATE, 'src/worker/index.js': 'exports.handler = async () => {};\n' });
    assert.equal(model.template('stack.yaml')?.format, 'cloudformation');
    assert.deepEqual(model.functions.map((f) => f.name), ['Worker', 'Inline']);
    const worker = fn(model, 'Worker');
    assert.equal(worker.format, 'cloudformation');
    assert.equal(worker.handler?.file, 'src/worker/index.js');
    assert.equal(worker.handler?.exportName, 'handler');
    assert.equal(worker.runtime && textAt(TEMPLATE, worker.runtime), 'nodejs20.x');
    assert.deepEqual(worker.environment.map((variable) => [variable.name, variable.level]), [['QUEUE_URL', 'function']]);
    assert.equal(intrinsicName(worker.environment[0]!.value), 'Ref');
    // Inline ZipFile code has no file in the project.
    const inline = fn(model, 'Inline');
    assert.equal(inline.handler?.value, 'index.handler');
    assert.deepEqual(inline.handler?.candidates, []);
  });

  it('attaches AWS::IAM::Policy to the role it names in Roles, and the role to the function', () => {
    const model = modelOf({ 'stack.yaml': TEMPLATE });
    const worker = fn(model, 'Worker');
    assert.equal(worker.role?.id, 'stack.yaml#WorkerRole');
    assert.deepEqual(
      worker.statements.map((statement) => [statement.owner.kind, statement.isAllow, statement.actions.map((action) => textAt(TEMPLATE, action))]),
      [
        ['cloudformation-role', true, ['s3:*']],
        ['cloudformation-policy', true, ["!If [IsProd, 'sqs:SendMessage', 'sqs:*']"]],
        ['cloudformation-policy', false, ['iam:PassRole']],
      ],
    );
    // An intrinsic Action is kept as one node, not expanded.
    assert.equal(intrinsicName(worker.statements[1]!.actions[0]), 'Fn::If');
    assert.deepEqual(scalars(worker.managedPolicies), ['arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
  });

  it('links a literal role ARN to the template role with that RoleName', () => {
    const model = modelOf({ 'stack.yaml': TEMPLATE });
    assert.equal(fn(model, 'Inline').role?.id, 'stack.yaml#WorkerRole');
  });

  it('reads resource policies with principal and condition', () => {
    const model = modelOf({ 'stack.yaml': TEMPLATE });
    const resourcePolicy = model.policies.find((policy) => policy.owner.kind === 'resource-policy');
    assert.ok(resourcePolicy);
    assert.equal(resourcePolicy.owner.name, 'QueuePolicy');
    const [statement] = resourcePolicy.statements;
    assert.ok(statement);
    assert.equal(statement.principal && textAt(TEMPLATE, statement.principal), "'*'");
    assert.ok(get(statement.condition, 'ArnEquals'));
    assert.equal(statement.effect && textAt(TEMPLATE, statement.effect), 'Allow');
    // Every statement of the file, in source order.
    assert.deepEqual(
      model.statementsIn('stack.yaml').map((s) => s.owner.name),
      ['WorkerRole', 'WorkerPolicy', 'WorkerPolicy', 'QueuePolicy'],
    );
  });

  it('links AWS::Lambda::Url and event source mappings to their functions', () => {
    const model = modelOf({ 'stack.yaml': TEMPLATE });
    assert.equal(stringValue(get(fn(model, 'Inline').urlConfig, 'AuthType')), 'NONE');
    assert.equal(fn(model, 'Worker').urlConfig, undefined);
    assert.deepEqual(fn(model, 'Worker').events.map((event) => event.type), ['SQS']);
  });

  it('reads a JSON template, a statement map and a role without a Lambda function', () => {
    const json = JSON.stringify(
      {
        AWSTemplateFormatVersion: '2010-09-09',
        Resources: {
          Role: {
            Type: 'AWS::IAM::Role',
            Properties: {
              Policies: [{ PolicyName: 'p', PolicyDocument: { Statement: { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' } } }],
            },
          },
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: { Handler: 'lib/main.run', Runtime: 'nodejs20.x', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Code: { S3Bucket: 'b', S3Key: 'k' } },
          },
        },
      },
      null,
      2,
    );
    const model = modelOf({ 'cfn/stack.json': json, 'cfn/lib/main.js': '' });
    assert.equal(model.template('cfn/stack.json')?.format, 'cloudformation');
    const f = fn(model, 'Fn');
    assert.equal(f.role?.id, 'cfn/stack.json#Role');
    assert.deepEqual(actionsOf(f), ['dynamodb:*']);
    // S3 code is not in the project: no guess at cfn/lib/main.js.
    assert.deepEqual(f.handler?.candidates, []);
    assert.equal(f.handler?.exportName, 'run');
  });

  it('reads statements under !If and keeps effects other than Allow from granting', () => {
    const text = dedent`
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            Policies:
              - PolicyName: p
                PolicyDocument:
                  Statement:
                    - !If
                      - IsProd
                      - Effect: Allow
                        Action: s3:GetObject
                        Resource: '*'
                      - !Ref AWS::NoValue
                    - Effect: allow
                      Action: s3:PutObject
                      Resource: '*'
    `;
    const model = modelOf({ 'template.yml': text });
    const statements = model.statementsIn('template.yml');
    assert.deepEqual(statements.map((s) => [scalars(s.actions)[0], s.isAllow]), [
      ['s3:GetObject', true],
      ['s3:PutObject', false],
    ]);
  });

  it('reads every document of a multi-document YAML file', () => {
    const text = dedent`
      Resources:
        First:
          Type: AWS::Lambda::Function
          Properties:
            Handler: a.handler
      ---
      Resources:
        Second:
          Type: AWS::Lambda::Function
          Properties:
            Handler: b.handler
    `;
    const model = modelOf({ 'stacks.yaml': text });
    assert.deepEqual(model.functions.map((f) => f.name), ['First', 'Second']);
    assert.equal(model.templates.length, 1);
  });
});

describe('project model: odd input', () => {
  it('builds the model from a dozen malformed templates, keeping what fits', () => {
    const files: Record<string, string> = {
      // 1. serverless: provider a scalar, functions a list with junk beside a real map.
      'one/serverless.yml': dedent`
        service: one
        provider: aws
        functions:
          - 1
          - just a string
          -
          - good:
              handler: good.handler
              events: { http: not-a-list }
              environment: [1, 2]
              iamRoleStatements: nope
              url: false
      `,
      // 2. serverless: handler a number, events holding scalars and empty maps, statements not maps.
      'two/serverless.yml': dedent`
        service: two
        provider:
          name: aws
          environment: \${file(./env.yml)}
          iam:
            role:
              statements: [1, "x", null, [], { Effect: [Allow], Action: { a: b } }]
        functions:
          numeric:
            handler: 42
            events:
              - http
              - {}
              - null
          nothing:
        resources: just text
      `,
      // 3. SAM: Resources as a list, Globals as a string.
      'three/template.yaml': dedent`
        Transform: AWS::Serverless-2016-10-31
        Globals: everything
        Resources:
          - Type: AWS::Serverless::Function
      `,
      // 4. SAM: Properties as a list, odd Events/Policies/Role/Environment.
      'four/template.yaml': dedent`
        Transform: [AWS::Serverless-2016-10-31]
        Globals:
          Function: [1, 2]
        Resources:
          Odd:
            Type: AWS::Serverless::Function
            Properties: [Handler, index.handler]
          Weird:
            Type: AWS::Serverless::Function
            Properties:
              Handler: [index.handler]
              CodeUri: 17
              Events: scalar
              Policies: 5
              Role: 5
              Environment: { Variables: [A, B] }
              FunctionUrlConfig: null
          Fine:
            Type: AWS::Serverless::Function
            Properties:
              Handler: index.handler
              Policies: { Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }] }
              Events:
                NoType: { Properties: {} }
                Ok: { Type: SQS }
      `,
      // 5. CloudFormation: resources without Type, with a numeric Type, as scalars.
      'five/stack.yaml': dedent`
        AWSTemplateFormatVersion: '2010-09-09'
        Resources:
          Scalar: hello
          NoType: { Properties: {} }
          NumberType: { Type: 5 }
          Role:
            Type: AWS::IAM::Role
            Properties:
              Policies: not-a-list
              ManagedPolicyArns: { key: value }
          Policy:
            Type: AWS::IAM::Policy
            Properties:
              Roles: { Ref: Role }
              PolicyDocument: []
          Policy2:
            Type: AWS::IAM::Policy
            Properties:
              Roles: [!Ref Missing, !GetAtt [], !Ref Role]
              PolicyDocument:
                Statement: [1, a, null, { Effect: Allow, Action: !If bad, Resource: !If [c] }]
      `,
      // 6. CloudFormation: URL and mapping aimed at nothing; Lambda with odd properties.
      'six/stack.yaml': dedent`
        Resources:
          Url:
            Type: AWS::Lambda::Url
            Properties: { TargetFunctionArn: !GetAtt Nowhere.Arn }
          Mapping:
            Type: AWS::Lambda::EventSourceMapping
            Properties: { FunctionName: [x] }
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Handler: true
              Code: [1]
              Role: !Sub [x]
              Environment: { Variables: 3 }
          Bucket:
            Type: AWS::S3::BucketPolicy
            Properties: { PolicyDocument: { Statement: { Effect: Allow } } }
      `,
      // 7. Azure: bindings not a list, scriptFile a number.
      'seven/Fn/function.json': JSON.stringify({ bindings: 'x', scriptFile: 5 }),
      // 8. Azure: bindings with junk entries.
      'seven/Other/function.json': JSON.stringify({ bindings: [1, null, { type: 5, direction: 'in' }, { type: 'httpTrigger' }] }),
      // 9. Azure settings whose Values is a list.
      'seven/local.settings.json': JSON.stringify({ Values: [1, 2] }),
      // 10. IAM policy with odd statements.
      'ten/policy.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: ['Allow'], Action: { 'Fn::If': 'bad' } }, 7] }),
      // 11. Documents that are not maps at all.
      'eleven/serverless.yml': '- just\n- a list\n',
      'eleven/array.json': '[1, 2, 3]\n',
      'eleven/scalar.yaml': 'hello\n',
      'eleven/empty.yaml': '',
      // 12. Text that does not parse.
      'twelve/template.yaml': 'Resources: {\n  Fn: [\n',
      'twelve/broken.json': '{ "Statement": [',
    };
    const model = modelOf(files);
    const names = model.functions.map((f) => f.id).sort();
    assert.deepEqual(names, [
      'four/template.yaml#Fine',
      'four/template.yaml#Odd',
      'four/template.yaml#Weird',
      'one/serverless.yml#good',
      'seven/Fn/function.json#Fn',
      'seven/Other/function.json#Other',
      'six/stack.yaml#Fn',
      'two/serverless.yml#numeric',
    ]);
    const byId = new Map(model.functions.map((f) => [f.id, f]));
    assert.deepEqual(byId.get('one/serverless.yml#good')?.environment, []);
    assert.equal(byId.get('one/serverless.yml#good')?.handler?.file, undefined);
    assert.equal(byId.get('two/serverless.yml#numeric')?.handler?.value, '42');
    assert.deepEqual(byId.get('two/serverless.yml#numeric')?.events, []);
    // The one readable statement survives among the junk, with nothing granted by `[Allow]`.
    const provider = byId.get('two/serverless.yml#numeric')?.statements ?? [];
    assert.equal(provider.length, 1);
    assert.equal(provider[0]?.isAllow, false);
    const fine = byId.get('four/template.yaml#Fine');
    assert.deepEqual(fine?.statements.map((s) => scalars(s.actions)), [['s3:GetObject']]);
    assert.deepEqual(fine?.events.map((event) => event.type), ['SQS']);
    assert.equal(byId.get('four/template.yaml#Weird')?.role, undefined);
    assert.deepEqual(byId.get('seven/Other/function.json#Other')?.events, []);
    assert.deepEqual(byId.get('seven/Fn/function.json#Fn')?.environment, []);
    // Policy2 attached its one statement map to Role despite the junk around it.
    assert.deepEqual(
      model.roles.find((role) => role.id === 'five/stack.yaml#Role')?.statements.map((s) => s.isAllow),
      [true],
    );
    assert.equal(model.statementsIn('ten/policy.json').length, 1);
    assert.equal(model.template('eleven/serverless.yml'), undefined);
    assert.equal(model.template('eleven/array.json'), undefined);
  });
});
