import assert from 'node:assert/strict';
import { planPolicy } from '../../../rules/analysis/sdk/policy';
import { Project } from '../../../rules/engine/project';
import { dedent as code } from '../../helpers/rule-tester';

type Files = Record<string, string>;

function plan(files: Files, functionName?: string) {
  const project = new Project(Object.entries(files));
  const functions = project.model.functions.filter((fn) => functionName === undefined || fn.name === functionName);
  return planPolicy(project.model, (path) => project.sourceFile(path), functions);
}

const HANDLER = code`
  import { S3Client, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
  import { DynamoDBDocumentClient, QueryCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
  import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
  const s3 = new S3Client({});
  const db = DynamoDBDocumentClient.from(new (require('@aws-sdk/client-dynamodb').DynamoDBClient)({}));
  const sqs = new SQSClient({});
  export const handler = async (event) => {
    await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }));
    await s3.send(new ListObjectsV2Command({ Bucket: process.env.BUCKET }));
    await db.send(new QueryCommand({ TableName: process.env.TABLE, IndexName: 'byOwner' }));
    await db.send(new PutCommand({ TableName: process.env.TABLE, Item: {} }));
    await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: '' }));
  };
`;

describe('SDK resources in the template\'s syntax', () => {
  it('SAM: !Ref and !GetAtt become !Sub and !GetAtt ARNs', () => {
    const result = plan({
      'template.yaml': code`
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: src/handler.handler
              Runtime: nodejs20.x
              Environment:
                Variables:
                  BUCKET: !Ref Photos
                  TABLE: !Ref Items
                  QUEUE_URL: !Ref Jobs
          Photos:
            Type: AWS::S3::Bucket
          Items:
            Type: AWS::DynamoDB::Table
          Jobs:
            Type: AWS::SQS::Queue
      `,
      'src/handler.js': HANDLER,
    });
    assert.equal(result.complete, true);
    assert.equal(result.scoped, true);
    assert.deepEqual(result.statements, [
      { actions: ['dynamodb:PutItem'], resources: [{ 'Fn::Sub': 'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Items}' }] },
      { actions: ['dynamodb:Query'], resources: [{ 'Fn::Sub': 'arn:aws:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${Items}/index/*' }] },
      { actions: ['s3:GetObject'], resources: [{ 'Fn::Sub': 'arn:aws:s3:::${Photos}/*' }] },
      { actions: ['s3:ListBucket'], resources: [{ 'Fn::Sub': 'arn:aws:s3:::${Photos}' }] },
      { actions: ['sqs:SendMessage'], resources: [{ 'Fn::GetAtt': ['Jobs', 'Arn'] }] },
    ]);
  });

  it('CloudFormation JSON: !GetAtt Table.Arn keeps the attribute, plus /index/* on an index', () => {
    const result = plan({
      'template.json': JSON.stringify({
        Resources: {
          Fn: {
            Type: 'AWS::Lambda::Function',
            Properties: {
              Handler: 'src/handler.handler',
              Runtime: 'nodejs20.x',
              Code: '.',
              Environment: { Variables: { BUCKET: 'photos-prod', TABLE: { 'Fn::GetAtt': ['Items', 'Arn'] } } },
            },
          },
          Items: { Type: 'AWS::DynamoDB::Table' },
        },
      }, null, 2),
      'src/handler.js': HANDLER,
    });
    assert.equal(result.scoped, false, 'the queue URL is not in the environment');
    assert.deepEqual(result.statements, [
      { actions: ['dynamodb:PutItem'], resources: [{ 'Fn::GetAtt': ['Items', 'Arn'] }] },
      { actions: ['dynamodb:Query'], resources: [{ 'Fn::Sub': '${Items.Arn}/index/*' }] },
      { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::photos-prod/*'] },
      { actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::photos-prod'] },
      { actions: ['sqs:SendMessage'], resources: [{ 'Fn::Sub': 'arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:*' }] },
    ]);
  });

  it('serverless: variables stay in the string, references become Fn::Join / Fn::GetAtt', () => {
    const result = plan({
      'serverless.yml': code`
        service: app
        provider:
          name: aws
          runtime: nodejs20.x
          environment:
            BUCKET: \${self:custom.bucket}
            TABLE:
              Ref: Items
            QUEUE_URL:
              Ref: Jobs
        custom:
          bucket: photos-\${sls:stage}
        functions:
          fn:
            handler: src/handler.handler
        resources:
          Resources:
            Items:
              Type: AWS::DynamoDB::Table
            Jobs:
              Type: AWS::SQS::Queue
      `,
      'src/handler.js': HANDLER,
    });
    assert.deepEqual(result.statements, [
      { actions: ['dynamodb:PutItem'], resources: [{ 'Fn::Join': ['', ['arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/', { Ref: 'Items' }]] }] },
      { actions: ['dynamodb:Query'], resources: [{ 'Fn::Join': ['', ['arn:aws:dynamodb:${aws:region}:${aws:accountId}:table/', { Ref: 'Items' }, '/index/*']] }] },
      { actions: ['s3:GetObject'], resources: ['arn:aws:s3:::${self:custom.bucket}/*'] },
      { actions: ['s3:ListBucket'], resources: ['arn:aws:s3:::${self:custom.bucket}'] },
      { actions: ['sqs:SendMessage'], resources: [{ 'Fn::GetAtt': ['Jobs', 'Arn'] }] },
    ]);
  });

  it('literal names in code, ARNs and queue URLs; actions without resource types get "*"', () => {
    const result = plan({
      'template.yaml': code`
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              Handler: index.handler
              Runtime: nodejs20.x
      `,
      'index.js': code`
        const AWS = require('aws-sdk');
        exports.handler = async () => {
          await new AWS.SQS().sendMessage({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/123456789012/jobs' }).promise();
          await new AWS.SNS().publish({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts' }).promise();
          await new AWS.SecretsManager().getSecretValue({ SecretId: 'db' }).promise();
          await new AWS.CloudWatch().putMetricData({ Namespace: 'app' }).promise();
          await new AWS.S3().listBuckets().promise();
        };
      `,
    });
    assert.deepEqual(result.statements, [
      { actions: ['cloudwatch:PutMetricData', 's3:ListAllMyBuckets'], resources: ['*'] },
      { actions: ['secretsmanager:GetSecretValue'], resources: [{ 'Fn::Sub': 'arn:aws:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:db-??????' }] },
      { actions: ['sns:Publish'], resources: ['arn:aws:sns:eu-west-1:123456789012:alerts'] },
      { actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:eu-west-1:123456789012:jobs'] },
    ]);
  });

  it('is incomplete when a handler is missing or a call is unresolved', () => {
    const template = code`
      Transform: AWS::Serverless-2016-10-31
      Resources:
        Fn:
          Type: AWS::Serverless::Function
          Properties:
            Handler: index.handler
            Runtime: nodejs20.x
    `;
    assert.equal(plan({ 'template.yaml': template }).complete, false);
    const unresolved = plan({
      'template.yaml': template,
      'index.js': code`
        import { S3Client } from '@aws-sdk/client-s3';
        const client = new S3Client({});
        export const handler = (command) => client.send(command);
      `,
    });
    assert.equal(unresolved.complete, false);
    assert.equal(unresolved.unresolved.length, 1);
  });
});
