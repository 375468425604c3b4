import rule from '../../../rules/checks/injection/command';
import { js, json, testRule, ts, yaml } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'execFile with the event value as an array element (no shell)',
      files: {
        'src/list.js': js`
          const { execFile, spawn } = require('child_process');
          exports.handler = async (event) => {
            execFile('ls', ['-la', event.body]);
            spawn('ls', [event.body], { shell: false });
          };
        `,
      },
    },
    {
      name: 'a constant command',
      files: {
        'src/list.js': js`
          const { exec } = require('child_process');
          exports.handler = async (event) => {
            exec('ls -la');
            return event;
          };
        `,
      },
    },
    {
      name: 'numbers and a branch on the event choose between constants',
      files: {
        'src/sleep.mjs': js`
          import { execSync } from 'node:child_process';
          export async function handler(event) {
            execSync('sleep ' + Number(event.seconds));
            execSync(\`head -n \${parseInt(event.lines, 10)} /tmp/log\`);
            execSync('ls ' + (event.body === 'all' ? '-a' : '-l'));
          }
        `,
      },
    },
    {
      name: 'the AWS context object is not event data',
      files: {
        'src/name.js': js`
          const { exec } = require('child_process');
          exports.handler = async (event, context) => {
            exec('echo ' + context.functionName);
          };
        `,
      },
    },
    {
      name: 'an exec that is not child_process',
      files: {
        'src/query.js': js`
          const { exec } = require('./db');
          const shell = { exec: (s) => s };
          exports.handler = async (event) => {
            exec('SELECT 1 WHERE id = ?', [event.id]);
            shell.exec(event.body);
          };
        `,
      },
    },
    {
      name: 'a utility module whose export takes a command, not an event',
      files: {
        'src/run.js': js`
          const { execSync } = require('child_process');
          module.exports = function run(command) {
            return execSync(command);
          };
        `,
      },
    },
    {
      name: 'a shell command outside any handler',
      files: {
        'src/version.js': js`
          const { execSync } = require('child_process');
          const commit = execSync('git rev-parse HEAD').toString().trim();
          exports.handler = async () => ({ commit });
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'CommonJS exports.handler concatenating event.body into exec',
      files: {
        'src/list.js': js`
          const { exec } = require('child_process');

          exports.handler = async (event) => {
            exec('ls ' + event.body, (error, stdout) => console.log(stdout));
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'exec' },
          file: 'src/list.js',
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 26,
          related: [{ file: 'src/list.js', line: 4, column: 16, endLine: 4, endColumn: 26, message: 'event data enters here' }],
        },
      ],
      output: null,
    },
    {
      name: 'ESM handler: JSON.parse, destructuring, a string method and a template literal',
      files: {
        'src/list.mjs': js`
          import { execSync } from 'node:child_process';

          export const handler = async (event) => {
            const { dir } = JSON.parse(event.body);
            const listing = execSync(\`ls -la \${dir.trim()}\`);
            return { statusCode: 200, body: listing.toString() };
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'execSync' },
          file: 'src/list.mjs',
          line: 5,
          column: 28,
          endLine: 5,
          endColumn: 50,
          related: [{ file: 'src/list.mjs', line: 4, column: 30, endLine: 4, endColumn: 40 }],
        },
      ],
      output: null,
    },
    {
      name: 'namespace import, a command variable and a nested query parameter',
      files: {
        'src/convert.js': js`
          import * as cp from 'child_process';

          export async function handler(event) {
            const params = event.queryStringParameters;
            let command = 'convert ';
            command += params.file;
            cp.exec(command);
          }
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.queryStringParameters.file', sink: 'exec' },
          file: 'src/convert.js',
          line: 7,
          column: 11,
          endLine: 7,
          endColumn: 18,
          related: [{ file: 'src/convert.js', line: 4, column: 18, endLine: 4, endColumn: 45 }],
        },
      ],
      output: null,
    },
    {
      name: 'module.exports.handler with child_process.exec and a destructured parameter',
      files: {
        'handler.js': js`
          const child_process = require('child_process');

          module.exports.handler = async ({ pathParameters }) => {
            child_process.exec(\`ping -c 1 \${pathParameters.host}\`);
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.pathParameters.host', sink: 'exec' },
          file: 'handler.js',
          line: 4,
          column: 22,
          endLine: 4,
          endColumn: 56,
          related: [{ file: 'handler.js', line: 3, column: 35, endLine: 3, endColumn: 49 }],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3: the request parameter and context.bindings',
      files: {
        'Ping/index.js': js`
          const { exec } = require('child_process');

          module.exports = async function (context, req) {
            const name = req.query.name || (req.body && req.body.name);
            exec(\`echo \${name}\`);
            exec('process ' + context.bindings.queueItem);
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'req.query.name', sink: 'exec' },
          file: 'Ping/index.js',
          line: 5,
          column: 8,
          endLine: 5,
          endColumn: 22,
          related: [{ file: 'Ping/index.js', line: 4, column: 16, endLine: 4, endColumn: 30 }],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'context.bindings.queueItem', sink: 'exec' },
          file: 'Ping/index.js',
          line: 6,
          column: 8,
          endLine: 6,
          endColumn: 47,
          related: [{ file: 'Ping/index.js', line: 6, column: 21, endLine: 6, endColumn: 47 }],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3 in TypeScript: a default export with typed parameters',
      files: {
        'Resize/index.ts': ts`
          import { AzureFunction, Context, HttpRequest } from '@azure/functions';
          import { execSync } from 'child_process';

          const httpTrigger: AzureFunction = async function (context: Context, req: HttpRequest): Promise<void> {
            const size = (req.query.size as string).toLowerCase();
            context.res = { body: execSync('convert -resize ' + size + ' in.png out.png') };
          };

          export default httpTrigger;
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'req.query.size', sink: 'execSync' },
          file: 'Resize/index.ts',
          line: 6,
          column: 34,
          endLine: 6,
          endColumn: 79,
        },
      ],
      output: null,
    },
    {
      name: 'TypeScript AWS handler: type assertions and a promisified, renamed exec',
      files: {
        'src/ping.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import { exec as run } from 'child_process';
          import { promisify } from 'util';

          const execAsync = promisify(run);

          export const handler = async (event: APIGatewayProxyEvent): Promise<void> => {
            const host = event.pathParameters!.host as string;
            await execAsync(\`ping -c 1 \${host}\`);
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.pathParameters.host', sink: 'exec' },
          file: 'src/ping.ts',
          line: 9,
          column: 19,
          endLine: 9,
          endColumn: 38,
          related: [{ file: 'src/ping.ts', line: 8, column: 16, endLine: 8, endColumn: 42 }],
        },
      ],
      output: null,
    },
    {
      name: 'spawn and execFile with shell: true: the command and each argument reach the shell',
      files: {
        'src/clone.js': js`
          const { spawn, execFileSync } = require('child_process');
          exports.handler = async (event) => {
            spawn('git', ['clone', event.repo], { shell: true });
            execFileSync(event.tool, [], { shell: '/bin/bash' });
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.repo', sink: 'spawn' },
          file: 'src/clone.js',
          line: 3,
          column: 26,
          endLine: 3,
          endColumn: 36,
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.tool', sink: 'execFileSync' },
          file: 'src/clone.js',
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
        },
      ],
      output: null,
    },
    {
      name: 'SQS records through for…of and an array callback',
      files: {
        'src/worker.js': js`
          const { execSync, exec } = require('child_process');
          exports.handler = async (event) => {
            for (const record of event.Records) {
              const { command } = JSON.parse(record.body);
              execSync(command);
            }
            event.Records.forEach((message) => exec(message.body));
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records', sink: 'execSync' },
          file: 'src/worker.js',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 21,
          related: [{ file: 'src/worker.js', line: 3, column: 24, endLine: 3, endColumn: 37 }],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records', sink: 'exec' },
          file: 'src/worker.js',
          line: 7,
          column: 43,
          endLine: 7,
          endColumn: 55,
          related: [{ file: 'src/worker.js', line: 7, column: 3, endLine: 7, endColumn: 16 }],
        },
      ],
      output: null,
    },
    {
      name: 'encodeURIComponent does not make a value safe for a shell',
      files: {
        'src/fetch.js': js`
          const { execSync } = require('child_process');
          exports.handler = async (event) => execSync('curl https://example.com/' + encodeURIComponent(event.path));
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.path', sink: 'execSync' },
          file: 'src/fetch.js',
          line: 2,
          column: 45,
          endLine: 2,
          endColumn: 105,
        },
      ],
      output: null,
    },
    {
      name: 'a handler wrapped in middleware, exported from an object',
      files: {
        'src/api.js': js`
          const middy = require('@middy/core');
          const { exec } = require('child_process');

          const baseHandler = async (event) => {
            exec(event.body.cmd);
          };

          module.exports = { handler: middy(baseHandler).use(jsonBodyParser()) };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.body.cmd', sink: 'exec' },
          file: 'src/api.js',
          line: 5,
          column: 8,
          endLine: 5,
          endColumn: 22,
        },
      ],
      output: null,
    },
    {
      name: 'an export name given by serverless.yml, with any parameter name',
      files: {
        'serverless.yml': yaml`
          service: jobs
          provider:
            name: aws
            runtime: nodejs20.x
          functions:
            run:
              handler: src/jobs.run
        `,
        'src/jobs.js': js`
          const { execSync } = require('child_process');
          module.exports.run = async (input) => execSync(input.command);
          module.exports.helper = async (input) => execSync(input.command);
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'input.command', sink: 'execSync' },
          file: 'src/jobs.js',
          line: 2,
          column: 48,
          endLine: 2,
          endColumn: 61,
        },
      ],
      output: null,
    },
    {
      name: 'an Azure function.json entryPoint: the trigger parameter after context',
      files: {
        'Resize/function.json': json`
          {
            "scriptFile": "../dist/resize.js",
            "entryPoint": "start",
            "bindings": [{ "type": "queueTrigger", "direction": "in", "name": "item", "queueName": "jobs" }]
          }
        `,
        'dist/resize.js': js`
          const { execSync } = require('child_process');
          module.exports.start = async (context, item) => execSync('convert ' + item.path);
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'item.path', sink: 'execSync' },
          file: 'dist/resize.js',
          line: 2,
          column: 58,
          endLine: 2,
          endColumn: 80,
        },
      ],
      output: null,
    },
    {
      name: 'a base64 body and a header read with a computed key',
      files: {
        'src/hook.js': js`
          const { exec } = require('child_process');
          exports.handler = async (event) => {
            const body = Buffer.from(event.body, 'base64').toString('utf8');
            exec(body);
            exec(event.headers['x-command']);
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'exec' },
          file: 'src/hook.js',
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 12,
          related: [{ file: 'src/hook.js', line: 3, column: 28, endLine: 3, endColumn: 38 }],
        },
        {
          messageId: 'shellCommand',
          data: { source: "event.headers['x-command']", sink: 'exec' },
          file: 'src/hook.js',
          line: 5,
          column: 8,
          endLine: 5,
          endColumn: 34,
        },
      ],
      output: null,
    },
    {
      name: 'Google Cloud Functions: functions.http and an exported (req, res) function',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const { execSync } = require('child_process');

          functions.http('convert', (req, res) => {
            res.send(execSync('convert ' + req.query.input));
          });

          exports.thumbnail = (req, res) => res.send(execSync(\`thumb \${req.body.file}\`));
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'req.query.input', sink: 'execSync' },
          file: 'index.js',
          line: 5,
          column: 21,
          endLine: 5,
          endColumn: 49,
        },
        {
          messageId: 'shellCommand',
          data: { source: 'req.body.file', sink: 'execSync' },
          file: 'index.js',
          line: 8,
          column: 53,
          endLine: 8,
          endColumn: 77,
        },
      ],
      output: null,
    },
    {
      name: 'Azure v4: app.http with a handler reading the request body',
      files: {
        'src/functions/run.js': js`
          const { app } = require('@azure/functions');
          const { execSync } = require('node:child_process');

          app.http('run', {
            methods: ['POST'],
            handler: async (request, context) => {
              const script = await request.text();
              return { body: execSync(script).toString() };
            },
          });
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'request', sink: 'execSync' },
          file: 'src/functions/run.js',
          line: 8,
          column: 29,
          endLine: 8,
          endColumn: 35,
          related: [{ file: 'src/functions/run.js', line: 7, column: 26, endLine: 7, endColumn: 33 }],
        },
      ],
      output: null,
    },
  ],
});
