import * as assert from 'node:assert/strict';
import { describeFlows } from './helpers';

function handler(body: string): string[] {
  return describeFlows({ 'h.js': `exports.handler = async (event) => {\n${body}\n};\n` }).map((line) => line.replace(/ @h\.js:\d+$/, ''));
}

const ID = 'encodeURIComponent(event.pathParameters.id)';

describe('taint engine: URLs built after a fixed origin', () => {
  it('cleans an encoded segment after an absolute origin, a path or a configured origin', () => {
    assert.deepEqual(handler(`fetch(\`https://api.example.com/users/\${${ID}}\`);`), []);
    assert.deepEqual(handler(`fetch('https://api.example.com/search?q=' + ${ID});`), []);
    assert.deepEqual(handler(`const BASE = 'https://api.example.com'; fetch(BASE + '/users/' + ${ID});`), []);
    assert.deepEqual(handler(`fetch(\`\${process.env.API}/users/\${${ID}}\`);`), []);
    assert.deepEqual(handler(`fetch(new URL('/users/' + ${ID}, 'https://api.example.com'));`), []);
  });

  it('keeps the taint when the value may choose the host or is not encoded', () => {
    assert.deepEqual(handler(`fetch('https://' + ${ID} + '/x');`), ['ssrf event.pathParameters.id → fetch']);
    assert.deepEqual(handler(`fetch('https://api.example.com' + ${ID});`), ['ssrf event.pathParameters.id → fetch']);
    assert.deepEqual(handler(`fetch(${ID});`), ['ssrf event.pathParameters.id → fetch']);
    assert.deepEqual(handler('fetch(`https://api.example.com/users/${event.pathParameters.id}`);'), ['ssrf event.pathParameters.id → fetch']);
    assert.deepEqual(handler(`fetch(\`\${event.headers.origin}/users/\${${ID}}\`);`), ['ssrf event.headers.origin → fetch', 'ssrf event.pathParameters.id → fetch']);
    assert.deepEqual(handler('fetch(new URL(event.pathParameters.id, "https://api.example.com"));'), ['ssrf event.pathParameters.id → fetch']);
  });

  it('does not clean an encoded segment for other kinds', () => {
    const flows = describeFlows({ 'h.js': `const { exec } = require('child_process');\nexports.handler = async (event) => {\nexec('curl https://api.example.com/x/' + ${ID});\n};\n` });
    assert.deepEqual(flows.map((line) => line.replace(/ @h\.js:\d+$/, '')), ['command event.pathParameters.id → exec']);
  });
});
