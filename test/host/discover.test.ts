import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverFiles, isSkippedFolder, toPosix } from '../../host/discover';

/** A temporary folder with the given files; returns its POSIX path. */
function folderWith(files: Record<string, string>): string {
  const root = toPosix(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ssl-discover-'))));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('host: discovering files', () => {
  let root: string;

  beforeEach(() => {
    root = folderWith({
      'serverless.yml': 'service: a\n',
      'src/handler.js': 'exports.handler = async () => 1;\n',
      'src/.env': 'TOKEN=x\n',
      '.env.production': 'TOKEN=y\n',
      'notes.txt': 'not analysed\n',
      'node_modules/dep/index.js': 'module.exports = 1;\n',
      '.serverless/build/handler.js': 'exports.handler = 1;\n',
      '.bench/workspace/handlers/h1.js': 'exports.handler = 1;\n',
      '.bench/workspace/serverless.yml': 'service: generated\n',
      'src/.cache/bundle.js': 'var a = 1;\n',
      'src/.cache/.env': 'TOKEN=z\n',
      '.github/workflows/ci.yml': 'on: push\n',
    });
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('skips dependencies and every dot folder, but keeps dot files such as .env', async () => {
    assert.deepEqual(await discoverFiles(root), [
      `${root}/.env.production`,
      `${root}/serverless.yml`,
      `${root}/src/.env`,
      `${root}/src/handler.js`,
    ]);
  });

  it('scans a dot folder that is itself the root of the scan', async () => {
    assert.deepEqual(await discoverFiles(`${root}/.bench/workspace`), [
      `${root}/.bench/workspace/handlers/h1.js`,
      `${root}/.bench/workspace/serverless.yml`,
    ]);
  });

  it('still skips dependencies inside a dot folder that is scanned', async () => {
    fs.mkdirSync(path.join(root, '.bench/workspace/node_modules/x'), { recursive: true });
    fs.writeFileSync(path.join(root, '.bench/workspace/node_modules/x/index.js'), 'module.exports = 1;\n');
    assert.deepEqual(await discoverFiles(`${root}/.bench`), [
      `${root}/.bench/workspace/handlers/h1.js`,
      `${root}/.bench/workspace/serverless.yml`,
    ]);
  });

  it('tells which folders below a root a walk skips', () => {
    assert.equal(isSkippedFolder(''), false);
    assert.equal(isSkippedFolder('src'), false);
    assert.equal(isSkippedFolder('src/api'), false);
    assert.equal(isSkippedFolder('.bench'), true);
    assert.equal(isSkippedFolder('.bench/workspace'), true);
    assert.equal(isSkippedFolder('src/.cache/bundles'), true);
    assert.equal(isSkippedFolder('../sibling'), false);
  });
});

describe('host: discovering the files of this repository', () => {
  const repository = toPosix(path.resolve(__dirname, '..', '..'));

  it('finds the examples and the test fixtures, and nothing under a dot folder', async function () {
    this.timeout(60_000);
    const files = (await discoverFiles(repository)).map((file) => path.posix.relative(repository, file));
    const onDisk = (folder: string): string[] =>
      (fs.readdirSync(path.join(repository, folder), { recursive: true, withFileTypes: true }) as fs.Dirent[])
        .filter((entry) => entry.isFile() && /\.(js|ts|ya?ml|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
        .map((entry) => path.posix.relative(repository, toPosix(path.join(entry.parentPath, entry.name))))
        .filter((file) => !file.split('/').some((name) => name === 'node_modules' || name.startsWith('.')));
    for (const folder of ['examples', 'test/fixtures']) {
      const expected = onDisk(folder);
      assert.ok(expected.length > 10, `${folder} holds fixtures`);
      const missing = expected.filter((file) => !files.includes(file));
      assert.deepEqual(missing, [], `every file of ${folder} is discovered`);
    }
    assert.deepEqual(files.filter((file) => file.split('/').slice(0, -1).some((name) => name.startsWith('.'))), []);
  });
});
