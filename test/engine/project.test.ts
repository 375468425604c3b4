import * as assert from 'node:assert/strict';
import { Project } from '../../rules/engine/project';

describe('Project', () => {
  it('changes its revision when a file is added, changed or deleted, and only then', () => {
    const project = new Project();
    const start = project.revision;
    assert.equal(project.setFile('/app/a.js', 'exports.a = 1;\n'), true);
    const added = project.revision;
    assert.notEqual(added, start);
    assert.equal(project.setFile('/app/a.js', 'exports.a = 1;\n'), false);
    assert.equal(project.revision, added, 'the same text again is no change');
    project.sourceFile('/app/a.js');
    assert.equal(project.revision, added, 'parsing is no change');
    project.setFile('/app/a.js', 'exports.a = 2;\n');
    const changed = project.revision;
    assert.notEqual(changed, added);
    assert.equal(project.deleteFile('/app/missing.js'), false);
    assert.equal(project.revision, changed);
    assert.equal(project.deleteFile('/app/a.js'), true);
    assert.notEqual(project.revision, changed);
  });

  it('gives the text of the last parse that parsed while a file is half-typed, without parsing it first', () => {
    const project = new Project([['/app/a.js', 'exports.a = 1;\n']]);
    assert.equal(project.stableText('/app/a.js'), 'exports.a = 1;\n');
    project.sourceFile('/app/a.js');
    project.setFile('/app/a.js', 'exports.a = (;\n');
    // Not parsed yet: the current text is all that is known.
    assert.equal(project.stableText('/app/a.js'), 'exports.a = (;\n');
    assert.ok(project.sourceFile('/app/a.js')?.parseError);
    assert.equal(project.stableText('/app/a.js'), 'exports.a = 1;\n');
    assert.equal(project.stableText('/app/missing.js'), undefined);
  });
});
