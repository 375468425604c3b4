import assert from 'node:assert/strict';
import { AST_NODE_TYPES, parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import sqlRule from '../../rules/checks/injection/sql';
import { applyEdits } from '../../rules/engine/fixes';
import type { Finding } from '../../rules/engine/types';
import { identifierValues } from '../../rules/fixes/sql-identifiers';
import { dedent } from '../helpers/text';
import { checkNoSuggestion, checkSuggestion, lint, type Files } from './golden';

const js = dedent;
const PREPARED = (count: number) => `Use a prepared statement with ${count} bound parameter(s)`;

/** The identifier values of the SQL expression `query(<expression>)`, as `name:kind`. */
function identifiers(expression: string): string[] {
  const source = `query(${expression});`;
  const program = parse(source, { range: true });
  const call = (program.body[0] as TSESTree.ExpressionStatement).expression;
  assert.equal(call.type, AST_NODE_TYPES.CallExpression);
  const argument = (call as TSESTree.CallExpression).arguments[0];
  assert.ok(argument);
  return identifierValues(argument, source).map((value) => `${value.name}:${value.kind}`);
}

describe('fixes/sql-identifiers: identifier positions', () => {
  it('finds tables, columns, quoted identifiers and column lists', () => {
    assert.deepEqual(identifiers("'SELECT * FROM ' + t + ' ORDER BY ' + q.sort"), ['t:table', 'q.sort:column']);
    assert.deepEqual(identifiers('`SELECT ${a}, ${b} FROM "${t}" JOIN [${u}] ON x = y`'), ['a:column', 'b:column', 't:table', 'u:table']);
    assert.deepEqual(identifiers('`UPDATE items SET a = 1 WHERE ${column} = 2 GROUP BY x, ${g}`'), ['column:column', 'g:column']);
    assert.deepEqual(identifiers('`INSERT INTO \\`${t}\\` (a) VALUES (1)`'), ['t:table']);
  });

  it('leaves values in strings, comparisons, LIMIT, calls and unknown places to the prepared statement', () => {
    assert.deepEqual(identifiers("`SELECT * FROM t WHERE a = '${x}' AND b > ${y} LIMIT ${n}`"), []);
    assert.deepEqual(identifiers("`SELECT * FROM t WHERE a = 'it''s ${x} FROM ${y}'`"), []);
    assert.deepEqual(identifiers('`SELECT * FROM ${pick(x)} WHERE a IN (1, ${y})`'), []);
    assert.deepEqual(identifiers("'SELECT count(*) FROM docs ' + filter"), []);
  });
});

describe('fixes/sql-identifiers: allow-list guards', () => {
  it('mysql, concatenation: the default and the selected columns fill the list', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/users.js': js`
          const mysql = require('mysql');
          const connection = mysql.createConnection({});
          exports.handler = async (event) => {
            const q = event.queryStringParameters || {};
            const sort = q.sort || 'created_at';
            connection.query('SELECT id, email FROM users ORDER BY ' + sort, (error, rows) => rows);
          };
        `,
      },
      "'SELECT id, email FROM users ORDER BY ' + sort",
      'Check sort against a list of allowed column names',
      {
        'src/users.js': `
          const mysql = require('mysql');
          const connection = mysql.createConnection({});
          exports.handler = async (event) => {
            const q = event.queryStringParameters || {};
            const sort = q.sort || 'created_at';
            if (!['created_at', 'id', 'email'].includes(sort)) throw new Error('Unsupported sort column');
            connection.query('SELECT id, email FROM users ORDER BY ' + sort, (error, rows) => rows);
          };
        `,
      },
    );
  });

  it('pg, template literal, TypeScript: nothing known gives a typed empty constant named in the title', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/report.ts': js`
          import { Pool } from 'pg';
          const pool = new Pool();
          export const handler = async (event: { pathParameters: { table: string } }) => {
            const result = await pool.query(\`SELECT * FROM "\${event.pathParameters.table}"\`)
            return result.rows
          };
        `,
      },
      '`SELECT * FROM "${event.pathParameters.table}"`',
      'Check event.pathParameters.table against a list of allowed table names (fill in ALLOWED_TABLES)',
      {
        'src/report.ts': `
          import { Pool } from 'pg';
          const pool = new Pool();
          export const handler = async (event: { pathParameters: { table: string } }) => {
            // Fill in the table names allowed for event.pathParameters.table: an empty list rejects every value.
            const ALLOWED_TABLES: string[] = []
            if (!ALLOWED_TABLES.includes(event.pathParameters.table)) throw new Error('Unsupported table')
            const result = await pool.query(\`SELECT * FROM "\${event.pathParameters.table}"\`)
            return result.rows
          };
        `,
      },
    );
  });

  it('knex raw, double quotes: a destructuring default and a compared literal, before the const holding the SQL', () => {
    checkSuggestion(
      sqlRule,
      {
        'app.js': js`
          const express = require("express");
          const serverless = require("serverless-http");
          const knex = require("knex")({ client: "pg" });
          const app = express();
          app.get("/items", async (req, res) => {
            const { order = "name" } = req.query;
            if (order === "price") res.set("x-sorted", "price");
            const sql = \`SELECT * FROM items ORDER BY \${order}\`;
            res.json(await knex.raw(sql));
          });
          module.exports.handler = serverless(app);
        `,
      },
      'sql',
      'Check order against a list of allowed column names',
      {
        'app.js': `
          const express = require("express");
          const serverless = require("serverless-http");
          const knex = require("knex")({ client: "pg" });
          const app = express();
          app.get("/items", async (req, res) => {
            const { order = "name" } = req.query;
            if (order === "price") res.set("x-sorted", "price");
            if (!["name", "price"].includes(order)) throw new Error("Unsupported order column");
            const sql = \`SELECT * FROM items ORDER BY \${order}\`;
            res.json(await knex.raw(sql));
          });
          module.exports.handler = serverless(app);
        `,
      },
    );
  });

  it('several identifiers in one query get one line each', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/list.js': js`
          const { Pool } = require('pg');
          const pool = new Pool();
          exports.handler = async (event) => {
            const { table, column } = event.queryStringParameters;
            const rows = await pool.query('SELECT ' + column + ' FROM ' + table);
            return rows;
          };
        `,
      },
      "'SELECT ' + column + ' FROM ' + table",
      'Check column and table against lists of allowed table and column names (fill in ALLOWED_COLUMNS and ALLOWED_TABLES)',
      {
        'src/list.js': `
          const { Pool } = require('pg');
          const pool = new Pool();
          exports.handler = async (event) => {
            const { table, column } = event.queryStringParameters;
            // Fill in the column names allowed for column: an empty list rejects every value.
            const ALLOWED_COLUMNS = [];
            if (!ALLOWED_COLUMNS.includes(column)) throw new Error('Unsupported column');
            // Fill in the table names allowed for table: an empty list rejects every value.
            const ALLOWED_TABLES = [];
            if (!ALLOWED_TABLES.includes(table)) throw new Error('Unsupported table');
            const rows = await pool.query('SELECT ' + column + ' FROM ' + table);
            return rows;
          };
        `,
      },
    );
  });

  it('offers nothing where no block statement holds the SQL, and nothing more once checked', () => {
    checkNoSuggestion(
      sqlRule,
      {
        'src/inline.js': js`
          const { Pool } = require('pg');
          const pool = new Pool();
          exports.handler = (event) => pool.query('SELECT * FROM ' + event.body);
        `,
      },
      "'SELECT * FROM ' + event.body",
    );
    checkNoSuggestion(
      sqlRule,
      {
        'src/maybe.js': js`
          const { Pool } = require('pg');
          const pool = new Pool();
          exports.handler = async (event) => {
            if (event.headers.debug) await pool.query('SELECT * FROM ' + event.body);
            return event.headers.all && pool.query('SELECT * FROM t ORDER BY ' + event.body);
          };
        `,
      },
      "'SELECT * FROM ' + event.body",
    );
    checkNoSuggestion(
      sqlRule,
      {
        'src/maybe.js': js`
          const { Pool } = require('pg');
          const pool = new Pool();
          exports.handler = async (event) => {
            return event.headers.all && pool.query('SELECT * FROM t ORDER BY ' + event.body);
          };
        `,
      },
      "'SELECT * FROM t ORDER BY ' + event.body",
    );
  });

  it('takes no names from another variable spelled the same', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/two.js': js`
          const { Pool } = require('pg');
          const pool = new Pool();
          const label = (sort) => (sort === 'price' ? 'Price' : 'Name');
          exports.handler = async (event) => {
            const sort = event.queryStringParameters.sort;
            await pool.query(\`SELECT * FROM items ORDER BY \${sort}\`);
            return label(sort);
          };
        `,
      },
      '`SELECT * FROM items ORDER BY ${sort}`',
      'Check sort against a list of allowed column names (fill in ALLOWED_SORT_COLUMNS)',
      {
        'src/two.js': `
          const { Pool } = require('pg');
          const pool = new Pool();
          const label = (sort) => (sort === 'price' ? 'Price' : 'Name');
          exports.handler = async (event) => {
            const sort = event.queryStringParameters.sort;
            // Fill in the column names allowed for sort: an empty list rejects every value.
            const ALLOWED_SORT_COLUMNS = [];
            if (!ALLOWED_SORT_COLUMNS.includes(sort)) throw new Error('Unsupported sort column');
            await pool.query(\`SELECT * FROM items ORDER BY \${sort}\`);
            return label(sort);
          };
        `,
      },
    );
  });

  it('sqlite3, before a return: a switch on the value fills the list', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/rows.js': js`
          const sqlite3 = require('sqlite3');
          const db = new sqlite3.Database(':memory:');
          exports.handler = async (event) => {
            const { by } = event.queryStringParameters;
            switch (by) {
              case 'title':
              case 'year':
                break;
            }
            return new Promise((resolve) => {
              db.all('SELECT * FROM books GROUP BY ' + by, (error, rows) => resolve(rows));
            });
          };
        `,
      },
      "'SELECT * FROM books GROUP BY ' + by",
      'Check by against a list of allowed column names',
      {
        'src/rows.js': `
          const sqlite3 = require('sqlite3');
          const db = new sqlite3.Database(':memory:');
          exports.handler = async (event) => {
            const { by } = event.queryStringParameters;
            switch (by) {
              case 'title':
              case 'year':
                break;
            }
            return new Promise((resolve) => {
              if (!['title', 'year'].includes(by)) throw new Error('Unsupported by column');
              db.all('SELECT * FROM books GROUP BY ' + by, (error, rows) => resolve(rows));
            });
          };
        `,
      },
    );
  });
});

describe('fixes/sql-identifiers: with a prepared statement on the same query', () => {
  const files: Files = {
    'src/search.js': js`
      const mysql = require('mysql2/promise');
      const pool = mysql.createPool({});
      exports.handler = async (event) => {
        const q = event.queryStringParameters;
        const sort = q.sort ?? 'name';
        const [rows] = await pool.query("SELECT * FROM users WHERE name = '" + q.name + "' ORDER BY " + sort);
        return rows;
      };
    `,
  };
  const guardLine = `    if (!['name'].includes(sort)) throw new Error('Unsupported sort column');\n`;
  const guarded = (query: string) => js`
      const mysql = require('mysql2/promise');
      const pool = mysql.createPool({});
      exports.handler = async (event) => {
        const q = event.queryStringParameters;
        const sort = q.sort ?? 'name';
        ${guardLine.trim()}
        const [rows] = await pool.query(${query});
        return rows;
      };
    `;
  const PREPARED_QUERY = '`SELECT * FROM users WHERE name = ? ORDER BY ${sort}`, [q.name]';
  const GUARD = 'Check sort against a list of allowed column names';

  function only(findings: Finding[]): Finding {
    assert.equal(findings.length, 1);
    return findings[0] as Finding;
  }
  const applied = (text: string, finding: Finding, title: string) => {
    const fix = finding.fixes.find((candidate) => candidate.title === title);
    assert.ok(fix, `${title} is offered; got ${finding.fixes.map((candidate) => candidate.title).join(' | ')}`);
    assert.equal(fix.kind, 'suggestion');
    return { 'src/search.js': applyEdits(text, fix.edits) };
  };

  it('offers both; the guard first leaves the prepared statement, which then clears the finding', () => {
    const before = only(lint(sqlRule, files));
    assert.deepEqual(
      before.fixes.map((fix) => fix.title),
      [PREPARED(1), GUARD],
    );
    const afterGuard = applied(files['src/search.js'] ?? '', before, GUARD);
    assert.equal(afterGuard['src/search.js'], guarded(`"SELECT * FROM users WHERE name = '" + q.name + "' ORDER BY " + sort`));
    const remaining = only(lint(sqlRule, afterGuard));
    assert.deepEqual(remaining.data, { source: 'event.queryStringParameters.name', sink: 'query' });
    assert.deepEqual(
      remaining.fixes.map((fix) => fix.title),
      [PREPARED(1)],
    );
    const done = applied(afterGuard['src/search.js'] ?? '', remaining, PREPARED(1));
    assert.equal(done['src/search.js'], guarded(PREPARED_QUERY));
    assert.deepEqual(lint(sqlRule, done), []);
  });

  it('the prepared statement first keeps the identifier in the text; the guard then clears the finding', () => {
    const before = only(lint(sqlRule, files));
    const afterPrepared = applied(files['src/search.js'] ?? '', before, PREPARED(1));
    const remaining = only(lint(sqlRule, afterPrepared));
    assert.deepEqual(remaining.data, { source: 'event.queryStringParameters.sort', sink: 'query' });
    assert.deepEqual(
      remaining.fixes.map((fix) => fix.title),
      [GUARD],
    );
    const done = applied(afterPrepared['src/search.js'] ?? '', remaining, GUARD);
    assert.equal(done['src/search.js'], guarded(PREPARED_QUERY));
    assert.deepEqual(lint(sqlRule, done), []);
  });
});
