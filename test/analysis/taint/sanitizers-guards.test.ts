import * as assert from 'node:assert/strict';
import { code, describeFlows } from './helpers';

function handler(imports: string, body: string): string[] {
  return describeFlows({ 'h.js': `${imports}\nexports.handler = async (event) => {\n${body}\n};\n` }).map((line) => line.replace(/ @h\.js:\d+$/, ''));
}

const CP = "const { exec } = require('child_process');";
const DB = "const mysql = require('mysql'); const db = mysql.createConnection({}); const fs = require('fs'); const path = require('path');";

describe('taint engine: sanitisers', () => {
  it('cleans only for the kind a sanitiser is made for', () => {
    assert.deepEqual(handler(`${CP} ${DB}`, "db.query('SELECT ' + mysql.escape(event.body)); exec('echo ' + mysql.escape(event.body));"), ['command event.body → exec']);
    assert.deepEqual(handler(`${CP} ${DB}`, "const name = path.basename(event.body); fs.readFileSync('/tmp/' + name); exec('cat ' + name);"), ['command event.body → exec']);
    assert.deepEqual(handler(`${CP} ${DB} const { quote } = require('shell-quote');`, "exec('echo ' + quote([event.body])); db.query('SELECT ' + quote([event.body]));"), ['sql event.body → query']);
  });

  it('keeps the SQL text of mysql.format while escaping its values', () => {
    assert.deepEqual(handler(DB, "db.query(mysql.format('SELECT * FROM t WHERE a = ?', [event.body])); db.query(mysql.format(event.headers.sql, []));"), ['sql event.headers.sql → query']);
  });

  it('reads zod, joi, yup and ajv schemas: safe fields are clean, free-form strings are not', () => {
    const imports = `${DB} const { z } = require('zod'); const Joi = require('joi'); const yup = require('yup'); const Ajv = require('ajv');
const Z = z.object({ id: z.string().uuid(), n: z.number(), kind: z.enum(['a', 'b']), name: z.string() });
const J = Joi.object({ id: Joi.string().guid(), name: Joi.string(), tag: Joi.string().valid('x', 'y') });
const Y = yup.object({ n: yup.number(), name: yup.string() });
const validate = new Ajv().compile({ type: 'object', properties: { n: { type: 'integer' }, id: { type: 'string', format: 'uuid' }, name: { type: 'string' } } });`;
    const body = `const input = JSON.parse(event.body);
const a = Z.parse(input); db.query('1' + a.id + a.n + a.kind); db.query('2' + a.name);
const { value } = J.validate(input); db.query('3' + value.id + value.tag); db.query('4' + value.name);
const b = Joi.attempt(input, J); db.query('5' + b.id);
const c = await Y.validate(input); db.query('6' + c.n); db.query('7' + c.name);
const r = Z.safeParse(input); if (r.success) db.query('8' + r.data.id);
if (!validate(input)) return; db.query('9' + input.n + input.id); db.query('10' + input.name);`;
    assert.deepEqual(handler(imports, body), ['sql event.body → query', 'sql event.body → query', 'sql event.body → query', 'sql event.body → query']);
  });
});

describe('taint engine: guards', () => {
  it('understands allow-lists, equality, typeof, anchored patterns and validators before the use', () => {
    const imports = `${CP} const validator = require('validator'); const ALLOWED = ['a', 'b']; const SET = new Set(ALLOWED); const RE = /^[a-z]+$/;`;
    const body = `const q = event.queryStringParameters;
if (!ALLOWED.includes(q.a)) return; exec(q.a);
if (!SET.has(q.b)) throw new Error(); exec(q.b);
if (q.c !== 'yes') return; exec(q.c);
if (typeof q.d !== 'number') return; exec(q.d);
if (!RE.test(q.e)) return; exec(q.e);
if (!validator.isUUID(q.f)) return; exec(q.f);
if (ALLOWED.indexOf(q.g) === -1) return; exec(q.g);`;
    assert.deepEqual(handler(imports, body), []);
  });

  it('applies a guard to its branch only, and not to other values', () => {
    const imports = `${CP} const ALLOWED = ['a', 'b'];`;
    const body = `const q = event.queryStringParameters;
if (ALLOWED.includes(q.a)) { exec(q.a); } else { exec('echo ' + q.a); }
exec(ALLOWED.includes(q.b) ? q.b : 'a');
ALLOWED.includes(q.c) && exec(q.c);
if (!ALLOWED.includes(q.d)) return;
exec(q.e);`;
    assert.deepEqual(handler(imports, body), ['command event.queryStringParameters.a → exec', 'command event.queryStringParameters.e → exec']);
  });

  it('does not trust patterns that let anything through', () => {
    const body = `const q = event.queryStringParameters;
if (!/^.*$/.test(q.a)) return; exec(q.a);
if (!/[a-z]+/.test(q.b)) return; exec(q.b);
if (!/^[^;]+$/.test(q.c)) return; exec(q.c);
if (!/^[a-z]+$/m.test(q.d)) return; exec(q.d);`;
    assert.deepEqual(handler(CP, body), [
      'command event.queryStringParameters.a → exec',
      'command event.queryStringParameters.b → exec',
      'command event.queryStringParameters.c → exec',
      'command event.queryStringParameters.d → exec',
    ]);
  });

  it('cleans paths with a prefix check or a ".." check, but only for paths', () => {
    const body = `const full = path.resolve('/srv', event.body);
if (!full.startsWith('/srv/')) return;
fs.readFileSync(full); db.query('SELECT ' + full);`;
    assert.deepEqual(handler(DB, body), ['sql event.body → query']);
  });

  it('switch cases with literal tests fix the value', () => {
    const body = `switch (event.body) { case 'start': exec('svc ' + event.body); break; default: exec('svc ' + event.body); }`;
    assert.deepEqual(describeFlows({ 'h.js': code`
      ${CP}
      exports.handler = async (event) => {
        ${body}
      };
    ` }), ['command event.body → exec @h.js:3']);
  });
});
