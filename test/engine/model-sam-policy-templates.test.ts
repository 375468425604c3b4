import assert from 'node:assert/strict';
import { actionInfo, expandAction } from '../../rules/analysis/iam-data';
import { SAM_POLICY_TEMPLATES } from '../../rules/model/sam-policy-templates';
import { get, isScalar, isSeq, stringValue, type DocNode } from '../../rules/parse/document';
import { fn, modelOf } from '../helpers/model';
import { dedent, textAt } from '../helpers/text';

const TEMPLATE = dedent`
  AWSTemplateFormatVersion: '2010-09-09'
  Transform: AWS::Serverless-2016-10-31
  Resources:
    Reader:
      Type: AWS::Serverless::Function
      Properties:
        Handler: app.handler
        Policies:
          - S3ReadPolicy:
              BucketName: !Ref Photos
          - DynamoDBCrudPolicy:
              TableName: "*"
          - AWSSecretsManagerGetSecretValuePolicy:
              SecretArn: arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf
          - CloudWatchPutMetricPolicy: {}
          - SSMParameterReadPolicy:
              ParameterName: app/*
          - NoSuchPolicy:
              BucketName: photos
          - Statement:
              - Effect: Allow
                Action: sqs:SendMessage
                Resource: !GetAtt Queue.Arn
    Photos:
      Type: AWS::S3::Bucket
    Queue:
      Type: AWS::SQS::Queue
`;

/** A resource as text: a scalar's value, `Fn::Sub` as `Sub(<text>; <variable>=<source text>)`. */
function describeResource(node: DocNode): string {
  if (isScalar(node)) return `${stringValue(node)}`;
  const argument = get(node, 'Fn::Sub');
  if (isScalar(argument)) return `Sub(${stringValue(argument)})`;
  if (isSeq(argument)) {
    const variables = argument.items[1];
    const names = variables && variables.type === 'map' ? variables.entries.map((entry) => `${stringValue(entry.key)}=${textAt(TEMPLATE, entry.value)}`) : [];
    return `Sub(${stringValue(argument.items[0])}; ${names.join(', ')})`;
  }
  return '?';
}

describe('project model: SAM policy templates', () => {
  const model = modelOf({ 'template.yaml': TEMPLATE });
  const reader = fn(model, 'Reader');
  const fromTemplates = reader.statements.filter((statement) => statement.template !== undefined);

  it("expands each known template into SAM's statements, in order, after nothing it does not know", () => {
    assert.deepEqual(
      fromTemplates.map((statement) => statement.template?.name),
      ['S3ReadPolicy', 'DynamoDBCrudPolicy', 'AWSSecretsManagerGetSecretValuePolicy', 'CloudWatchPutMetricPolicy', 'SSMParameterReadPolicy', 'SSMParameterReadPolicy'],
    );
    // The inline statement is still there, unmarked.
    const inline = reader.statements.filter((statement) => statement.template === undefined);
    assert.deepEqual(inline.map((statement) => statement.actions.map((action) => stringValue(action))), [['sqs:SendMessage']]);
    const [s3] = fromTemplates;
    assert.deepEqual(
      s3?.actions.map((action) => stringValue(action)),
      ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'],
    );
    assert.equal(s3?.isAllow, true);
    assert.equal(s3?.actionKey, 'Action');
    assert.equal(s3?.resourceKey, 'Resource');
    assert.equal(s3?.owner.kind, 'sam-function-policies');
    assert.equal(s3?.owner.name, 'Reader');
  });

  it('keeps the template entry as the node, ranges actions on the key and resources on the parameter', () => {
    const [s3] = fromTemplates;
    assert.ok(s3);
    assert.equal(textAt(TEMPLATE, s3.node), 'S3ReadPolicy:\n            BucketName: !Ref Photos');
    assert.equal(s3.template && textAt(TEMPLATE, s3.template.key), 'S3ReadPolicy');
    assert.deepEqual([...new Set(s3.actions.map((action) => textAt(TEMPLATE, action)))], ['S3ReadPolicy']);
    assert.deepEqual(s3.resources.map((resource) => textAt(TEMPLATE, resource)), ['!Ref Photos', '!Ref Photos']);
    assert.equal(s3.template && textAt(TEMPLATE, s3.template.parameters.get('BucketName')!), '!Ref Photos');
  });

  it('substitutes literal parameters, keeps intrinsics as Fn::Sub variables, and gives `*` as written', () => {
    assert.deepEqual(
      fromTemplates.map((statement) => statement.resources.map(describeResource)),
      [
        ['Sub(arn:${AWS::Partition}:s3:::${BucketName}; BucketName=!Ref Photos)', 'Sub(arn:${AWS::Partition}:s3:::${BucketName}/*; BucketName=!Ref Photos)'],
        // `TableName: "*"` is every table of the account: the resource a rule must judge.
        ['Sub(arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*)', 'Sub(arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*/index/*)'],
        ['arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf'],
        ['*'],
        ['*'],
        ['Sub(arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/app/*)'],
      ],
    );
    const [, dynamo, , metrics] = fromTemplates;
    assert.equal(dynamo && textAt(TEMPLATE, dynamo.resources[0]!), '"*"');
    assert.equal(metrics && textAt(TEMPLATE, metrics.resources[0]!), 'CloudWatchPutMetricPolicy');
  });

  it('lists the statements in the file, so rules reading statementsIn see them', () => {
    const names = model.statementsIn('template.yaml').map((statement) => statement.template?.name ?? 'inline');
    assert.deepEqual(names, [
      'S3ReadPolicy',
      'DynamoDBCrudPolicy',
      'AWSSecretsManagerGetSecretValuePolicy',
      'CloudWatchPutMetricPolicy',
      'SSMParameterReadPolicy',
      'SSMParameterReadPolicy',
      'inline',
    ]);
  });

  it('grants nothing for templates of a function whose Role replaces its Policies', () => {
    const shared = modelOf({
      'template.yaml': dedent`
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Writer:
            Type: AWS::Serverless::Function
            Properties:
              Handler: app.handler
              Role: arn:aws:iam::123456789012:role/writer
              Policies:
                - S3WritePolicy:
                    BucketName: photos
      `,
    });
    assert.deepEqual(fn(shared, 'Writer').statements, []);
  });

  describe('the table', () => {
    it('has at least 20 templates, each with statements and only declared parameters', () => {
      assert.ok(SAM_POLICY_TEMPLATES.size >= 20, `${SAM_POLICY_TEMPLATES.size} templates`);
      for (const [name, template] of SAM_POLICY_TEMPLATES) {
        assert.ok(template.statements.length > 0, name);
        for (const statement of template.statements) {
          assert.ok(statement.actions.length > 0 && statement.resources.length > 0, name);
          for (const resource of statement.resources) {
            const placeholders = [...resource.matchAll(/\$\{([^}]*)\}/g)].map((match) => match[1] ?? '');
            for (const placeholder of placeholders) {
              assert.ok(placeholder.startsWith('AWS::') || template.parameters.includes(placeholder), `${name}: \${${placeholder}} is not a parameter`);
            }
          }
        }
      }
    });

    it('names only actions that exist in the IAM action data', () => {
      // SAM's SQSPollerPolicy still lists these two; IAM authorizes batch calls by the single
      // action and accepts the names without effect.
      const legacy = new Set(['sqs:ChangeMessageVisibilityBatch', 'sqs:DeleteMessageBatch']);
      const unknown: string[] = [];
      for (const [name, template] of SAM_POLICY_TEMPLATES) {
        for (const action of template.statements.flatMap((statement) => statement.actions)) {
          const known = action.includes('*') ? expandAction(action).length > 0 : actionInfo(action) !== undefined;
          if (!known && !legacy.has(action)) unknown.push(`${name}: ${action}`);
        }
      }
      assert.deepEqual(unknown, []);
    });
  });
});
