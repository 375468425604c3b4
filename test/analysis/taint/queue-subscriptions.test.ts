/**
 * The queue link through SNS subscriptions and serverless variables (rules/analysis/taint/queues.ts):
 * a topic delivered to a queue (`Protocol: sqs`) or to a function (`Protocol: lambda`), and queue
 * names written through `${self:…}` on one side and `!Ref` / a name on the other.
 */
import command from '../../../rules/checks/injection/command';
import { js, testRule, yaml } from '../../helpers/rule-tester';

const PUBLISH = js`
  const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
  const sns = new SNSClient({});
  exports.handler = async (event) => {
    const order = JSON.parse(event.body);
    await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: JSON.stringify({ sku: order.sku }) }));
    return { statusCode: 202 };
  };
`;

const FROM_QUEUE = js`
  const { execSync } = require('child_process');
  exports.handler = async (event) => {
    for (const record of event.Records) {
      const { sku } = JSON.parse(JSON.parse(record.body).Message);
      execSync('pick-item ' + sku);
    }
  };
`;

const FROM_TOPIC = js`
  const { execSync } = require('child_process');
  exports.handler = async (event) => {
    execSync('audit ' + event.Records[0].Sns.Message);
  };
`;

const SAM_FILES = {
  'template.yaml': yaml`
    AWSTemplateFormatVersion: '2010-09-09'
    Transform: AWS::Serverless-2016-10-31
    Resources:
      OrdersTopic:
        Type: AWS::SNS::Topic
      OtherTopic:
        Type: AWS::SNS::Topic
      PickQueue:
        Type: AWS::SQS::Queue
      PickSubscription:
        Type: AWS::SNS::Subscription
        Properties:
          Protocol: sqs
          TopicArn: !Ref OrdersTopic
          Endpoint: !GetAtt PickQueue.Arn
      AuditSubscription:
        Type: AWS::SNS::Subscription
        Properties:
          Protocol: lambda
          TopicArn: !Ref OrdersTopic
          Endpoint: !GetAtt Audit.Arn
      OtherSubscription:
        Type: AWS::SNS::Subscription
        Properties:
          Protocol: lambda
          TopicArn: !Ref OtherTopic
          Endpoint: !GetAtt Report.Arn
      Submit:
        Type: AWS::Serverless::Function
        Properties:
          Handler: src/submit.handler
          Runtime: nodejs20.x
          Environment:
            Variables:
              TOPIC_ARN: !Ref OrdersTopic
          Events:
            Api:
              Type: Api
              Properties: { Path: /orders, Method: post }
      Pick:
        Type: AWS::Serverless::Function
        Properties:
          Handler: src/pick.handler
          Runtime: nodejs20.x
          Events:
            Queue:
              Type: SQS
              Properties:
                Queue: !GetAtt PickQueue.Arn
      Audit:
        Type: AWS::Serverless::Function
        Properties:
          Handler: src/audit.handler
          Runtime: nodejs20.x
      Report:
        Type: AWS::Serverless::Function
        Properties:
          Handler: src/report.handler
          Runtime: nodejs20.x
  `,
  'src/submit.js': PUBLISH,
  'src/pick.js': FROM_QUEUE,
  'src/audit.js': FROM_TOPIC,
  'src/report.js': FROM_TOPIC,
};

const SERVERLESS_FILES = {
  'serverless.yml': yaml`
    service: orders
    custom:
      queueName: orders-\${sls:stage}
      auditArn: !GetAtt AuditQueue.Arn
    provider:
      name: aws
      runtime: nodejs20.x
    functions:
      submit:
        handler: src/submit.handler
        environment:
          ORDERS_URL: https://sqs.\${aws:region}.amazonaws.com/\${aws:accountId}/\${self:custom.queueName}
          AUDIT_URL: !Ref AuditQueue
          TOPIC_ARN: !Ref AlertsTopic
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
          - sqs: \${self:custom.auditArn}
      alerts:
        handler: src/alerts.handler
        events:
          - sqs:
              arn: !GetAtt AlertsQueue.Arn
      archive:
        handler: src/archive.handler
        events:
          - sqs: arn:aws:sqs:\${aws:region}:\${aws:accountId}:archive-\${sls:stage}
      notify:
        handler: src/notify.handler
    resources:
      Resources:
        OrdersQueue:
          Type: AWS::SQS::Queue
          Properties:
            QueueName: \${self:custom.queueName}
        AuditQueue:
          Type: AWS::SQS::Queue
        AlertsQueue:
          Type: AWS::SQS::Queue
        AlertsTopic:
          Type: AWS::SNS::Topic
          Properties:
            Subscription:
              - Protocol: sqs
                Endpoint: !GetAtt AlertsQueue.Arn
        NotifySubscription:
          Type: AWS::SNS::Subscription
          Properties:
            Protocol: lambda
            TopicArn: !Ref AlertsTopic
            Endpoint: !GetAtt NotifyLambdaFunction.Arn
  `,
  'src/submit.js': js`
    const { SQSClient, SendMessageCommand } = require('@aws-sdk/client-sqs');
    const { SNSClient, PublishCommand } = require('@aws-sdk/client-sns');
    const sqs = new SQSClient({});
    const sns = new SNSClient({});
    exports.handler = async (event) => {
      const order = JSON.parse(event.body);
      await sqs.send(new SendMessageCommand({ QueueUrl: process.env.ORDERS_URL, MessageBody: order.sku }));
      await sqs.send(new SendMessageCommand({ QueueUrl: process.env.AUDIT_URL, MessageBody: order.note }));
      await sns.send(new PublishCommand({ TopicArn: process.env.TOPIC_ARN, Message: order.alert }));
      return { statusCode: 202 };
    };
  `,
  'src/notify.js': js`
    const { execSync } = require('child_process');
    exports.handler = async (event) => {
      execSync('notify ' + event.Records[0].Sns.Message);
    };
  `,
  'src/fulfil.js': js`
    const { execSync } = require('child_process');
    exports.handler = async (event) => {
      execSync('pick-item ' + event.Records[0].body);
    };
  `,
  'src/audit.js': js`
    const { execSync } = require('child_process');
    exports.handler = async (event) => {
      execSync('audit ' + event.Records[0].body);
    };
  `,
  'src/alerts.js': js`
    const { execSync } = require('child_process');
    exports.handler = async (event) => {
      execSync('page ' + JSON.parse(event.Records[0].body).Message);
    };
  `,
  'src/archive.js': js`
    const { execSync } = require('child_process');
    exports.handler = async (event) => {
      execSync('archive ' + event.Records[0].body);
    };
  `,
};

testRule(command, {
  valid: [],
  invalid: [
    {
      name: 'SAM: a topic delivered to a queue and to a function by subscriptions; other subscriptions are not linked',
      files: SAM_FILES,
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].Sns.Message', sink: 'execSync' },
          file: 'src/audit.js',
          line: 3, column: 12, endLine: 3, endColumn: 51,
          related: [
            { file: 'src/audit.js', line: 3, column: 23, endLine: 3, endColumn: 51, message: 'event.Records[0].Sns.Message (SNS message)' },
            { file: 'src/audit.js', line: 3, column: 12, endLine: 3, endColumn: 51, message: 'shell command' },
            { file: 'src/submit.js', line: 5, column: 81, endLine: 5, endColumn: 115, message: 'the message is sent by function Submit from event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 4, column: 28, endLine: 4, endColumn: 38, message: 'event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 4, column: 9, endLine: 4, endColumn: 14, message: 'order' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[*].body', sink: 'execSync' },
          file: 'src/pick.js',
          line: 5, column: 14, endLine: 5, endColumn: 32,
          related: [
            { file: 'src/pick.js', line: 3, column: 24, endLine: 3, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/pick.js', line: 3, column: 14, endLine: 3, endColumn: 20, message: 'record' },
            { file: 'src/pick.js', line: 4, column: 13, endLine: 4, endColumn: 16, message: 'sku' },
            { file: 'src/pick.js', line: 5, column: 14, endLine: 5, endColumn: 32, message: 'shell command' },
            { file: 'src/submit.js', line: 5, column: 81, endLine: 5, endColumn: 115, message: 'the message is sent by function Submit from event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 4, column: 28, endLine: 4, endColumn: 38, message: 'event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 4, column: 9, endLine: 4, endColumn: 14, message: 'order' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].Sns.Message', sink: 'execSync' },
          file: 'src/report.js',
          line: 3, column: 12, endLine: 3, endColumn: 51,
          related: [
            { file: 'src/report.js', line: 3, column: 23, endLine: 3, endColumn: 51, message: 'event.Records[0].Sns.Message (SNS message)' },
            { file: 'src/report.js', line: 3, column: 12, endLine: 3, endColumn: 51, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'serverless: queue names through ${self:custom…}, a topic subscription list, a subscribed function, a different name not linked',
      files: SERVERLESS_FILES,
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].body', sink: 'execSync' },
          file: 'src/alerts.js',
          line: 3, column: 12, endLine: 3, endColumn: 63,
          related: [
            { file: 'src/alerts.js', line: 3, column: 33, endLine: 3, endColumn: 54, message: 'event.Records[0].body (SQS message body)' },
            { file: 'src/alerts.js', line: 3, column: 12, endLine: 3, endColumn: 63, message: 'shell command' },
            { file: 'src/submit.js', line: 9, column: 81, endLine: 9, endColumn: 92, message: 'the message is sent by function submit from event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 6, column: 28, endLine: 6, endColumn: 38, message: 'event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 6, column: 9, endLine: 6, endColumn: 14, message: 'order' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].body', sink: 'execSync' },
          file: 'src/archive.js',
          line: 3, column: 12, endLine: 3, endColumn: 46,
          related: [
            { file: 'src/archive.js', line: 3, column: 25, endLine: 3, endColumn: 46, message: 'event.Records[0].body (SQS message body)' },
            { file: 'src/archive.js', line: 3, column: 12, endLine: 3, endColumn: 46, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].body', sink: 'execSync' },
          file: 'src/audit.js',
          line: 3, column: 12, endLine: 3, endColumn: 44,
          related: [
            { file: 'src/audit.js', line: 3, column: 23, endLine: 3, endColumn: 44, message: 'event.Records[0].body (SQS message body)' },
            { file: 'src/audit.js', line: 3, column: 12, endLine: 3, endColumn: 44, message: 'shell command' },
            { file: 'src/submit.js', line: 8, column: 89, endLine: 8, endColumn: 99, message: 'the message is sent by function submit from event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 6, column: 28, endLine: 6, endColumn: 38, message: 'event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 6, column: 9, endLine: 6, endColumn: 14, message: 'order' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].body', sink: 'execSync' },
          file: 'src/fulfil.js',
          line: 3, column: 12, endLine: 3, endColumn: 48,
          related: [
            { file: 'src/fulfil.js', line: 3, column: 27, endLine: 3, endColumn: 48, message: 'event.Records[0].body (SQS message body)' },
            { file: 'src/fulfil.js', line: 3, column: 12, endLine: 3, endColumn: 48, message: 'shell command' },
            { file: 'src/submit.js', line: 7, column: 90, endLine: 7, endColumn: 99, message: 'the message is sent by function submit from event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 6, column: 28, endLine: 6, endColumn: 38, message: 'event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 6, column: 9, endLine: 6, endColumn: 14, message: 'order' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].Sns.Message', sink: 'execSync' },
          file: 'src/notify.js',
          line: 3, column: 12, endLine: 3, endColumn: 52,
          related: [
            { file: 'src/notify.js', line: 3, column: 24, endLine: 3, endColumn: 52, message: 'event.Records[0].Sns.Message (SNS message)' },
            { file: 'src/notify.js', line: 3, column: 12, endLine: 3, endColumn: 52, message: 'shell command' },
            { file: 'src/submit.js', line: 9, column: 81, endLine: 9, endColumn: 92, message: 'the message is sent by function submit from event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 6, column: 28, endLine: 6, endColumn: 38, message: 'event.body (HTTP request body)' },
            { file: 'src/submit.js', line: 6, column: 9, endLine: 6, endColumn: 14, message: 'order' },
          ],
        },
      ],
      output: null,
    },
  ],
});
