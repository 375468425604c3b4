import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Project } from '../../rules/engine/project';
import { lintFile } from '../../rules/engine/runner';
import type { SourceFile } from '../../rules/parse/source-file';
import { PINNED_NOW } from '../helpers/now';

// A full, synchronous collection on demand, whether or not node was started with --expose-gc.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * A WeakRef keeps its target until the current job ends: wait for the next turn, then collect.
 * A few turns are allowed, since other work of the test runner may still be queued; a parse that
 * something retains stays reachable however many turns pass.
 */
async function collectedAfterThisTurn(ref: WeakRef<SourceFile>): Promise<boolean> {
  for (let turn = 0; turn < 5; turn++) {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    if (ref.deref() === undefined) return true;
  }
  return false;
}

const HANDLER = '/app/src/handler.js';
const TEMPLATE = '/app/serverless.yml';

const template = [
  'service: orders',
  'provider:',
  '  name: aws',
  '  runtime: nodejs20.x',
  'functions:',
  '  create:',
  '    handler: src/handler.create',
  '',
].join('\n');

function handlerText(version: number): string {
  return [
    "const { exec } = require('child_process');",
    `const apiKey = 'sk_${'9'.repeat(version)}aB3dE5gH7jK9mN1pQ3sT5vX';`,
    'exports.create = async (event) => {',
    `  exec('convert ' + event.body + ' out${version}.png');`,
    `  return { statusCode: 200, body: String(${version}) };`,
    '};',
    '',
  ].join('\n');
}

function lintedVersion(project: Project, path: string, text: string): WeakRef<SourceFile> {
  project.setFile(path, text);
  lintFile(project, path, { now: PINNED_NOW });
  const file = project.sourceFile(path);
  assert.ok(file && !file.parseError);
  return new WeakRef(file);
}

describe('Project memory', () => {
  it('keeps no earlier parse of a file that is edited and re-linted again and again', async () => {
    const project = new Project([[TEMPLATE, template]]);
    const refs = [1, 2, 3, 4, 5].map((version) => lintedVersion(project, HANDLER, handlerText(version)));
    const current = project.sourceFile(HANDLER);
    assert.equal(await collectedAfterThisTurn(refs[0]!), true);
    for (const ref of refs.slice(1, -1)) assert.equal(ref.deref(), undefined);
    // The current parse is the project's own: still there, and the same object.
    assert.equal(refs[4]!.deref(), current);
  });

  it('keeps the last parse that parsed while the text does not, and drops it once one does', async () => {
    const project = new Project([[TEMPLATE, template]]);
    const good = lintedVersion(project, HANDLER, handlerText(1));
    project.setFile(HANDLER, 'exports.create = async (event) => {');
    lintFile(project, HANDLER, { now: PINNED_NOW });
    assert.equal(await collectedAfterThisTurn(good), false, 'the last good parse is what other files read meanwhile');
    lintedVersion(project, HANDLER, handlerText(2));
    assert.equal(await collectedAfterThisTurn(good), true);
  });

  it('keeps no parse of an edited template once the model is rebuilt', async () => {
    const project = new Project([[HANDLER, handlerText(1)]]);
    const first = lintedVersion(project, TEMPLATE, template);
    lintedVersion(project, TEMPLATE, template.replace('nodejs20.x', 'nodejs22.x'));
    lintFile(project, HANDLER, { now: PINNED_NOW });
    assert.equal(await collectedAfterThisTurn(first), true);
  });
});
