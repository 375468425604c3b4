import rule from '../../../rules/checks/errors/verbose-error';
import { js, testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'a generic message in the body and the error logged',
      files: {
        'src/orders.js': js`
          exports.handler = async (event) => {
            try {
              return { statusCode: 200, body: event.body };
            } catch (err) {
              console.error(err);
              return { statusCode: 500, body: JSON.stringify({ error: 'Internal server error' }) };
            }
          };
        `,
      },
    },
    {
      name: 'the message only logged, a status code from the error, and a message outside a catch',
      files: {
        'app.js': js`
          const express = require('express');
          const app = express();
          app.get('/users', async (req, res) => {
            try {
              res.json(await Promise.resolve([]));
            } catch (error) {
              console.error(error.message, error.stack);
              res.status(error.statusCode ?? 500).json({ error: 'Lookup failed' });
            }
          });
          app.get('/validate', (req, res) => {
            const problem = new Error('name is required');
            res.status(400).json({ error: problem.message });
          });
          module.exports = app;
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS Lambda proxy: the stack in the body',
      files: {
        'src/orders.js': js`
          exports.handler = async (event) => {
            try {
              return { statusCode: 200, body: JSON.stringify(await load(event)) };
            } catch (err) {
              return { statusCode: 500, body: JSON.stringify({ error: err.message, stack: err.stack }) };
            }
          };
          async function load(event) {
            return JSON.parse(event.body);
          }
        `,
      },
      errors: [
        {
          messageId: 'verboseError',
          data: { property: 'message' },
          file: 'src/orders.js',
          line: 5,
          column: 61,
          endLine: 5,
          endColumn: 72,
          suggestions: [
            { messageId: 'genericMessage', output: { 'src/orders.js': js`
                exports.handler = async (event) => {
                  try {
                    return { statusCode: 200, body: JSON.stringify(await load(event)) };
                  } catch (err) {
                    console.error(err);
                    return { statusCode: 500, body: JSON.stringify({ error: 'Internal server error', stack: err.stack }) };
                  }
                };
                async function load(event) {
                  return JSON.parse(event.body);
                }
              ` } },
          ],
        },
        {
          messageId: 'verboseError',
          data: { property: 'stack' },
          file: 'src/orders.js',
          line: 5,
          column: 81,
          endLine: 5,
          endColumn: 90,
          suggestions: [
            { messageId: 'genericMessage', output: { 'src/orders.js': js`
                exports.handler = async (event) => {
                  try {
                    return { statusCode: 200, body: JSON.stringify(await load(event)) };
                  } catch (err) {
                    console.error(err);
                    return { statusCode: 500, body: JSON.stringify({ error: err.message }) };
                  }
                };
                async function load(event) {
                  return JSON.parse(event.body);
                }
              ` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a stack entry ahead of other entries is removed with its comma',
      files: {
        'src/orders.js': js`
          exports.handler = async () => {
            try {
              return { statusCode: 200, body: '' };
            } catch (err) {
              console.error(err);
              return { statusCode: 500, body: JSON.stringify({ stack: err.stack, code: 'E_LOAD' }) };
            }
          };
        `,
      },
      errors: [
        {
          messageId: 'verboseError',
          data: { property: 'stack' },
          file: 'src/orders.js',
          line: 6,
          column: 61,
          endLine: 6,
          endColumn: 70,
          suggestions: [
            { messageId: 'genericMessage', output: { 'src/orders.js': js`
                exports.handler = async () => {
                  try {
                    return { statusCode: 200, body: '' };
                  } catch (err) {
                    console.error(err);
                    return { statusCode: 500, body: JSON.stringify({ code: 'E_LOAD' }) };
                  }
                };
              ` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express and Azure v3: the message sent, the error already logged',
      files: {
        'Orders/index.js': js`
          module.exports = async function (context, req) {
            try {
              context.res = { body: await context.bindings.orders };
            } catch (e) {
              context.res = {
                status: 500,
                body: { message: e.message },
              };
            }
          };
        `,
        'app.js': js`
          const express = require('express');
          const app = express();
          app.get('/users', async (req, res) => {
            try {
              res.json(await findUsers(req.query));
            } catch (error) {
              console.error(error);
              res.status(500).send(\`Lookup failed: \${error.message}\`);
            }
          });
          async function findUsers(query) {
            return [query];
          }
          module.exports = app;
        `,
      },
      errors: [
        {
          messageId: 'verboseError',
          data: { property: 'message' },
          file: 'Orders/index.js',
          line: 7,
          column: 24,
          endLine: 7,
          endColumn: 33,
          suggestions: [
            { messageId: 'genericMessage', output: { 'Orders/index.js': js`
                module.exports = async function (context, req) {
                  try {
                    context.res = { body: await context.bindings.orders };
                  } catch (e) {
                    console.error(e);
                    context.res = {
                      status: 500,
                      body: { message: 'Internal server error' },
                    };
                  }
                };
              ` } },
          ],
        },
        {
          messageId: 'verboseError',
          data: { property: 'message' },
          file: 'app.js',
          line: 8,
          column: 44,
          endLine: 8,
          endColumn: 57,
          suggestions: [
            { messageId: 'genericMessage', output: { 'app.js': js`
                const express = require('express');
                const app = express();
                app.get('/users', async (req, res) => {
                  try {
                    res.json(await findUsers(req.query));
                  } catch (error) {
                    console.error(error);
                    res.status(500).send(\`Lookup failed: Internal server error\`);
                  }
                });
                async function findUsers(query) {
                  return [query];
                }
                module.exports = app;
              ` } },
          ],
        },
      ],
      output: null,
    },
  ],
});
