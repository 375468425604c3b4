import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { ensureBundle, ROOT, SERVER_BUNDLE } from './lsp-session';

/** The bin, or the bundle itself when testing another build (the bin always loads server/out). */
const ENTRY = process.env.SERVERLESS_SECURITY_LINT_SERVER ? SERVER_BUNDLE : path.join(ROOT, 'server', 'bin', 'serverless-security-lint-server.js');

describe('server: standalone entry', function () {
  this.timeout(30_000);

  before(function () {
    this.timeout(180_000);
    ensureBundle();
  });

  it('prints the usage and exits 2 without a transport argument', () => {
    const result = spawnSync(process.execPath, [ENTRY], {
      encoding: 'utf8',
      timeout: 10_000,
    });
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /no transport given/);
    assert.match(result.stderr, /Usage: serverless-security-lint-server --stdio/);
    assert.equal(result.stdout, '');
  });

  it('prints the usage and exits 0 for --help', () => {
    const result = spawnSync(process.execPath, [ENTRY, '--help'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /--node-ipc/);
  });
});
