import rule from '../../../rules/checks/injection/code';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS: JSON.parse instead of eval, a function to setTimeout, a constant script',
      files: {
        'src/calc.js': js`
          const vm = require('vm');
          exports.handler = async (event) => {
            const data = JSON.parse(event.body);
            setTimeout(() => console.log(data.message), 10);
            vm.runInNewContext('1 + 1', {});
            return eval('2 * 21');
          };
        `,
      },
    },
    {
      name: 'AWS ESM/TypeScript: a map of functions chosen by name, and js-yaml\'s safe default',
      files: {
        'src/ops.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import yaml from 'js-yaml';
          const OPERATIONS: Record<string, (a: number, b: number) => number> = { add: (a, b) => a + b, mul: (a, b) => a * b };
          export const handler = async (event: APIGatewayProxyEvent) => {
            const op = OPERATIONS[event.queryStringParameters?.op ?? 'add'];
            const config = yaml.load(event.body ?? '');
            return { statusCode: 200, body: JSON.stringify({ result: op?.(1, 2), config }) };
          };
        `,
      },
    },
    {
      name: 'Azure v3 and v4: modules loaded from an allow-list',
      files: {
        'Plugin/index.js': js`
          const PLUGINS = ['resize', 'crop'];
          module.exports = async function (context, req) {
            const name = req.query.plugin;
            if (!PLUGINS.includes(name)) {
              context.res = { status: 404 };
              return;
            }
            require('./plugins/' + name).run();
          };
        `,
        'src/functions/render.js': js`
          const { app } = require('@azure/functions');
          app.http('render', {
            handler: async (request) => {
              const expression = Number(request.query.get('n'));
              return { body: String(eval(\`\${expression} * 2\`)) };
            },
          });
        `,
      },
    },
    {
      name: 'Google Cloud Functions and Express: parsing, not evaluating',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          functions.http('parse', (req, res) => res.json(JSON.parse(req.body.payload)));
        `,
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const app = express();
          app.post('/run', (req, res) => {
            setTimeout(() => res.json(req.body), 0);
          });
          module.exports.handler = serverless(app);
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS CommonJS: eval, new Function and a string setTimeout',
      files: {
        'src/calc.js': js`
          exports.handler = async (event) => {
            const { expression, body } = JSON.parse(event.body);
            const result = eval(expression);
            const fn = new Function('x', body);
            setTimeout('notify(' + event.queryStringParameters.id + ')', 100);
            return { statusCode: 200, body: String(result + fn(1)) };
          };
        `,
      },
      errors: [
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.body', sink: 'eval' },
          file: 'src/calc.js',
          line: 3,
          column: 23,
          endLine: 3,
          endColumn: 33,
          related: [
            { file: 'src/calc.js', line: 2, column: 43, endLine: 2, endColumn: 53, message: 'event.body (HTTP request body)' },
            { file: 'src/calc.js', line: 2, column: 11, endLine: 2, endColumn: 21, message: 'expression' },
            { file: 'src/calc.js', line: 3, column: 23, endLine: 3, endColumn: 33, message: 'evaluated code' },
          ],
        },
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.body', sink: 'Function' },
          file: 'src/calc.js',
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 36,
          related: [
            { file: 'src/calc.js', line: 2, column: 43, endLine: 2, endColumn: 53, message: 'event.body (HTTP request body)' },
            { file: 'src/calc.js', line: 2, column: 23, endLine: 2, endColumn: 27, message: 'body' },
            { file: 'src/calc.js', line: 4, column: 32, endLine: 4, endColumn: 36, message: 'function body' },
          ],
        },
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.queryStringParameters.id', sink: 'setTimeout' },
          file: 'src/calc.js',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 62,
          related: [
            { file: 'src/calc.js', line: 5, column: 26, endLine: 5, endColumn: 56, message: 'event.queryStringParameters.id (query string)' },
            { file: 'src/calc.js', line: 5, column: 14, endLine: 5, endColumn: 62, message: 'evaluated code' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS ESM/TypeScript: vm, node-serialize and js-yaml with the full schema',
      files: {
        'src/import.ts': ts`
          import type { SQSEvent } from 'aws-lambda';
          import vm from 'node:vm';
          import serialize from 'node-serialize';
          import yaml from 'js-yaml';

          export const handler = async (event: SQSEvent) => {
            for (const record of event.Records) {
              const job = serialize.unserialize(record.body);
              vm.runInNewContext(record.messageAttributes.script.stringValue ?? '', { job });
              yaml.load(record.body, { schema: yaml.DEFAULT_FULL_SCHEMA });
            }
          };
        `,
      },
      errors: [
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.Records[*].body', sink: 'unserialize' },
          file: 'src/import.ts',
          line: 8,
          column: 39,
          endLine: 8,
          endColumn: 50,
          related: [
            { file: 'src/import.ts', line: 7, column: 24, endLine: 7, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/import.ts', line: 7, column: 14, endLine: 7, endColumn: 20, message: 'record' },
            { file: 'src/import.ts', line: 8, column: 39, endLine: 8, endColumn: 50, message: 'serialized object' },
          ],
        },
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.Records[*].messageAttributes.script.stringValue', sink: 'runInNewContext' },
          file: 'src/import.ts',
          line: 9,
          column: 24,
          endLine: 9,
          endColumn: 73,
          related: [
            { file: 'src/import.ts', line: 7, column: 24, endLine: 7, endColumn: 37, message: 'event.Records[*].messageAttributes.script.stringValue (SQS message attribute)' },
            { file: 'src/import.ts', line: 7, column: 14, endLine: 7, endColumn: 20, message: 'record' },
            { file: 'src/import.ts', line: 9, column: 24, endLine: 9, endColumn: 73, message: 'evaluated code' },
          ],
        },
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.Records[*].body', sink: 'load' },
          file: 'src/import.ts',
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 26,
          related: [
            { file: 'src/import.ts', line: 7, column: 24, endLine: 7, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/import.ts', line: 7, column: 14, endLine: 7, endColumn: 20, message: 'record' },
            { file: 'src/import.ts', line: 10, column: 15, endLine: 10, endColumn: 26, message: 'YAML document' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS: require and import() of an input path',
      files: {
        'src/plugins.mjs': js`
          import { createRequire } from 'node:module';
          export const handler = async (event) => {
            const plugin = await import(\`./plugins/\${event.pathParameters.name}.mjs\`);
            return plugin.run();
          };
        `,
        'src/legacy.js': js`
          exports.handler = async (event) => require('./handlers/' + event.pathParameters.name)(event);
        `,
      },
      errors: [
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.pathParameters.name', sink: 'require' },
          file: 'src/legacy.js',
          line: 1,
          column: 44,
          endLine: 1,
          endColumn: 85,
          related: [
            { file: 'src/legacy.js', line: 1, column: 60, endLine: 1, endColumn: 85, message: 'event.pathParameters.name (path parameter)' },
            { file: 'src/legacy.js', line: 1, column: 44, endLine: 1, endColumn: 85, message: 'module path' },
          ],
        },
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.pathParameters.name', sink: 'import()' },
          file: 'src/plugins.mjs',
          line: 3,
          column: 31,
          endLine: 3,
          endColumn: 75,
          related: [
            { file: 'src/plugins.mjs', line: 3, column: 44, endLine: 3, endColumn: 69, message: 'event.pathParameters.name (path parameter)' },
            { file: 'src/plugins.mjs', line: 3, column: 31, endLine: 3, endColumn: 75, message: 'module path' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3: eval of a query parameter',
      files: {
        'Calc/index.js': js`
          module.exports = async function (context, req) {
            context.res = { body: String(eval(req.query.expression)) };
          };
        `,
      },
      errors: [
        {
          messageId: 'evaluatedCode',
          data: { source: 'req.query.expression', sink: 'eval' },
          file: 'Calc/index.js',
          line: 2,
          column: 37,
          endLine: 2,
          endColumn: 57,
          related: [
            { file: 'Calc/index.js', line: 2, column: 37, endLine: 2, endColumn: 57, message: 'req.query.expression (query string)' },
            { file: 'Calc/index.js', line: 2, column: 37, endLine: 2, endColumn: 57, message: 'evaluated code' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v4: new vm.Script from the request body',
      files: {
        'src/functions/script.js': js`
          const { app } = require('@azure/functions');
          const vm = require('node:vm');
          app.http('script', {
            methods: ['POST'],
            handler: async (request, context) => {
              const source = await request.text();
              return { body: String(new vm.Script(source).runInNewContext({})) };
            },
          });
        `,
      },
      errors: [
        {
          messageId: 'evaluatedCode',
          data: { source: 'request.text()', sink: 'vm.Script' },
          file: 'src/functions/script.js',
          line: 7,
          column: 41,
          endLine: 7,
          endColumn: 47,
          related: [
            { file: 'src/functions/script.js', line: 6, column: 26, endLine: 6, endColumn: 40, message: 'request.text() (HTTP request body)' },
            { file: 'src/functions/script.js', line: 6, column: 11, endLine: 6, endColumn: 17, message: 'source' },
            { file: 'src/functions/script.js', line: 7, column: 41, endLine: 7, endColumn: 47, message: 'evaluated code' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Google Cloud Functions: a CloudEvent\'s data as code',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          functions.cloudEvent('transform', (cloudEvent) => {
            const transform = Function('record', cloudEvent.data.transform);
            return transform(cloudEvent.data.record);
          });
        `,
      },
      errors: [
        {
          messageId: 'evaluatedCode',
          data: { source: 'cloudEvent.data.transform', sink: 'Function' },
          file: 'index.js',
          line: 3,
          column: 40,
          endLine: 3,
          endColumn: 65,
          related: [
            { file: 'index.js', line: 3, column: 40, endLine: 3, endColumn: 65, message: 'cloudEvent.data.transform (CloudEvent data)' },
            { file: 'index.js', line: 3, column: 40, endLine: 3, endColumn: 65, message: 'function body' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express under serverless-http: setInterval with a string from the body',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const app = express();
          app.use(express.json());
          app.post('/schedule', (req, res) => {
            setInterval(req.body.task, 1000);
            res.sendStatus(202);
          });
          module.exports.handler = serverless(app);
        `,
      },
      errors: [
        {
          messageId: 'evaluatedCode',
          data: { source: 'req.body.task', sink: 'setInterval' },
          file: 'app.js',
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 28,
          related: [
            { file: 'app.js', line: 6, column: 15, endLine: 6, endColumn: 28, message: 'req.body.task (HTTP request body)' },
            { file: 'app.js', line: 6, column: 15, endLine: 6, endColumn: 28, message: 'evaluated code' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: JSON.parse where eval parses JSON; none where it computes',
      files: {
        'src/orders.js': js`
          exports.handler = async (event) => {
            const order = eval('(' + event.body + ')');
            const settings = eval(event.queryStringParameters.settings);
            const total = eval(\`(\${event.headers['x-total']})\`).amount;
            const count = eval(event.pathParameters.count).length;
            const result = eval(event.queryStringParameters.expression);
            return { statusCode: 200, body: JSON.stringify({ id: order.id, theme: settings.theme, total, count, result: result * 2 }) };
          };
        `,
      },
      errors: [
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.body', sink: 'eval' },
          file: 'src/orders.js',
          line: 2,
          column: 22,
          endLine: 2,
          endColumn: 44,
          suggestions: [
            { messageId: 'jsonParse', output: { 'src/orders.js': js`
                exports.handler = async (event) => {
                  const order = JSON.parse(event.body);
                  const settings = eval(event.queryStringParameters.settings);
                  const total = eval(\`(\${event.headers['x-total']})\`).amount;
                  const count = eval(event.pathParameters.count).length;
                  const result = eval(event.queryStringParameters.expression);
                  return { statusCode: 200, body: JSON.stringify({ id: order.id, theme: settings.theme, total, count, result: result * 2 }) };
                };
              ` } },
          ],
        },
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.queryStringParameters.settings', sink: 'eval' },
          file: 'src/orders.js',
          line: 3,
          column: 25,
          endLine: 3,
          endColumn: 61,
          suggestions: [
            { messageId: 'jsonParse', output: { 'src/orders.js': js`
                exports.handler = async (event) => {
                  const order = eval('(' + event.body + ')');
                  const settings = JSON.parse(event.queryStringParameters.settings);
                  const total = eval(\`(\${event.headers['x-total']})\`).amount;
                  const count = eval(event.pathParameters.count).length;
                  const result = eval(event.queryStringParameters.expression);
                  return { statusCode: 200, body: JSON.stringify({ id: order.id, theme: settings.theme, total, count, result: result * 2 }) };
                };
              ` } },
          ],
        },
        {
          messageId: 'evaluatedCode',
          data: { source: "event.headers['x-total']", sink: 'eval' },
          file: 'src/orders.js',
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 53,
          suggestions: [
            { messageId: 'jsonParse', output: { 'src/orders.js': js`
                exports.handler = async (event) => {
                  const order = eval('(' + event.body + ')');
                  const settings = eval(event.queryStringParameters.settings);
                  const total = JSON.parse(event.headers['x-total']).amount;
                  const count = eval(event.pathParameters.count).length;
                  const result = eval(event.queryStringParameters.expression);
                  return { statusCode: 200, body: JSON.stringify({ id: order.id, theme: settings.theme, total, count, result: result * 2 }) };
                };
              ` } },
          ],
        },
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.pathParameters.count', sink: 'eval' },
          file: 'src/orders.js',
          line: 5,
          column: 22,
          endLine: 5,
          endColumn: 48,
          suggestions: [
            { messageId: 'jsonParse', output: { 'src/orders.js': js`
                exports.handler = async (event) => {
                  const order = eval('(' + event.body + ')');
                  const settings = eval(event.queryStringParameters.settings);
                  const total = eval(\`(\${event.headers['x-total']})\`).amount;
                  const count = JSON.parse(event.pathParameters.count).length;
                  const result = eval(event.queryStringParameters.expression);
                  return { statusCode: 200, body: JSON.stringify({ id: order.id, theme: settings.theme, total, count, result: result * 2 }) };
                };
              ` } },
          ],
        },
        {
          messageId: 'evaluatedCode',
          data: { source: 'event.queryStringParameters.expression', sink: 'eval' },
          file: 'src/orders.js',
          line: 6,
          column: 23,
          endLine: 6,
          endColumn: 61,
          suggestions: [],
        },
      ],
      output: null,
    },
  ],
});
