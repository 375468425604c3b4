import rule from '../../../rules/checks/injection/path';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS: path.basename keeps only the file name; constants',
      files: {
        'src/files.js': js`
          const fs = require('fs');
          const path = require('path');
          exports.handler = async (event) => {
            const name = path.basename(event.queryStringParameters.file);
            const data = fs.readFileSync(path.join('/tmp/uploads', name));
            fs.writeFileSync('/tmp/last.txt', data);
            return { statusCode: 200, body: fs.readFileSync('/opt/config.json', 'utf8') };
          };
        `,
      },
    },
    {
      name: 'AWS ESM/TypeScript: a resolved path checked to stay under its folder, and an anchored name',
      files: {
        'src/download.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import { readFile } from 'node:fs/promises';
          import * as path from 'node:path';
          const ROOT = '/tmp/reports';
          const NAME = /^[a-z0-9]{8}\\.pdf$/;
          export const handler = async (event: APIGatewayProxyEvent) => {
            const full = path.resolve(ROOT, event.pathParameters?.file ?? '');
            if (!full.startsWith(ROOT + path.sep)) return { statusCode: 400, body: '' };
            const report = await readFile(full);
            const name = event.queryStringParameters?.name ?? '';
            if (!NAME.test(name)) return { statusCode: 400, body: '' };
            return { statusCode: 200, body: (await readFile(path.join(ROOT, name))).toString('base64') };
          };
        `,
      },
    },
    {
      name: 'Azure v3 and v4: no parent-folder segments, and a file name from a fixed set',
      files: {
        'Files/index.js': js`
          const fs = require('fs/promises');
          module.exports = async function (context, req) {
            const name = req.query.name;
            if (name.includes('..')) {
              context.res = { status: 400 };
              return;
            }
            context.res = { body: await fs.readFile('/data/' + name) };
          };
        `,
        'src/functions/template.js': js`
          const { app } = require('@azure/functions');
          const { readFileSync } = require('node:fs');
          app.http('template', {
            handler: async (request) => {
              const kind = request.query.get('kind') === 'invoice' ? 'invoice' : 'receipt';
              return { body: readFileSync(\`/templates/\${kind}.html\`, 'utf8') };
            },
          });
        `,
      },
    },
    {
      name: 'Google Cloud Functions and Express: sendFile confined by root, sanitize-filename',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const fs = require('fs');
          const sanitize = require('sanitize-filename');
          functions.http('read', (req, res) => res.send(fs.readFileSync('/srv/' + sanitize(req.query.file))));
        `,
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const app = express();
          app.get('/files/:name', (req, res) => res.sendFile(req.params.name, { root: '/srv/public' }));
          module.exports.handler = serverless(app);
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS CommonJS: path.join with a query parameter, read and written',
      files: {
        'src/files.js': js`
          const fs = require('fs');
          const path = require('path');

          exports.handler = async (event) => {
            const file = path.join('/tmp/uploads', event.queryStringParameters.file);
            const data = fs.readFileSync(file);
            fs.writeFileSync(path.resolve('/tmp/out', event.queryStringParameters.target), data);
            return { statusCode: 200 };
          };
        `,
      },
      errors: [
        {
          messageId: 'filePath',
          data: { source: 'event.queryStringParameters.file', sink: 'readFileSync' },
          file: 'src/files.js',
          line: 6,
          column: 32,
          endLine: 6,
          endColumn: 36,
          related: [
            { file: 'src/files.js', line: 5, column: 42, endLine: 5, endColumn: 74, message: 'event.queryStringParameters.file (query string)' },
            { file: 'src/files.js', line: 5, column: 9, endLine: 5, endColumn: 13, message: 'file' },
            { file: 'src/files.js', line: 6, column: 32, endLine: 6, endColumn: 36, message: 'file path' },
          ],
        },
        {
          messageId: 'filePath',
          data: { source: 'event.queryStringParameters.target', sink: 'writeFileSync' },
          file: 'src/files.js',
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 80,
          related: [
            { file: 'src/files.js', line: 7, column: 45, endLine: 7, endColumn: 79, message: 'event.queryStringParameters.target (query string)' },
            { file: 'src/files.js', line: 7, column: 20, endLine: 7, endColumn: 80, message: 'file path' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS ESM/TypeScript: fs/promises and fs.promises with an S3 key',
      files: {
        'src/thumb.ts': ts`
          import type { S3Event } from 'aws-lambda';
          import { writeFile } from 'node:fs/promises';
          import fs from 'node:fs';

          export const handler = async (event: S3Event) => {
            const key = decodeURIComponent(event.Records[0].s3.object.key);
            await writeFile(\`/tmp/\${key}\`, 'x');
            await fs.promises.unlink('/tmp/' + key);
          };
        `,
      },
      errors: [
        {
          messageId: 'filePath',
          data: { source: 'event.Records[0].s3.object.key', sink: 'writeFile' },
          file: 'src/thumb.ts',
          line: 7,
          column: 19,
          endLine: 7,
          endColumn: 32,
          related: [
            { file: 'src/thumb.ts', line: 6, column: 34, endLine: 6, endColumn: 64, message: 'event.Records[0].s3.object.key (S3 object key)' },
            { file: 'src/thumb.ts', line: 6, column: 9, endLine: 6, endColumn: 12, message: 'key' },
            { file: 'src/thumb.ts', line: 7, column: 19, endLine: 7, endColumn: 32, message: 'file path' },
          ],
        },
        {
          messageId: 'filePath',
          data: { source: 'event.Records[0].s3.object.key', sink: 'unlink' },
          file: 'src/thumb.ts',
          line: 8,
          column: 28,
          endLine: 8,
          endColumn: 41,
          related: [
            { file: 'src/thumb.ts', line: 6, column: 34, endLine: 6, endColumn: 64, message: 'event.Records[0].s3.object.key (S3 object key)' },
            { file: 'src/thumb.ts', line: 6, column: 9, endLine: 6, endColumn: 12, message: 'key' },
            { file: 'src/thumb.ts', line: 8, column: 28, endLine: 8, endColumn: 41, message: 'file path' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3: a route parameter as a file name, copied and streamed',
      files: {
        'Files/index.js': js`
          const fs = require('fs');
          module.exports = async function (context, req) {
            fs.copyFileSync('/data/' + req.params.name, '/tmp/copy');
            context.res = { body: fs.createReadStream('/data/' + req.params.name) };
          };
        `,
      },
      errors: [
        {
          messageId: 'filePath',
          data: { source: 'req.params.name', sink: 'copyFileSync' },
          file: 'Files/index.js',
          line: 3,
          column: 19,
          endLine: 3,
          endColumn: 45,
          related: [
            { file: 'Files/index.js', line: 3, column: 30, endLine: 3, endColumn: 45, message: 'req.params.name (route parameter)' },
            { file: 'Files/index.js', line: 3, column: 19, endLine: 3, endColumn: 45, message: 'file path' },
          ],
        },
        {
          messageId: 'filePath',
          data: { source: 'req.params.name', sink: 'createReadStream' },
          file: 'Files/index.js',
          line: 4,
          column: 45,
          endLine: 4,
          endColumn: 71,
          related: [
            { file: 'Files/index.js', line: 4, column: 56, endLine: 4, endColumn: 71, message: 'req.params.name (route parameter)' },
            { file: 'Files/index.js', line: 4, column: 45, endLine: 4, endColumn: 71, message: 'file path' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v4: a header used as a folder',
      files: {
        'src/functions/list.js': js`
          const { app } = require('@azure/functions');
          const fs = require('node:fs/promises');
          app.http('list', {
            handler: async (request, context) => {
              const folder = request.headers.get('x-folder');
              return { jsonBody: await fs.readdir(\`/data/\${folder}\`) };
            },
          });
        `,
      },
      errors: [
        {
          messageId: 'filePath',
          data: { source: 'request.headers.get(\'x-folder\')', sink: 'readdir' },
          file: 'src/functions/list.js',
          line: 6,
          column: 41,
          endLine: 6,
          endColumn: 58,
          related: [
            { file: 'src/functions/list.js', line: 5, column: 20, endLine: 5, endColumn: 51, message: 'request.headers.get(\'x-folder\') (request header)' },
            { file: 'src/functions/list.js', line: 5, column: 11, endLine: 5, endColumn: 17, message: 'folder' },
            { file: 'src/functions/list.js', line: 6, column: 41, endLine: 6, endColumn: 58, message: 'file path' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Google Cloud Functions: fs-extra with the body',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const fse = require('fs-extra');
          functions.http('save', async (req, res) => {
            await fse.outputFile('/srv/data/' + req.body.name, req.body.content);
            res.sendStatus(201);
          });
        `,
      },
      errors: [
        {
          messageId: 'filePath',
          data: { source: 'req.body.name', sink: 'outputFile' },
          file: 'index.js',
          line: 4,
          column: 24,
          endLine: 4,
          endColumn: 52,
          related: [
            { file: 'index.js', line: 4, column: 39, endLine: 4, endColumn: 52, message: 'req.body.name (HTTP request body)' },
            { file: 'index.js', line: 4, column: 24, endLine: 4, endColumn: 52, message: 'file path' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express under serverless-http: sendFile without root',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const path = require('path');

          const app = express();
          app.get('/download', (req, res) => {
            res.sendFile(path.join(__dirname, 'files', req.query.name));
          });
          module.exports.handler = serverless(app);
        `,
      },
      errors: [
        {
          messageId: 'filePath',
          data: { source: 'req.query.name', sink: 'sendFile' },
          file: 'app.js',
          line: 7,
          column: 16,
          endLine: 7,
          endColumn: 61,
          related: [
            { file: 'app.js', line: 7, column: 46, endLine: 7, endColumn: 60, message: 'req.query.name (query string)' },
            { file: 'app.js', line: 7, column: 16, endLine: 7, endColumn: 61, message: 'file path' },
          ],
        },
      ],
      output: null,
    },
  ],
});
