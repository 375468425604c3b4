/**
 * Fixture texts shared by the IAM fix tests: handler sources and input templates written the same
 * way in several tests. Expected outputs stay written out in the tests that assert them.
 */

/** The upload handler (ES module): one S3 PutObject. */
export const UPLOAD_ESM = `import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
const s3 = new S3Client({});
export const handler = async (event) => {
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: event.key, Body: event.body }));
};
`;

/** The list handler (ES module): one DynamoDB Scan. */
export const LIST_ESM = `import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
const db = new DynamoDBClient({});
export const handler = async () => db.send(new ScanCommand({ TableName: process.env.TABLE }));
`;

/** The upload handler (CommonJS): one S3 PutObject. */
export const UPLOAD_CJS = `const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const s3 = new S3Client({});
exports.handler = async (event) => {
  await s3.send(new PutObjectCommand({ Bucket: process.env.BUCKET, Key: event.key, Body: event.body }));
};
`;

/** The list handler (CommonJS): one DynamoDB Scan. */
export const LIST_CJS = `const { DynamoDBClient, ScanCommand } = require('@aws-sdk/client-dynamodb');
const db = new DynamoDBClient({});
exports.handler = async () => db.send(new ScanCommand({ TableName: process.env.TABLE }));
`;

/** A handler (ES module) that reads S3 objects, lists the bucket and sends to SQS. */
export const S3_SQS_HANDLER = `import { S3Client, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
const s3 = new S3Client({});
const sqs = new SQSClient({});
export const handler = async (event) => {
  await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }));
  await s3.send(new ListObjectsV2Command({ Bucket: process.env.BUCKET }));
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: '' }));
};
`;

/** A handler (CommonJS) that reads from the reports-inbox bucket and sends to SQS. */
export const SQS_S3_CJS_HANDLER = `const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const sqs = new SQSClient({});
const s3 = new S3Client({});
exports.handler = async (event) => {
  await s3.send(new GetObjectCommand({ Bucket: 'reports-inbox', Key: event.key }));
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.QUEUE_URL, MessageBody: 'x' }));
};
`;

/** A SAM function whose Policies hold AdministratorAccess, with a comment on it. */
export const REPORT_SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  ReportFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          TABLE: !Ref Reports
      Policies:
        - AWSLambdaBasicExecutionRole
        # Temporary, until the report queries settle.
        - AdministratorAccess
  Reports:
    Type: AWS::DynamoDB::Table
`;

/** REPORT_SAM's handler: a DynamoDB document client Put and Query. */
export const REPORT_HANDLER = `const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, QueryCommand, PutCommand } = require('@aws-sdk/lib-dynamodb');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
exports.handler = async (event) => {
  await db.send(new PutCommand({ TableName: process.env.TABLE, Item: event }));
  return db.send(new QueryCommand({ TableName: process.env.TABLE, KeyConditionExpression: 'pk = :p' }));
};
`;

/** A handler on the v2 SDK that sends its event to SQS. */
export const SQS_V2_HANDLER = `const AWS = require('aws-sdk');
const sqs = new AWS.SQS();
exports.handler = async (event) => sqs.sendMessage({ QueueUrl: process.env.QUEUE_URL, MessageBody: JSON.stringify(event) }).promise();
`;

/** A handler on the v2 SDK that reads from S3. */
export const S3_V2_READ_HANDLER = `const AWS = require('aws-sdk');
const s3 = new AWS.S3();
exports.handler = async (event) => s3.getObject({ Bucket: 'reports', Key: event.key }).promise();
`;
