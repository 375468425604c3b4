/**
 * A seeded generator of a realistic serverless workspace for `npm run bench` (issue 9): JS and TS
 * Lambda handlers of 50 to 2,000 lines using SDK v3 clients, SQL drivers and child processes, with
 * some secrets and injections; serverless.yml and SAM templates (with CloudFormation tags) naming
 * them, one serverless.yml with 200 functions; and single handlers of 1k, 5k and 20k lines.
 * The same seed writes the same bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { random } from '../fuzz';

export interface GeneratedWorkspace {
  root: string;
  files: number;
  lines: number;
  /** Handlers of a given size, by label (`1k`, `5k`, `20k`): workspace-relative POSIX paths. */
  singles: { label: string; file: string; lines: number }[];
  /** The serverless.yml with 200 functions. */
  largeTemplate: string;
  largeTemplateFunctions: number;
}

type Next = () => number;

const SINGLE_SIZES = [
  { label: '1k', lines: 1_000 },
  { label: '5k', lines: 5_000 },
  { label: '20k', lines: 20_000 },
];

function pick<T>(next: Next, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function hex(next: Next, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += '0123456789abcdef'[Math.floor(next() * 16)];
  return text;
}

/** Function bodies a handler file is assembled from; each takes the trigger event. */
const BLOCKS: readonly ((name: string, next: Next, ts: boolean) => string)[] = [
  (name, _next, ts) => `async function ${name}(event${ts ? ': APIGatewayProxyEvent' : ''}) {
  // Reads the object the caller names; the bucket is fixed.
  const key = event.queryStringParameters?.key ?? 'index.html';
  const result = await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: key }));
  const body = await result.Body.transformToString();
  return { statusCode: 200, body };
}
`,
  (name, _next, ts) => `async function ${name}(event${ts ? ': APIGatewayProxyEvent' : ''}) {
  const id = event.queryStringParameters.id;
  // Concatenated SQL: an injection the linter reports.
  const [rows] = await pool.query("SELECT * FROM orders WHERE id = '" + id + "'");
  return { statusCode: 200, body: JSON.stringify(rows) };
}
`,
  (name, _next, ts) => `async function ${name}(event${ts ? ': APIGatewayProxyEvent' : ''}) {
  const id = event.pathParameters.id;
  const [rows] = await pool.execute('SELECT * FROM orders WHERE id = ?', [id]);
  if (rows.length === 0) return { statusCode: 404, body: 'not found' };
  return { statusCode: 200, body: JSON.stringify(rows[0]) };
}
`,
  (name, _next, ts) => `async function ${name}(event${ts ? ': APIGatewayProxyEvent' : ''}) {
  const format = JSON.parse(event.body).format;
  return new Promise((resolve) => {
    exec('convert /tmp/in.png ' + format + ':/tmp/out', (error, stdout) => {
      resolve({ statusCode: error ? 500 : 200, body: stdout });
    });
  });
}
`,
  (name, next, ts) => `async function ${name}(event${ts ? ': APIGatewayProxyEvent' : ''}) {
  const item = JSON.parse(event.body ?? '{}');
  await dynamo.send(new PutItemCommand({
    TableName: process.env.TABLE,
    Item: { pk: { S: String(item.id) }, total: { N: String(item.total ?? ${Math.floor(next() * 100)}) } },
  }));
  return { statusCode: 201, body: '' };
}
`,
  (name, next) => `function ${name}(values) {
  let total = 0;
  for (const value of values) {
    if (value > ${Math.floor(next() * 1000)}) total += value * 2;
    else total += value;
  }
  return Math.round(total * 100) / 100;
}
`,
  (name, next) => `async function ${name}(records) {
  const entries = records.map((record, index) => ({ Id: String(index), MessageBody: record.body }));
  // ${pick(next, ['Batch sends keep SQS costs down.', 'At most ten entries per batch.', 'Failures are retried by the caller.'])}
  await sqs.send(new SendMessageBatchCommand({ QueueUrl: process.env.QUEUE_URL, Entries: entries.slice(0, 10) }));
  return entries.length;
}
`,
  (name, next) => `const ${name}Settings = {
  endpoint: 'https://api.example.com/v${Math.floor(next() * 3) + 1}',
  apiKey: '${next() < 0.3 ? `sk_live_${hex(next, 24)}` : 'see environment'}',
  retries: ${Math.floor(next() * 5)},
};
`,
];

const JS_HEADER = `'use strict';
const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient, PutItemCommand } = require('@aws-sdk/client-dynamodb');
const { SQSClient, SendMessageBatchCommand } = require('@aws-sdk/client-sqs');
const mysql = require('mysql2/promise');
const { exec } = require('child_process');

const s3 = new S3Client({});
const dynamo = new DynamoDBClient({});
const sqs = new SQSClient({});
const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'app', database: 'orders' });

`;

const TS_HEADER = `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import mysql from 'mysql2/promise';
import { exec } from 'node:child_process';

const s3 = new S3Client({});
const dynamo = new DynamoDBClient({});
const sqs = new SQSClient({});
const pool = mysql.createPool({ host: process.env.DB_HOST, user: 'app', database: 'orders' });

`;

/** A handler of about `targetLines` lines. */
export function handlerSource(next: Next, targetLines: number, ts: boolean): string {
  const parts = [ts ? TS_HEADER : JS_HEADER];
  let lines = parts[0]!.split('\n').length;
  const names: string[] = [];
  for (let i = 0; lines < targetLines - 6; i++) {
    const name = `step${i}`;
    const block = pick(next, BLOCKS)(name, next, ts);
    if (!block.startsWith('const')) names.push(name);
    parts.push(block, '\n');
    lines += block.split('\n').length;
  }
  const calls = names.slice(0, 3).map((name) => `  await ${name}(event);`).join('\n');
  parts.push(`${ts ? 'export const handler = async (event: APIGatewayProxyEvent)' : 'exports.handler = async (event)'} => {\n${calls}\n  return { statusCode: 200, body: 'ok' };\n};\n`);
  return parts.join('');
}

function serverlessYml(service: string, handlers: readonly string[], next: Next): string {
  const functions = handlers
    .map(
      (handler, i) => `  ${path.basename(handler).replace(/\W/g, '')}:
    handler: ${handler}.handler
    environment:
      TABLE: \${self:service}-table-${i}
      API_KEY: ${next() < 0.1 ? `AKIA${hex(next, 16).toUpperCase()}` : '${ssm:/app/api-key}'}
    events:
      - httpApi:
          path: /${service}/${i}
          method: ${pick(next, ['get', 'post', 'put'])}
`,
    )
    .join('');
  return `service: ${service}
frameworkVersion: '3'
provider:
  name: aws
  runtime: ${pick(next, ['nodejs20.x', 'nodejs22.x', 'nodejs16.x'])}
  iam:
    role:
      statements:
        - Effect: Allow
          Action: ${pick(next, ['"s3:*"', '"s3:GetObject"', '["dynamodb:PutItem", "dynamodb:GetItem"]'])}
          Resource: ${pick(next, ['"*"', '"arn:aws:s3:::orders-bucket/*"'])}
        - Effect: Allow
          Action: sqs:SendMessage
          Resource: !GetAtt Queue.Arn
functions:
${functions}resources:
  Resources:
    Queue:
      Type: AWS::SQS::Queue
`;
}

function samTemplate(handlers: readonly string[], next: Next): string {
  const resources = handlers
    .map(
      (handler, i) => `  Fn${i}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: ${path.basename(handler)}.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          TABLE: !Ref Table
          BUCKET: !Sub "\${AWS::StackName}-assets-${i}"
      Policies:
        - Statement:
            - Effect: Allow
              Action: ${pick(next, ['"dynamodb:*"', 'dynamodb:PutItem', '"s3:GetObject"'])}
              Resource: ${pick(next, ['!GetAtt Table.Arn', '"*"', '!Sub "arn:aws:s3:::${AWS::StackName}-assets/*"'])}
      Events:
        Api:
          Type: Api
          Properties:
            Path: /fn${i}
            Method: ${pick(next, ['get', 'post'])}
`,
    )
    .join('');
  return `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
${resources}`;
}

/** Writes the workspace under `root` (emptied first). */
export function generateWorkspace(root: string, seed: number, targetFiles = 2000): GeneratedWorkspace {
  fs.rmSync(root, { recursive: true, force: true });
  const next = random(seed);
  let files = 0;
  let lines = 0;
  const write = (file: string, text: string): void => {
    const absolute = path.join(root, file);
    fs.mkdirSync(path.dirname(absolute), { recursive: true });
    fs.writeFileSync(absolute, text);
    files++;
    lines += text.split('\n').length;
  };

  const singles = SINGLE_SIZES.map(({ label, lines: size }) => {
    const file = `single/src/handler-${label}.js`;
    write(file, handlerSource(next, size, false));
    return { label, file, lines: size };
  });
  write('single/serverless.yml', serverlessYml('single', singles.map((single) => single.file.replace(/^single\//, '').replace(/\.js$/, '')), next));

  // The large template: 200 functions over 40 handlers.
  const bigHandlers: string[] = [];
  for (let i = 0; i < 40; i++) {
    write(`big/src/h${i}.js`, handlerSource(next, 50 + Math.floor(next() * 80), false));
    bigHandlers.push(`src/h${i}`);
  }
  const largeFunctions = Array.from({ length: 200 }, (_, i) => bigHandlers[i % bigHandlers.length]!);
  write('big/serverless.yml', serverlessYml('big', largeFunctions, next).replace(/^ {2}h(\d+):$/gm, (_m, n: string) => `  h${n}x${Math.floor(next() * 1e9)}:`));

  for (let app = 0; files < targetFiles; app++) {
    const sam = app % 3 === 2;
    const ts = app % 4 === 1;
    const handlers: string[] = [];
    const count = 20 + Math.floor(next() * 40);
    for (let i = 0; i < count && files < targetFiles - 1; i++) {
      // Mostly short handlers, a few long ones (up to 2,000 lines): about 150 lines on average.
      const size = next() < 0.92 ? 50 + Math.floor(next() * 80) : 130 + Math.floor(next() ** 2 * 1870);
      const name = `h${i}`;
      write(`apps/app${app}/src/${name}.${ts ? 'ts' : 'js'}`, handlerSource(next, size, ts));
      handlers.push(`src/${name}`);
    }
    if (sam) write(`apps/app${app}/template.yaml`, samTemplate(handlers, next));
    else write(`apps/app${app}/serverless.yml`, serverlessYml(`app${app}`, handlers, next));
  }
  return { root, files, lines, singles, largeTemplate: 'big/serverless.yml', largeTemplateFunctions: 200 };
}
