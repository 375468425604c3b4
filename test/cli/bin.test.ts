/**
 * The built command, spawned as a user runs it: exit codes and stderr. `npm test` builds first.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lines, makeTempFolder, writeFiles } from './helpers';

const BIN = path.join(__dirname, '../../cli/bin/serverless-security-lint.js');
const BUNDLE = path.join(__dirname, '../../cli/out/main.js');

function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('cli bin (spawned)', () => {
  const temp = makeTempFolder();
  after(() => temp.remove());

  before(() => {
    assert.ok(fs.existsSync(BUNDLE), `${BUNDLE} is missing: run "npm run build" first`);
  });

  it('is an executable node script', () => {
    assert.match(fs.readFileSync(BIN, 'utf8'), /^#!\/usr\/bin\/env node\n/);
    if (process.platform !== 'win32') assert.ok((fs.statSync(BIN).mode & 0o111) !== 0, 'executable bit');
  });

  it('prints the package version', () => {
    const version = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
    assert.deepEqual(cli(temp.root, '--version'), { status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints usage', () => {
    const result = cli(temp.root, '--help');
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Usage: serverless-security-lint/);
  });

  it('exits 0 on a clean folder', () => {
    const root = path.join(temp.root, 'clean');
    writeFiles(root, { 'handler.js': lines('exports.handler = async () => ({ statusCode: 200 });') });
    assert.deepEqual(cli(root), { status: 0, stdout: lines('✔ no problems in 1 file'), stderr: '' });
  });

  it('exits 2 on an unknown option, with one line on stderr', () => {
    assert.deepEqual(cli(temp.root, '--frmat', 'json'), {
      status: 2,
      stdout: '',
      stderr: 'serverless-security-lint: unknown option --frmat (see --help)\n',
    });
  });

  it('exits 2 on a path that does not exist, naming it', () => {
    assert.deepEqual(cli(temp.root, 'src/missing.js'), {
      status: 2,
      stdout: '',
      stderr: 'serverless-security-lint: no such file or folder: src/missing.js\n',
    });
  });

  it('exits 2 on a bad configuration, naming the file and the problem', () => {
    const root = path.join(temp.root, 'bad-config');
    writeFiles(root, { '.serverless-security-lint.yml': lines('rules:', '  no/such-rule: error'), 'a.js': lines('x();') });
    const result = cli(root);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      `serverless-security-lint: ${path.join(fs.realpathSync(root), '.serverless-security-lint.yml').split(path.sep).join('/')}: unknown rule "no/such-rule" in "rules"\n`,
    );
  });

  it('exits 2 on a --config file that does not exist', () => {
    const result = cli(temp.root, '--config', 'nope.yml');
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^serverless-security-lint: cannot read configuration .*nope\.yml: ENOENT\n$/);
  });
});
