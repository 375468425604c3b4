import * as assert from 'node:assert/strict';
import { code, describeFlows, flowsOf, pathOf } from './helpers';

const HEADER = "const { exec } = require('child_process');\n";

/** The flows of a one-file AWS handler whose body is `body`. */
function flows(body: string): string[] {
  return describeFlows({ 'h.js': `${HEADER}exports.handler = async (event) => {\n${body}\n};\n` }).map((line) => line.replace(/ @h\.js:\d+$/, ''));
}

describe('taint engine: propagation', () => {
  it('follows assignments, destructuring with defaults and rest, and spread', () => {
    assert.deepEqual(flows('let a; a = event.body; exec(a);'), ['command event.body → exec']);
    assert.deepEqual(flows("const { q = 'x' } = event.queryStringParameters; exec(q);"), ['command event.queryStringParameters.q → exec']);
    assert.deepEqual(flows('const { id, ...rest } = event.pathParameters; exec(rest.name);'), ['command event.pathParameters.name → exec']);
    assert.deepEqual(flows('const [first] = event.multiValueQueryStringParameters.f; exec(first);'), ['command event.multiValueQueryStringParameters.f[0] → exec']);
    assert.deepEqual(flows('const copy = { ...event.headers }; exec(copy.host);'), ['command event.headers → exec']);
  });

  it('follows template literals, +, +=, concat, join and string methods', () => {
    assert.deepEqual(flows('exec(`ls ${event.body}`);'), ['command event.body → exec']);
    assert.deepEqual(flows("let c = 'ls '; c += event.body.trim(); exec(c);"), ['command event.body → exec']);
    assert.deepEqual(flows("exec('ls '.concat(event.body));"), ['command event.body → exec']);
    assert.deepEqual(flows("exec(['ls', event.body].join(' '));"), ['command event.body → exec']);
    assert.deepEqual(flows("const parts = ['ls']; parts.push(event.body); exec(parts.join(' '));"), ['command event.body → exec']);
    assert.deepEqual(flows("exec(event.body.split(',')[0].toLowerCase().slice(1));"), ['command event.body → exec']);
    assert.deepEqual(flows("exec('ls ' + event.body.replace('a', 'b'));"), ['command event.body → exec']);
  });

  it('follows JSON.parse / stringify, decodeURIComponent, Buffer.from(…).toString(), await and promises', () => {
    assert.deepEqual(flows('exec(JSON.parse(event.body).cmd);'), ['command event.body → exec']);
    assert.deepEqual(flows("exec('echo ' + JSON.stringify(event.queryStringParameters));"), ['command event.queryStringParameters → exec']);
    assert.deepEqual(flows('exec(decodeURIComponent(event.rawPath));'), ['command event.rawPath → exec']);
    assert.deepEqual(flows("exec(Buffer.from(event.body, 'base64').toString());"), ['command event.body → exec']);
    assert.deepEqual(flows('const v = await Promise.resolve(event.body); exec(v);'), ['command event.body → exec']);
    assert.deepEqual(flows('Promise.resolve(event.body).then((v) => exec(v));'), ['command event.body → exec']);
  });

  it('keeps fields apart in containers (field-sensitive where it is cheap)', () => {
    assert.deepEqual(flows("const o = { cmd: 'ls', arg: event.body }; exec(o.cmd);"), []);
    assert.deepEqual(flows("const o = { cmd: 'ls', arg: event.body }; exec(o.arg);"), ['command event.body → exec']);
    assert.deepEqual(flows("const o = {}; o.cmd = event.body; o.safe = 'ls'; exec(o.safe);"), []);
    assert.deepEqual(flows("const o = {}; o.cmd = event.body; exec(o.cmd);"), ['command event.body → exec']);
    assert.deepEqual(flows("const list = ['ls', event.body]; exec(list[0]);"), []);
  });

  it('follows closures, array callbacks, for…of and class fields', () => {
    assert.deepEqual(flows('const c = event.body; const run = () => exec(c); run();'), ['command event.body → exec']);
    assert.deepEqual(flows('event.Records.forEach((r) => exec(r.body));'), ['command event.Records[*].body → exec']);
    assert.deepEqual(flows('for (const r of event.Records) exec(r.Sns.Message);'), ['command event.Records[*].Sns.Message → exec']);
    assert.deepEqual(flows("const names = event.Records.map((r) => r.s3.object.key); exec('rm ' + names.join(' '));"), ['command event.Records[*].s3.object.key → exec']);
    assert.deepEqual(
      flows("class Job { constructor(cmd) { this.cmd = cmd; } } const job = new Job('ls'); job.cmd = event.body; exec(job.cmd);"),
      ['command event.body → exec'],
    );
  });

  it('does not propagate through numbers, booleans, comparisons and lengths', () => {
    assert.deepEqual(flows("exec('sleep ' + Number(event.body));"), []);
    assert.deepEqual(flows("exec('sleep ' + (+event.body));"), []);
    assert.deepEqual(flows("exec('sleep ' + parseFloat(event.body) * 2);"), []);
    assert.deepEqual(flows("exec('echo ' + Boolean(event.body));"), []);
    assert.deepEqual(flows("exec('echo ' + event.body.length);"), []);
    assert.deepEqual(flows("exec('echo ' + (event.body === 'x'));"), []);
    assert.deepEqual(flows("exec('echo ' + (event.body && 'yes'));"), []);
  });

  it('leaves out the fields a verified authorizer or the platform sets', () => {
    assert.deepEqual(flows("exec('echo ' + event.requestContext.authorizer.claims.email);"), []);
    assert.deepEqual(flows("exec('echo ' + event.requestContext.identity.sourceIp);"), []);
    assert.deepEqual(flows("exec('echo ' + event.Records[0].eventSourceARN);"), []);
    assert.deepEqual(flows("exec('echo ' + event.requestContext.http.path);"), ['command event.requestContext.http.path → exec']);
    assert.deepEqual(flows("const { requestContext } = event; exec('echo ' + requestContext.authorizer.lambda.user);"), []);
  });

  it('shows the path one hop per step, from the source to the sink', () => {
    const [flow] = flowsOf({
      'h.js': code`
        const { Client } = require('pg');
        const client = new Client();
        exports.handler = async (event) => {
          const name = JSON.parse(event.body).name;
          await client.query("SELECT * FROM users WHERE name = '" + name + "'");
        };
      `,
    });
    assert.ok(flow);
    assert.deepEqual(pathOf(flow), ['event.body (HTTP request body)', 'name', 'query text']);
    assert.equal(flow.description, 'HTTP request body');
  });
});
