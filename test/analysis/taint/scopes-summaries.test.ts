import * as assert from 'node:assert/strict';
import { code, describeFlows, flowsOf, pathOf } from './helpers';

describe('taint engine: scopes', () => {
  it('never takes a shadowing inner variable for the outer one', () => {
    assert.deepEqual(
      describeFlows({
        'h.js': code`
          const { exec } = require('child_process');
          exports.handler = async (event) => {
            const cmd = event.body;
            {
              const cmd = 'uptime';
              exec(cmd);
            }
            [1, 2].forEach((cmd) => exec('echo ' + cmd));
            function inner(cmd) { return exec(cmd); }
            inner('ls');
            exec(cmd);
          };
        `,
      }),
      ['command event.body → exec @h.js:11'],
    );
  });

  it('tells a local `exec` from child_process.exec, and a shadowed import from the import', () => {
    assert.deepEqual(
      describeFlows({
        'h.js': code`
          const { exec } = require('child_process');
          exports.handler = async (event) => {
            const run = (exec) => exec(event.body);
            run((text) => text.length);
            { const exec = (s) => s; exec(event.body); }
          };
        `,
      }),
      [],
    );
  });
});

describe('taint engine: summaries', () => {
  it('summarises which parameters reach the return value', () => {
    const files = {
      'h.js': code`
        const { exec } = require('child_process');
        function pick(a, b) { return b; }
        function wrap(x) { return { value: x, fixed: 'ls' }; }
        exports.handler = async (event) => {
          exec(pick(event.body, 'ls'));
          exec(pick('ls', event.body));
          exec(wrap(event.body).fixed);
          exec(wrap(event.body).value);
        };
      `,
    };
    assert.deepEqual(describeFlows(files), ['command event.body → exec @h.js:6', 'command event.body → exec @h.js:8']);
  });

  it('summarises which parameters reach sinks, through several calls and recursion', () => {
    const files = {
      'h.js': code`
        const { execSync } = require('child_process');
        function run(command) { return execSync(command); }
        function twice(command, n) { return n > 0 ? twice(command, n - 1) : run(command); }
        exports.handler = async (event) => {
          twice('echo ' + event.queryStringParameters.msg, 2);
          twice('uptime', 2);
        };
      `,
    };
    assert.deepEqual(describeFlows(files), ['command event.queryStringParameters.msg → execSync @h.js:2']);
    const [flow] = flowsOf(files);
    assert.ok(flow);
    assert.deepEqual(pathOf(flow), [
      'event.queryStringParameters.msg (query string)',
      'command (parameter of twice)',
      'command (parameter of run)',
      'shell command',
    ]);
  });

  it('resolves callbacks and clients passed as parameters at the call site', () => {
    const files = {
      'h.js': code`
        const mysql = require('mysql2/promise');
        const pool = mysql.createPool({});
        async function withConnection(work) { const connection = await pool.getConnection(); return work(connection); }
        function select(db, sql) { return db.query(sql); }
        exports.handler = async (event) => {
          await withConnection((connection) => connection.query('SELECT ' + event.body));
          await select(pool, 'SELECT ' + event.headers.h);
          await select({ query: (s) => s }, 'SELECT ' + event.headers.h);
        };
      `,
    };
    assert.deepEqual(describeFlows(files), ['sql event.body → query @h.js:6', 'sql event.headers.h → query @h.js:4']);
  });

  it('analyses a handler of 5,000 lines in one pass per round (no path explosion)', function () {
    // Not a timing assertion: room for a slow machine, since the rounds are linear but not free.
    this.timeout(120_000);
    const lines = ["const { exec } = require('child_process');", 'exports.handler = async (event) => {', '  let acc = event.body;'];
    for (let i = 0; i < 2500; i++) {
      lines.push(`  if (acc.length > ${i}) { acc = acc + '${i}'; } else { acc = helper${i % 10}(acc); }`);
      lines.push(`  const v${i} = { a: acc, b: [v${Math.max(0, i - 1)} ?? 1] };`);
    }
    lines.push('  exec(acc);', '};');
    for (let i = 0; i < 10; i++) lines.push(`function helper${i}(x) { return x.trim(); }`);
    assert.deepEqual(describeFlows({ 'big.js': lines.join('\n') }), ['command event.body → exec @big.js:5004']);
  });
});

describe('taint engine: modules', () => {
  it('follows require and import of relative modules, default and named exports', () => {
    const files = {
      'src/handler.mjs': code`
        import build from './build.mjs';
        import { run } from './run.js';
        import * as util from './util.js';
        export const handler = async (event) => run(build(util.clean(event.body)));
      `,
      'src/build.mjs': code`
        export default function build(name) { return 'convert ' + name; }
      `,
      'src/run.js': code`
        const { execSync } = require('child_process');
        exports.run = (command) => execSync(command);
      `,
      'src/util.js': code`
        module.exports = { clean: (s) => s.trim() };
      `,
    };
    assert.deepEqual(describeFlows(files, 'src/handler.mjs'), ['command event.body → execSync @src/run.js:2']);
  });

  it('resolves TypeScript ESM specifiers and index files, and survives import cycles', () => {
    const files = {
      'src/handler.ts': code`
        import { query } from './db/index.js';
        export const handler = async (event: { body: string }) => query(event.body);
      `,
      'src/db/index.ts': code`
        import { Pool } from 'pg';
        import { helper } from '../helper';
        const pool = new Pool();
        export const query = (text: string) => pool.query(helper(text));
      `,
      'src/helper.ts': code`
        import { query } from './db';
        export const helper = (text: string) => 'SELECT ' + text;
        export const again = query;
      `,
    };
    assert.deepEqual(describeFlows(files, 'src/handler.ts'), ['sql event.body → query @src/db/index.ts:4']);
  });

  it('keeps library instances created in another module (provenance across files)', () => {
    const files = {
      'h.js': code`
        const { knex } = require('./db');
        exports.handler = async (event) => knex('t').whereRaw('a = ' + event.body);
      `,
      'db.js': code`
        exports.knex = require('knex')({ client: 'pg' });
      `,
    };
    assert.deepEqual(describeFlows(files, 'h.js'), ['sql event.body → whereRaw @h.js:2']);
  });
});
