import rule from '../../../rules/checks/injection/prototype-pollution';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS CommonJS: merging constants, and a path from a fixed set',
      files: {
        'src/settings.js': js`
          const _ = require('lodash');
          const DEFAULTS = { theme: 'light', lang: 'en' };
          exports.handler = async (event) => {
            const settings = _.merge({}, DEFAULTS, { lang: 'fr' });
            const key = event.queryStringParameters.key === 'theme' ? 'theme' : 'lang';
            _.set(settings, key, event.queryStringParameters.value);
            return { statusCode: 200, body: JSON.stringify(settings) };
          };
        `,
      },
    },
    {
      name: 'AWS ESM/TypeScript: a zod-validated body merged, the value (not the path) from input',
      files: {
        'src/profile.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import { merge, set } from 'lodash';
          import { z } from 'zod';
          const Profile = z.object({ name: z.string().max(50), age: z.number().int() }).strict();
          export const handler = async (event: APIGatewayProxyEvent) => {
            const profile = Profile.parse(JSON.parse(event.body ?? '{}'));
            const saved = merge({ id: 1 }, { age: profile.age });
            set(saved, 'name', profile.name);
            return { statusCode: 200, body: JSON.stringify(saved) };
          };
        `,
      },
    },
    {
      name: 'Express and Azure v4: dot-prop and object-path with constant paths and input values',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const dotProp = require('dot-prop');
          const app = express();
          app.post('/prefs', (req, res) => {
            const prefs = {};
            dotProp.set(prefs, 'display.theme', req.body.theme);
            res.json(prefs);
          });
          module.exports.handler = serverless(app);
        `,
        'src/functions/tag.js': js`
          const { app } = require('@azure/functions');
          const objectPath = require('object-path');
          app.http('tag', { handler: async (request) => {
            const tags = {};
            objectPath.set(tags, 'labels.last', request.query.get('tag'));
            return { jsonBody: tags };
          } });
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS CommonJS: lodash merge of the parsed body, and set with a query path',
      files: {
        'src/settings.js': js`
          const _ = require('lodash');
          const DEFAULTS = { theme: 'light' };
          exports.handler = async (event) => {
            const settings = _.merge({}, DEFAULTS, JSON.parse(event.body));
            _.set(settings, event.queryStringParameters.path, event.queryStringParameters.value);
            return { statusCode: 200, body: JSON.stringify(settings) };
          };
        `,
      },
      errors: [
        {
          messageId: 'pollutedObject',
          data: { source: 'event.body', sink: '_.merge' },
          file: 'src/settings.js',
          line: 4, column: 42, endLine: 4, endColumn: 64,
          related: [
            { file: 'src/settings.js', line: 4, column: 53, endLine: 4, endColumn: 63, message: 'event.body (HTTP request body)' },
            { file: 'src/settings.js', line: 4, column: 42, endLine: 4, endColumn: 64, message: 'merged object' },
          ],
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'event.queryStringParameters.path', sink: '_.set' },
          file: 'src/settings.js',
          line: 5, column: 19, endLine: 5, endColumn: 51,
        },
      ],
      output: null,
    },
    {
      name: 'AWS ESM/TypeScript: defaultsDeep and mergeWith with an SQS message',
      files: {
        'src/apply.ts': ts`
          import type { SQSEvent } from 'aws-lambda';
          import { defaultsDeep, mergeWith } from 'lodash';
          export const handler = async (event: SQSEvent) => {
            for (const record of event.Records) {
              const patch = JSON.parse(record.body);
              const config = defaultsDeep({}, patch);
              mergeWith(config, patch.extra, (a: unknown, b: unknown) => b ?? a);
            }
          };
        `,
      },
      errors: [
        {
          messageId: 'pollutedObject',
          data: { source: 'event.Records[*].body', sink: '_.defaultsDeep' },
          file: 'src/apply.ts',
          line: 6, column: 37, endLine: 6, endColumn: 42,
          related: [
            { file: 'src/apply.ts', line: 4, column: 24, endLine: 4, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/apply.ts', line: 4, column: 14, endLine: 4, endColumn: 20, message: 'record' },
            { file: 'src/apply.ts', line: 5, column: 11, endLine: 5, endColumn: 16, message: 'patch' },
            { file: 'src/apply.ts', line: 6, column: 37, endLine: 6, endColumn: 42, message: 'merged object' },
          ],
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'event.Records[*].body', sink: '_.mergeWith' },
          file: 'src/apply.ts',
          line: 7, column: 23, endLine: 7, endColumn: 34,
        },
      ],
      output: null,
    },
    {
      name: 'Express, Azure v3 and Google Cloud Functions: dot-prop, object-path and lodash.merge',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const dotProp = require('dot-prop');
          const app = express();
          app.post('/prefs', (req, res) => {
            const prefs = {};
            dotProp.set(prefs, req.body.key, req.body.value);
            res.json(prefs);
          });
          module.exports.handler = serverless(app);
        `,
        'Tag/index.js': js`
          const objectPath = require('object-path');
          module.exports = async function (context, req) {
            const tags = {};
            objectPath.set(tags, req.query.path, req.query.value);
            context.res = { body: tags };
          };
        `,
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const merge = require('lodash.merge');
          functions.http('configure', (req, res) => res.json(merge({}, req.body)));
        `,
      },
      errors: [
        {
          messageId: 'pollutedObject',
          data: { source: 'req.query.path', sink: 'objectPath.set' },
          file: 'Tag/index.js',
          line: 4, column: 24, endLine: 4, endColumn: 38,
          related: [
            { file: 'Tag/index.js', line: 4, column: 24, endLine: 4, endColumn: 38, message: 'req.query.path (query string)' },
            { file: 'Tag/index.js', line: 4, column: 24, endLine: 4, endColumn: 38, message: 'property path' },
          ],
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'req.body.key', sink: 'dotProp.set' },
          file: 'app.js',
          line: 7, column: 22, endLine: 7, endColumn: 34,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'req.body', sink: '_.merge' },
          file: 'index.js',
          line: 3, column: 62, endLine: 3, endColumn: 70,
        },
      ],
      output: null,
    },
  ],
});
