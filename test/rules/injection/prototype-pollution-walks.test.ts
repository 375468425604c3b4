/**
 * `injection/prototype-pollution` on hand-written path walks (rules/analysis/taint/writes.ts): loops
 * that move an object down a path, `reduce` setters, recursive merges; and the guards that clean them.
 */
import rule from '../../../rules/checks/injection/prototype-pollution';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'path walks: refused segments in the loop, a constant path, a walk that only reads, a Map',
      files: {
        'src/config.js': js`
          exports.handler = async (event) => {
            const input = JSON.parse(event.body);
            const config = {};
            const keys = input.path.split('.');
            const last = keys.pop();
            let node = config;
            for (const part of keys) {
              if (part === '__proto__' || part === 'constructor' || part === 'prototype') throw new Error('bad path');
              node[part] = node[part] || {};
              node = node[part];
            }
            node[last] = input.value;
            let fixed = config;
            for (const part of 'display.theme'.split('.')) {
              fixed[part] = fixed[part] || {};
              fixed = fixed[part];
            }
            fixed.mode = input.value;
            let read = config;
            for (const part of keys) read = read[part];
            return { statusCode: 200, body: JSON.stringify({ config, read }) };
          };
        `,
        'src/functions/tree.ts': ts`
          import { app, HttpRequest } from '@azure/functions';
          const REFUSED = new Set(['__proto__', 'constructor', 'prototype']);
          app.http('tree', { handler: async (request: HttpRequest) => {
            const body = (await request.json()) as { segments: string[]; value: string };
            const tree = new Map<string, any>();
            let cursor = tree;
            for (const segment of body.segments) {
              if (!cursor.has(segment)) cursor.set(segment, new Map());
              cursor = cursor.get(segment);
            }
            const plain: Record<string, any> = {};
            let node = plain;
            for (const segment of body.segments) {
              if (REFUSED.has(segment)) continue;
              node = node[segment] ??= {};
            }
            node.value = body.value;
            return { jsonBody: { plain, size: tree.size } };
          } });
        `,
      },
    },
    {
      name: 'reduce setters: prototype-free objects, a refused key, an accumulator that is not walked',
      files: {
        'src/reduce.js': js`
          exports.handler = async (event) => {
            const { path, value } = event.queryStringParameters;
            const keys = path.split('.');
            const last = keys.pop();
            const target = Object.create(null);
            const parent = keys.reduce((o, k) => (o[k] = o[k] || Object.create(null)), target);
            parent[last] = value;
            const guarded = keys.reduce((o, k) => {
              if (['__proto__', 'constructor', 'prototype'].includes(k)) return o;
              return (o[k] = o[k] || {});
            }, {});
            guarded[last] = value;
            const flat = keys.reduce((acc, k) => {
              acc[k] = value;
              return acc;
            }, {});
            return { statusCode: 200, body: JSON.stringify({ target, flat }) };
          };
        `,
      },
    },
    {
      name: 'recursive merges: refused keys, keys the target owns, a constant source',
      files: {
        'src/merge.js': js`
          function merge(t, s) {
            for (const k in s) {
              if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;
              if (typeof s[k] === 'object') merge(t[k] ??= {}, s[k]);
              else t[k] = s[k];
            }
            return t;
          }
          function update(target, source) {
            for (const key of Object.keys(source)) {
              if (Object.hasOwn(target, key) && typeof source[key] === 'object') update(target[key], source[key]);
              else target[key] = source[key];
            }
          }
          function extend(target, source) {
            for (const key in source) {
              if (typeof source[key] === 'object') extend(target[key] = target[key] || {}, source[key]);
              else target[key] = source[key];
            }
          }
          exports.handler = async (event) => {
            const settings = merge({ theme: 'light' }, JSON.parse(event.body));
            update({ theme: 'light', layout: { columns: 2 } }, JSON.parse(event.body));
            extend({}, { layout: { columns: 3 } });
            return { statusCode: 200, body: JSON.stringify(settings) };
          };
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'path walks: loops over path segments from an API Gateway body, an Azure v4 body and an Express body',
      files: {
        'src/config.js': js`
          exports.handler = async (event) => {
            const input = JSON.parse(event.body);
            const config = {};
            const keys = input.path.split('.');
            const last = keys.pop();
            let node = config;
            for (const part of keys) {
              node[part] = node[part] || {};
              node = node[part];
            }
            node[last] = input.value;
            return { statusCode: 200, body: JSON.stringify(config) };
          };
        `,
        'src/functions/tree.ts': ts`
          import { app, HttpRequest } from '@azure/functions';
          app.http('tree', { handler: async (request: HttpRequest) => {
            const body = (await request.json()) as { segments: string[]; value: string };
            const tree: Record<string, any> = {};
            let cursor = tree;
            for (let i = 0; i < body.segments.length - 1; i++) {
              cursor = cursor[body.segments[i]] ??= {};
            }
            cursor[body.segments[body.segments.length - 1]] = body.value;
            return { jsonBody: tree };
          } });
        `,
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const app = express();
          const store = {};
          app.put('/store', (req, res) => {
            const { path, value } = req.body;
            let obj = store;
            let i = 0;
            while (i < path.length - 1) {
              obj = obj[path[i]] || (obj[path[i]] = {});
              i++;
            }
            obj[path[i]] = value;
            res.json(store);
          });
          module.exports.handler = serverless(app);
        `,
      },
      errors: [
        {
          messageId: 'pollutedObject',
          data: { source: 'req.body.path[0]', sink: 'obj = obj[path[i]] || (obj[path[i]] = {})' },
          file: 'app.js',
          line: 10, column: 15, endLine: 10, endColumn: 22,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'event.body', sink: 'node = node[part]' },
          file: 'src/config.js',
          line: 9, column: 17, endLine: 9, endColumn: 21,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'request.json().segments[0]', sink: 'cursor = cursor[body.segments[i]] ??= {}' },
          file: 'src/functions/tree.ts',
          line: 7, column: 21, endLine: 7, endColumn: 37,
        },
      ],
      output: null,
    },
    {
      name: 'reduce setters: API Gateway, SQS (TypeScript) and Azure v3 paths',
      files: {
        'src/reduce.js': js`
          exports.handler = async (event) => {
            const { path, value } = event.queryStringParameters;
            const keys = path.split('.');
            const last = keys.pop();
            const target = {};
            const parent = keys.reduce((o, k) => (o[k] = o[k] || {}), target);
            parent[last] = value;
            return { statusCode: 200, body: JSON.stringify(target) };
          };
        `,
        'src/apply.ts': ts`
          import type { SQSEvent } from 'aws-lambda';
          const state: Record<string, any> = {};
          export const handler = async (event: SQSEvent) => {
            for (const record of event.Records) {
              const change = JSON.parse(record.body) as { path: string[]; value: unknown };
              const parent = change.path.slice(0, -1).reduce((acc: Record<string, any>, key: string) => {
                if (!acc[key]) acc[key] = {};
                return acc[key];
              }, state);
              parent[change.path[change.path.length - 1]] = change.value;
            }
          };
        `,
        'Tree/index.js': js`
          module.exports = async function (context, req) {
            const segments = req.query.path.split('/');
            const leaf = segments.pop();
            const root = {};
            segments.reduce((o, k) => o[k] ??= {}, root)[leaf] = req.body;
            context.res = { body: root };
          };
        `,
      },
      errors: [
        {
          messageId: 'pollutedObject',
          data: { source: 'req.query.path', sink: 'o[k]' },
          file: 'Tree/index.js',
          line: 5, column: 31, endLine: 5, endColumn: 32,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'event.Records[*].body', sink: 'acc[key]' },
          file: 'src/apply.ts',
          line: 8, column: 18, endLine: 8, endColumn: 21,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'event.queryStringParameters.path', sink: 'o[k]' },
          file: 'src/reduce.js',
          line: 6, column: 43, endLine: 6, endColumn: 44,
        },
      ],
      output: null,
    },
    {
      name: 'recursive merges: for…in, Object.keys and Object.entries of parsed event data',
      files: {
        'src/merge.js': js`
          function merge(t, s) {
            for (const k in s) {
              if (typeof s[k] === 'object') merge(t[k] ??= {}, s[k]);
              else t[k] = s[k];
            }
            return t;
          }
          exports.handler = async (event) => {
            const settings = merge({ theme: 'light' }, JSON.parse(event.body));
            return { statusCode: 200, body: JSON.stringify(settings) };
          };
        `,
        'src/merge-keys.js': js`
          const deepAssign = (target, source) => {
            Object.keys(source).forEach((key) => {
              if (source[key] && typeof source[key] === 'object') {
                target[key] = deepAssign(target[key] || {}, source[key]);
              } else {
                target[key] = source[key];
              }
            });
            return target;
          };
          const mergeEntries = (target, source) => {
            for (const [key, value] of Object.entries(source)) {
              if (typeof value === 'object') mergeEntries(target[key] = target[key] || {}, value);
              else target[key] = value;
            }
          };
          exports.handler = async (event) => {
            for (const record of event.Records) {
              const update = JSON.parse(record.body);
              deepAssign({}, update);
              mergeEntries({}, update);
            }
          };
        `,
      },
      errors: [
        {
          messageId: 'pollutedObject',
          data: { source: 'event.Records[*].body', sink: 'deepAssign(target[key] || {}, source[key])' },
          file: 'src/merge-keys.js',
          line: 4, column: 39, endLine: 4, endColumn: 42,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'event.Records[*].body', sink: 'mergeEntries(target[key] = target[key] || {}, value)' },
          file: 'src/merge-keys.js',
          line: 13, column: 56, endLine: 13, endColumn: 59,
        },
        {
          messageId: 'pollutedObject',
          data: { source: 'event.body', sink: 'merge(t[k] ??= {}, s[k])' },
          file: 'src/merge.js',
          line: 3, column: 43, endLine: 3, endColumn: 44,
        },
      ],
      output: null,
    },
  ],
});
