import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { run } from '../../cli/src/run';
import { applySuggestions, MAX_SUGGESTION_PASSES, writeFileAtomically } from '../../cli/src/write';
import { defineRule, type Rule } from '../../rules/engine/define-rule';
import { Project } from '../../rules/engine/project';
import { occurrences } from '../helpers/text';
import { lines, makeTempFolder, varRule } from './helpers';

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

/** `OLD` → `NEW`, and a header line `// uses NEW` that every suggestion adds when it is missing. */
const headerRule = defineRule({
  id: 'config/test-header',
  family: 'config',
  severity: 'warning',
  docs: { summary: 'Suggest NEW with a header' },
  messages: { old: 'OLD is old', toNew: 'Use NEW' },
  fixable: 'suggestion',
  appliesTo: ['text'],
  check(context) {
    const header = context.file.text.startsWith('// uses NEW\n') ? [] : [{ range: { start: 0, end: 0 }, text: '// uses NEW\n' }];
    return occurrences(context.file.text, 'OLD').map((range) => ({
      messageId: 'old' as const,
      range,
      suggest: [{ messageId: 'toNew' as const, edits: [...header, { range, text: 'NEW' }] }],
    }));
  },
});

/** `PING` → `PONG` and `PONG` → `PING`: applied blindly this would never end. */
const flipRule = defineRule({
  id: 'config/test-flip',
  family: 'config',
  severity: 'warning',
  docs: { summary: 'Flip' },
  messages: { flip: 'flip', flipped: 'Flip it' },
  fixable: 'suggestion',
  appliesTo: ['text'],
  check(context) {
    return [...occurrences(context.file.text, 'PING').map((range) => ({ range, text: 'PONG' })), ...occurrences(context.file.text, 'PONG').map((range) => ({ range, text: 'PING' }))].map((edit) => ({
      messageId: 'flip' as const,
      range: edit.range,
      suggest: [{ messageId: 'flipped' as const, edits: [edit] }],
    }));
  },
});

/** Every `GROW` suggests one more `+ 1` after it: a rewrite that never settles. */
const growRule = defineRule({
  id: 'config/test-grow',
  family: 'config',
  severity: 'warning',
  docs: { summary: 'Grow' },
  messages: { grow: 'grow', more: 'Grow more' },
  fixable: 'suggestion',
  appliesTo: ['text'],
  check(context) {
    return occurrences(context.file.text, 'GROW').map((range) => ({
      messageId: 'grow' as const,
      range,
      suggest: [{ messageId: 'more' as const, edits: [{ range: { start: range.end, end: range.end }, text: ' + 1' }] }],
    }));
  },
});

/** Every `BREAK` suggests an opening parenthesis after it, which leaves JavaScript that does not parse. */
const breakRule = defineRule({
  id: 'config/test-break',
  family: 'config',
  severity: 'warning',
  docs: { summary: 'Break' },
  messages: { broken: 'break', open: 'Open a parenthesis' },
  fixable: 'suggestion',
  appliesTo: ['text'],
  check(context) {
    return occurrences(context.file.text, 'BREAK').map((range) => ({
      messageId: 'broken' as const,
      range,
      suggest: [{ messageId: 'open' as const, edits: [{ range: { start: range.end, end: range.end }, text: '(' }] }],
    }));
  },
});

function suggestIn(text: string, rules: Rule[]): { text: string; applied: number } {
  const project = new Project([['/app/a.js', text]]);
  const applied = applySuggestions(project, ['/app/a.js'], () => ({ rules }));
  return { text: project.text('/app/a.js') ?? '', applied };
}

describe('cli --fix-suggestions loop', () => {
  it('applies one change per file per pass, recomputing the next from the new text', () => {
    assert.deepEqual(suggestIn(lines('a = OLD;', 'b = OLD;'), [headerRule]), { text: lines('// uses NEW', 'a = NEW;', 'b = NEW;'), applied: 2 });
  });

  it('prefers a finding\'s fix to its suggestions', () => {
    assert.deepEqual(suggestIn(lines('var a;'), [varRule]), { text: lines('let a;'), applied: 1 });
  });

  it('never gives a file a text it already had', () => {
    assert.deepEqual(suggestIn(lines('PING'), [flipRule]), { text: lines('PONG'), applied: 1 });
  });

  it('stops after a bounded number of passes', () => {
    const result = suggestIn('x = GROW;', [growRule]);
    assert.equal(result.applied, MAX_SUGGESTION_PASSES);
    assert.equal(result.text, `x = GROW${' + 1'.repeat(MAX_SUGGESTION_PASSES)};`);
  });

  it('takes back a change that would leave a file that does not parse', () => {
    assert.deepEqual(suggestIn(lines('x = BREAK;', 'y = OLD;'), [breakRule, headerRule]), { text: lines('// uses NEW', 'x = BREAK;', 'y = NEW;'), applied: 1 });
  });
});

describe('cli run with fixSuggestions', () => {
  const temp = makeTempFolder();
  after(() => temp.remove());

  it('writes the suggested changes and reports what remains', async () => {
    const root = path.join(temp.root, 'suggest');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'a.js'), lines('x = OLD;'));
    const result = await run({ cwd: root, rules: [headerRule], fixSuggestions: true });
    assert.equal(fs.readFileSync(path.join(root, 'a.js'), 'utf8'), lines('// uses NEW', 'x = NEW;'));
    assert.deepEqual(result.fix, { applied: 1, written: ['a.js'] });
    assert.deepEqual(result.findings, []);
  });

  it('leaves a file that changed on disk during the run as it is, and says so', async () => {
    const root = path.join(temp.root, 'changed');
    fs.mkdirSync(root);
    const file = path.join(root, 'a.js');
    fs.writeFileSync(file, lines('x = OLD;'));
    let reads = 0;
    const readFile = async (name: string) => {
      reads++;
      const text = fs.readFileSync(name, 'utf8');
      // Someone saves the file between the first read and the write.
      if (reads === 1) fs.writeFileSync(file, lines('x = OLD; // edited'));
      return text;
    };
    const result = await run({ cwd: root, rules: [headerRule], fixSuggestions: true, readFile });
    assert.equal(fs.readFileSync(file, 'utf8'), lines('x = OLD; // edited'));
    assert.deepEqual(result.fix, { applied: 1, written: [] });
    assert.deepEqual(result.notices, ['a.js changed on disk during the run; its fixes were not written']);
    assert.equal(result.findings.length, 1, 'the findings are those of the text on disk');
  });
});
