import rule from '../../../rules/checks/injection/nosql';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS: PartiQL with parameters and expressions with attribute values',
      files: {
        'src/items.js': js`
          const { DynamoDBClient, ExecuteStatementCommand } = require('@aws-sdk/client-dynamodb');
          const { DynamoDBDocumentClient, QueryCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
          const client = new DynamoDBClient({});
          const documents = DynamoDBDocumentClient.from(client);
          exports.handler = async (event) => {
            const id = event.pathParameters.id;
            await client.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM items WHERE id = ?', Parameters: [{ S: id }] }));
            await documents.send(new QueryCommand({ TableName: 'items', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': id } }));
            await documents.send(new UpdateCommand({ TableName: 'items', Key: { id }, UpdateExpression: 'SET #n = :n', ExpressionAttributeNames: { '#n': 'name' }, ExpressionAttributeValues: { ':n': JSON.parse(event.body).name } }));
          };
        `,
      },
    },
    {
      name: 'AWS TypeScript: a constant statement and an allow-listed attribute name',
      files: {
        'src/list.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import { DynamoDBClient, ExecuteStatementCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
          const client = new DynamoDBClient({});
          const FIELDS = new Set(['name', 'price']);
          export const handler = async (event: APIGatewayProxyEvent) => {
            await client.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM items' }));
            const field = event.queryStringParameters?.field ?? 'name';
            if (!FIELDS.has(field)) return { statusCode: 400, body: '' };
            await client.send(new ScanCommand({ TableName: 'items', ProjectionExpression: field }));
            return { statusCode: 200, body: '' };
          };
        `,
      },
    },
    {
      name: 'MongoDB: filters from path parameters (always strings), converted values and $eq',
      files: {
        'Users/index.js': js`
          const { MongoClient } = require('mongodb');
          const client = new MongoClient(process.env.MONGO_URL);
          module.exports = async function (context, req) {
            const users = client.db('app').collection('users');
            context.res = { body: await users.findOne({ _id: req.params.id }) };
            await users.findOne({ name: String(req.body.name) });
            await users.find({ email: { $eq: req.body.email } }).toArray();
            await users.deleteOne({ token: \`\${req.body.token}\` });
          };
        `,
      },
    },
    {
      name: 'Mongoose in Express and a zod-validated Azure v4 body',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const mongoose = require('mongoose');
          const User = mongoose.model('User', new mongoose.Schema({ name: String }));
          const app = express();
          app.get('/users/:id', async (req, res) => res.json(await User.findById(req.params.id)));
          app.get('/users', async (req, res) => res.json(await User.find({ name: req.params.name })));
          module.exports.handler = serverless(app);
        `,
        'src/functions/orders.js': js`
          const { app } = require('@azure/functions');
          const { z } = require('zod');
          const { MongoClient } = require('mongodb');
          const orders = new MongoClient(process.env.MONGO_URL).db('shop').collection('orders');
          const Filter = z.object({ status: z.enum(['open', 'closed']) });
          app.http('orders', {
            handler: async (request) => {
              const { status } = Filter.parse(await request.json());
              return { jsonBody: await orders.find({ status }).toArray() };
            },
          });
        `,
      },
    },
    {
      name: 'Google Cloud Functions: constant filters',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const { MongoClient } = require('mongodb');
          const events = new MongoClient(process.env.MONGO_URL).db('app').collection('events');
          functions.http('recent', async (req, res) => {
            res.json(await events.find({ kind: 'login' }).limit(Number(req.query.limit)).toArray());
          });
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS TypeScript: a path parameter pasted into a PartiQL statement',
      files: {
        'src/get-item.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';

          const client = new DynamoDBClient({});

          export const handler = async (event: APIGatewayProxyEvent) => {
            const id = event.pathParameters?.id;
            const result = await client.send(new ExecuteStatementCommand({ Statement: "SELECT * FROM items WHERE id = '" + id + "'" }));
            return { statusCode: 200, body: JSON.stringify(result.Items) };
          };
        `,
      },
      errors: [
        {
          messageId: 'nosqlQuery',
          data: { source: 'event.pathParameters.id', sink: 'ExecuteStatementCommand' },
          file: 'src/get-item.ts',
          line: 8,
          column: 77,
          endLine: 8,
          endColumn: 122,
          related: [
            { file: 'src/get-item.ts', line: 7, column: 14, endLine: 7, endColumn: 38, message: 'event.pathParameters.id (path parameter)' },
            { file: 'src/get-item.ts', line: 7, column: 9, endLine: 7, endColumn: 11, message: 'id' },
            { file: 'src/get-item.ts', line: 8, column: 77, endLine: 8, endColumn: 122, message: 'PartiQL statement' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS CommonJS: expression strings built from the body, SDK v3 and v2',
      files: {
        'src/search.js': js`
          const { DynamoDBDocumentClient, QueryCommand, UpdateCommand } = require('@aws-sdk/lib-dynamodb');
          const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
          const AWS = require('aws-sdk');
          const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
          const legacy = new AWS.DynamoDB.DocumentClient();

          exports.handler = async (event) => {
            const { field, value, attribute } = JSON.parse(event.body);
            await documents.send(new QueryCommand({ TableName: 'items', KeyConditionExpression: 'pk = :pk', FilterExpression: \`\${field} = :v\`, ExpressionAttributeValues: { ':pk': 'item', ':v': value } }));
            await documents.send(new UpdateCommand({ TableName: 'items', Key: { pk: 'item' }, UpdateExpression: 'SET ' + attribute + ' = :v', ExpressionAttributeValues: { ':v': value } }));
            await legacy.scan({ TableName: 'items', ProjectionExpression: event.queryStringParameters.fields }).promise();
          };
        `,
      },
      errors: [
        {
          messageId: 'nosqlQuery',
          data: { source: 'event.body', sink: 'QueryCommand' },
          file: 'src/search.js',
          line: 9,
          column: 117,
          endLine: 9,
          endColumn: 132,
          related: [
            { file: 'src/search.js', line: 8, column: 50, endLine: 8, endColumn: 60, message: 'event.body (HTTP request body)' },
            { file: 'src/search.js', line: 8, column: 11, endLine: 8, endColumn: 16, message: 'field' },
            { file: 'src/search.js', line: 9, column: 117, endLine: 9, endColumn: 132, message: 'FilterExpression' },
          ],
        },
        {
          messageId: 'nosqlQuery',
          data: { source: 'event.body', sink: 'UpdateCommand' },
          file: 'src/search.js',
          line: 10,
          column: 103,
          endLine: 10,
          endColumn: 131,
          related: [
            { file: 'src/search.js', line: 8, column: 50, endLine: 8, endColumn: 60, message: 'event.body (HTTP request body)' },
            { file: 'src/search.js', line: 8, column: 25, endLine: 8, endColumn: 34, message: 'attribute' },
            { file: 'src/search.js', line: 10, column: 103, endLine: 10, endColumn: 131, message: 'UpdateExpression' },
          ],
        },
        {
          messageId: 'nosqlQuery',
          data: { source: 'event.queryStringParameters.fields', sink: 'scan' },
          file: 'src/search.js',
          line: 11,
          column: 65,
          endLine: 11,
          endColumn: 99,
          related: [
            { file: 'src/search.js', line: 11, column: 65, endLine: 11, endColumn: 99, message: 'event.queryStringParameters.fields (query string)' },
            { file: 'src/search.js', line: 11, column: 65, endLine: 11, endColumn: 99, message: 'ProjectionExpression' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS: batch PartiQL statements from DynamoDB stream records',
      files: {
        'src/sync.js': js`
          const { DynamoDBClient, BatchExecuteStatementCommand } = require('@aws-sdk/client-dynamodb');
          const client = new DynamoDBClient({});

          exports.handler = async (event) => {
            const statements = event.Records.map((record) => ({
              Statement: \`UPDATE mirror SET name = '\${record.dynamodb.NewImage.name.S}' WHERE id = '\${record.dynamodb.Keys.id.S}'\`,
            }));
            await client.send(new BatchExecuteStatementCommand({ Statements: statements }));
            await client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: 'DELETE FROM mirror WHERE id = ' + event.Records[0].dynamodb.Keys.id.S }] }));
          };
        `,
      },
      errors: [
        {
          messageId: 'nosqlQuery',
          data: { source: 'event.Records[*].dynamodb.NewImage.name.S', sink: 'BatchExecuteStatementCommand' },
          file: 'src/sync.js',
          line: 8,
          column: 68,
          endLine: 8,
          endColumn: 78,
          related: [
            { file: 'src/sync.js', line: 5, column: 22, endLine: 5, endColumn: 35, message: 'event.Records[*].dynamodb.NewImage.name.S (DynamoDB stream record)' },
            { file: 'src/sync.js', line: 5, column: 41, endLine: 5, endColumn: 47, message: 'record (callback parameter)' },
            { file: 'src/sync.js', line: 5, column: 22, endLine: 7, endColumn: 6, message: 'returned by the callback' },
            { file: 'src/sync.js', line: 5, column: 9, endLine: 5, endColumn: 19, message: 'statements' },
            { file: 'src/sync.js', line: 8, column: 68, endLine: 8, endColumn: 78, message: 'PartiQL statement' },
          ],
        },
        {
          messageId: 'nosqlQuery',
          data: { source: 'event.Records[0].dynamodb.Keys.id.S', sink: 'BatchExecuteStatementCommand' },
          file: 'src/sync.js',
          line: 9,
          column: 82,
          endLine: 9,
          endColumn: 152,
          related: [
            { file: 'src/sync.js', line: 9, column: 117, endLine: 9, endColumn: 152, message: 'event.Records[0].dynamodb.Keys.id.S (DynamoDB stream record)' },
            { file: 'src/sync.js', line: 9, column: 82, endLine: 9, endColumn: 152, message: 'PartiQL statement' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3: MongoDB filters from the parsed body and a $where',
      files: {
        'Login/index.js': js`
          const { MongoClient } = require('mongodb');
          const client = new MongoClient(process.env.MONGO_URL);

          module.exports = async function (context, req) {
            const users = client.db('app').collection('users');
            const user = await users.findOne({ name: req.body.name, password: req.body.password });
            const found = await users.find({ $where: \`this.nickname == '\${req.query.nick}'\` }).toArray();
            context.res = { body: { user, found } };
          };
        `,
      },
      errors: [
        {
          messageId: 'nosqlQuery',
          data: { source: 'req.body.name', sink: 'findOne' },
          file: 'Login/index.js',
          line: 6,
          column: 36,
          endLine: 6,
          endColumn: 88,
          related: [
            { file: 'Login/index.js', line: 6, column: 44, endLine: 6, endColumn: 57, message: 'req.body.name (HTTP request body)' },
            { file: 'Login/index.js', line: 6, column: 36, endLine: 6, endColumn: 88, message: 'query filter' },
          ],
        },
        {
          messageId: 'nosqlQuery',
          data: { source: 'req.query.nick', sink: 'find' },
          file: 'Login/index.js',
          line: 7,
          column: 44,
          endLine: 7,
          endColumn: 82,
          related: [
            { file: 'Login/index.js', line: 7, column: 65, endLine: 7, endColumn: 79, message: 'req.query.nick (query string)' },
            { file: 'Login/index.js', line: 7, column: 44, endLine: 7, endColumn: 82, message: '$where code' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v4: a filter taken whole from the JSON body',
      files: {
        'src/functions/orders.js': js`
          const { app } = require('@azure/functions');
          const { MongoClient } = require('mongodb');
          const orders = new MongoClient(process.env.MONGO_URL).db('shop').collection('orders');

          app.http('orders', {
            methods: ['POST'],
            handler: async (request, context) => {
              const filter = await request.json();
              return { jsonBody: await orders.find(filter).toArray() };
            },
          });
        `,
      },
      errors: [
        {
          messageId: 'nosqlQuery',
          data: { source: 'request.json()', sink: 'find' },
          file: 'src/functions/orders.js',
          line: 9,
          column: 42,
          endLine: 9,
          endColumn: 48,
          related: [
            { file: 'src/functions/orders.js', line: 8, column: 26, endLine: 8, endColumn: 40, message: 'request.json() (HTTP request body)' },
            { file: 'src/functions/orders.js', line: 8, column: 11, endLine: 8, endColumn: 17, message: 'filter' },
            { file: 'src/functions/orders.js', line: 9, column: 42, endLine: 9, endColumn: 48, message: 'query filter' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Google Cloud Functions: Mongoose with the query object',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const mongoose = require('mongoose');
          const Product = mongoose.model('Product', new mongoose.Schema({ name: String }));

          functions.http('products', async (req, res) => {
            res.json(await Product.find(req.query));
          });
        `,
      },
      errors: [
        {
          messageId: 'nosqlQuery',
          data: { source: 'req.query', sink: 'find' },
          file: 'index.js',
          line: 6,
          column: 31,
          endLine: 6,
          endColumn: 40,
          related: [
            { file: 'index.js', line: 6, column: 31, endLine: 6, endColumn: 40, message: 'req.query (query string)' },
            { file: 'index.js', line: 6, column: 31, endLine: 6, endColumn: 40, message: 'query filter' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express under serverless-http: operator injection through the query string',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const mongoose = require('mongoose');
          const User = mongoose.model('User', new mongoose.Schema({ email: String }));

          const app = express();
          app.post('/reset', async (req, res) => {
            const user = await User.findOneAndUpdate({ email: req.query.email }, { resetToken: null });
            res.json({ ok: Boolean(user) });
          });
          module.exports.handler = serverless(app);
        `,
      },
      errors: [
        {
          messageId: 'nosqlQuery',
          data: { source: 'req.query.email', sink: 'findOneAndUpdate' },
          file: 'app.js',
          line: 8,
          column: 44,
          endLine: 8,
          endColumn: 70,
          related: [
            { file: 'app.js', line: 8, column: 53, endLine: 8, endColumn: 68, message: 'req.query.email (query string)' },
            { file: 'app.js', line: 8, column: 44, endLine: 8, endColumn: 70, message: 'query filter' },
          ],
        },
      ],
      output: null,
    },
  ],
});
