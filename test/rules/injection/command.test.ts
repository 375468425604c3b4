import rule from '../../../rules/checks/injection/command';
import { js, json, testRule, ts, yaml } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'execFile and spawn without a shell take the event value as one argument',
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
      name: 'numbers, a branch between constants and shell-quote',
      files: {
        'src/sleep.mjs': js`
          import { execSync } from 'node:child_process';
          import { quote } from 'shell-quote';
          export async function handler(event) {
            execSync('sleep ' + Number(event.seconds));
            execSync(\`head -n \${parseInt(event.lines, 10)} /tmp/log\`);
            execSync('ls ' + (event.body === 'all' ? '-a' : '-l'));
            execSync('grep ' + quote([event.queryStringParameters.q]) + ' /tmp/log');
          }
        `,
      },
    },
    {
      name: 'an allow-list guard, an anchored pattern and a switch on fixed cases',
      files: {
        'src/convert.js': js`
          const { exec } = require('child_process');
          const FORMATS = ['png', 'jpg'];
          const NAME = /^[a-z0-9-]{1,40}$/;
          exports.handler = async (event) => {
            const { format, name } = event.queryStringParameters;
            if (!FORMATS.includes(format)) return { statusCode: 400 };
            if (typeof name !== 'string' || !NAME.test(name)) throw new Error('bad name');
            exec(\`convert \${name}.raw \${name}.\${format}\`);
            switch (event.pathParameters.mode) {
              case 'fast':
                exec('convert -quality 50 ' + event.pathParameters.mode);
                break;
              default:
                break;
            }
          };
        `,
      },
    },
    {
      name: 'the AWS context object and the verified authorizer claims are not event data',
      files: {
        'src/name.js': js`
          const { exec } = require('child_process');
          exports.handler = async (event, context) => {
            exec('echo ' + context.functionName);
            exec('logger ' + event.requestContext.authorizer.claims.sub);
            exec('logger ' + event.requestContext.accountId);
          };
        `,
      },
    },
    {
      name: 'an exec that is not child_process, and a shadowing variable',
      files: {
        'src/query.js': js`
          const { exec } = require('./db');
          const shell = { exec: (s) => s };
          const cp = require('child_process');
          exports.handler = async (event) => {
            exec('SELECT 1 WHERE id = ?', [event.id]);
            shell.exec(event.body);
            const command = event.body;
            const run = () => {
              const command = 'uptime';
              cp.execSync(command);
            };
            run();
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
    {
      name: 'Azure v3: a constant and a validated queue item',
      files: {
        'Ping/index.js': js`
          const { exec } = require('child_process');
          const HOST = /^[a-z0-9.-]+$/;
          module.exports = async function (context, req) {
            exec('uptime');
            const host = req.query.host;
            if (!HOST.test(host)) {
              context.res = { status: 400 };
              return;
            }
            exec(\`ping -c 1 \${host}\`);
          };
        `,
      },
    },
    {
      name: 'Azure v4: execFile with the value as an argument',
      files: {
        'src/functions/run.js': js`
          const { app } = require('@azure/functions');
          const { execFile } = require('node:child_process');
          app.http('run', {
            handler: async (request, context) => {
              execFile('convert', [request.query.get('file')]);
              return { body: 'ok' };
            },
          });
        `,
      },
    },
    {
      name: 'Google Cloud Functions and Express: no shell, or a constant',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const { execFile, execSync } = require('child_process');
          functions.http('convert', (req, res) => {
            execFile('convert', [req.query.input]);
            res.send(execSync('uptime'));
          });
        `,
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const { spawn } = require('child_process');
          const app = express();
          app.get('/ping', (req, res) => {
            spawn('ping', ['-c', '1', req.query.host]);
            res.send('ok');
          });
          module.exports.handler = serverless(app);
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
          related: [
            { file: 'src/list.js', line: 4, column: 16, endLine: 4, endColumn: 26, message: 'event.body (HTTP request body)' },
            { file: 'src/list.js', line: 4, column: 8, endLine: 4, endColumn: 26, message: 'shell command' },
          ],
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
          related: [
            { file: 'src/list.mjs', line: 4, column: 30, endLine: 4, endColumn: 40, message: 'event.body (HTTP request body)' },
            { file: 'src/list.mjs', line: 4, column: 11, endLine: 4, endColumn: 14, message: 'dir' },
            { file: 'src/list.mjs', line: 5, column: 28, endLine: 5, endColumn: 50, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'namespace import, a command variable built with += and a nested query parameter',
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
          related: [
            { file: 'src/convert.js', line: 4, column: 18, endLine: 4, endColumn: 45, message: 'event.queryStringParameters.file (query string)' },
            { file: 'src/convert.js', line: 4, column: 9, endLine: 4, endColumn: 15, message: 'params' },
            { file: 'src/convert.js', line: 6, column: 3, endLine: 6, endColumn: 10, message: 'command' },
            { file: 'src/convert.js', line: 7, column: 11, endLine: 7, endColumn: 18, message: 'shell command' },
          ],
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
          related: [
            { file: 'handler.js', line: 4, column: 35, endLine: 4, endColumn: 54, message: 'event.pathParameters.host (path parameter)' },
            { file: 'handler.js', line: 4, column: 22, endLine: 4, endColumn: 56, message: 'shell command' },
          ],
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
          related: [
            { file: 'Ping/index.js', line: 4, column: 16, endLine: 4, endColumn: 30, message: 'req.query.name (query string)' },
            { file: 'Ping/index.js', line: 4, column: 9, endLine: 4, endColumn: 13, message: 'name' },
            { file: 'Ping/index.js', line: 5, column: 8, endLine: 5, endColumn: 22, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'context.bindings.queueItem', sink: 'exec' },
          file: 'Ping/index.js',
          line: 6,
          column: 8,
          endLine: 6,
          endColumn: 47,
          related: [
            { file: 'Ping/index.js', line: 6, column: 21, endLine: 6, endColumn: 47, message: 'context.bindings.queueItem (trigger binding)' },
            { file: 'Ping/index.js', line: 6, column: 8, endLine: 6, endColumn: 47, message: 'shell command' },
          ],
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
          related: [
            { file: 'Resize/index.ts', line: 5, column: 17, endLine: 5, endColumn: 31, message: 'req.query.size (query string)' },
            { file: 'Resize/index.ts', line: 5, column: 9, endLine: 5, endColumn: 13, message: 'size' },
            { file: 'Resize/index.ts', line: 6, column: 34, endLine: 6, endColumn: 79, message: 'shell command' },
          ],
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
          related: [
            { file: 'src/ping.ts', line: 8, column: 16, endLine: 8, endColumn: 42, message: 'event.pathParameters.host (path parameter)' },
            { file: 'src/ping.ts', line: 8, column: 9, endLine: 8, endColumn: 13, message: 'host' },
            { file: 'src/ping.ts', line: 9, column: 19, endLine: 9, endColumn: 38, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a TypeScript export of any name typed with aws-lambda types',
      files: {
        'src/jobs.ts': ts`
          import type { SQSEvent } from 'aws-lambda';
          import { execSync } from 'node:child_process';

          export async function processJobs(event: SQSEvent): Promise<void> {
            for (const record of event.Records) execSync(\`process-job \${record.body}\`);
          }
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[*].body', sink: 'execSync' },
          file: 'src/jobs.ts',
          line: 5,
          column: 48,
          endLine: 5,
          endColumn: 76,
          related: [
            { file: 'src/jobs.ts', line: 5, column: 24, endLine: 5, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/jobs.ts', line: 5, column: 14, endLine: 5, endColumn: 20, message: 'record' },
            { file: 'src/jobs.ts', line: 5, column: 48, endLine: 5, endColumn: 76, message: 'shell command' },
          ],
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
          related: [
            { file: 'src/clone.js', line: 3, column: 26, endLine: 3, endColumn: 36, message: 'event.repo (Lambda event)' },
            { file: 'src/clone.js', line: 3, column: 26, endLine: 3, endColumn: 36, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.tool', sink: 'execFileSync' },
          file: 'src/clone.js',
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          related: [
            { file: 'src/clone.js', line: 4, column: 16, endLine: 4, endColumn: 26, message: 'event.tool (Lambda event)' },
            { file: 'src/clone.js', line: 4, column: 16, endLine: 4, endColumn: 26, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'execa with a shell, shelljs',
      files: {
        'src/tools.mjs': js`
          import { execa } from 'execa';
          import shell from 'shelljs';
          export const handler = async (event) => {
            await execa(event.queryStringParameters.tool, { shell: true });
            shell.exec('tar xzf ' + event.queryStringParameters.archive);
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.queryStringParameters.tool', sink: 'execa' },
          file: 'src/tools.mjs',
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 47,
          related: [
            { file: 'src/tools.mjs', line: 4, column: 15, endLine: 4, endColumn: 47, message: 'event.queryStringParameters.tool (query string)' },
            { file: 'src/tools.mjs', line: 4, column: 15, endLine: 4, endColumn: 47, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.queryStringParameters.archive', sink: 'exec' },
          file: 'src/tools.mjs',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 62,
          related: [
            { file: 'src/tools.mjs', line: 5, column: 27, endLine: 5, endColumn: 62, message: 'event.queryStringParameters.archive (query string)' },
            { file: 'src/tools.mjs', line: 5, column: 14, endLine: 5, endColumn: 62, message: 'shell command' },
          ],
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
          data: { source: 'event.Records[*].body', sink: 'execSync' },
          file: 'src/worker.js',
          line: 5,
          column: 14,
          endLine: 5,
          endColumn: 21,
          related: [
            { file: 'src/worker.js', line: 3, column: 24, endLine: 3, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/worker.js', line: 3, column: 14, endLine: 3, endColumn: 20, message: 'record' },
            { file: 'src/worker.js', line: 4, column: 13, endLine: 4, endColumn: 20, message: 'command' },
            { file: 'src/worker.js', line: 5, column: 14, endLine: 5, endColumn: 21, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[*].body', sink: 'exec' },
          file: 'src/worker.js',
          line: 7,
          column: 43,
          endLine: 7,
          endColumn: 55,
          related: [
            { file: 'src/worker.js', line: 7, column: 3, endLine: 7, endColumn: 16, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/worker.js', line: 7, column: 26, endLine: 7, endColumn: 33, message: 'message (callback parameter)' },
            { file: 'src/worker.js', line: 7, column: 43, endLine: 7, endColumn: 55, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a helper function in the same module builds the command',
      files: {
        'src/thumb.js': js`
          const { execSync } = require('child_process');

          function thumbnailCommand(key, size) {
            return \`convert \${key} -resize \${size} /tmp/thumb.png\`;
          }

          function run(command) {
            return execSync(command);
          }

          exports.handler = async (event) => {
            const key = decodeURIComponent(event.Records[0].s3.object.key.replace(/\\+/g, ' '));
            run(thumbnailCommand(key, '128x128'));
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.Records[0].s3.object.key', sink: 'execSync' },
          file: 'src/thumb.js',
          line: 8,
          column: 19,
          endLine: 8,
          endColumn: 26,
          related: [
            { file: 'src/thumb.js', line: 12, column: 34, endLine: 12, endColumn: 64, message: 'event.Records[0].s3.object.key (S3 object key)' },
            { file: 'src/thumb.js', line: 12, column: 9, endLine: 12, endColumn: 12, message: 'key' },
            { file: 'src/thumb.js', line: 3, column: 27, endLine: 3, endColumn: 30, message: 'key (parameter of thumbnailCommand)' },
            { file: 'src/thumb.js', line: 13, column: 7, endLine: 13, endColumn: 39, message: 'returned by thumbnailCommand()' },
            { file: 'src/thumb.js', line: 7, column: 14, endLine: 7, endColumn: 21, message: 'command (parameter of run)' },
            { file: 'src/thumb.js', line: 8, column: 19, endLine: 8, endColumn: 26, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a local module builds and runs the command; the handler is named by serverless.yml',
      files: {
        'serverless.yml': yaml`
          service: media
          provider:
            name: aws
            runtime: nodejs20.x
          functions:
            convert:
              handler: src/convert.main
        `,
        'src/convert.js': js`
          const { convert } = require('./lib/media');
          module.exports.main = async (input) => convert(input.detail.file);
        `,
        'src/lib/media.js': js`
          const { exec } = require('child_process');
          exports.convert = (file) => new Promise((resolve) => exec('convert ' + file + ' out.pdf', resolve));
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'input.detail.file', sink: 'exec' },
          file: 'src/lib/media.js',
          line: 2,
          column: 59,
          endLine: 2,
          endColumn: 89,
          related: [
            { file: 'src/convert.js', line: 2, column: 48, endLine: 2, endColumn: 65, message: 'input.detail.file (EventBridge event detail)' },
            { file: 'src/lib/media.js', line: 2, column: 20, endLine: 2, endColumn: 24, message: 'file (parameter of convert)' },
            { file: 'src/lib/media.js', line: 2, column: 59, endLine: 2, endColumn: 89, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a local module without a template: reported where the handler hands the data over',
      files: {
        'src/index.js': js`
          const { runTool } = require('./tool');
          exports.handler = async (event) => runTool(event.body);
        `,
        'src/tool.js': js`
          const { execSync } = require('child_process');
          module.exports.runTool = (name) => execSync(\`\${name} --version\`).toString();
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'execSync' },
          file: 'src/index.js',
          line: 2,
          column: 44,
          endLine: 2,
          endColumn: 54,
          related: [
            { file: 'src/index.js', line: 2, column: 44, endLine: 2, endColumn: 54, message: 'event.body (HTTP request body)' },
            { file: 'src/tool.js', line: 2, column: 27, endLine: 2, endColumn: 31, message: 'name (parameter of runTool)' },
            { file: 'src/tool.js', line: 2, column: 45, endLine: 2, endColumn: 64, message: 'shell command' },
          ],
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
          related: [
            { file: 'dist/resize.js', line: 2, column: 71, endLine: 2, endColumn: 80, message: 'item.path (trigger input)' },
            { file: 'dist/resize.js', line: 2, column: 58, endLine: 2, endColumn: 80, message: 'shell command' },
          ],
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
          related: [
            { file: 'src/hook.js', line: 3, column: 28, endLine: 3, endColumn: 38, message: 'event.body (HTTP request body)' },
            { file: 'src/hook.js', line: 3, column: 9, endLine: 3, endColumn: 13, message: 'body' },
            { file: 'src/hook.js', line: 4, column: 8, endLine: 4, endColumn: 12, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.headers[\'x-command\']', sink: 'exec' },
          file: 'src/hook.js',
          line: 5,
          column: 8,
          endLine: 5,
          endColumn: 34,
          related: [
            { file: 'src/hook.js', line: 5, column: 8, endLine: 5, endColumn: 34, message: 'event.headers[\'x-command\'] (request header)' },
            { file: 'src/hook.js', line: 5, column: 8, endLine: 5, endColumn: 34, message: 'shell command' },
          ],
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
          related: [
            { file: 'index.js', line: 5, column: 34, endLine: 5, endColumn: 49, message: 'req.query.input (query string)' },
            { file: 'index.js', line: 5, column: 21, endLine: 5, endColumn: 49, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'req.body.file', sink: 'execSync' },
          file: 'index.js',
          line: 8,
          column: 53,
          endLine: 8,
          endColumn: 77,
          related: [
            { file: 'index.js', line: 8, column: 62, endLine: 8, endColumn: 75, message: 'req.body.file (HTTP request body)' },
            { file: 'index.js', line: 8, column: 53, endLine: 8, endColumn: 77, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v4: app.http reading the request text, and a queue trigger',
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

          app.storageQueue('jobs', {
            queueName: 'jobs',
            connection: 'Storage',
            handler: async (job, context) => {
              execSync('process-job ' + job.id);
            },
          });
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'request.text()', sink: 'execSync' },
          file: 'src/functions/run.js',
          line: 8,
          column: 29,
          endLine: 8,
          endColumn: 35,
          related: [
            { file: 'src/functions/run.js', line: 7, column: 26, endLine: 7, endColumn: 40, message: 'request.text() (HTTP request body)' },
            { file: 'src/functions/run.js', line: 7, column: 11, endLine: 7, endColumn: 17, message: 'script' },
            { file: 'src/functions/run.js', line: 8, column: 29, endLine: 8, endColumn: 35, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'job.id', sink: 'execSync' },
          file: 'src/functions/run.js',
          line: 16,
          column: 14,
          endLine: 16,
          endColumn: 37,
          related: [
            { file: 'src/functions/run.js', line: 16, column: 31, endLine: 16, endColumn: 37, message: 'job.id (trigger message)' },
            { file: 'src/functions/run.js', line: 16, column: 14, endLine: 16, endColumn: 37, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express under serverless-http: route handler parameters',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const { exec } = require('child_process');

          const app = express();
          app.use(express.json());

          app.post('/convert', (req, res) => {
            exec(\`convert \${req.body.input} out.png\`, () => res.send('done'));
          });

          module.exports.handler = serverless(app);
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'req.body.input', sink: 'exec' },
          file: 'app.js',
          line: 9,
          column: 8,
          endLine: 9,
          endColumn: 43,
          related: [
            { file: 'app.js', line: 9, column: 19, endLine: 9, endColumn: 33, message: 'req.body.input (HTTP request body)' },
            { file: 'app.js', line: 9, column: 8, endLine: 9, endColumn: 43, message: 'shell command' },
          ],
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
          related: [
            { file: 'src/api.js', line: 5, column: 8, endLine: 5, endColumn: 22, message: 'event.body.cmd (HTTP request body)' },
            { file: 'src/api.js', line: 5, column: 8, endLine: 5, endColumn: 22, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a class whose method runs the command, and a promise continuation',
      files: {
        'src/runner.js': js`
          const { execSync } = require('child_process');

          class Runner {
            constructor() {
              this.prefix = 'nice -n 10 ';
            }
            run(command) {
              return execSync(this.prefix + command);
            }
          }

          exports.handler = async (event) => {
            new Runner().run(event.queryStringParameters.cmd);
            Promise.resolve(event.headers['x-job']).then((job) => execSync(\`run-job \${job}\`));
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.queryStringParameters.cmd', sink: 'execSync' },
          file: 'src/runner.js',
          line: 8,
          column: 21,
          endLine: 8,
          endColumn: 42,
          related: [
            { file: 'src/runner.js', line: 13, column: 20, endLine: 13, endColumn: 51, message: 'event.queryStringParameters.cmd (query string)' },
            { file: 'src/runner.js', line: 7, column: 7, endLine: 7, endColumn: 14, message: 'command (parameter of run)' },
            { file: 'src/runner.js', line: 8, column: 21, endLine: 8, endColumn: 42, message: 'shell command' },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.headers[\'x-job\']', sink: 'execSync' },
          file: 'src/runner.js',
          line: 14,
          column: 66,
          endLine: 14,
          endColumn: 82,
          related: [
            { file: 'src/runner.js', line: 14, column: 19, endLine: 14, endColumn: 41, message: 'event.headers[\'x-job\'] (request header)' },
            { file: 'src/runner.js', line: 14, column: 49, endLine: 14, endColumn: 52, message: 'job (callback parameter)' },
            { file: 'src/runner.js', line: 14, column: 66, endLine: 14, endColumn: 82, message: 'shell command' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: execFile with an argument array when the command splits cleanly',
      files: {
        'src/convert.js': js`
          const { exec, execSync } = require('child_process');
          exports.handler = async (event) => {
            const { name, size } = JSON.parse(event.body);
            exec('convert -resize ' + size + ' /tmp/' + name + '.png /tmp/out.png', (error, stdout) => stdout);
            execSync(\`git log -n 5 --author="\${name}"\`, { cwd: '/tmp/repo' });
            execSync(\`grep -r "\${name}" /var/log\`);
            exec(\`ls \${name} | wc -l\`);
            exec('cat /tmp/*.log ' + name);
            exec(size + ' --version');
            return 'ok';
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'exec' },
          file: 'src/convert.js',
          line: 4,
          column: 8,
          endLine: 4,
          endColumn: 73,
          suggestions: [
            { messageId: 'execFile', output: { 'src/convert.js': js`
                const { exec, execFile, execSync } = require('child_process');
                exports.handler = async (event) => {
                  const { name, size } = JSON.parse(event.body);
                  execFile('convert', ['-resize', size, \`/tmp/\${name}.png\`, '/tmp/out.png'], (error, stdout) => stdout);
                  execSync(\`git log -n 5 --author="\${name}"\`, { cwd: '/tmp/repo' });
                  execSync(\`grep -r "\${name}" /var/log\`);
                  exec(\`ls \${name} | wc -l\`);
                  exec('cat /tmp/*.log ' + name);
                  exec(size + ' --version');
                  return 'ok';
                };
              ` } },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'execSync' },
          file: 'src/convert.js',
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 45,
          suggestions: [],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'execSync' },
          file: 'src/convert.js',
          line: 6,
          column: 12,
          endLine: 6,
          endColumn: 40,
          suggestions: [
            { messageId: 'execFile', output: { 'src/convert.js': js`
                const { exec, execSync, execFileSync } = require('child_process');
                exports.handler = async (event) => {
                  const { name, size } = JSON.parse(event.body);
                  exec('convert -resize ' + size + ' /tmp/' + name + '.png /tmp/out.png', (error, stdout) => stdout);
                  execSync(\`git log -n 5 --author="\${name}"\`, { cwd: '/tmp/repo' });
                  execFileSync('grep', ['-r', name, '/var/log']);
                  exec(\`ls \${name} | wc -l\`);
                  exec('cat /tmp/*.log ' + name);
                  exec(size + ' --version');
                  return 'ok';
                };
              ` } },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'exec' },
          file: 'src/convert.js',
          line: 7,
          column: 8,
          endLine: 7,
          endColumn: 28,
          suggestions: [],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'exec' },
          file: 'src/convert.js',
          line: 8,
          column: 8,
          endLine: 8,
          endColumn: 32,
          suggestions: [],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.body', sink: 'exec' },
          file: 'src/convert.js',
          line: 9,
          column: 8,
          endLine: 9,
          endColumn: 27,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: execFile on a module object and an ESM import',
      files: {
        'src/ping.mjs': js`
          import cp from 'node:child_process';
          import { execSync } from 'node:child_process';
          export const handler = async (event) => {
            cp.exec('ping -c 1 ' + event.queryStringParameters.host);
            return execSync("nslookup '" + event.queryStringParameters.host + "'").toString();
          };
        `,
      },
      errors: [
        {
          messageId: 'shellCommand',
          data: { source: 'event.queryStringParameters.host', sink: 'exec' },
          file: 'src/ping.mjs',
          line: 4,
          column: 11,
          endLine: 4,
          endColumn: 58,
          suggestions: [
            { messageId: 'execFile', output: { 'src/ping.mjs': js`
                import cp from 'node:child_process';
                import { execSync } from 'node:child_process';
                export const handler = async (event) => {
                  cp.execFile('ping', ['-c', '1', event.queryStringParameters.host]);
                  return execSync("nslookup '" + event.queryStringParameters.host + "'").toString();
                };
              ` } },
          ],
        },
        {
          messageId: 'shellCommand',
          data: { source: 'event.queryStringParameters.host', sink: 'execSync' },
          file: 'src/ping.mjs',
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 72,
          suggestions: [
            { messageId: 'execFile', output: { 'src/ping.mjs': js`
                import cp from 'node:child_process';
                import { execSync, execFileSync } from 'node:child_process';
                export const handler = async (event) => {
                  cp.exec('ping -c 1 ' + event.queryStringParameters.host);
                  return execFileSync('nslookup', [event.queryStringParameters.host]).toString();
                };
              ` } },
          ],
        },
      ],
      output: null,
    },
  ],
});
