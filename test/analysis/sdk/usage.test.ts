import assert from 'node:assert/strict';
import { actionsOf, sdkUsage, type SdkCall } from '../../../rules/analysis/sdk/usage';
import { Project } from '../../../rules/engine/project';
import { dedent as code } from '../../helpers/rule-tester';

type Files = Record<string, string>;

function usageOf(files: Files, entry = 'src/handler.js') {
  const project = new Project(Object.entries(files));
  return sdkUsage((path) => project.sourceFile(path), entry);
}

/** `service Operation [field=source]` per call, in file then source order. */
function describeCalls(files: Files, entry?: string): string[] {
  return usageOf(files, entry).calls.map((call: SdkCall) => {
    const resource = call.resource === undefined ? '' : ` ${call.resourceField}=${call.resource.kind === 'literal' ? `'${call.resource.value}'` : call.resource.kind === 'env' ? `env.${call.resource.name}` : '?'}`;
    return `${call.service} ${call.operation}${resource}${call.index ? ' (index)' : ''}`;
  });
}

describe('SDK usage analysis', () => {
  describe('SDK v3', () => {
    it('finds commands sent by a bare client, wherever the command is built', () => {
      const files = {
        'src/handler.js': code`
          import { S3Client, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
          const s3 = new S3Client({});
          export const handler = async (event) => {
            const command = new PutObjectCommand({ Bucket: process.env.BUCKET, Key: 'a', Body: 'b' });
            await s3.send(new GetObjectCommand({ Bucket: 'photos', Key: event.key }));
            await s3.send(command);
          };
        `,
      };
      assert.deepEqual(describeCalls(files), ["s3 PutObject Bucket=env.BUCKET", "s3 GetObject Bucket='photos'"]);
      assert.equal(usageOf(files).complete, true);
    });

    it('finds aggregated client methods and maps exceptions', () => {
      const files = {
        'src/handler.ts': code`
          import { S3 } from '@aws-sdk/client-s3';
          import * as lambda from '@aws-sdk/client-lambda';
          const s3 = new S3({});
          const fn = new lambda.Lambda({});
          export async function handler() {
            await s3.listObjectsV2({ Bucket: process.env.BUCKET! });
            await s3.headObject({ Bucket: process.env.BUCKET!, Key: 'k' });
            await fn.invoke({ FunctionName: 'worker' });
          }
        `,
      };
      const usage = usageOf(files, 'src/handler.ts');
      assert.deepEqual(describeCalls(files, 'src/handler.ts'), ['s3 ListObjectsV2 Bucket=env.BUCKET', 's3 HeadObject Bucket=env.BUCKET', "lambda Invoke FunctionName='worker'"]);
      assert.deepEqual(actionsOf(usage.calls), ['lambda:InvokeFunction', 's3:GetObject', 's3:ListBucket']);
    });

    it('maps the client package to its IAM prefix', () => {
      const files = {
        'src/handler.js': code`
          const { CloudWatchLogsClient, PutLogEventsCommand } = require('@aws-sdk/client-cloudwatch-logs');
          const { SFNClient, StartExecutionCommand } = require('@aws-sdk/client-sfn');
          const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');
          exports.handler = async () => {
            await new CloudWatchLogsClient({}).send(new PutLogEventsCommand({ logGroupName: '/app' }));
            await new SFNClient({}).send(new StartExecutionCommand({ stateMachineArn: process.env.MACHINE }));
            await new EventBridgeClient({}).send(new PutEventsCommand({ Entries: [] }));
          };
        `,
      };
      assert.deepEqual(describeCalls(files), ["logs PutLogEvents logGroupName='/app'", 'states StartExecution stateMachineArn=env.MACHINE', 'events PutEvents EventBusName=?']);
    });

    it('reads @aws-sdk/lib-dynamodb commands, DynamoDBDocument methods, paginators and PartiQL', () => {
      const files = {
        'src/handler.js': code`
          import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
          import { DynamoDBDocumentClient, DynamoDBDocument, GetCommand, ExecuteStatementCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
          const { TABLE } = process.env;
          const base = new DynamoDBClient({});
          const doc = DynamoDBDocumentClient.from(base);
          const agg = DynamoDBDocument.from(base);
          export const handler = async (event) => {
            await doc.send(new GetCommand({ TableName: TABLE, Key: { id: event.id } }));
            await agg.put({ TableName: TABLE, Item: {} });
            for await (const page of paginateQuery({ client: doc }, { TableName: TABLE, IndexName: 'byOwner' })) console.log(page);
            await doc.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "t" WHERE id = ?' }));
          };
        `,
      };
      assert.deepEqual(describeCalls(files), [
        'dynamodb GetItem TableName=env.TABLE',
        'dynamodb PutItem TableName=env.TABLE',
        'dynamodb Query TableName=env.TABLE (index)',
        'dynamodb ExecuteStatement TableName=?',
      ]);
      assert.deepEqual(actionsOf(usageOf(files).calls), ['dynamodb:GetItem', 'dynamodb:PartiQLSelect', 'dynamodb:PutItem', 'dynamodb:Query']);
    });

    it('reads @aws-sdk/lib-storage Upload with its params', () => {
      const files = {
        'src/handler.js': code`
          import { S3Client } from '@aws-sdk/client-s3';
          import { Upload } from '@aws-sdk/lib-storage';
          export const handler = async (body) => {
            const params = { Bucket: process.env.UPLOADS, Key: 'k', Body: body };
            await new Upload({ client: new S3Client({}), params }).done();
          };
        `,
      };
      const usage = usageOf(files);
      assert.deepEqual(describeCalls(files), ['s3 Upload Bucket=env.UPLOADS']);
      assert.deepEqual(actionsOf(usage.calls), ['s3:AbortMultipartUpload', 's3:PutObject']);
      assert.equal(usage.complete, true);
    });
  });

  describe('SDK v2', () => {
    it('reads AWS.X clients, DocumentClient and client files', () => {
      const files = {
        'src/handler.js': code`
          const AWS = require('aws-sdk');
          const SQS = require('aws-sdk/clients/sqs');
          const db = new AWS.DynamoDB.DocumentClient();
          const sqs = new SQS();
          module.exports.handler = async (event) => {
            const object = await new AWS.S3().getObject({ Bucket: process.env.BUCKET, Key: event.key }).promise();
            await db.get({ TableName: process.env.TABLE, Key: { id: 1 } }).promise();
            await db.transactWrite({ TransactItems: [] }).promise();
            await sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: '' }).promise();
            return new AWS.S3().getSignedUrl('putObject', { Bucket: 'drop', Key: 'x' });
          };
        `,
      };
      assert.deepEqual(describeCalls(files), [
        's3 GetObject Bucket=env.BUCKET',
        'dynamodb GetItem TableName=env.TABLE',
        'dynamodb TransactWriteItems TableName=?',
        'sqs SendMessage QueueUrl=env.QUEUE_URL',
        "s3 PutObject Bucket='drop'",
      ]);
    });

    it('maps v2 class names to IAM prefixes', () => {
      const files = {
        'src/handler.js': code`
          import AWS from 'aws-sdk';
          const sfn = new AWS.StepFunctions();
          const logs = new AWS.CloudWatchLogs();
          export const handler = async () => {
            await sfn.startExecution({ stateMachineArn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:m' }).promise();
            await logs.createLogStream({ logGroupName: 'g', logStreamName: 's' }).promise();
          };
        `,
      };
      assert.deepEqual(actionsOf(usageOf(files).calls), ['logs:CreateLogStream', 'states:StartExecution']);
    });
  });

  describe('local modules', () => {
    it('follows relative imports and clients they export', () => {
      const files = {
        'src/handler.js': code`
          import { s3 } from './lib/clients';
          import { saveItem } from './lib/db.js';
          export const handler = async (event) => {
            await s3.deleteObject({ Bucket: process.env.BUCKET, Key: event.key });
            await saveItem(event);
          };
        `,
        'src/lib/clients.js': code`
          import { S3 } from '@aws-sdk/client-s3';
          export const s3 = new S3({});
        `,
        'src/lib/db.ts': code`
          import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
          import './db.js';
          const client = new DynamoDBClient({});
          export async function saveItem(item: unknown) {
            return client.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));
          }
        `,
      };
      const usage = usageOf(files);
      assert.deepEqual(usage.files, ['src/handler.js', 'src/lib/clients.js', 'src/lib/db.ts']);
      assert.deepEqual(describeCalls(files), ['s3 DeleteObject Bucket=env.BUCKET', 'dynamodb PutItem TableName=env.TABLE']);
    });
  });

  describe('completeness', () => {
    it('marks a command sent from elsewhere and a computed method as unresolved', () => {
      const files = {
        'src/handler.js': code`
          import { S3Client, S3 } from '@aws-sdk/client-s3';
          const client = new S3Client({});
          const s3 = new S3({});
          export const run = (command) => client.send(command);
          export const call = (method, input) => s3[method](input);
        `,
      };
      const usage = usageOf(files);
      assert.equal(usage.complete, false);
      assert.deepEqual(usage.unresolved.map((call) => call.reason), ['the command is not built here', 'the method name is computed']);
    });

    it('ignores client methods that call no operation and code without the SDK', () => {
      const files = {
        'src/handler.js': code`
          import { S3Client } from '@aws-sdk/client-s3';
          const client = new S3Client({});
          client.middlewareStack.add(() => {});
          const other = { send: () => 1, getObject: () => 2 };
          other.getObject();
          client.destroy();
        `,
      };
      const usage = usageOf(files);
      assert.deepEqual(usage.calls, []);
      assert.equal(usage.complete, true);
    });
  });
});
