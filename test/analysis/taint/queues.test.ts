/**
 * Injection across functions: a consumer's finding on a queue message names the function of the
 * project that sends that message, with the producer's own path (rules/analysis/taint/queues.ts).
 */
import * as assert from 'node:assert/strict';
import command from '../../../rules/checks/injection/command';
import sql from '../../../rules/checks/injection/sql';
import { js, testRule, ts, yaml } from '../../helpers/rule-tester';
import { describeFlows, code } from './helpers';

describe('taint: queue producers', () => {
  it('records sends to SQS, SNS and Azure output bindings as queue-message flows', () => {
    assert.deepEqual(
      describeFlows({
        'src/a.js': code`
          const { SQSClient, SendMessageCommand, SendMessageBatchCommand } = require('@aws-sdk/client-sqs');
          const { SNS } = require('@aws-sdk/client-sns');
          const sqs = new SQSClient({});
          exports.handler = async (event) => {
            await sqs.send(new SendMessageCommand({ QueueUrl: process.env.Q, MessageBody: event.body }));
            await sqs.send(new SendMessageBatchCommand({ QueueUrl: process.env.Q, Entries: [{ Id: '1', MessageBody: JSON.stringify({ id: event.pathParameters.id }) }] }));
            await new SNS({}).publish({ TopicArn: process.env.T, Message: event.queryStringParameters.note, Subject: 'fixed' });
            await sqs.send(new SendMessageCommand({ QueueUrl: process.env.Q, MessageBody: 'constant' }));
          };
        `,
        'Submit/index.js': code`
          module.exports = async function (context, req) {
            context.bindings.outQueue = { orderId: req.body.orderId };
            context.bindings.log = 'fixed';
          };
        `,
        'src/functions/submit.js': code`
          const { app, output } = require('@azure/functions');
          const queueOutput = output.storageQueue({ queueName: 'orders', connection: 'Storage' });
          app.http('submit', { extraOutputs: [queueOutput], handler: async (request, context) => {
            context.extraOutputs.set(queueOutput, await request.json());
            return { status: 202 };
          } });
        `,
      }),
      [
        'queue-message event.body → SendMessage @src/a.js:5',
        'queue-message event.pathParameters.id → SendMessageBatch @src/a.js:6',
        'queue-message event.queryStringParameters.note → Publish @src/a.js:7',
        'queue-message req.body.orderId → outQueue @Submit/index.js:2',
        'queue-message request.json() → queueOutput @src/functions/submit.js:4',
      ],
    );
  });
});

const SERVERLESS = yaml`
  service: orders
  provider:
    name: aws
    runtime: nodejs20.x
  functions:
    submit:
      handler: src/submit.handler
      environment:
        ORDERS_QUEUE_URL: { Ref: OrdersQueue }
        AUDIT_QUEUE_URL: { Ref: AuditQueue }
      events:
        - httpApi: POST /orders
    fulfil:
      handler: src/fulfil.handler
      events:
        - sqs:
            arn: !GetAtt OrdersQueue.Arn
    audit:
      handler: src/audit.handler
      events:
        - sqs: !GetAtt AuditQueue.Arn
  resources:
    Resources:
      OrdersQueue:
        Type: AWS::SQS::Queue
      AuditQueue:
        Type: AWS::SQS::Queue
`;

testRule(command, {
  valid: [],
  invalid: [
    {
      name: 'serverless: an HTTP function sends to SQS, the consumer of that queue runs a shell command',
      files: {
        'serverless.yml': SERVERLESS,
        'src/submit.js': js`
          const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
          const sqs = new SQSClient({});
          exports.handler = async (event) => {
            const order = JSON.parse(event.body);
            await sqs.send(new SendMessageCommand({
              QueueUrl: process.env.ORDERS_QUEUE_URL,
              MessageBody: JSON.stringify({ sku: order.sku }),
            }));
            await sqs.send(new SendMessageCommand({ QueueUrl: process.env.AUDIT_QUEUE_URL, MessageBody: 'order received' }));
            return { statusCode: 202 };
          };
        `,
        'src/fulfil.js': js`
          const { execSync } = require('child_process');
          exports.handler = async (event) => {
            for (const record of event.Records) {
              const { sku } = JSON.parse(record.body);
              execSync('pick-item ' + sku);
            }
          };
        `,
        'src/audit.js': js`
          const { execSync } = require('child_process');
          exports.handler = async (event) => {
            execSync('logger ' + event.Records[0].body);
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].body', sink: 'execSync' },
          file: 'src/audit.js',
          line: 3, column: 12, endLine: 3, endColumn: 45,
          related: [
            { file: 'src/audit.js', line: 3, column: 24, endLine: 3, endColumn: 45, message: 'event.Records[0].body (SQS message body)' },
            { file: 'src/audit.js', line: 3, column: 12, endLine: 3, endColumn: 45, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[*].body', sink: 'execSync' },
          file: 'src/fulfil.js',
          line: 5, column: 14, endLine: 5, endColumn: 32,
          related: [
            { file: 'src/fulfil.js', line: 3, column: 24, endLine: 3, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/fulfil.js', line: 3, column: 14, endLine: 3, endColumn: 20, message: 'record' },
            { file: 'src/fulfil.js', line: 4, column: 13, endLine: 4, endColumn: 16, message: 'sku' },
            { file: 'src/fulfil.js', line: 5, column: 14, endLine: 5, endColumn: 32, message: 'shell command' },
            { file: 'src/submit.js', line: 7, column: 18, endLine: 7, endColumn: 52, message: 'the message is sent by function submit from event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 4, column: 28, endLine: 4, endColumn: 38, message: 'event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 4, column: 9, endLine: 4, endColumn: 14, message: 'order' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: an API function publishes to SNS; only the subscriber of that topic names it',
      files: {
        'template.yaml': yaml`
          AWSTemplateFormatVersion: '2010-09-09'
          Transform: AWS::Serverless-2016-10-31
          Resources:
            AlertsTopic:
              Type: AWS::SNS::Topic
            ReportsTopic:
              Type: AWS::SNS::Topic
            RaiseAlert:
              Type: AWS::Serverless::Function
              Properties:
                Handler: src/raise.handler
                Runtime: nodejs20.x
                Environment:
                  Variables:
                    TOPIC_ARN: !Ref AlertsTopic
                Events:
                  Api:
                    Type: Api
                    Properties: { Path: /alerts, Method: post }
            NotifyOnCall:
              Type: AWS::Serverless::Function
              Properties:
                Handler: src/notify.handler
                Runtime: nodejs20.x
                Events:
                  Alerts:
                    Type: SNS
                    Properties:
                      Topic: !Ref AlertsTopic
            ArchiveReport:
              Type: AWS::Serverless::Function
              Properties:
                Handler: src/archive.handler
                Runtime: nodejs20.x
                Events:
                  Reports:
                    Type: SNS
                    Properties:
                      Topic: !Ref ReportsTopic
        `,
        'src/raise.ts': ts`
          import { SNSClient, PublishCommand } from '@aws-sdk/client-sns';
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          const sns = new SNSClient({});
          export const handler = async (event: APIGatewayProxyEvent) => {
            await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: event.queryStringParameters?.text }));
            return { statusCode: 202, body: '' };
          };
        `,
        'src/notify.ts': ts`
          import { exec } from 'node:child_process';
          import type { SNSEvent } from 'aws-lambda';
          export const handler = async (event: SNSEvent) => {
            exec(\`page-oncall "\${event.Records[0].Sns.Message}"\`);
          };
        `,
        'src/archive.ts': ts`
          import { exec } from 'node:child_process';
          import type { SNSEvent } from 'aws-lambda';
          export const handler = async (event: SNSEvent) => {
            exec(\`archive "\${event.Records[0].Sns.Message}"\`);
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].Sns.Message', sink: 'exec' },
          file: 'src/archive.ts',
          line: 4, column: 8, endLine: 4, endColumn: 51,
          related: [
            { file: 'src/archive.ts', line: 4, column: 20, endLine: 4, endColumn: 48, message: 'event.Records[0].Sns.Message (SNS message)' },
            { file: 'src/archive.ts', line: 4, column: 8, endLine: 4, endColumn: 51, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].Sns.Message', sink: 'exec' },
          file: 'src/notify.ts',
          line: 4, column: 8, endLine: 4, endColumn: 55,
          related: [
            { file: 'src/notify.ts', line: 4, column: 24, endLine: 4, endColumn: 52, message: 'event.Records[0].Sns.Message (SNS message)' },
            { file: 'src/notify.ts', line: 4, column: 8, endLine: 4, endColumn: 55, message: 'shell command' },
            { file: 'src/raise.ts', line: 5, column: 81, endLine: 5, endColumn: 114, message: 'the message is sent by function RaiseAlert from event.queryStringParameters.text (query string)' },
            { file: 'src/raise.ts', line: 5, column: 81, endLine: 5, endColumn: 114, message: 'event.queryStringParameters.text (query string)' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3: an HTTP function writes its body to a queue output binding; the queue-triggered function of that queue names it',
      files: {
        'SubmitOrder/function.json': `{
  "bindings": [
    { "type": "httpTrigger", "direction": "in", "name": "req", "methods": ["post"], "authLevel": "function" },
    { "type": "http", "direction": "out", "name": "res" },
    { "type": "queue", "direction": "out", "name": "orderQueue", "queueName": "orders", "connection": "AzureWebJobsStorage" }
  ]
}
`,
        'SubmitOrder/index.js': js`
          module.exports = async function (context, req) {
            const order = req.body;
            context.bindings.orderQueue = order;
            context.res = { status: 202 };
          };
        `,
        'ProcessOrder/function.json': `{
  "bindings": [
    { "type": "queueTrigger", "direction": "in", "name": "item", "queueName": "orders", "connection": "AzureWebJobsStorage" }
  ]
}
`,
        'ProcessOrder/index.js': js`
          const { execSync } = require('child_process');
          module.exports = async function (context, item) {
            execSync('process-order ' + item.orderId);
          };
        `,
        'ShipOrder/function.json': `{
  "bindings": [
    { "type": "queueTrigger", "direction": "in", "name": "item", "queueName": "shipments", "connection": "AzureWebJobsStorage" }
  ]
}
`,
        'ShipOrder/index.js': js`
          const { execSync } = require('child_process');
          module.exports = async function (context, item) {
            execSync('ship ' + item.orderId);
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'item.orderId', sink: 'execSync' },
          file: 'ProcessOrder/index.js',
          line: 3, column: 12, endLine: 3, endColumn: 43,
          related: [
            { file: 'ProcessOrder/index.js', line: 3, column: 31, endLine: 3, endColumn: 43, message: 'item.orderId (trigger input)' },
            { file: 'ProcessOrder/index.js', line: 3, column: 12, endLine: 3, endColumn: 43, message: 'shell command' },
            { file: 'SubmitOrder/index.js', line: 3, column: 33, endLine: 3, endColumn: 38, message: 'the message is sent by function SubmitOrder from req.body (HTTP request body)' },
            { file: 'SubmitOrder/index.js', line: 2, column: 17, endLine: 2, endColumn: 25, message: 'req.body (HTTP request body)' },
            { file: 'SubmitOrder/index.js', line: 2, column: 9, endLine: 2, endColumn: 14, message: 'order' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'item.orderId', sink: 'execSync' },
          file: 'ShipOrder/index.js',
          line: 3, column: 12, endLine: 3, endColumn: 34,
          related: [
            { file: 'ShipOrder/index.js', line: 3, column: 22, endLine: 3, endColumn: 34, message: 'item.orderId (trigger input)' },
            { file: 'ShipOrder/index.js', line: 3, column: 12, endLine: 3, endColumn: 34, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v4: an HTTP registration sets a storage queue output read by a queue registration of the same app',
      files: {
        'src/functions/orders.js': js`
          const { app, output } = require('@azure/functions');
          const { execSync } = require('child_process');
          const ordersQueue = output.storageQueue({ queueName: 'orders', connection: 'AzureWebJobsStorage' });
          app.http('submitOrder', {
            methods: ['POST'],
            extraOutputs: [ordersQueue],
            handler: async (request, context) => {
              const order = await request.json();
              context.extraOutputs.set(ordersQueue, { orderId: order.orderId });
              return { status: 202 };
            },
          });
          app.storageQueue('processOrder', {
            queueName: 'orders',
            connection: 'AzureWebJobsStorage',
            handler: async (message) => {
              execSync('process-order ' + message.orderId);
            },
          });
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'message.orderId', sink: 'execSync' },
          file: 'src/functions/orders.js',
          line: 17, column: 14, endLine: 17, endColumn: 48,
          related: [
            { file: 'src/functions/orders.js', line: 17, column: 33, endLine: 17, endColumn: 48, message: 'message.orderId (trigger message)' },
            { file: 'src/functions/orders.js', line: 17, column: 14, endLine: 17, endColumn: 48, message: 'shell command' },
            { file: 'src/functions/orders.js', line: 9, column: 43, endLine: 9, endColumn: 69, message: 'the message is sent by function submitOrder from request.json().orderId (HTTP request body)' },
            { file: 'src/functions/orders.js', line: 8, column: 25, endLine: 8, endColumn: 39, message: 'request.json().orderId (HTTP request body)' },
            { file: 'src/functions/orders.js', line: 8, column: 11, endLine: 8, endColumn: 16, message: 'order' },
          ],
        },
      ],
      output: null,
    },
  ],
});

testRule(sql, {
  valid: [],
  invalid: [
    {
      name: 'serverless: PutEvents with a literal source and detail type; a rule matching both names the producer, a rule for another source does not',
      files: {
        'serverless.yml': yaml`
          service: signups
          provider:
            name: aws
            runtime: nodejs20.x
          functions:
            signup:
              handler: src/signup.handler
              events:
                - httpApi: POST /signup
            welcome:
              handler: src/welcome.handler
              events:
                - eventBridge:
                    pattern:
                      source: [signups.api]
                      detail-type: [UserSignedUp]
            billing:
              handler: src/billing.handler
              events:
                - eventBridge:
                    pattern:
                      source: [billing.api]
        `,
        'src/signup.js': js`
          const { EventBridgeClient, PutEventsCommand } = require('@aws-sdk/client-eventbridge');
          const events = new EventBridgeClient({});
          exports.handler = async (event) => {
            const user = JSON.parse(event.body);
            await events.send(new PutEventsCommand({
              Entries: [{ Source: 'signups.api', DetailType: 'UserSignedUp', Detail: JSON.stringify({ email: user.email }) }],
            }));
            return { statusCode: 201 };
          };
        `,
        'src/welcome.js': js`
          const mysql = require('mysql2/promise');
          exports.handler = async (event) => {
            const db = await mysql.createConnection(process.env.DATABASE_URL);
            await db.query("INSERT INTO welcome_queue (email) VALUES ('" + event.detail.email + "')");
          };
        `,
        'src/billing.js': js`
          const mysql = require('mysql2/promise');
          exports.handler = async (event) => {
            const db = await mysql.createConnection(process.env.DATABASE_URL);
            await db.query("INSERT INTO invoices (email) VALUES ('" + event.detail.email + "')");
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'event.detail.email', sink: 'query' },
          file: 'src/billing.js',
          line: 4, column: 18, endLine: 4, endColumn: 86,
          related: [
            { file: 'src/billing.js', line: 4, column: 61, endLine: 4, endColumn: 79, message: 'event.detail.email (EventBridge event detail)' },
            { file: 'src/billing.js', line: 4, column: 18, endLine: 4, endColumn: 86, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.detail.email', sink: 'query' },
          file: 'src/welcome.js',
          line: 4, column: 18, endLine: 4, endColumn: 91,
          related: [
            { file: 'src/welcome.js', line: 4, column: 66, endLine: 4, endColumn: 84, message: 'event.detail.email (EventBridge event detail)' },
            { file: 'src/welcome.js', line: 4, column: 18, endLine: 4, endColumn: 91, message: 'query text' },
            { file: 'src/signup.js', line: 6, column: 76, endLine: 6, endColumn: 113, message: 'the message is sent by function signup from event.body (HTTP request body)' },
            { file: 'src/signup.js', line: 4, column: 27, endLine: 4, endColumn: 37, message: 'event.body (HTTP request body)' },
            { file: 'src/signup.js', line: 4, column: 9, endLine: 4, endColumn: 13, message: 'user' },
          ],
        },
      ],
      output: null,
    },
  ],
});
