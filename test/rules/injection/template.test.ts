import rule from '../../../rules/checks/injection/template';
import { js, testRule, ts } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS CommonJS: a fixed Handlebars template rendered with event data',
      files: {
        'src/mail.js': js`
          const Handlebars = require('handlebars');
          const welcome = Handlebars.compile('<p>Welcome, {{name}}</p>');
          exports.handler = async (event) => ({ statusCode: 200, body: welcome({ name: event.queryStringParameters.name }) });
        `,
      },
    },
    {
      name: 'AWS ESM/TypeScript: ejs and lodash templates from constants, the data from the body',
      files: {
        'src/render.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import ejs from 'ejs';
          import { template } from 'lodash';
          const PAGE = '<h1><%= title %></h1>';
          export const handler = async (event: APIGatewayProxyEvent) => {
            const data = JSON.parse(event.body ?? '{}');
            const line = template('Hello <%- name %>')({ name: data.name });
            return { statusCode: 200, body: ejs.render(PAGE, { title: data.title }) + line };
          };
        `,
      },
    },
    {
      name: 'Express and Azure v4: a template chosen from a fixed set',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const pug = require('pug');
          const TEMPLATES = { short: 'p= name', long: 'h1= name' };
          const app = express();
          app.get('/card', (req, res) => {
            const source = req.query.size === 'long' ? TEMPLATES.long : TEMPLATES.short;
            res.send(pug.render(source, { name: req.query.name }));
          });
          module.exports.handler = serverless(app);
        `,
        'src/functions/note.js': js`
          const { app } = require('@azure/functions');
          const nunjucks = require('nunjucks');
          app.http('note', { handler: async (request) => ({ body: nunjucks.renderString('Note: {{ text }}', { text: request.query.get('text') }) }) });
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS CommonJS: Handlebars and lodash templates from the query string',
      files: {
        'src/mail.js': js`
          const Handlebars = require('handlebars');
          const _ = require('lodash');
          exports.handler = async (event) => {
            const source = event.queryStringParameters.template;
            const render = Handlebars.compile(source);
            const line = _.template('Hi ' + event.queryStringParameters.greeting)({});
            return { statusCode: 200, body: render({}) + line };
          };
        `,
      },
      errors: [
        {
          messageId: 'templateText',
          data: { source: 'event.queryStringParameters.template', sink: 'handlebars.compile' },
          file: 'src/mail.js',
          line: 5, column: 37, endLine: 5, endColumn: 43,
          related: [
            { file: 'src/mail.js', line: 4, column: 18, endLine: 4, endColumn: 54, message: 'event.queryStringParameters.template (query string)' },
            { file: 'src/mail.js', line: 4, column: 9, endLine: 4, endColumn: 15, message: 'source' },
            { file: 'src/mail.js', line: 5, column: 37, endLine: 5, endColumn: 43, message: 'template text' },
          ],
        },
        {
          messageId: 'templateText',
          data: { source: 'event.queryStringParameters.greeting', sink: '_.template' },
          file: 'src/mail.js',
          line: 6, column: 27, endLine: 6, endColumn: 71,
        },
      ],
      output: null,
    },
    {
      name: 'AWS ESM/TypeScript: ejs.render of template text from the body',
      files: {
        'src/render.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import ejs from 'ejs';
          export const handler = async (event: APIGatewayProxyEvent) => {
            const { layout, title } = JSON.parse(event.body ?? '{}');
            return { statusCode: 200, body: ejs.render(layout, { title }) };
          };
        `,
      },
      errors: [
        {
          messageId: 'templateText',
          data: { source: 'event.body', sink: 'ejs.render' },
          file: 'src/render.ts',
          line: 5, column: 46, endLine: 5, endColumn: 52,
          related: [
            { file: 'src/render.ts', line: 4, column: 40, endLine: 4, endColumn: 50, message: 'event.body (HTTP request body)' },
            { file: 'src/render.ts', line: 4, column: 11, endLine: 4, endColumn: 17, message: 'layout' },
            { file: 'src/render.ts', line: 5, column: 46, endLine: 5, endColumn: 52, message: 'template text' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express, Azure v3 and Google Cloud Functions: pug, nunjucks and Handlebars',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const pug = require('pug');
          const app = express();
          app.post('/preview', (req, res) => res.send(pug.compile(req.body.source)({})));
          module.exports.handler = serverless(app);
        `,
        'Note/index.js': js`
          const nunjucks = require('nunjucks');
          module.exports = async function (context, req) {
            context.res = { body: nunjucks.renderString(req.body.text, {}) };
          };
        `,
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const Handlebars = require('handlebars');
          functions.http('card', (req, res) => res.send(Handlebars.compile(req.query.layout)({ name: 'x' })));
        `,
      },
      errors: [
        {
          messageId: 'templateText',
          data: { source: 'req.body.text', sink: 'nunjucks.renderString' },
          file: 'Note/index.js',
          line: 3, column: 47, endLine: 3, endColumn: 60,
          related: [
            { file: 'Note/index.js', line: 3, column: 47, endLine: 3, endColumn: 60, message: 'req.body.text (HTTP request body)' },
            { file: 'Note/index.js', line: 3, column: 47, endLine: 3, endColumn: 60, message: 'template text' },
          ],
        },
        {
          messageId: 'templateText',
          data: { source: 'req.body.source', sink: 'pug.compile' },
          file: 'app.js',
          line: 5, column: 57, endLine: 5, endColumn: 72,
        },
        {
          messageId: 'templateText',
          data: { source: 'req.query.layout', sink: 'handlebars.compile' },
          file: 'index.js',
          line: 3, column: 66, endLine: 3, endColumn: 82,
        },
      ],
      output: null,
    },
  ],
});
