import assert from 'node:assert/strict';
import { defineRule } from '../../rules/engine/define-rule';
import { applyEdits, fixFile, selectNonOverlapping } from '../../rules/engine/fixes';
import { Project } from '../../rules/engine/project';
import { INTERNAL_ERROR, lintFile, PARSE_ERROR } from '../../rules/engine/runner';
import type { Fix } from '../../rules/engine/types';

/** Flags every `TODO` in a text file and fixes it to `DONE`. */
const todoRule = defineRule({
  id: 'test/todo',
  family: 'core',
  severity: 'warning',
  docs: { summary: 'Flags TODO' },
  messages: { todo: 'Found {word}', replace: 'Replace with DONE' },
  fixable: 'fix',
  appliesTo: ['text'],
  check(context) {
    const drafts = [];
    for (const match of context.file.text.matchAll(/TODO/g)) {
      const range = { start: match.index, end: match.index + 4 };
      drafts.push({
        messageId: 'todo' as const,
        data: { word: 'TODO' },
        range,
        fix: { messageId: 'replace' as const, edits: [{ range, text: 'DONE' }] },
      });
    }
    return drafts;
  },
});

const crashingRule = defineRule({
  id: 'test/crash',
  family: 'core',
  severity: 'error',
  docs: { summary: 'Always crashes' },
  messages: { never: 'never' },
  fixable: 'none',
  appliesTo: ['text'],
  check() {
    throw new Error('boom');
  },
});

const javascriptOnlyRule = defineRule({
  id: 'test/js-only',
  family: 'core',
  severity: 'info',
  docs: { summary: 'Reports the start of JavaScript files' },
  messages: { here: 'JavaScript' },
  fixable: 'none',
  appliesTo: ['javascript'],
  check: () => [{ messageId: 'here', range: { start: 0, end: 1 } }],
});

describe('runner', () => {
  it('turns drafts into findings with message, severity and fix title', () => {
    const project = new Project([['notes.txt', 'a TODO b']]);
    const [finding, ...rest] = lintFile(project, 'notes.txt', { rules: [todoRule] });
    assert.equal(rest.length, 0);
    assert.deepEqual(finding?.range, { start: 2, end: 6 });
    assert.equal(finding?.message, 'Found TODO');
    assert.equal(finding?.severity, 'warning');
    assert.deepEqual(finding?.fixes, [
      { kind: 'fix', messageId: 'replace', title: 'Replace with DONE', edits: [{ file: 'notes.txt', range: { start: 2, end: 6 }, text: 'DONE' }] },
    ]);
  });

  it('isolates a crashing rule: one internal-error finding, the other rules still run', () => {
    const project = new Project([['notes.txt', 'TODO']]);
    const crashes: string[] = [];
    const findings = lintFile(project, 'notes.txt', {
      rules: [crashingRule, todoRule],
      onInternalError: (_error, ruleId) => crashes.push(ruleId),
    });
    assert.deepEqual(
      findings.map((finding) => finding.ruleId),
      [INTERNAL_ERROR, 'test/todo'],
    );
    assert.match(findings[0]?.message ?? '', /Rule test\/crash failed on this file and was skipped: boom/);
    assert.deepEqual(crashes, ['test/crash']);
  });

  it('applies configured severities and turns rules off', () => {
    const project = new Project([['notes.txt', 'TODO']]);
    const config = { rules: { 'test/todo': { severity: 'error' as const } }, ignore: [], root: '' };
    assert.equal(lintFile(project, 'notes.txt', { rules: [todoRule], config })[0]?.severity, 'error');
    const off = { rules: { 'test/todo': { severity: 'off' as const } }, ignore: [], root: '' };
    assert.deepEqual(lintFile(project, 'notes.txt', { rules: [todoRule], config: off }), []);
  });

  it('runs a rule only on the inputs it applies to', () => {
    const project = new Project([
      ['notes.txt', 'x'],
      ['handler.js', 'x'],
    ]);
    assert.equal(lintFile(project, 'notes.txt', { rules: [javascriptOnlyRule] }).length, 0);
    assert.equal(lintFile(project, 'handler.js', { rules: [javascriptOnlyRule] }).length, 1);
  });

  it('reports a file that does not parse as one parse-error finding and runs no rule on it', () => {
    const project = new Project([['handler.js', 'const = ;\n']]);
    const findings = lintFile(project, 'handler.js', { rules: [javascriptOnlyRule] });
    assert.equal(findings.length, 1);
    assert.equal(findings[0]?.ruleId, PARSE_ERROR);
    assert.equal(findings[0]?.severity, 'error');
  });

  it('stops between rules when cancelled', () => {
    const project = new Project([['notes.txt', 'TODO']]);
    assert.deepEqual(lintFile(project, 'notes.txt', { rules: [todoRule], isCancelled: () => true }), []);
  });

  it('returns nothing for a file the project does not have', () => {
    assert.deepEqual(lintFile(new Project(), 'missing.txt', { rules: [todoRule] }), []);
  });
});

describe('fixes', () => {
  it('applies edits in any order', () => {
    const edits = [
      { range: { start: 4, end: 5 }, text: 'E' },
      { range: { start: 0, end: 1 }, text: 'A' },
      { range: { start: 2, end: 2 }, text: '+' },
    ];
    assert.equal(applyEdits('abcdef', edits), 'Ab+cdEf');
  });

  it('refuses overlapping edits', () => {
    assert.throws(() =>
      applyEdits('abcdef', [
        { range: { start: 0, end: 3 }, text: 'x' },
        { range: { start: 2, end: 4 }, text: 'y' },
      ]),
    );
  });

  it('selects whole fixes that do not overlap the ones already chosen', () => {
    const fix = (start: number, end: number, title: string): Fix => ({
      kind: 'fix',
      messageId: 'm',
      title,
      edits: [{ file: 'f', range: { start, end }, text: '' }],
    });
    const chosen = selectNonOverlapping([fix(0, 3, 'a'), fix(2, 5, 'b'), fix(5, 6, 'c'), fix(3, 3, 'd'), fix(3, 3, 'e')]);
    assert.deepEqual(
      chosen.map((item) => item.title),
      ['a', 'c', 'd'],
    );
  });

  it('fixes a file until nothing is left and updates the project', () => {
    const project = new Project([['notes.txt', 'TODO and TODO\r\n']]);
    const result = fixFile(project, 'notes.txt', { rules: [todoRule] });
    assert.equal(result.applied, 2);
    assert.deepEqual([...result.changed], [['notes.txt', 'DONE and DONE\r\n']]);
    assert.deepEqual(result.remaining, []);
    assert.equal(project.text('notes.txt'), 'DONE and DONE\r\n');
  });

  it('changes nothing when no finding has a fix', () => {
    const project = new Project([['handler.js', 'x']]);
    const result = fixFile(project, 'handler.js', { rules: [javascriptOnlyRule] });
    assert.equal(result.applied, 0);
    assert.equal(result.changed.size, 0);
    assert.equal(result.remaining.length, 1);
  });
});

describe('fixes that change nothing', () => {
  const noOpRule = defineRule({
    id: 'test/no-op',
    family: 'core',
    severity: 'warning',
    docs: { summary: 'Offers a fix that writes back the same text' },
    messages: { same: 'same', keep: 'keep' },
    fixable: 'fix',
    appliesTo: ['text'],
    check: (context) => [
      {
        messageId: 'same',
        range: { start: 0, end: 1 },
        fix: { messageId: 'keep', edits: [{ range: { start: 0, end: 1 }, text: context.file.text.slice(0, 1) }] },
      },
    ],
  });

  it('are not counted and do not change the file', () => {
    const project = new Project([['a.txt', 'abc']]);
    const result = fixFile(project, 'a.txt', { rules: [noOpRule] });
    assert.equal(result.applied, 0);
    assert.equal(result.changed.size, 0);
    assert.equal(result.remaining.length, 1);
  });
});
