import rule from '../../../rules/checks/injection/sql';
import { js, testRule, ts, yaml } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'AWS CommonJS: bound parameters with mysql2, pg and knex',
      files: {
        'src/users.js': js`
          const mysql = require('mysql2/promise');
          const { Pool } = require('pg');
          const knex = require('knex')({ client: 'pg' });
          const pool = mysql.createPool({ host: process.env.DB_HOST });
          const pg = new Pool();
          exports.handler = async (event) => {
            const { name } = JSON.parse(event.body);
            await pool.query('SELECT * FROM users WHERE name = ?', [name]);
            await pool.execute('SELECT * FROM users WHERE name = ?', [name]);
            await pg.query('SELECT * FROM users WHERE name = $1', [name]);
            await pg.query({ text: 'SELECT * FROM users WHERE name = $1', values: [name] });
            await knex('users').whereRaw('name = ?', [name]);
            return knex('users').where({ name });
          };
        `,
      },
    },
    {
      name: 'AWS CommonJS: escaped and converted values',
      files: {
        'src/report.js': js`
          const mysql = require('mysql');
          const SqlString = require('sqlstring');
          const connection = mysql.createConnection({});
          exports.handler = async (event) => {
            const q = event.queryStringParameters;
            connection.query('SELECT * FROM t WHERE name = ' + connection.escape(q.name));
            connection.query('SELECT * FROM t WHERE name = ' + SqlString.escape(q.name));
            connection.query(\`SELECT * FROM t ORDER BY \${mysql.escapeId(q.column)}\`);
            connection.query('SELECT * FROM t LIMIT ' + Number(q.limit) + ' OFFSET ' + parseInt(q.offset, 10));
            connection.query(mysql.format('SELECT * FROM t WHERE id = ?', [q.id]));
          };
        `,
      },
    },
    {
      name: 'AWS ESM/TypeScript: constant SQL, a schema-validated id and an allow-listed column',
      files: {
        'src/items.ts': ts`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import { z } from 'zod';
          import { PrismaClient } from '@prisma/client';
          import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';

          const prisma = new PrismaClient();
          const rds = new RDSDataClient({});
          const Query = z.object({ id: z.string().uuid(), page: z.coerce.number() });
          const COLUMNS = ['name', 'price'] as const;

          export const handler = async (event: APIGatewayProxyEvent) => {
            const { id, page } = Query.parse(event.queryStringParameters ?? {});
            await prisma.$queryRawUnsafe(\`SELECT * FROM items WHERE id = '\${id}' LIMIT 10 OFFSET \${page * 10}\`);
            await prisma.$queryRaw\`SELECT * FROM items WHERE name = \${event.pathParameters?.name}\`;
            const column = event.queryStringParameters?.sort ?? 'name';
            if (!COLUMNS.includes(column as (typeof COLUMNS)[number])) return { statusCode: 400, body: '' };
            await prisma.$queryRawUnsafe(\`SELECT * FROM items ORDER BY \${column}\`);
            await rds.send(new ExecuteStatementCommand({ sql: 'SELECT * FROM items WHERE id = :id', parameters: [{ name: 'id', value: { stringValue: id } }], resourceArn: 'arn', secretArn: 'arn' }));
            return { statusCode: 200, body: '' };
          };
        `,
      },
    },
    {
      name: 'Azure v3 and v4: parameterised mssql and pg',
      files: {
        'Orders/index.js': js`
          const sql = require('mssql');
          module.exports = async function (context, req) {
            const pool = await sql.connect(process.env.SQL);
            const result = await pool.request().input('id', sql.Int, req.query.id).query('SELECT * FROM orders WHERE id = @id');
            context.res = { body: result.recordset };
          };
        `,
        'src/functions/search.js': js`
          const { app } = require('@azure/functions');
          const { Pool } = require('pg');
          const pool = new Pool();
          app.http('search', {
            handler: async (request) => {
              const q = request.query.get('q');
              const { rows } = await pool.query('SELECT * FROM docs WHERE title ILIKE $1', [\`%\${q}%\`]);
              return { jsonBody: rows };
            },
          });
        `,
      },
    },
    {
      name: 'Google Cloud Functions and Express: bound values and sequelize replacements',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const Database = require('better-sqlite3');
          const db = new Database('/tmp/app.db');
          functions.http('lookup', (req, res) => {
            res.json(db.prepare('SELECT * FROM t WHERE k = ?').get(req.query.key));
          });
        `,
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const { Sequelize, QueryTypes } = require('sequelize');
          const sequelize = new Sequelize(process.env.DATABASE_URL);
          const app = express();
          app.get('/users', async (req, res) => {
            res.json(await sequelize.query('SELECT * FROM users WHERE name = :name', { replacements: { name: req.query.name }, type: QueryTypes.SELECT }));
          });
          module.exports.handler = serverless(app);
        `,
      },
    },
    {
      name: 'trusted authorizer claims and the function\'s own settings',
      files: {
        'src/me.js': js`
          const { Client } = require('pg');
          const client = new Client();
          exports.handler = async (event) => {
            const user = event.requestContext.authorizer.jwt.claims.sub;
            await client.query(\`SELECT * FROM profiles WHERE owner = '\${user}'\`);
            await client.query(\`SELECT * FROM \${process.env.TABLE} WHERE stage = '\${event.requestContext.stage}'\`);
          };
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'AWS CommonJS: mysql and mysql2 with built strings',
      files: {
        'src/users.js': js`
          const mysql = require('mysql');
          const mysql2 = require('mysql2/promise');
          const connection = mysql.createConnection({ host: process.env.DB_HOST });
          const pool = mysql2.createPool({});

          exports.handler = async (event) => {
            const { name } = JSON.parse(event.body);
            connection.query("SELECT * FROM users WHERE name = '" + name + "'", (error, rows) => rows);
            await pool.execute(\`DELETE FROM sessions WHERE user = '\${name}'\`);
            await pool.query({ sql: 'SELECT * FROM users WHERE id = ' + event.pathParameters.id });
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'event.body', sink: 'query' },
          file: 'src/users.js',
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 69,
          related: [
            { file: 'src/users.js', line: 7, column: 31, endLine: 7, endColumn: 41, message: 'event.body (HTTP request body)' },
            { file: 'src/users.js', line: 7, column: 11, endLine: 7, endColumn: 15, message: 'name' },
            { file: 'src/users.js', line: 8, column: 20, endLine: 8, endColumn: 69, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.body', sink: 'execute' },
          file: 'src/users.js',
          line: 9,
          column: 22,
          endLine: 9,
          endColumn: 67,
          related: [
            { file: 'src/users.js', line: 7, column: 31, endLine: 7, endColumn: 41, message: 'event.body (HTTP request body)' },
            { file: 'src/users.js', line: 7, column: 11, endLine: 7, endColumn: 15, message: 'name' },
            { file: 'src/users.js', line: 9, column: 22, endLine: 9, endColumn: 67, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.pathParameters.id', sink: 'query' },
          file: 'src/users.js',
          line: 10,
          column: 27,
          endLine: 10,
          endColumn: 86,
          related: [
            { file: 'src/users.js', line: 10, column: 63, endLine: 10, endColumn: 86, message: 'event.pathParameters.id (path parameter)' },
            { file: 'src/users.js', line: 10, column: 27, endLine: 10, endColumn: 86, message: 'query text' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS ESM: pg, pg-pool and pg-promise, with the SQL built in a helper',
      files: {
        'src/orders.mjs': js`
          import pg from 'pg';
          import Pool from 'pg-pool';
          import pgp from 'pg-promise';

          const client = new pg.Client();
          const pool = new Pool();
          const db = pgp()(process.env.DATABASE_URL);

          function byStatus(status) {
            return 'SELECT * FROM orders WHERE status = ' + "'" + status + "'";
          }

          export const handler = async (event) => {
            const status = event.queryStringParameters.status;
            await client.query(byStatus(status));
            await pool.query({ text: \`SELECT * FROM orders WHERE id = \${event.pathParameters.id}\` });
            await db.any(\`SELECT * FROM orders WHERE customer = '\${event.headers['x-customer']}'\`);
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.status', sink: 'query' },
          file: 'src/orders.mjs',
          line: 15,
          column: 22,
          endLine: 15,
          endColumn: 38,
          related: [
            { file: 'src/orders.mjs', line: 14, column: 18, endLine: 14, endColumn: 52, message: 'event.queryStringParameters.status (query string)' },
            { file: 'src/orders.mjs', line: 14, column: 9, endLine: 14, endColumn: 15, message: 'status' },
            { file: 'src/orders.mjs', line: 9, column: 19, endLine: 9, endColumn: 25, message: 'status (parameter of byStatus)' },
            { file: 'src/orders.mjs', line: 15, column: 22, endLine: 15, endColumn: 38, message: 'returned by byStatus()' },
            { file: 'src/orders.mjs', line: 15, column: 22, endLine: 15, endColumn: 38, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.pathParameters.id', sink: 'query' },
          file: 'src/orders.mjs',
          line: 16,
          column: 28,
          endLine: 16,
          endColumn: 88,
          related: [
            { file: 'src/orders.mjs', line: 16, column: 63, endLine: 16, endColumn: 86, message: 'event.pathParameters.id (path parameter)' },
            { file: 'src/orders.mjs', line: 16, column: 28, endLine: 16, endColumn: 88, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.headers[\'x-customer\']', sink: 'any' },
          file: 'src/orders.mjs',
          line: 17,
          column: 16,
          endLine: 17,
          endColumn: 88,
          related: [
            { file: 'src/orders.mjs', line: 17, column: 58, endLine: 17, endColumn: 85, message: 'event.headers[\'x-customer\'] (request header)' },
            { file: 'src/orders.mjs', line: 17, column: 16, endLine: 17, endColumn: 88, message: 'query text' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS TypeScript: knex, TypeORM, Prisma and the RDS Data API',
      files: {
        'src/search.ts': ts`
          import type { APIGatewayProxyEventV2 } from 'aws-lambda';
          import knexFactory from 'knex';
          import { DataSource } from 'typeorm';
          import { PrismaClient } from '@prisma/client';
          import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';

          const knex = knexFactory({ client: 'pg' });
          const dataSource = new DataSource({ type: 'postgres' });
          const prisma = new PrismaClient();
          const rds = new RDSDataClient({});

          export const handler = async (event: APIGatewayProxyEventV2) => {
            const term = event.queryStringParameters?.term ?? '';
            const sort = event.queryStringParameters?.sort ?? 'name';
            await knex('products').whereRaw(\`name LIKE '%\${term}%'\`).orderByRaw(sort);
            await dataSource.getRepository('Product').createQueryBuilder('p').where(\`p.name = '\${term}'\`).getMany();
            await dataSource.query(\`SELECT * FROM products WHERE name = '\${term}'\`);
            await prisma.$executeRawUnsafe(\`UPDATE products SET hits = hits + 1 WHERE name = '\${term}'\`);
            await rds.send(new ExecuteStatementCommand({ sql: \`SELECT * FROM products WHERE name = '\${term}'\`, resourceArn: 'arn', secretArn: 'arn' }));
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.term', sink: 'whereRaw' },
          file: 'src/search.ts',
          line: 15,
          column: 35,
          endLine: 15,
          endColumn: 58,
          related: [
            { file: 'src/search.ts', line: 13, column: 16, endLine: 13, endColumn: 49, message: 'event.queryStringParameters.term (query string)' },
            { file: 'src/search.ts', line: 13, column: 9, endLine: 13, endColumn: 13, message: 'term' },
            { file: 'src/search.ts', line: 15, column: 35, endLine: 15, endColumn: 58, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.sort', sink: 'orderByRaw' },
          file: 'src/search.ts',
          line: 15,
          column: 71,
          endLine: 15,
          endColumn: 75,
          related: [
            { file: 'src/search.ts', line: 14, column: 16, endLine: 14, endColumn: 49, message: 'event.queryStringParameters.sort (query string)' },
            { file: 'src/search.ts', line: 14, column: 9, endLine: 14, endColumn: 13, message: 'sort' },
            { file: 'src/search.ts', line: 15, column: 71, endLine: 15, endColumn: 75, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.term', sink: 'where' },
          file: 'src/search.ts',
          line: 16,
          column: 75,
          endLine: 16,
          endColumn: 95,
          related: [
            { file: 'src/search.ts', line: 13, column: 16, endLine: 13, endColumn: 49, message: 'event.queryStringParameters.term (query string)' },
            { file: 'src/search.ts', line: 13, column: 9, endLine: 13, endColumn: 13, message: 'term' },
            { file: 'src/search.ts', line: 16, column: 75, endLine: 16, endColumn: 95, message: 'condition text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.term', sink: 'query' },
          file: 'src/search.ts',
          line: 17,
          column: 26,
          endLine: 17,
          endColumn: 73,
          related: [
            { file: 'src/search.ts', line: 13, column: 16, endLine: 13, endColumn: 49, message: 'event.queryStringParameters.term (query string)' },
            { file: 'src/search.ts', line: 13, column: 9, endLine: 13, endColumn: 13, message: 'term' },
            { file: 'src/search.ts', line: 17, column: 26, endLine: 17, endColumn: 73, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.term', sink: '$executeRawUnsafe' },
          file: 'src/search.ts',
          line: 18,
          column: 34,
          endLine: 18,
          endColumn: 94,
          related: [
            { file: 'src/search.ts', line: 13, column: 16, endLine: 13, endColumn: 49, message: 'event.queryStringParameters.term (query string)' },
            { file: 'src/search.ts', line: 13, column: 9, endLine: 13, endColumn: 13, message: 'term' },
            { file: 'src/search.ts', line: 18, column: 34, endLine: 18, endColumn: 94, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.term', sink: 'ExecuteStatementCommand' },
          file: 'src/search.ts',
          line: 19,
          column: 53,
          endLine: 19,
          endColumn: 100,
          related: [
            { file: 'src/search.ts', line: 13, column: 16, endLine: 13, endColumn: 49, message: 'event.queryStringParameters.term (query string)' },
            { file: 'src/search.ts', line: 13, column: 9, endLine: 13, endColumn: 13, message: 'term' },
            { file: 'src/search.ts', line: 19, column: 53, endLine: 19, endColumn: 100, message: 'SQL statement' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'AWS: Athena and Redshift Data queries from an SQS message',
      files: {
        'src/analytics.js': js`
          const { AthenaClient, StartQueryExecutionCommand } = require('@aws-sdk/client-athena');
          const { RedshiftDataClient, ExecuteStatementCommand } = require('@aws-sdk/client-redshift-data');
          const athena = new AthenaClient({});
          const redshift = new RedshiftDataClient({});

          exports.handler = async (event) => {
            for (const record of event.Records) {
              const { day, region } = JSON.parse(record.body);
              await athena.send(new StartQueryExecutionCommand({ QueryString: \`SELECT * FROM logs WHERE day = '\${day}'\`, WorkGroup: 'primary' }));
              await redshift.send(new ExecuteStatementCommand({ Sql: 'SELECT * FROM sales WHERE region = ' + region, WorkgroupName: 'wg', Database: 'dev' }));
            }
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'event.Records[*].body', sink: 'StartQueryExecutionCommand' },
          file: 'src/analytics.js',
          line: 9,
          column: 69,
          endLine: 9,
          endColumn: 110,
          related: [
            { file: 'src/analytics.js', line: 7, column: 24, endLine: 7, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/analytics.js', line: 7, column: 14, endLine: 7, endColumn: 20, message: 'record' },
            { file: 'src/analytics.js', line: 8, column: 13, endLine: 8, endColumn: 16, message: 'day' },
            { file: 'src/analytics.js', line: 9, column: 69, endLine: 9, endColumn: 110, message: 'query string' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.Records[*].body', sink: 'ExecuteStatementCommand' },
          file: 'src/analytics.js',
          line: 10,
          column: 60,
          endLine: 10,
          endColumn: 106,
          related: [
            { file: 'src/analytics.js', line: 7, column: 24, endLine: 7, endColumn: 37, message: 'event.Records[*].body (SQS message body)' },
            { file: 'src/analytics.js', line: 7, column: 14, endLine: 7, endColumn: 20, message: 'record' },
            { file: 'src/analytics.js', line: 8, column: 18, endLine: 8, endColumn: 24, message: 'region' },
            { file: 'src/analytics.js', line: 10, column: 60, endLine: 10, endColumn: 106, message: 'SQL statement' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v3: mssql, tedious and sqlite3',
      files: {
        'Orders/index.js': js`
          const sql = require('mssql');
          const { Request } = require('tedious');
          const sqlite3 = require('sqlite3');
          const db = new sqlite3.Database('/tmp/orders.db');

          module.exports = async function (context, req) {
            const pool = await sql.connect(process.env.SQL);
            await pool.request().query(\`SELECT * FROM orders WHERE customer = '\${req.query.customer}'\`);
            await sql.query('SELECT * FROM orders WHERE id = ' + req.params.id);
            const request = new Request('DELETE FROM carts WHERE id = ' + req.body.cart, () => {});
            db.all(\`SELECT * FROM orders WHERE note LIKE '%\${req.body.note}%'\`, (error, rows) => rows);
            return request;
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'req.query.customer', sink: 'query' },
          file: 'Orders/index.js',
          line: 8,
          column: 30,
          endLine: 8,
          endColumn: 93,
          related: [
            { file: 'Orders/index.js', line: 8, column: 72, endLine: 8, endColumn: 90, message: 'req.query.customer (query string)' },
            { file: 'Orders/index.js', line: 8, column: 30, endLine: 8, endColumn: 93, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'req.params.id', sink: 'query' },
          file: 'Orders/index.js',
          line: 9,
          column: 19,
          endLine: 9,
          endColumn: 69,
          related: [
            { file: 'Orders/index.js', line: 9, column: 56, endLine: 9, endColumn: 69, message: 'req.params.id (route parameter)' },
            { file: 'Orders/index.js', line: 9, column: 19, endLine: 9, endColumn: 69, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'req.body.cart', sink: 'tedious Request' },
          file: 'Orders/index.js',
          line: 10,
          column: 31,
          endLine: 10,
          endColumn: 78,
          related: [
            { file: 'Orders/index.js', line: 10, column: 65, endLine: 10, endColumn: 78, message: 'req.body.cart (HTTP request body)' },
            { file: 'Orders/index.js', line: 10, column: 31, endLine: 10, endColumn: 78, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'req.body.note', sink: 'all' },
          file: 'Orders/index.js',
          line: 11,
          column: 10,
          endLine: 11,
          endColumn: 69,
          related: [
            { file: 'Orders/index.js', line: 11, column: 52, endLine: 11, endColumn: 65, message: 'req.body.note (HTTP request body)' },
            { file: 'Orders/index.js', line: 11, column: 10, endLine: 11, endColumn: 69, message: 'query text' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Azure v4: pg with a value read from the JSON body',
      files: {
        'src/functions/search.js': js`
          const { app } = require('@azure/functions');
          const { Pool } = require('pg');
          const pool = new Pool();

          app.http('search', {
            methods: ['POST'],
            handler: async (request, context) => {
              const { title } = await request.json();
              const { rows } = await pool.query(\`SELECT * FROM docs WHERE title = '\${title}'\`);
              return { jsonBody: rows };
            },
          });
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'request.json().title', sink: 'query' },
          file: 'src/functions/search.js',
          line: 9,
          column: 39,
          endLine: 9,
          endColumn: 84,
          related: [
            { file: 'src/functions/search.js', line: 8, column: 13, endLine: 8, endColumn: 18, message: 'request.json().title (HTTP request body)' },
            { file: 'src/functions/search.js', line: 8, column: 13, endLine: 8, endColumn: 18, message: 'title' },
            { file: 'src/functions/search.js', line: 9, column: 39, endLine: 9, endColumn: 84, message: 'query text' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Google Cloud Functions: better-sqlite3 and sequelize',
      files: {
        'index.js': js`
          const functions = require('@google-cloud/functions-framework');
          const Database = require('better-sqlite3');
          const { Sequelize } = require('sequelize');
          const db = new Database('/tmp/app.db');
          const sequelize = new Sequelize(process.env.DATABASE_URL);

          functions.http('lookup', async (req, res) => {
            const row = db.prepare(\`SELECT * FROM kv WHERE k = '\${req.query.key}'\`).get();
            const users = await sequelize.query('SELECT * FROM users WHERE name = ' + req.body.name);
            res.json({ row, users, order: Sequelize.literal(req.query.order) });
          });
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'req.query.key', sink: 'prepare' },
          file: 'index.js',
          line: 8,
          column: 26,
          endLine: 8,
          endColumn: 73,
          related: [
            { file: 'index.js', line: 8, column: 57, endLine: 8, endColumn: 70, message: 'req.query.key (query string)' },
            { file: 'index.js', line: 8, column: 26, endLine: 8, endColumn: 73, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'req.body.name', sink: 'query' },
          file: 'index.js',
          line: 9,
          column: 39,
          endLine: 9,
          endColumn: 90,
          related: [
            { file: 'index.js', line: 9, column: 77, endLine: 9, endColumn: 90, message: 'req.body.name (HTTP request body)' },
            { file: 'index.js', line: 9, column: 39, endLine: 9, endColumn: 90, message: 'query text' },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'req.query.order', sink: 'literal' },
          file: 'index.js',
          line: 10,
          column: 51,
          endLine: 10,
          endColumn: 66,
          related: [
            { file: 'index.js', line: 10, column: 51, endLine: 10, endColumn: 66, message: 'req.query.order (query string)' },
            { file: 'index.js', line: 10, column: 51, endLine: 10, endColumn: 66, message: 'query text' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Express under serverless-http: a repository module imported by the route',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const { findByEmail } = require('./repo');

          const app = express();
          app.get('/users', async (req, res) => res.json(await findByEmail(req.query.email)));
          module.exports.handler = serverless(app);
        `,
        'repo.js': js`
          const db = require('./db');
          exports.findByEmail = (email) => db.query(\`SELECT * FROM users WHERE email = '\${email}'\`);
        `,
        'db.js': js`
          const { Pool } = require('pg');
          module.exports = new Pool();
        `,
        'serverless.yml': yaml`
          service: users
          provider:
            name: aws
            runtime: nodejs20.x
          functions:
            api:
              handler: app.handler
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'req.query.email', sink: 'query' },
          file: 'repo.js',
          line: 2,
          column: 43,
          endLine: 2,
          endColumn: 89,
          related: [
            { file: 'app.js', line: 6, column: 66, endLine: 6, endColumn: 81, message: 'req.query.email (query string)' },
            { file: 'repo.js', line: 2, column: 24, endLine: 2, endColumn: 29, message: 'email (parameter of findByEmail)' },
            { file: 'repo.js', line: 2, column: 43, endLine: 2, endColumn: 89, message: 'query text' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a query function that takes the client as a parameter',
      files: {
        'src/jobs.js': js`
          const mysql = require('mysql2/promise');
          const pool = mysql.createPool({});

          async function run(connection, statement) {
            const [rows] = await connection.query(statement);
            return rows;
          }

          exports.handler = async (event) => {
            const detail = event.detail;
            return run(pool, 'UPDATE jobs SET state = "' + detail.state + '" WHERE id = 1');
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'event.detail.state', sink: 'query' },
          file: 'src/jobs.js',
          line: 5,
          column: 41,
          endLine: 5,
          endColumn: 50,
          related: [
            { file: 'src/jobs.js', line: 10, column: 18, endLine: 10, endColumn: 30, message: 'event.detail.state (EventBridge event detail)' },
            { file: 'src/jobs.js', line: 10, column: 9, endLine: 10, endColumn: 15, message: 'detail' },
            { file: 'src/jobs.js', line: 4, column: 32, endLine: 4, endColumn: 41, message: 'statement (parameter of run)' },
            { file: 'src/jobs.js', line: 5, column: 41, endLine: 5, endColumn: 50, message: 'query text' },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: mysql and mysql2 prepared statements; identifiers get an allow-list guard, a literal `?` nothing',
      files: {
        'src/users.js': js`
          const mysql = require('mysql');
          const mysql2 = require('mysql2/promise');
          const connection = mysql.createConnection({});
          const pool = mysql2.createPool({});
          exports.handler = async (event) => {
            const q = event.queryStringParameters;
            connection.query("SELECT * FROM users WHERE name = '" + q.name + "' AND age > " + q.age, (error, rows) => rows);
            await pool.execute('SELECT * FROM users WHERE nick = "' + q.nick + '" LIMIT ' + q.limit);
            await pool.query(\`SELECT * FROM users WHERE bio LIKE '%\${q.term}%'\`);
            await pool.query('SELECT * FROM users ORDER BY ' + q.sort);
            await pool.query(\`SELECT * FROM \\\`\${q.table}\\\`\`);
            await pool.query("SELECT * FROM users WHERE note = 'why?' AND id = " + q.id);
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.name', sink: 'query' },
          file: 'src/users.js',
          line: 7,
          column: 20,
          endLine: 7,
          endColumn: 90,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'src/users.js': js`
                const mysql = require('mysql');
                const mysql2 = require('mysql2/promise');
                const connection = mysql.createConnection({});
                const pool = mysql2.createPool({});
                exports.handler = async (event) => {
                  const q = event.queryStringParameters;
                  connection.query("SELECT * FROM users WHERE name = ? AND age > ?", [q.name, q.age], (error, rows) => rows);
                  await pool.execute('SELECT * FROM users WHERE nick = "' + q.nick + '" LIMIT ' + q.limit);
                  await pool.query(\`SELECT * FROM users WHERE bio LIKE '%\${q.term}%'\`);
                  await pool.query('SELECT * FROM users ORDER BY ' + q.sort);
                  await pool.query(\`SELECT * FROM \\\`\${q.table}\\\`\`);
                  await pool.query("SELECT * FROM users WHERE note = 'why?' AND id = " + q.id);
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.nick', sink: 'execute' },
          file: 'src/users.js',
          line: 8,
          column: 22,
          endLine: 8,
          endColumn: 90,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'src/users.js': js`
                const mysql = require('mysql');
                const mysql2 = require('mysql2/promise');
                const connection = mysql.createConnection({});
                const pool = mysql2.createPool({});
                exports.handler = async (event) => {
                  const q = event.queryStringParameters;
                  connection.query("SELECT * FROM users WHERE name = '" + q.name + "' AND age > " + q.age, (error, rows) => rows);
                  await pool.execute('SELECT * FROM users WHERE nick = ? LIMIT ?', [q.nick, Number(q.limit)]);
                  await pool.query(\`SELECT * FROM users WHERE bio LIKE '%\${q.term}%'\`);
                  await pool.query('SELECT * FROM users ORDER BY ' + q.sort);
                  await pool.query(\`SELECT * FROM \\\`\${q.table}\\\`\`);
                  await pool.query("SELECT * FROM users WHERE note = 'why?' AND id = " + q.id);
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.term', sink: 'query' },
          file: 'src/users.js',
          line: 9,
          column: 20,
          endLine: 9,
          endColumn: 70,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'src/users.js': js`
                const mysql = require('mysql');
                const mysql2 = require('mysql2/promise');
                const connection = mysql.createConnection({});
                const pool = mysql2.createPool({});
                exports.handler = async (event) => {
                  const q = event.queryStringParameters;
                  connection.query("SELECT * FROM users WHERE name = '" + q.name + "' AND age > " + q.age, (error, rows) => rows);
                  await pool.execute('SELECT * FROM users WHERE nick = "' + q.nick + '" LIMIT ' + q.limit);
                  await pool.query(\`SELECT * FROM users WHERE bio LIKE ?\`, [\`%\${q.term}%\`]);
                  await pool.query('SELECT * FROM users ORDER BY ' + q.sort);
                  await pool.query(\`SELECT * FROM \\\`\${q.table}\\\`\`);
                  await pool.query("SELECT * FROM users WHERE note = 'why?' AND id = " + q.id);
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.sort', sink: 'query' },
          file: 'src/users.js',
          line: 10,
          column: 20,
          endLine: 10,
          endColumn: 60,
          suggestions: [
            { messageId: 'allowListGuard', output: { 'src/users.js': js`
                const mysql = require('mysql');
                const mysql2 = require('mysql2/promise');
                const connection = mysql.createConnection({});
                const pool = mysql2.createPool({});
                exports.handler = async (event) => {
                  const q = event.queryStringParameters;
                  connection.query("SELECT * FROM users WHERE name = '" + q.name + "' AND age > " + q.age, (error, rows) => rows);
                  await pool.execute('SELECT * FROM users WHERE nick = "' + q.nick + '" LIMIT ' + q.limit);
                  await pool.query(\`SELECT * FROM users WHERE bio LIKE '%\${q.term}%'\`);
                  // Fill in the column names allowed for q.sort: an empty list rejects every value.
                  const ALLOWED_SORT_COLUMNS = [];
                  if (!ALLOWED_SORT_COLUMNS.includes(q.sort)) throw new Error('Unsupported sort column');
                  await pool.query('SELECT * FROM users ORDER BY ' + q.sort);
                  await pool.query(\`SELECT * FROM \\\`\${q.table}\\\`\`);
                  await pool.query("SELECT * FROM users WHERE note = 'why?' AND id = " + q.id);
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.table', sink: 'query' },
          file: 'src/users.js',
          line: 11,
          column: 20,
          endLine: 11,
          endColumn: 50,
          suggestions: [
            { messageId: 'allowListGuard', output: { 'src/users.js': js`
                const mysql = require('mysql');
                const mysql2 = require('mysql2/promise');
                const connection = mysql.createConnection({});
                const pool = mysql2.createPool({});
                exports.handler = async (event) => {
                  const q = event.queryStringParameters;
                  connection.query("SELECT * FROM users WHERE name = '" + q.name + "' AND age > " + q.age, (error, rows) => rows);
                  await pool.execute('SELECT * FROM users WHERE nick = "' + q.nick + '" LIMIT ' + q.limit);
                  await pool.query(\`SELECT * FROM users WHERE bio LIKE '%\${q.term}%'\`);
                  await pool.query('SELECT * FROM users ORDER BY ' + q.sort);
                  // Fill in the table names allowed for q.table: an empty list rejects every value.
                  const ALLOWED_TABLES = [];
                  if (!ALLOWED_TABLES.includes(q.table)) throw new Error('Unsupported table');
                  await pool.query(\`SELECT * FROM \\\`\${q.table}\\\`\`);
                  await pool.query("SELECT * FROM users WHERE note = 'why?' AND id = " + q.id);
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.id', sink: 'query' },
          file: 'src/users.js',
          line: 12,
          column: 20,
          endLine: 12,
          endColumn: 78,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: pg placeholders from a template, a query built in a const; a reassignable piece gets none, a quoted identifier an allow-list guard',
      files: {
        'src/docs.js': js`
          const { Pool } = require('pg');
          const pool = new Pool();
          exports.handler = async (event) => {
            const { title, owner, page } = JSON.parse(event.body);
            const byTitle = await pool.query(\`
              SELECT * FROM docs
              WHERE title = '\${title}' AND owner = '\${owner}'
              LIMIT 10 OFFSET \${page}
            \`);
            const sql = 'DELETE FROM docs WHERE owner = \\'' + owner + '\\'';
            await pool.query(sql);
            let filter = "WHERE title = '" + title + "'";
            await pool.query('SELECT count(*) FROM docs ' + filter);
            await pool.query(\`SELECT * FROM docs ORDER BY "\${event.queryStringParameters.column}"\`);
            return byTitle.rows;
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'event.body', sink: 'query' },
          file: 'src/docs.js',
          line: 5,
          column: 36,
          endLine: 9,
          endColumn: 4,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'src/docs.js': js`
                const { Pool } = require('pg');
                const pool = new Pool();
                exports.handler = async (event) => {
                  const { title, owner, page } = JSON.parse(event.body);
                  const byTitle = await pool.query(\`
                    SELECT * FROM docs
                    WHERE title = $1 AND owner = $2
                    LIMIT 10 OFFSET $3
                  \`, [title, owner, page]);
                  const sql = 'DELETE FROM docs WHERE owner = \\'' + owner + '\\'';
                  await pool.query(sql);
                  let filter = "WHERE title = '" + title + "'";
                  await pool.query('SELECT count(*) FROM docs ' + filter);
                  await pool.query(\`SELECT * FROM docs ORDER BY "\${event.queryStringParameters.column}"\`);
                  return byTitle.rows;
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.body', sink: 'query' },
          file: 'src/docs.js',
          line: 11,
          column: 20,
          endLine: 11,
          endColumn: 23,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'src/docs.js': js`
                const { Pool } = require('pg');
                const pool = new Pool();
                exports.handler = async (event) => {
                  const { title, owner, page } = JSON.parse(event.body);
                  const byTitle = await pool.query(\`
                    SELECT * FROM docs
                    WHERE title = '\${title}' AND owner = '\${owner}'
                    LIMIT 10 OFFSET \${page}
                  \`);
                  const sql = 'DELETE FROM docs WHERE owner = $1';
                  await pool.query(sql, [owner]);
                  let filter = "WHERE title = '" + title + "'";
                  await pool.query('SELECT count(*) FROM docs ' + filter);
                  await pool.query(\`SELECT * FROM docs ORDER BY "\${event.queryStringParameters.column}"\`);
                  return byTitle.rows;
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.body', sink: 'query' },
          file: 'src/docs.js',
          line: 13,
          column: 20,
          endLine: 13,
          endColumn: 57,
          suggestions: [],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.column', sink: 'query' },
          file: 'src/docs.js',
          line: 14,
          column: 20,
          endLine: 14,
          endColumn: 89,
          suggestions: [
            { messageId: 'allowListGuard', output: { 'src/docs.js': js`
                const { Pool } = require('pg');
                const pool = new Pool();
                exports.handler = async (event) => {
                  const { title, owner, page } = JSON.parse(event.body);
                  const byTitle = await pool.query(\`
                    SELECT * FROM docs
                    WHERE title = '\${title}' AND owner = '\${owner}'
                    LIMIT 10 OFFSET \${page}
                  \`);
                  const sql = 'DELETE FROM docs WHERE owner = \\'' + owner + '\\'';
                  await pool.query(sql);
                  let filter = "WHERE title = '" + title + "'";
                  await pool.query('SELECT count(*) FROM docs ' + filter);
                  // Fill in the column names allowed for event.queryStringParameters.column: an empty list rejects every value.
                  const ALLOWED_COLUMNS = [];
                  if (!ALLOWED_COLUMNS.includes(event.queryStringParameters.column)) throw new Error('Unsupported column');
                  await pool.query(\`SELECT * FROM docs ORDER BY "\${event.queryStringParameters.column}"\`);
                  return byTitle.rows;
                };
              ` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: sqlite3 placeholders before the callback',
      files: {
        'Orders/index.js': js`
          const sqlite3 = require('sqlite3');
          const db = new sqlite3.Database('/tmp/orders.db');
          module.exports = async function (context, req) {
            db.all("SELECT * FROM orders WHERE note LIKE '%" + req.body.note + "%' AND id = " + req.query.id, (error, rows) => {
              context.res = { body: rows };
            });
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'req.body.note', sink: 'all' },
          file: 'Orders/index.js',
          line: 4,
          column: 10,
          endLine: 4,
          endColumn: 99,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'Orders/index.js': js`
                const sqlite3 = require('sqlite3');
                const db = new sqlite3.Database('/tmp/orders.db');
                module.exports = async function (context, req) {
                  db.all("SELECT * FROM orders WHERE note LIKE ? AND id = ?", [\`%\${req.body.note}%\`, req.query.id], (error, rows) => {
                    context.res = { body: rows };
                  });
                };
              ` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: knex raw bindings and sequelize replacements',
      files: {
        'app.js': js`
          const express = require('express');
          const serverless = require('serverless-http');
          const knex = require('knex')({ client: 'pg' });
          const { Sequelize } = require('sequelize');
          const sequelize = new Sequelize(process.env.DATABASE_URL);
          const app = express();
          app.get('/users', async (req, res) => {
            const rows = await knex.raw("SELECT * FROM users WHERE name = '" + req.query.name + "'");
            const recent = await knex('users').whereRaw('created_at > ' + req.query.since);
            const users = await sequelize.query(\`SELECT * FROM users WHERE email = '\${req.query.email}' LIMIT \${req.query.limit}\`);
            res.json({ rows, recent, users });
          });
          module.exports.handler = serverless(app);
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'req.query.name', sink: 'raw' },
          file: 'app.js',
          line: 8,
          column: 31,
          endLine: 8,
          endColumn: 90,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'app.js': js`
                const express = require('express');
                const serverless = require('serverless-http');
                const knex = require('knex')({ client: 'pg' });
                const { Sequelize } = require('sequelize');
                const sequelize = new Sequelize(process.env.DATABASE_URL);
                const app = express();
                app.get('/users', async (req, res) => {
                  const rows = await knex.raw("SELECT * FROM users WHERE name = ?", [req.query.name]);
                  const recent = await knex('users').whereRaw('created_at > ' + req.query.since);
                  const users = await sequelize.query(\`SELECT * FROM users WHERE email = '\${req.query.email}' LIMIT \${req.query.limit}\`);
                  res.json({ rows, recent, users });
                });
                module.exports.handler = serverless(app);
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'req.query.since', sink: 'whereRaw' },
          file: 'app.js',
          line: 9,
          column: 47,
          endLine: 9,
          endColumn: 80,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'app.js': js`
                const express = require('express');
                const serverless = require('serverless-http');
                const knex = require('knex')({ client: 'pg' });
                const { Sequelize } = require('sequelize');
                const sequelize = new Sequelize(process.env.DATABASE_URL);
                const app = express();
                app.get('/users', async (req, res) => {
                  const rows = await knex.raw("SELECT * FROM users WHERE name = '" + req.query.name + "'");
                  const recent = await knex('users').whereRaw('created_at > ?', [req.query.since]);
                  const users = await sequelize.query(\`SELECT * FROM users WHERE email = '\${req.query.email}' LIMIT \${req.query.limit}\`);
                  res.json({ rows, recent, users });
                });
                module.exports.handler = serverless(app);
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'req.query.email', sink: 'query' },
          file: 'app.js',
          line: 10,
          column: 39,
          endLine: 10,
          endColumn: 120,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'app.js': js`
                const express = require('express');
                const serverless = require('serverless-http');
                const knex = require('knex')({ client: 'pg' });
                const { Sequelize } = require('sequelize');
                const sequelize = new Sequelize(process.env.DATABASE_URL);
                const app = express();
                app.get('/users', async (req, res) => {
                  const rows = await knex.raw("SELECT * FROM users WHERE name = '" + req.query.name + "'");
                  const recent = await knex('users').whereRaw('created_at > ' + req.query.since);
                  const users = await sequelize.query(\`SELECT * FROM users WHERE email = ? LIMIT ?\`, { replacements: [req.query.email, Number(req.query.limit)] });
                  res.json({ rows, recent, users });
                });
                module.exports.handler = serverless(app);
              ` } },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: mssql inputs on a request, none on sql.query',
      files: {
        'Orders/index.js': js`
          const sql = require('mssql');
          module.exports = async function (context, req) {
            const pool = await sql.connect(process.env.SQL);
            const result = await pool.request().query("SELECT TOP 10 * FROM orders WHERE customer = '" + req.query.customer + "' AND total > " + req.query.min);
            await sql.query('SELECT * FROM orders WHERE id = ' + req.params.id);
            context.res = { body: result.recordset };
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'req.query.customer', sink: 'query' },
          file: 'Orders/index.js',
          line: 4,
          column: 45,
          endLine: 4,
          endColumn: 149,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'Orders/index.js': js`
                const sql = require('mssql');
                module.exports = async function (context, req) {
                  const pool = await sql.connect(process.env.SQL);
                  const result = await pool.request().input('p1', req.query.customer).input('p2', req.query.min).query("SELECT TOP 10 * FROM orders WHERE customer = @p1 AND total > @p2");
                  await sql.query('SELECT * FROM orders WHERE id = ' + req.params.id);
                  context.res = { body: result.recordset };
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'req.params.id', sink: 'query' },
          file: 'Orders/index.js',
          line: 5,
          column: 19,
          endLine: 5,
          endColumn: 69,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'suggestions: Prisma tagged $queryRaw and RDS Data API parameters',
      files: {
        'src/items.ts': js`
          import type { APIGatewayProxyEvent } from 'aws-lambda';
          import { PrismaClient } from '@prisma/client';
          import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';

          const prisma = new PrismaClient();
          const rds = new RDSDataClient({});

          export const handler = async (event: APIGatewayProxyEvent) => {
            const name = event.queryStringParameters?.name ?? '';
            const page = event.queryStringParameters?.page ?? '0';
            const items = await prisma.$queryRawUnsafe<{ id: string }[]>(\`SELECT * FROM items WHERE name LIKE '%\${name}%' LIMIT 10 OFFSET \${page}\`);
            await prisma.$executeRawUnsafe('DELETE FROM carts WHERE owner = \\'' + name + '\\'');
            await rds.send(new ExecuteStatementCommand({ sql: "SELECT * FROM items WHERE name = '" + name + "'", resourceArn: 'arn', secretArn: 'arn' }));
            await rds.send(new ExecuteStatementCommand({ sql: 'SELECT * FROM items LIMIT ' + page, resourceArn: 'arn', secretArn: 'arn' }));
            return { statusCode: 200, body: JSON.stringify(items) };
          };
        `,
      },
      errors: [
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.name', sink: '$queryRawUnsafe' },
          file: 'src/items.ts',
          line: 11,
          column: 64,
          endLine: 11,
          endColumn: 137,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'src/items.ts': js`
                import type { APIGatewayProxyEvent } from 'aws-lambda';
                import { PrismaClient } from '@prisma/client';
                import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';

                const prisma = new PrismaClient();
                const rds = new RDSDataClient({});

                export const handler = async (event: APIGatewayProxyEvent) => {
                  const name = event.queryStringParameters?.name ?? '';
                  const page = event.queryStringParameters?.page ?? '0';
                  const items = await prisma.$queryRaw<{ id: string }[]>\`SELECT * FROM items WHERE name LIKE \${\`%\${name}%\`} LIMIT 10 OFFSET \${Number(page)}\`;
                  await prisma.$executeRawUnsafe('DELETE FROM carts WHERE owner = \\'' + name + '\\'');
                  await rds.send(new ExecuteStatementCommand({ sql: "SELECT * FROM items WHERE name = '" + name + "'", resourceArn: 'arn', secretArn: 'arn' }));
                  await rds.send(new ExecuteStatementCommand({ sql: 'SELECT * FROM items LIMIT ' + page, resourceArn: 'arn', secretArn: 'arn' }));
                  return { statusCode: 200, body: JSON.stringify(items) };
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.name', sink: '$executeRawUnsafe' },
          file: 'src/items.ts',
          line: 12,
          column: 34,
          endLine: 12,
          endColumn: 84,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'src/items.ts': js`
                import type { APIGatewayProxyEvent } from 'aws-lambda';
                import { PrismaClient } from '@prisma/client';
                import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';

                const prisma = new PrismaClient();
                const rds = new RDSDataClient({});

                export const handler = async (event: APIGatewayProxyEvent) => {
                  const name = event.queryStringParameters?.name ?? '';
                  const page = event.queryStringParameters?.page ?? '0';
                  const items = await prisma.$queryRawUnsafe<{ id: string }[]>(\`SELECT * FROM items WHERE name LIKE '%\${name}%' LIMIT 10 OFFSET \${page}\`);
                  await prisma.$executeRaw\`DELETE FROM carts WHERE owner = \${name}\`;
                  await rds.send(new ExecuteStatementCommand({ sql: "SELECT * FROM items WHERE name = '" + name + "'", resourceArn: 'arn', secretArn: 'arn' }));
                  await rds.send(new ExecuteStatementCommand({ sql: 'SELECT * FROM items LIMIT ' + page, resourceArn: 'arn', secretArn: 'arn' }));
                  return { statusCode: 200, body: JSON.stringify(items) };
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.name', sink: 'ExecuteStatementCommand' },
          file: 'src/items.ts',
          line: 13,
          column: 53,
          endLine: 13,
          endColumn: 102,
          suggestions: [
            { messageId: 'preparedStatement', output: { 'src/items.ts': js`
                import type { APIGatewayProxyEvent } from 'aws-lambda';
                import { PrismaClient } from '@prisma/client';
                import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';

                const prisma = new PrismaClient();
                const rds = new RDSDataClient({});

                export const handler = async (event: APIGatewayProxyEvent) => {
                  const name = event.queryStringParameters?.name ?? '';
                  const page = event.queryStringParameters?.page ?? '0';
                  const items = await prisma.$queryRawUnsafe<{ id: string }[]>(\`SELECT * FROM items WHERE name LIKE '%\${name}%' LIMIT 10 OFFSET \${page}\`);
                  await prisma.$executeRawUnsafe('DELETE FROM carts WHERE owner = \\'' + name + '\\'');
                  await rds.send(new ExecuteStatementCommand({ sql: "SELECT * FROM items WHERE name = :p1", parameters: [{ name: 'p1', value: { stringValue: name } }], resourceArn: 'arn', secretArn: 'arn' }));
                  await rds.send(new ExecuteStatementCommand({ sql: 'SELECT * FROM items LIMIT ' + page, resourceArn: 'arn', secretArn: 'arn' }));
                  return { statusCode: 200, body: JSON.stringify(items) };
                };
              ` } },
          ],
        },
        {
          messageId: 'sqlText',
          data: { source: 'event.queryStringParameters.page', sink: 'ExecuteStatementCommand' },
          file: 'src/items.ts',
          line: 14,
          column: 53,
          endLine: 14,
          endColumn: 88,
          suggestions: [],
        },
      ],
      output: null,
    },
  ],
});
