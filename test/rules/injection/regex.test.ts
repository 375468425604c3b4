import rule from '../../../rules/checks/injection/regex';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS CommonJS: escape-string-regexp, lodash.escapeRegExp and a constant pattern',
      files: {
        'src/search.js': js`
          const escapeStringRegexp = require('escape-string-regexp');
          const _ = require('lodash');
          const WORD = new RegExp('^[a-z]+$');
          exports.handler = async (event) => {
            const term = event.queryStringParameters.q;
            const exact = new RegExp('^' + escapeStringRegexp(term) + '$', 'i');
            const loose = RegExp(_.escapeRegExp(term));
            return { statusCode: 200, body: JSON.stringify([exact.test('x'), loose.test('y'), WORD.test(term)]) };
          };
        `,
      },
    },
    {
      name: 'AWS ESM/TypeScript: the hand-written escape, and plain-text matching',
      files: {
        'src/filter.ts': ts`
          import type { SQSEvent } from 'aws-lambda';
          const escape = (text: string) => text.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&');
          export const handler = async (event: SQSEvent) => {
            for (const record of event.Records) {
              const { prefix } = JSON.parse(record.body);
              const pattern = new RegExp(\`^\${escape(prefix)}\`);
              console.log(pattern.test('a'), 'abc'.startsWith(prefix));
            }
          };
        `,
      },
    },
    {
      name: 'Express and Azure v4: patterns chosen from a fixed set',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const app = express();
          app.get('/match', (req, res) => {
            const pattern = req.query.kind === 'digits' ? '^\\\\d+$' : '^\\\\w+$';
            res.json({ ok: new RegExp(pattern).test(req.query.value) });
          });
          module.exports.handler = serverless(app);
        `,
        'src/functions/check.js': js`
          const { app } = require('@azure/functions');
          const PATTERNS = { email: /^[^@]+@[^@]+$/, zip: /^\\d{5}$/ };
          app.http('check', { handler: async (request) => ({ jsonBody: { ok: PATTERNS.email.test(request.query.get('value')) } }) });
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS CommonJS: new RegExp and RegExp with a query parameter',
      files: {
        'src/search.js': js`
          exports.handler = async (event) => {
            const term = event.queryStringParameters.q;
            const matcher = new RegExp(term, 'i');
            const anchored = RegExp('^' + term);
            return { statusCode: 200, body: JSON.stringify([matcher.test('x'), anchored.test('y')]) };
          };
        `,
      },
      errors: [
        {
          messageId: 'regexPattern',
          data: { source: 'event.queryStringParameters.q', sink: 'RegExp' },
          file: 'src/search.js',
          line: 3, column: 30, endLine: 3, endColumn: 34,
          related: [
            { file: 'src/search.js', line: 2, column: 16, endLine: 2, endColumn: 45, message: 'event.queryStringParameters.q (query string)' },
            { file: 'src/search.js', line: 2, column: 9, endLine: 2, endColumn: 13, message: 'term' },
            { file: 'src/search.js', line: 3, column: 30, endLine: 3, endColumn: 34, message: 'regular expression' },
          ],
        },
        {
          messageId: 'regexPattern',
          data: { source: 'event.queryStringParameters.q', sink: 'RegExp' },
          file: 'src/search.js',
          line: 4, column: 27, endLine: 4, endColumn: 37,
        },
      ],
      output: null,
    },
    {
      name: 'AWS ESM/TypeScript: a pattern from an SQS message',
      files: {
        'src/filter.ts': ts`
          import type { SQSEvent } from 'aws-lambda';
          export const handler = async (event: SQSEvent) => {
            for (const record of event.Records) {
              const { prefix } = JSON.parse(record.body);
              const pattern = new RegExp(\`^\${prefix}\`);
              console.log(pattern.test('a'));
            }
          };
        `,
      },
      errors: [
        {
          messageId: 'regexPattern',
          data: { source: 'event.Records[*].body', sink: 'RegExp' },
          file: 'src/filter.ts',
          line: 5, column: 32, endLine: 5, endColumn: 44,
          related: [
            { file: 'src/filter.ts', line: 3, column: 24, endLine: 3, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/filter.ts', line: 3, column: 14, endLine: 3, endColumn: 20, message: 'record' },
            { file: 'src/filter.ts', line: 4, column: 13, endLine: 4, endColumn: 19, message: 'prefix' },
            { file: 'src/filter.ts', line: 5, column: 32, endLine: 5, endColumn: 44, message: 'regular expression' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express, Azure v3 and Google Cloud Functions: patterns from the request',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const app = express();
          app.get('/match', (req, res) => res.json({ ok: new RegExp(req.query.pattern).test(req.query.value) }));
          module.exports.handler = serverless(app);
        `,
        'Match/index.js': js`
          module.exports = async function (context, req) {
            context.res = { body: new RegExp(req.body.pattern).test(req.body.value) };
          };
        `,
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          functions.http('grep', (req, res) => res.json(['a', 'b'].filter((line) => RegExp(req.query.q).test(line))));
        `,
      },
      errors: [
        {
          messageId: 'regexPattern',
          data: { source: 'req.body.pattern', sink: 'RegExp' },
          file: 'Match/index.js',
          line: 2, column: 36, endLine: 2, endColumn: 52,
          related: [
            { file: 'Match/index.js', line: 2, column: 36, endLine: 2, endColumn: 52, message: 'req.body.pattern (HTTP request body)' },
            { file: 'Match/index.js', line: 2, column: 36, endLine: 2, endColumn: 52, message: 'regular expression' },
          ],
        },
        {
          messageId: 'regexPattern',
          data: { source: 'req.query.pattern', sink: 'RegExp' },
          file: 'app.js',
          line: 4, column: 59, endLine: 4, endColumn: 76,
        },
        {
          messageId: 'regexPattern',
          data: { source: 'req.query.q', sink: 'RegExp' },
          file: 'index.js',
          line: 2, column: 82, endLine: 2, endColumn: 93,
        },
      ],
      output: null,
    },
  ],
});
