import assert from 'node:assert/strict';
import { stringValue } from '../../rules/parse/document';
import { actionsOf, fn, modelOf, scalars } from '../helpers/model';
import { dedent, textAt } from '../helpers/text';

const SERVICE = dedent`
  service: uploads
  frameworkVersion: '3'
  provider:
    name: aws
    runtime: nodejs18.x
    stage: \${opt:stage, 'dev'}
    environment:
      TABLE_NAME: \${self:custom.tableName}
      LOG_LEVEL: info
    iam:
      role:
        statements:
          - Effect: Allow
            Action:
              - s3:GetObject
              - s3:PutObject
            Resource: arn:aws:s3:::\${self:custom.bucket}/*
          - Effect: Allow
            Action: dynamodb:*
            Resource: '*'
        managedPolicies:
          - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
  custom:
    tableName: items-\${sls:stage}
    bucket: uploads-\${sls:stage}
  functions:
    upload:
      handler: src/upload.handler
      environment:
        LOG_LEVEL: debug
        API_KEY: \${ssm:/uploads/api-key}
      events:
        - http:
            path: upload
            method: post
        - s3: \${self:custom.bucket}
    process:
      handler: src/process.main
      runtime: nodejs20.x
      url: true
      events:
        - sqs:
            arn: !GetAtt Queue.Arn
        - schedule: rate(1 hour)
  resources:
    Resources:
      Queue:
        Type: AWS::SQS::Queue
`;

describe('project model: Serverless Framework', () => {
  it('finds each function and resolves its handler file relative to serverless.yml', () => {
    const model = modelOf({ 'serverless.yml': SERVICE, 'src/upload.ts': 'export const handler = async () => {};\n' });
    assert.deepEqual(
      model.functions.map((f) => f.id),
      ['serverless.yml#upload', 'serverless.yml#process'],
    );
    const upload = fn(model, 'upload');
    assert.equal(upload.format, 'serverless');
    assert.equal(upload.platform, 'aws');
    assert.equal(upload.handler?.value, 'src/upload.handler');
    assert.equal(upload.handler?.file, 'src/upload.ts');
    assert.equal(upload.handler?.exportName, 'handler');
    assert.deepEqual(upload.handler?.candidates, ['src/upload.js', 'src/upload.mjs', 'src/upload.cjs', 'src/upload.ts', 'src/upload.mts', 'src/upload.cts']);
    assert.equal(upload.nameNode && textAt(SERVICE, upload.nameNode), 'upload');
    assert.equal(upload.handler?.node && textAt(SERVICE, upload.handler.node), 'src/upload.handler');

    // No src/process.* in the project: the reference stays, unresolved.
    const process = fn(model, 'process');
    assert.equal(process.handler?.file, undefined);
    assert.equal(process.handler?.exportName, 'main');
    assert.equal(process.handler?.candidates[0], 'src/process.js');

    assert.deepEqual(model.functionsForHandler('src/upload.ts').map((f) => f.name), ['upload']);
    assert.deepEqual(model.functionsForHandler('src/process.js'), []);
    assert.equal(model.template('serverless.yml')?.format, 'serverless');
  });

  it('resolves handlers of a service in a subfolder, normalising ..', () => {
    const text = dedent`
      service: api
      provider:
        name: aws
      functions:
        list:
          handler: ./handlers/list.handler
        shared:
          handler: ../shared/auth.check
    `;
    const model = modelOf({
      'services/api/serverless.yaml': text,
      'services/api/handlers/list.mjs': 'export const handler = () => {};\n',
      'services/shared/auth.js': 'exports.check = () => {};\n',
    });
    assert.equal(fn(model, 'list').handler?.file, 'services/api/handlers/list.mjs');
    assert.equal(fn(model, 'shared').handler?.file, 'services/shared/auth.js');
    assert.equal(fn(model, 'shared').handler?.exportName, 'check');
  });

  it('merges provider and function environment, the function winning by name', () => {
    const model = modelOf({ 'serverless.yml': SERVICE });
    const upload = fn(model, 'upload');
    assert.deepEqual(
      upload.environment.map((variable) => [variable.name, variable.level, textAt(SERVICE, variable.value)]),
      [
        ['TABLE_NAME', 'provider', '${self:custom.tableName}'],
        ['LOG_LEVEL', 'function', 'debug'],
        ['API_KEY', 'function', '${ssm:/uploads/api-key}'],
      ],
    );
    assert.equal(textAt(SERVICE, upload.environment[0]!.nameNode), 'TABLE_NAME');
    const process = fn(model, 'process');
    assert.deepEqual(
      process.environment.map((variable) => [variable.name, stringValue(variable.value)]),
      [
        ['TABLE_NAME', '${self:custom.tableName}'],
        ['LOG_LEVEL', 'info'],
      ],
    );
  });

  it('gives every function without its own statements the one shared provider role', () => {
    const model = modelOf({ 'serverless.yml': SERVICE });
    const upload = fn(model, 'upload');
    const process = fn(model, 'process');
    assert.ok(upload.role);
    assert.equal(upload.role, process.role);
    assert.equal(upload.role.id, 'serverless.yml#provider');
    assert.deepEqual(actionsOf(upload), ['s3:GetObject', 's3:PutObject', 'dynamodb:*']);
    assert.deepEqual(actionsOf(process), ['s3:GetObject', 's3:PutObject', 'dynamodb:*']);
    assert.deepEqual(scalars(upload.managedPolicies), ['arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess']);
    const statement = upload.statements[0]!;
    assert.equal(statement.isAllow, true);
    assert.equal(statement.actionKey, 'Action');
    assert.equal(statement.owner.kind, 'serverless-provider-role');
    // The variable in the resource stays as written.
    assert.deepEqual(scalars(statement.resources), ['arn:aws:s3:::${self:custom.bucket}/*']);
    assert.deepEqual(model.roles.map((role) => role.id), ['serverless.yml#provider']);
  });

  it('reads events by their single key, runtime from function or provider, and url', () => {
    const model = modelOf({ 'serverless.yml': SERVICE });
    const upload = fn(model, 'upload');
    const process = fn(model, 'process');
    assert.deepEqual(upload.events.map((event) => event.type), ['http', 's3']);
    assert.deepEqual(process.events.map((event) => event.type), ['sqs', 'schedule']);
    assert.equal(textAt(SERVICE, upload.events[1]!.config!), '${self:custom.bucket}');
    assert.equal(upload.runtime && textAt(SERVICE, upload.runtime), 'nodejs18.x');
    assert.equal(process.runtime && textAt(SERVICE, process.runtime), 'nodejs20.x');
    assert.equal(upload.urlConfig, undefined);
    assert.equal(process.urlConfig && textAt(SERVICE, process.urlConfig), 'true');
  });

  it('gives per-function roles to functions with their own statements (plugin and iam.role)', () => {
    const text = dedent`
      service: app
      provider:
        name: aws
        iamRoleStatements:
          - Effect: Allow
            Action: logs:PutLogEvents
            Resource: '*'
      custom:
        serverless-iam-roles-per-function:
          defaultInherit: false
      functions:
        reader:
          handler: reader.handler
          iamRoleStatements:
            - Effect: Allow
              Action: dynamodb:GetItem
              Resource: arn:aws:dynamodb:*:*:table/items
        writer:
          handler: writer.handler
          iamRoleStatementsInherit: true
          iamRoleStatements:
            - Effect: Allow
              Action: [dynamodb:PutItem]
              Resource: arn:aws:dynamodb:*:*:table/items
        modern:
          handler: modern.handler
          iam:
            role:
              statements:
                - Effect: Deny
                  NotAction: s3:GetObject
                  NotResource: arn:aws:s3:::public/*
        plain:
          handler: plain.handler
    `;
    const model = modelOf({ 'serverless.yml': text });
    assert.deepEqual(actionsOf(fn(model, 'reader')), ['dynamodb:GetItem']);
    assert.deepEqual(actionsOf(fn(model, 'writer')), ['dynamodb:PutItem', 'logs:PutLogEvents']);
    assert.deepEqual(actionsOf(fn(model, 'plain')), ['logs:PutLogEvents']);
    const modern = fn(model, 'modern');
    assert.equal(modern.role?.id, 'serverless.yml#functions.modern');
    const [deny] = modern.statements;
    assert.ok(deny);
    assert.equal(deny.isAllow, false);
    assert.equal(deny.actionKey, 'NotAction');
    assert.equal(deny.resourceKey, 'NotResource');
    assert.equal(deny.owner.kind, 'serverless-function-role');
    assert.equal(deny.owner.name, 'modern');
    assert.equal(fn(model, 'plain').role?.id, 'serverless.yml#provider');
    assert.notEqual(fn(model, 'reader').role, fn(model, 'writer').role);
    assert.deepEqual(
      model.roles.map((role) => role.id).sort(),
      ['serverless.yml#functions.modern', 'serverless.yml#functions.reader', 'serverless.yml#functions.writer', 'serverless.yml#provider'],
    );
    // Source order, whichever role they belong to.
    assert.deepEqual(
      model.statementsIn('serverless.yml').map((statement) => scalars(statement.actions)[0]),
      ['logs:PutLogEvents', 'dynamodb:GetItem', 'dynamodb:PutItem', 's3:GetObject'],
    );
  });

  it('reads resources.Resources as CloudFormation: custom roles and policies on the provider role', () => {
    const text = dedent`
      service: app
      provider:
        name: aws
        iam:
          role:
            statements:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: '*'
      functions:
        api:
          handler: api.handler
        admin:
          handler: admin.handler
          role: AdminRole
        external:
          handler: external.handler
          role: arn:aws:iam::123456789012:role/external
      resources:
        Resources:
          AdminRole:
            Type: AWS::IAM::Role
            Properties:
              Policies:
                - PolicyName: admin
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Action: '*'
                        Resource: '*'
          ExtraPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyDocument:
                Statement:
                  Effect: Allow
                  Action: s3:ListBucket
                  Resource: '*'
              Roles:
                - !Ref IamRoleLambdaExecution
    `;
    const model = modelOf({ 'serverless.yml': text });
    assert.deepEqual(actionsOf(fn(model, 'api')), ['sqs:SendMessage', 's3:ListBucket']);
    assert.equal(fn(model, 'admin').role?.id, 'serverless.yml#AdminRole');
    assert.deepEqual(actionsOf(fn(model, 'admin')), ['*']);
    assert.equal(fn(model, 'external').role, undefined);
    assert.deepEqual(fn(model, 'external').statements, []);
    assert.deepEqual(
      model.policies.map((policy) => policy.owner.kind).sort(),
      ['cloudformation-policy', 'cloudformation-role', 'serverless-provider-role'],
    );
  });

  it('grants the provider role a managed policy of resources.Resources it references', () => {
    const text = dedent`
      service: app
      provider:
        name: aws
        iam:
          role:
            managedPolicies:
              - !Ref TablePolicy
      functions:
        api:
          handler: api.handler
      resources:
        Resources:
          TablePolicy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Action: dynamodb:Query
                    Resource: '*'
    `;
    const model = modelOf({ 'serverless.yml': text });
    const api = fn(model, 'api');
    assert.equal(api.role?.id, 'serverless.yml#provider');
    assert.deepEqual(actionsOf(api), ['dynamodb:Query']);
    assert.equal(api.managedPolicies.length, 1);
  });

  it('uses a custom provider role and then no provider statements', () => {
    const text = dedent`
      service: app
      provider:
        name: aws
        iam:
          role: !GetAtt SharedRole.Arn
      functions:
        one:
          handler: one.handler
        two:
          handler: two.handler
      resources:
        Resources:
          SharedRole:
            Type: AWS::IAM::Role
            Properties:
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/AmazonS3FullAccess
    `;
    const model = modelOf({ 'serverless.yml': text });
    assert.equal(fn(model, 'one').role?.id, 'serverless.yml#SharedRole');
    assert.equal(fn(model, 'one').role, fn(model, 'two').role);
    assert.deepEqual(scalars(fn(model, 'two').managedPolicies), ['arn:aws:iam::aws:policy/AmazonS3FullAccess']);
    assert.deepEqual(model.roles.map((role) => role.id), ['serverless.yml#SharedRole']);
  });

  it('keeps serverless variables as written and gives symbolic handlers no candidates', () => {
    const text = dedent`
      service: \${self:custom.name}
      provider:
        name: aws
        runtime: \${env:RUNTIME}
        environment: \${file(./env.yml)}
      functions:
        dynamic:
          handler: \${self:custom.handlerPath}
          environment:
            TOKEN: \${ssm:/path/token~true}
            FROM_FILE: \${file(./config.json):token}
      custom:
        name: svc
    `;
    const model = modelOf({ 'serverless.yml': text });
    const dynamic = fn(model, 'dynamic');
    assert.equal(dynamic.handler?.value, '${self:custom.handlerPath}');
    assert.deepEqual(dynamic.handler?.candidates, []);
    assert.equal(dynamic.runtime && stringValue(dynamic.runtime), '${env:RUNTIME}');
    assert.deepEqual(
      dynamic.environment.map((variable) => [variable.name, stringValue(variable.value)]),
      [
        ['TOKEN', '${ssm:/path/token~true}'],
        ['FROM_FILE', '${file(./config.json):token}'],
      ],
    );
  });

  it('recognises a service by its keys under another name, and serverless.json', () => {
    const json = JSON.stringify({ service: 's', provider: { name: 'aws' }, functions: { hello: { handler: 'handler.hello' } } }, null, 2);
    const yaml = dedent`
      service: other
      provider:
        name: aws
      functions:
        ping:
          handler: ping.handler
    `;
    const model = modelOf({ 'serverless.json': json, 'deploy/backend.yml': yaml, 'handler.js': '', 'deploy/ping.js': '' });
    assert.equal(model.template('serverless.json')?.format, 'serverless');
    assert.equal(model.template('deploy/backend.yml')?.format, 'serverless');
    assert.equal(fn(model, 'hello').handler?.file, 'handler.js');
    assert.equal(fn(model, 'ping').handler?.file, 'deploy/ping.js');
  });

  it('gives non-Node runtimes no JavaScript candidates', () => {
    const text = dedent`
      service: py
      provider:
        name: aws
        runtime: python3.12
      functions:
        job:
          handler: handler.main
    `;
    const model = modelOf({ 'serverless.yml': text, 'handler.js': '' });
    assert.deepEqual(fn(model, 'job').handler?.candidates, []);
    assert.deepEqual(model.functionsForHandler('handler.js'), []);
  });

  it('ignores generated copies under .serverless/', () => {
    const model = modelOf({
      'serverless.yml': SERVICE,
      '.serverless/serverless-state.json': JSON.stringify({ service: { service: 'x' }, provider: { name: 'aws' } }),
    });
    assert.equal(model.functions.length, 2);
    assert.equal(model.template('.serverless/serverless-state.json'), undefined);
  });
});
