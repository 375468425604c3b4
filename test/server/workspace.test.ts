import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Logger } from '../../server/src/logger';
import { VIRTUAL_ROOT } from '../../server/src/uri';
import { WorkspaceIndex } from '../../server/src/workspace';
import { TempWorkspace } from './lsp-session';

const quiet: Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, log: () => undefined };

describe('server: workspace index', () => {
  let folder: TempWorkspace;
  let workspace: WorkspaceIndex;

  beforeEach(async () => {
    folder = new TempWorkspace({
      'serverless.yml': 'service: a\n',
      'src/handler.js': 'exports.handler = async () => 1;\n',
      'node_modules/dep/index.js': 'module.exports = 1;\n',
      'notes.txt': 'not analysed\n',
    });
    workspace = new WorkspaceIndex(quiet);
    await workspace.indexInitialFolders([{ uri: folder.uri(''), name: 'test' }]);
  });

  afterEach(() => folder.dispose());

  it('indexes the analysable files of a folder, not dependencies', () => {
    assert.deepEqual(workspace.diskPaths(), [folder.path('serverless.yml'), folder.path('src/handler.js')]);
    assert.equal(workspace.isExcluded(folder.path('node_modules/dep/index.js')), true);
    assert.equal(workspace.folderUriOf(folder.path('src/handler.js')), folder.uri(''));
  });

  it('lets an open document override the disk, and goes back to the disk on close', async () => {
    const uri = folder.uri('src/handler.js');
    const file = folder.path('src/handler.js');
    const update = workspace.documentChanged(uri, 'javascript', 'edited\n');
    assert.deepEqual(update, { path: file, changed: true });
    assert.equal(workspace.project.text(file), 'edited\n');
    // A save while open does not replace what the user sees.
    fs.writeFileSync(file, 'saved\n');
    await workspace.fileChanged(uri, 'changed');
    assert.equal(workspace.project.text(file), 'edited\n');
    assert.equal(await workspace.documentClosed(uri), file);
    assert.equal(workspace.project.text(file), 'saved\n');
  });

  it('gives unsaved buffers a path of their language and drops them on close', async () => {
    const uri = 'untitled:Untitled-1';
    const update = workspace.documentChanged(uri, 'javascript', 'exec(x)\n');
    assert.ok(update?.path.startsWith(`${VIRTUAL_ROOT}/`) && update.path.endsWith('.js'), update?.path);
    assert.equal(workspace.uriOf(update!.path), uri);
    assert.equal(workspace.documentChanged('untitled:Untitled-2', 'plaintext', 'x'), undefined);
    assert.equal(await workspace.documentClosed(uri), update!.path);
    assert.equal(workspace.project.has(update!.path), false);
  });

  it('follows created, changed and deleted files and folders', async () => {
    folder.write('src/new.js', 'new\n');
    let outcome = await workspace.fileChanged(folder.uri('src/new.js'), 'created');
    assert.deepEqual(outcome, { configChanged: false, changed: [folder.path('src/new.js')] });

    folder.write('lib/a.js', 'a\n');
    folder.write('lib/b.yml', 'b: 1\n');
    outcome = await workspace.fileChanged(folder.uri('lib'), 'created');
    assert.deepEqual(outcome.changed.sort(), [folder.path('lib/a.js'), folder.path('lib/b.yml')]);

    fs.rmSync(folder.path('lib'), { recursive: true });
    outcome = await workspace.fileChanged(folder.uri('lib'), 'deleted');
    assert.deepEqual(outcome.changed.sort(), [folder.path('lib/a.js'), folder.path('lib/b.yml')]);
    assert.equal(workspace.project.has(folder.path('lib/a.js')), false);

    folder.write('node_modules/dep/other.js', 'x\n');
    outcome = await workspace.fileChanged(folder.uri('node_modules/dep/other.js'), 'created');
    assert.deepEqual(outcome.changed, []);
  });

  it('does not index files created in a dot folder, but analyses one that is opened', async () => {
    folder.write('.bench/workspace/handlers/h1.js', 'exports.handler = 1;\n');
    let outcome = await workspace.fileChanged(folder.uri('.bench'), 'created');
    assert.deepEqual(outcome.changed, []);
    outcome = await workspace.fileChanged(folder.uri('.bench/workspace/handlers/h1.js'), 'created');
    assert.deepEqual(outcome.changed, []);
    assert.equal(workspace.project.has(folder.path('.bench/workspace/handlers/h1.js')), false);
    const opened = workspace.documentChanged(folder.uri('.bench/workspace/handlers/h1.js'), 'javascript', 'exports.handler = 2;\n');
    assert.deepEqual(opened, { path: folder.path('.bench/workspace/handlers/h1.js'), changed: true });
    assert.equal(workspace.isExcluded(folder.path('.bench/workspace/handlers/h1.js')), false);
  });

  it('clears the configuration cache when a configuration file changes', async () => {
    const generation = workspace.configEpoch;
    folder.write('.serverless-security-lint.yml', 'rules: {}\n');
    const outcome = await workspace.fileChanged(folder.uri('.serverless-security-lint.yml'), 'created');
    assert.equal(outcome.configChanged, true);
    assert.equal(workspace.configEpoch, generation + 1);
    assert.deepEqual(workspace.configFor(folder.path('src/handler.js')).root, folder.root);
  });

  it('forgets a removed folder except its open documents', () => {
    const uri = folder.uri('src/handler.js');
    workspace.documentChanged(uri, 'javascript', 'open\n');
    const changed = workspace.removeFolder(folder.uri(''));
    assert.deepEqual(changed, [folder.path('serverless.yml')]);
    assert.equal(workspace.project.text(folder.path('src/handler.js')), 'open\n');
  });
});
