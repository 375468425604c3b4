import rule from '../../../rules/checks/injection/xss';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS CommonJS: escaped into HTML, or sent as JSON',
      files: {
        'src/hello.js': js`
          const escapeHtml = require('escape-html');
          exports.handler = async (event) => {
            const name = event.queryStringParameters.name;
            if (event.path === '/json') return { statusCode: 200, body: JSON.stringify({ greeting: \`Hello \${name}\` }) };
            if (event.path === '/api') return { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name }) };
            return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: \`<h1>Hello \${escapeHtml(name)}</h1>\` };
          };
        `,
      },
    },
    {
      name: 'AWS ESM/TypeScript: a constant page, and he.encode with shared headers',
      files: {
        'src/page.ts': ts`
          import type { APIGatewayProxyEventV2 } from 'aws-lambda';
          import he from 'he';
          const HTML = { 'content-type': 'text/html; charset=utf-8' };
          export const handler = async (event: APIGatewayProxyEventV2) => {
            if (!event.queryStringParameters?.q) return { statusCode: 200, headers: HTML, body: '<p>Nothing to search for.</p>' };
            return { statusCode: 200, headers: HTML, body: '<p>Results for ' + he.encode(event.queryStringParameters.q) + '</p>' };
          };
        `,
      },
    },
    {
      name: 'Express, Azure and Google Cloud Functions: JSON, plain text and escaped HTML',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const escape = require('lodash/escape');
          const app = express();
          app.get('/search', (req, res) => res.json({ q: req.query.q }));
          app.get('/echo', (req, res) => res.type('text').send(req.query.q));
          app.get('/hello', (req, res) => res.send(\`<h1>Hello \${escape(req.query.name)}</h1>\`));
          module.exports.handler = serverless(app);
        `,
        'Hello/index.js': js`
          module.exports = async function (context, req) {
            context.res = { headers: { 'Content-Type': 'text/plain' }, body: 'Hello ' + req.query.name };
          };
        `,
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const { filterXSS } = require('xss');
          functions.http('comment', (req, res) => res.send('<p>' + filterXSS(req.body.text) + '</p>'));
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS CommonJS: a proxy response with an HTML content type',
      files: {
        'src/hello.js': js`
          exports.handler = async (event) => {
            const name = event.queryStringParameters.name;
            if (event.path === '/hello') {
              return { statusCode: 200, headers: { 'Content-Type': 'text/html' }, body: \`<h1>Hello \${name}</h1>\` };
            }
            const response = { statusCode: 404, multiValueHeaders: { 'content-type': ['text/html'] }, body: '<p>No page ' + event.path + '</p>' };
            return response;
          };
        `,
      },
      errors: [
        {
          messageId: 'htmlBody',
          data: { source: 'event.queryStringParameters.name', sink: 'HTML response' },
          file: 'src/hello.js',
          line: 4, column: 79, endLine: 4, endColumn: 103,
          related: [
            { file: 'src/hello.js', line: 2, column: 16, endLine: 2, endColumn: 48, message: 'event.queryStringParameters.name (query string)' },
            { file: 'src/hello.js', line: 2, column: 9, endLine: 2, endColumn: 13, message: 'name' },
            { file: 'src/hello.js', line: 4, column: 79, endLine: 4, endColumn: 103, message: 'HTML response body' },
          ],
        },
        {
          messageId: 'htmlBody',
          data: { source: 'event.path', sink: 'HTML response' },
          file: 'src/hello.js',
          line: 6, column: 99, endLine: 6, endColumn: 134,
        },
      ],
      output: null,
    },
    {
      name: 'AWS ESM/TypeScript: shared HTML headers and a value from the parsed body',
      files: {
        'src/preview.ts': ts`
          import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
          const HTML = { 'Content-Type': 'text/html; charset=utf-8' };

          export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
            const { title } = JSON.parse(event.body ?? '{}');
            const page = '<html><title>' + title + '</title></html>';
            return { statusCode: 200, headers: HTML, body: page };
          };
        `,
      },
      errors: [
        {
          messageId: 'htmlBody',
          data: { source: 'event.body', sink: 'HTML response' },
          file: 'src/preview.ts',
          line: 7, column: 50, endLine: 7, endColumn: 54,
          related: [
            { file: 'src/preview.ts', line: 5, column: 32, endLine: 5, endColumn: 42, message: 'event.body (HTTP request body)' },
            { file: 'src/preview.ts', line: 5, column: 11, endLine: 5, endColumn: 16, message: 'title' },
            { file: 'src/preview.ts', line: 6, column: 9, endLine: 6, endColumn: 13, message: 'page' },
            { file: 'src/preview.ts', line: 7, column: 50, endLine: 7, endColumn: 54, message: 'HTML response body' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express under serverless-http: markup in the text, an HTML type on the chain or set before',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const app = express();
          app.get('/hello', (req, res) => res.send(\`<h1>Hello \${req.query.name}</h1>\`));
          app.get('/raw', (req, res) => res.status(200).type('html').send(req.query.body));
          app.get('/page', (req, res) => {
            res.set('Content-Type', 'text/html');
            res.send(req.query.page);
          });
          module.exports.handler = serverless(app);
        `,
      },
      errors: [
        {
          messageId: 'htmlBody',
          data: { source: 'req.query.name', sink: 'res.send' },
          file: 'app.js',
          line: 4, column: 42, endLine: 4, endColumn: 76,
          related: [
            { file: 'app.js', line: 4, column: 55, endLine: 4, endColumn: 69, message: 'req.query.name (query string)' },
            { file: 'app.js', line: 4, column: 42, endLine: 4, endColumn: 76, message: 'HTML response body' },
          ],
        },
        {
          messageId: 'htmlBody',
          data: { source: 'req.query.body', sink: 'res.send' },
          file: 'app.js',
          line: 5, column: 65, endLine: 5, endColumn: 79,
        },
        {
          messageId: 'htmlBody',
          data: { source: 'req.query.page', sink: 'res.send' },
          file: 'app.js',
          line: 8, column: 12, endLine: 8, endColumn: 26,
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3 and v4, Google Cloud Functions: HTML responses with request data',
      files: {
        'Hello/index.js': js`
          module.exports = async function (context, req) {
            context.res = { headers: { 'content-type': 'text/html' }, body: '<h1>Hello ' + req.query.name + '</h1>' };
          };
        `,
        'src/functions/greet.js': js`
          const { app } = require('@azure/functions');
          app.http('greet', {
            handler: async (request) => {
              const name = request.query.get('name');
              return { headers: { 'Content-Type': 'text/html' }, body: \`<p>Hi \${name}</p>\` };
            },
          });
        `,
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          functions.http('comment', (req, res) => res.send('<p>' + req.body.text + '</p>'));
        `,
      },
      errors: [
        {
          messageId: 'htmlBody',
          data: { source: 'req.query.name', sink: 'HTML response' },
          file: 'Hello/index.js',
          line: 2, column: 67, endLine: 2, endColumn: 106,
          related: [
            { file: 'Hello/index.js', line: 2, column: 82, endLine: 2, endColumn: 96, message: 'req.query.name (query string)' },
            { file: 'Hello/index.js', line: 2, column: 67, endLine: 2, endColumn: 106, message: 'HTML response body' },
          ],
        },
        {
          messageId: 'htmlBody',
          data: { source: 'req.body.text', sink: 'res.send' },
          file: 'index.js',
          line: 2, column: 50, endLine: 2, endColumn: 80,
        },
        {
          messageId: 'htmlBody',
          data: { source: "request.query.get('name')", sink: 'HTML response' },
          file: 'src/functions/greet.js',
          line: 5, column: 62, endLine: 5, endColumn: 81,
        },
      ],
      output: null,
    },
  ],
});
