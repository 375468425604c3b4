import rule from '../../../rules/checks/injection/ssrf';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS CommonJS: constant URLs, with event data only in the body and the path of a fixed host',
      files: {
        'src/notify.js': js`
          const axios = require('axios');
          const https = require('https');
          exports.handler = async (event) => {
            await axios.post('https://hooks.example.com/notify', { text: event.body });
            await fetch('https://api.example.com/orders', { method: 'POST', body: event.body, headers: { 'x-id': event.headers['x-id'] } });
            https.request({ hostname: 'api.example.com', path: '/orders/' + encodeURIComponent(event.pathParameters.id) }).end();
            return { statusCode: 204 };
          };
        `,
      },
    },
    {
      name: 'AWS ESM/TypeScript: encodeURIComponent into a path segment after a fixed or configured origin',
      files: {
        'src/users.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import axios from 'axios';
          const BASE = 'https://users.internal.example.com';
          const api = axios.create({ baseURL: process.env.USERS_API });
          export const handler = async (event: APIGatewayProxyEvent) => {
            const id = encodeURIComponent(event.pathParameters?.id ?? '');
            await fetch(\`\${BASE}/users/\${id}\`);
            await fetch(BASE + '/users/' + id + '?expand=' + encodeURIComponent(event.queryStringParameters?.expand ?? ''));
            await fetch(\`\${process.env.USERS_API}/users/\${id}\`);
            await fetch(new URL(\`/users/\${id}\`, BASE));
            const { data } = await api.get('/users/' + id);
            return { statusCode: 200, body: JSON.stringify(data) };
          };
        `,
      },
    },
    {
      name: 'Azure v4 and Express: a host from an allow-list, a webhook chosen from a fixed map',
      files: {
        'src/functions/proxy.js': js`
          const { app } = require('@azure/functions');
          const ALLOWED = ['status.example.com', 'docs.example.com'];
          app.http('proxy', {
            handler: async (request) => {
              const host = request.query.get('host');
              if (!ALLOWED.includes(host)) return { status: 400 };
              const response = await fetch(\`https://\${host}/health\`);
              return { body: await response.text() };
            },
          });
        `,
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const got = require('got');
          const app = express();
          app.post('/notify', async (req, res) => {
            const target = req.body.channel === 'ops' ? 'https://hooks.example.com/ops' : 'https://hooks.example.com/dev';
            await got.post(target, { json: req.body });
            res.sendStatus(204);
          });
          module.exports.handler = serverless(app);
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS CommonJS: axios forms, an axios.create instance and an https host option',
      files: {
        'src/preview.js': js`
          const axios = require('axios');
          const https = require('https');
          const client = axios.create({ timeout: 2000 });

          exports.handler = async (event) => {
            const url = event.queryStringParameters.url;
            const page = await axios.get(url);
            await axios({ url: event.queryStringParameters.next, method: 'get' });
            await client.post(url, { seen: true });
            https.get({ hostname: event.headers['x-upstream'], path: '/status' });
            return { statusCode: 200, body: page.data };
          };
        `,
      },
      errors: [
        {
          messageId: 'requestUrl',
          data: { source: 'event.queryStringParameters.url', sink: 'axios.get' },
          file: 'src/preview.js',
          line: 7, column: 32, endLine: 7, endColumn: 35,
          related: [
            { file: 'src/preview.js', line: 6, column: 15, endLine: 6, endColumn: 46, message: 'event.queryStringParameters.url (query string)' },
            { file: 'src/preview.js', line: 6, column: 9, endLine: 6, endColumn: 12, message: 'url' },
            { file: 'src/preview.js', line: 7, column: 32, endLine: 7, endColumn: 35, message: 'request URL' },
          ],
        },
        {
          messageId: 'requestUrl',
          data: { source: 'event.queryStringParameters.next', sink: 'axios' },
          file: 'src/preview.js',
          line: 8, column: 22, endLine: 8, endColumn: 54,
        },
        {
          messageId: 'requestUrl',
          data: { source: 'event.queryStringParameters.url', sink: 'axios.post' },
          file: 'src/preview.js',
          line: 9, column: 21, endLine: 9, endColumn: 24,
        },
        {
          messageId: 'requestUrl',
          data: { source: "event.headers['x-upstream']", sink: 'http.get' },
          file: 'src/preview.js',
          line: 10, column: 25, endLine: 10, endColumn: 52,
        },
      ],
      output: null,
    },
    {
      name: 'AWS ESM/TypeScript: got, undici and fetch with a URL from the parsed body',
      files: {
        'src/webhook.ts': ts`
          import type { APIGatewayProxyEventV2 } from 'aws-lambda';
          import got from 'got';
          import { request } from 'undici';

          export const handler = async (event: APIGatewayProxyEventV2) => {
            const body = JSON.parse(event.body ?? '{}');
            await got.post(body.webhook, { json: { ok: true } });
            await request(body.callback);
            await fetch(new URL(body.path, 'https://api.example.com'));
            return { statusCode: 202 };
          };
        `,
      },
      errors: [
        {
          messageId: 'requestUrl',
          data: { source: 'event.body', sink: 'got.post' },
          file: 'src/webhook.ts',
          line: 7, column: 18, endLine: 7, endColumn: 30,
          related: [
            { file: 'src/webhook.ts', line: 6, column: 27, endLine: 6, endColumn: 37, message: 'event.body (HTTP request body)' },
            { file: 'src/webhook.ts', line: 6, column: 9, endLine: 6, endColumn: 13, message: 'body' },
            { file: 'src/webhook.ts', line: 7, column: 18, endLine: 7, endColumn: 30, message: 'request URL' },
          ],
        },
        {
          messageId: 'requestUrl',
          data: { source: 'event.body', sink: 'undici.request' },
          file: 'src/webhook.ts',
          line: 8, column: 17, endLine: 8, endColumn: 30,
        },
        {
          messageId: 'requestUrl',
          data: { source: 'event.body', sink: 'fetch' },
          file: 'src/webhook.ts',
          line: 9, column: 15, endLine: 9, endColumn: 60,
        },
      ],
      output: null,
    },
    {
      name: 'AWS: an encoded value that fills the host, and an unencoded path after a fixed origin',
      files: {
        'src/status.js': js`
          exports.handler = async (event) => {
            const region = encodeURIComponent(event.queryStringParameters.region);
            await fetch('https://' + region + '.status.example.com/health');
            await fetch(\`https://api.example.com/items/\${event.pathParameters.id}\`);
          };
        `,
      },
      errors: [
        {
          messageId: 'requestUrl',
          data: { source: 'event.queryStringParameters.region', sink: 'fetch' },
          file: 'src/status.js',
          line: 3, column: 15, endLine: 3, endColumn: 65,
          related: [
            { file: 'src/status.js', line: 2, column: 37, endLine: 2, endColumn: 71, message: 'event.queryStringParameters.region (query string)' },
            { file: 'src/status.js', line: 2, column: 9, endLine: 2, endColumn: 15, message: 'region' },
            { file: 'src/status.js', line: 3, column: 15, endLine: 3, endColumn: 65, message: 'request URL' },
          ],
        },
        {
          messageId: 'requestUrl',
          data: { source: 'event.pathParameters.id', sink: 'fetch' },
          file: 'src/status.js',
          line: 4, column: 15, endLine: 4, endColumn: 73,
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3 and v4: https.request with a query host, fetch with a JSON body URL',
      files: {
        'Probe/index.js': js`
          const https = require('https');
          module.exports = async function (context, req) {
            https.request('https://' + req.query.host + '/status').end();
            context.res = { status: 202 };
          };
        `,
        'src/functions/import.js': js`
          const { app } = require('@azure/functions');
          app.http('import', {
            handler: async (request) => {
              const { source } = await request.json();
              const response = await fetch(source);
              return { body: await response.text() };
            },
          });
        `,
      },
      errors: [
        {
          messageId: 'requestUrl',
          data: { source: 'req.query.host', sink: 'http.request' },
          file: 'Probe/index.js',
          line: 3, column: 17, endLine: 3, endColumn: 56,
          related: [
            { file: 'Probe/index.js', line: 3, column: 30, endLine: 3, endColumn: 44, message: 'req.query.host (query string)' },
            { file: 'Probe/index.js', line: 3, column: 17, endLine: 3, endColumn: 56, message: 'request URL' },
          ],
        },
        {
          messageId: 'requestUrl',
          data: { source: 'request.json().source', sink: 'fetch' },
          file: 'src/functions/import.js',
          line: 5, column: 34, endLine: 5, endColumn: 40,
        },
      ],
      output: null,
    },
    {
      name: 'Google Cloud Functions and Express: node-fetch and an axios instance with the query URL',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const fetch = require('node-fetch');
          functions.http('unfurl', async (req, res) => {
            const response = await fetch(req.query.url);
            res.send(await response.text());
          });
        `,
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const axios = require('axios');
          const http = axios.create({ headers: { 'user-agent': 'unfurl' } });
          const app = express();
          app.get('/image', async (req, res) => {
            const image = await http.get(req.query.src, { responseType: 'arraybuffer' });
            res.type('png').send(image.data);
          });
          module.exports.handler = serverless(app);
        `,
      },
      errors: [
        {
          messageId: 'requestUrl',
          data: { source: 'req.query.src', sink: 'axios.get' },
          file: 'app.js',
          line: 7, column: 32, endLine: 7, endColumn: 45,
          related: [
            { file: 'app.js', line: 7, column: 32, endLine: 7, endColumn: 45, message: 'req.query.src (query string)' },
            { file: 'app.js', line: 7, column: 32, endLine: 7, endColumn: 45, message: 'request URL' },
          ],
        },
        {
          messageId: 'requestUrl',
          data: { source: 'req.query.url', sink: 'fetch' },
          file: 'index.js',
          line: 4, column: 32, endLine: 4, endColumn: 45,
        },
      ],
      output: null,
    },
  ],
});
