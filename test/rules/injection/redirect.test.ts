import rule from '../../../rules/checks/injection/redirect';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS CommonJS: a constant target, and an encoded value after a fixed origin',
      files: {
        'src/login.js': js`
          exports.handler = async (event) => {
            if (!event.queryStringParameters.user) return { statusCode: 302, headers: { Location: '/login' } };
            const user = encodeURIComponent(event.queryStringParameters.user);
            return { statusCode: 302, headers: { Location: \`https://app.example.com/users/\${user}\` } };
          };
        `,
      },
    },
    {
      name: 'AWS ESM/TypeScript: a target from an allow-list, and a path of this site',
      files: {
        'src/callback.ts': ts`
          import type { APIGatewayProxyEventV2 } from 'aws-lambda';
          const ALLOWED = ['https://app.example.com/home', 'https://app.example.com/settings'];
          export const handler = async (event: APIGatewayProxyEventV2) => {
            const next = event.queryStringParameters?.next ?? '';
            if (!ALLOWED.includes(next)) {
              return { statusCode: 302, headers: { location: '/orders/' + encodeURIComponent(event.queryStringParameters?.order ?? '') } };
            }
            return { statusCode: 302, headers: { location: next } };
          };
        `,
      },
    },
    {
      name: 'Express and Azure: a fixed redirect, an encoded query value, data only in the body',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const app = express();
          app.get('/old', (req, res) => res.redirect(301, '/new'));
          app.get('/search', (req, res) => res.redirect('/results?q=' + encodeURIComponent(req.query.q)));
          module.exports.handler = serverless(app);
        `,
        'Go/index.js': js`
          module.exports = async function (context, req) {
            context.res = { status: 302, headers: { location: '/home' }, body: req.query.note };
          };
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS CommonJS: a Location header from the query string',
      files: {
        'src/login.js': js`
          exports.handler = async (event) => {
            const next = event.queryStringParameters.next;
            return { statusCode: 302, headers: { Location: next } };
          };
        `,
      },
      errors: [
        {
          messageId: 'redirectTarget',
          data: { source: 'event.queryStringParameters.next', sink: 'Location header' },
          file: 'src/login.js',
          line: 3, column: 50, endLine: 3, endColumn: 54,
          related: [
            { file: 'src/login.js', line: 2, column: 16, endLine: 2, endColumn: 48, message: 'event.queryStringParameters.next (query string)' },
            { file: 'src/login.js', line: 2, column: 9, endLine: 2, endColumn: 13, message: 'next' },
            { file: 'src/login.js', line: 3, column: 50, endLine: 3, endColumn: 54, message: 'Location header' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS ESM/TypeScript: a target from the parsed body, and a host written from a header',
      files: {
        'src/callback.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          export const handler = async (event: APIGatewayProxyEvent) => {
            const { returnTo } = JSON.parse(event.body ?? '{}');
            const host = event.headers['x-forwarded-host'];
            if (returnTo) return { statusCode: 303, headers: { location: returnTo } };
            return { statusCode: 302, headers: { location: \`https://\${host}/home\` } };
          };
        `,
      },
      errors: [
        {
          messageId: 'redirectTarget',
          data: { source: 'event.body', sink: 'Location header' },
          file: 'src/callback.ts',
          line: 5, column: 64, endLine: 5, endColumn: 72,
          related: [
            { file: 'src/callback.ts', line: 3, column: 35, endLine: 3, endColumn: 45, message: 'event.body (HTTP request body)' },
            { file: 'src/callback.ts', line: 3, column: 11, endLine: 3, endColumn: 19, message: 'returnTo' },
            { file: 'src/callback.ts', line: 5, column: 64, endLine: 5, endColumn: 72, message: 'Location header' },
          ],
        },
        {
          messageId: 'redirectTarget',
          data: { source: "event.headers['x-forwarded-host']", sink: 'Location header' },
          file: 'src/callback.ts',
          line: 6, column: 50, endLine: 6, endColumn: 72,
        },
      ],
      output: null,
    },
    {
      name: 'Express under serverless-http: res.redirect, res.location and a Location header',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const app = express();
          app.get('/go', (req, res) => res.redirect(req.query.url));
          app.get('/back', (req, res) => res.status(302).location(req.get('referer')).end());
          app.post('/done', (req, res) => {
            res.set('Location', req.body.returnUrl);
            res.sendStatus(303);
          });
          module.exports.handler = serverless(app);
        `,
      },
      errors: [
        {
          messageId: 'redirectTarget',
          data: { source: 'req.query.url', sink: 'res.redirect' },
          file: 'app.js',
          line: 4, column: 43, endLine: 4, endColumn: 56,
          related: [
            { file: 'app.js', line: 4, column: 43, endLine: 4, endColumn: 56, message: 'req.query.url (query string)' },
            { file: 'app.js', line: 4, column: 43, endLine: 4, endColumn: 56, message: 'redirect URL' },
          ],
        },
        {
          messageId: 'redirectTarget',
          data: { source: "req.get('referer')", sink: 'res.location' },
          file: 'app.js',
          line: 5, column: 57, endLine: 5, endColumn: 75,
        },
        {
          messageId: 'redirectTarget',
          data: { source: 'req.body.returnUrl', sink: 'res.set' },
          file: 'app.js',
          line: 7, column: 23, endLine: 7, endColumn: 41,
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3 and v4, Google Cloud Functions: redirects to request data',
      files: {
        'Go/index.js': js`
          module.exports = async function (context, req) {
            context.res = { status: 302, headers: { location: req.query.to } };
          };
        `,
        'src/functions/out.js': js`
          const { app } = require('@azure/functions');
          app.http('out', {
            handler: async (request) => ({ status: 302, headers: { Location: request.query.get('target') } }),
          });
        `,
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          functions.http('out', (req, res) => res.redirect(302, req.query.target));
        `,
      },
      errors: [
        {
          messageId: 'redirectTarget',
          data: { source: 'req.query.to', sink: 'Location header' },
          file: 'Go/index.js',
          line: 2, column: 53, endLine: 2, endColumn: 65,
          related: [
            { file: 'Go/index.js', line: 2, column: 53, endLine: 2, endColumn: 65, message: 'req.query.to (query string)' },
            { file: 'Go/index.js', line: 2, column: 53, endLine: 2, endColumn: 65, message: 'Location header' },
          ],
        },
        {
          messageId: 'redirectTarget',
          data: { source: 'req.query.target', sink: 'res.redirect' },
          file: 'index.js',
          line: 2, column: 55, endLine: 2, endColumn: 71,
        },
        {
          messageId: 'redirectTarget',
          data: { source: "request.query.get('target')", sink: 'Location header' },
          file: 'src/functions/out.js',
          line: 3, column: 68, endLine: 3, endColumn: 95,
        },
      ],
      output: null,
    },
  ],
});
