import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomically } from '../../cli/src/write';
import { makeTempFolder } from './helpers';

describe('cli atomic write', () => {
  const temp = makeTempFolder();
  after(() => temp.remove());

  it('replaces the text, keeps the mode and leaves no temporary file', async () => {
    const file = path.join(temp.root, 'a.js');
    fs.writeFileSync(file, 'old\r\n');
    fs.chmodSync(file, 0o640);
    await writeFileAtomically(file, 'new\r\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new\r\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(fs.readdirSync(temp.root), ['a.js']);
  });

  it('writes through a symlink to its target and keeps the link', async function () {
    if (process.platform === 'win32') this.skip();
    const folder = path.join(temp.root, 'linked');
    fs.mkdirSync(folder);
    const target = path.join(folder, 'target.js');
    const link = path.join(folder, 'link.js');
    fs.writeFileSync(target, 'old\n');
    fs.symlinkSync('target.js', link);
    await writeFileAtomically(link, 'new\n');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(target, 'utf8'), 'new\n');
  });

  it('removes its temporary file when the rename fails', async () => {
    const folder = path.join(temp.root, 'rename-fails');
    // A folder where the file should be: writing the temporary file works, renaming over it fails.
    fs.mkdirSync(path.join(folder, 'a.js'), { recursive: true });
    await assert.rejects(writeFileAtomically(path.join(folder, 'a.js'), 'text'), { code: 'EISDIR' });
    assert.deepEqual(fs.readdirSync(folder), ['a.js']);
    assert.ok(fs.statSync(path.join(folder, 'a.js')).isDirectory());
  });
});
