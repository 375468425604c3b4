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
    {
      name: 'hand-written nested writes: a guard refusing __proto__, an own-key check, a null-prototype target',
      files: {
        'src/prefs.js': js`
          exports.handler = async (event) => {
            const { section, key, value } = JSON.parse(event.body);
            if (section === '__proto__' || section === 'constructor' || section === 'prototype') return { statusCode: 400 };
            const prefs = { display: {}, alerts: {} };
            prefs[section][key] = value;
            return { statusCode: 200, body: JSON.stringify(prefs) };
          };
        `,
        'src/labels.js': js`
          exports.handler = async (event) => {
            const labels = { team: {}, cost: {} };
            for (const [group, name] of Object.entries(event.queryStringParameters ?? {})) {
              if (Object.hasOwn(labels, group)) labels[group][name] = true;
            }
            return { statusCode: 200, body: JSON.stringify(labels) };
          };
        `,
        'src/index.js': js`
          exports.handler = async (event) => {
            const { group, name, value } = JSON.parse(event.body);
            const index = Object.create(null);
            index[group] = index[group] || Object.create(null);
            index[group][name] = value;
            return { statusCode: 200, body: JSON.stringify(index) };
          };
        `,
      },
    },
    {
      name: 'hand-written nested writes: hasOwnProperty forms, a list of refused keys, a branch on key !== __proto__',
      files: {
        'src/merge.js': js`
          const REFUSED = ['__proto__', 'constructor', 'prototype'];
          exports.handler = async (event) => {
            const patch = JSON.parse(event.body);
            const config = { ui: {}, api: {} };
            for (const [section, values] of Object.entries(patch)) {
              if (REFUSED.includes(section)) continue;
              for (const [key, value] of Object.entries(values)) config[section][key] = value;
            }
            for (const [section, values] of Object.entries(patch)) {
              if (new Set(['__proto__', 'constructor']).has(section)) continue;
              for (const [key, value] of Object.entries(values)) config[section][key] = value;
            }
            for (const section of Object.keys(patch)) {
              if (config.hasOwnProperty(section)) config[section].touched = true;
              if (Object.prototype.hasOwnProperty.call(config, section)) config[section].seen = true;
              if (section !== '__proto__' && section !== 'constructor') config[section].checked = true;
            }
            return { statusCode: 200, body: JSON.stringify(config) };
          };
        `,
      },
    },
    {
      name: 'hand-written nested writes: a Map of groups, an allow-list, a constant first key',
      files: {
        'src/groups.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          const SECTIONS = ['display', 'alerts'];
          export const handler = async (event: APIGatewayProxyEvent) => {
            const { section, key, value } = JSON.parse(event.body ?? '{}');
            const groups = new Map<string, Record<string, unknown>>();
            if (!groups.has(section)) groups.set(section, {});
            groups.get(section)![key] = value;
            if (!SECTIONS.includes(section)) return { statusCode: 400 };
            const prefs: Record<string, Record<string, unknown>> = { display: {}, alerts: {} };
            prefs[section][key] = value;
            prefs['display'][key] = value;
            return { statusCode: 200, body: JSON.stringify({ prefs, groups: [...groups] }) };
          };
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
    {
      name: 'hand-written nested writes: both keys from the parsed body, and obj[a] = obj[a] || {} first',
      files: {
        'src/prefs.js': js`
          exports.handler = async (event) => {
            const { section, key, value } = JSON.parse(event.body);
            const prefs = {};
            prefs[section] = prefs[section] || {};
            prefs[section][key] = value;
            return { statusCode: 200, body: JSON.stringify(prefs) };
          };
        `,
      },
      errors: [
        {
          messageId: 'pollutedObject',
          data: { source: 'event.body', sink: 'prefs[section][key]' },
          file: 'src/prefs.js',
          line: 5, column: 9, endLine: 5, endColumn: 16,
          related: [
            { file: 'src/prefs.js', line: 2, column: 46, endLine: 2, endColumn: 56, message: 'event.body (HTTP request body)' },
            { file: 'src/prefs.js', line: 2, column: 11, endLine: 2, endColumn: 18, message: 'section' },
            { file: 'src/prefs.js', line: 5, column: 9, endLine: 5, endColumn: 16, message: 'property key' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'hand-written nested writes: a local helper called with query parameters, and a guard on the wrong key',
      files: {
        'src/labels.js': js`
          function assignNested(target, group, name, value) {
            if (!target[group]) target[group] = {};
            target[group][name] = value;
          }
          exports.handler = async (event) => {
            const q = event.queryStringParameters;
            const labels = {};
            assignNested(labels, q.group, q.name, q.value);
            if (q.name === '__proto__') return { statusCode: 400 };
            labels[q.kind].name = q.name;
            return { statusCode: 200, body: JSON.stringify(labels) };
          };
        `,
      },
      errors: [
        {
          messageId: 'pollutedObject',
          data: { source: 'event.queryStringParameters.group', sink: 'target[group][name]' },
          file: 'src/labels.js',
          line: 3, column: 10, endLine: 3, endColumn: 15,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'event.queryStringParameters.kind', sink: 'labels[q.kind].name' },
          file: 'src/labels.js',
          line: 10, column: 10, endLine: 10, endColumn: 16,
        },
      ],
      output: null,
    },
    {
      name: 'hand-written nested writes: Azure v3 and v4, TypeScript, three levels deep',
      files: {
        'Settings/index.js': js`
          module.exports = async function (context, req) {
            const tree = { a: { b: {} } };
            tree[req.params.first][req.params.second][req.params.third] = req.body;
            context.res = { body: tree };
          };
        `,
        'src/functions/prefs.ts': ts`
          import { app, HttpRequest } from '@azure/functions';
          app.http('prefs', { handler: async (request: HttpRequest) => {
            const body = (await request.json()) as Record<string, string>;
            const prefs: Record<string, Record<string, string>> = {};
            prefs[body.section] ??= {};
            prefs[body.section][body.key] = body.value;
            return { jsonBody: prefs };
          } });
        `,
      },
      errors: [
        {
          messageId: 'pollutedObject',
          data: { source: 'req.params.first', sink: 'tree[req.params.first][req.params.second][req.params.third]' },
          file: 'Settings/index.js',
          line: 3, column: 8, endLine: 3, endColumn: 24,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'req.params.second', sink: 'tree[req.params.first][req.params.second][req.params.third]' },
          file: 'Settings/index.js',
          line: 3, column: 26, endLine: 3, endColumn: 43,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'request.json().section', sink: 'prefs[body.section][body.key]' },
          file: 'src/functions/prefs.ts',
          line: 6, column: 9, endLine: 6, endColumn: 21,
        },
      ],
      output: null,
    },
  ],
});
