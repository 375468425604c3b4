/**
 * The rule tester checks itself: each guarantee it gives rule authors fails when broken.
 */
import * as assert from 'node:assert/strict';
import { defineRule, type FindingDraft, type FixDraft } from '../../rules/engine/define-rule';
import { checkInvalidCase, checkValidCase, dedent, json, type InvalidCase } from '../helpers/rule-tester';

type Variant = 'good' | 'overlapping' | 'breaksJson' | 'keepsFinding' | 'crlfBlind' | 'crashes';

/** Flags every `TODO` (in a text file or a JSON string) and fixes it to `DONE`, or misbehaves on purpose. */
function todoRule(variant: Variant, fixable: 'none' | 'fix' | 'suggestion' = 'fix') {
  return defineRule({
    id: 'core/todo',
    family: 'core',
    severity: 'warning',
    docs: { summary: 'Flag TODO' },
    messages: { todo: 'TODO found', done: 'Write DONE', remove: 'Remove it' },
    fixable,
    appliesTo: ['text'],
    check(ctx) {
      if (variant === 'crashes') throw new Error('boom');
      // The CRLF-blind variant reports offsets into the text without `\r`, a classic edge bug.
      const text = variant === 'crlfBlind' ? ctx.file.text.replace(/\r/g, '') : ctx.file.text;
      const findings: FindingDraft<'todo' | 'done' | 'remove'>[] = [];
      for (const match of text.matchAll(/TODO/g)) {
        const range = { start: match.index, end: match.index + 4 };
        const replacement = variant === 'breaksJson' ? 'DONE"' : variant === 'keepsFinding' ? 'TODO' : 'DONE';
        const fix: FixDraft<'done'> = { messageId: 'done', edits: [{ range, text: replacement }] };
        const suggestion: FixDraft<'remove'> = { messageId: 'remove', edits: [{ range, text: '' }] };
        findings.push({
          messageId: 'todo',
          range,
          ...(variant === 'crlfBlind' ? {} : { fix }),
          suggest: variant === 'overlapping' ? [] : [suggestion],
        });
        if (variant === 'overlapping') findings.push({ messageId: 'todo', range, fix: { ...fix, data: { second: 'yes' } } });
      }
      return findings;
    },
  });
}

const goodCase: InvalidCase = {
  name: 'one TODO',
  files: { 'notes.txt': 'first line\nsee TODO here\n' },
  errors: [
    {
      messageId: 'todo',
      file: 'notes.txt',
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 9,
      suggestions: [{ messageId: 'remove', output: { 'notes.txt': 'first line\nsee  here\n' } }],
    },
  ],
  output: { 'notes.txt': 'first line\nsee DONE here\n' },
};

function withError(changes: Partial<InvalidCase['errors'][number]>): InvalidCase {
  const [first] = goodCase.errors;
  assert.ok(first);
  return { ...goodCase, errors: [{ ...first, ...changes }] };
}

describe('rule tester', () => {
  it('passes a correct invalid case and a correct valid case', () => {
    checkInvalidCase(todoRule('good'), goodCase);
    checkValidCase(todoRule('good'), { name: 'none', files: { 'notes.txt': 'nothing to do\n' } });
  });

  it('fails a valid case that has a finding', () => {
    assert.throws(() => checkValidCase(todoRule('good'), { name: 'x', files: { 'a.txt': 'TODO' } }), /should report nothing/);
  });

  it('fails on a wrong range, message, count or data', () => {
    assert.throws(() => checkInvalidCase(todoRule('good'), withError({ endColumn: 10 })), /location/);
    assert.throws(() => checkInvalidCase(todoRule('good'), withError({ line: 1 })), /location/);
    assert.throws(() => checkInvalidCase(todoRule('good'), withError({ messageId: 'other' })), /messageId/);
    assert.throws(() => checkInvalidCase(todoRule('good'), withError({ data: { a: 'b' } })), /data/);
    assert.throws(() => checkInvalidCase(todoRule('good'), { ...goodCase, errors: [...goodCase.errors, ...goodCase.errors] }), /expected 2 finding/);
  });

  it('fails on a wrong output or a wrong suggestion', () => {
    assert.throws(() => checkInvalidCase(todoRule('good'), { ...goodCase, output: null }), /output after applying all fixes/);
    assert.throws(
      () => checkInvalidCase(todoRule('good'), withError({ suggestions: [{ messageId: 'remove', output: { 'notes.txt': 'x' } }] })),
      /suggestion 1 output/,
    );
    assert.throws(() => checkInvalidCase(todoRule('good'), withError({ suggestions: [] })), /suggestion messageIds/);
  });

  it('fails when fix kinds exceed `fixable`', () => {
    assert.throws(() => checkInvalidCase(todoRule('good', 'none'), goodCase), /fixable: 'none' but offers a fix/);
    assert.throws(() => checkInvalidCase(todoRule('good', 'suggestion'), { ...goodCase, output: null }), /fixable: 'suggestion'/);
  });

  it('fails when two fixes overlap', () => {
    assert.throws(
      () =>
        checkInvalidCase(todoRule('overlapping'), {
          name: 'x',
          files: { 'a.txt': 'TODO' },
          errors: [0, 1].map(() => ({ messageId: 'todo', file: 'a.txt', line: 1, column: 1, endLine: 1, endColumn: 5 })),
          output: { 'a.txt': 'DONE' },
        }),
      /overlap/,
    );
  });

  it('fails when a fix breaks the syntax or leaves the finding', () => {
    const files = { 'data.json': json`{ "note": "TODO" }` };
    const error = { messageId: 'todo', file: 'data.json', line: 1, column: 12, endLine: 1, endColumn: 16 };
    assert.throws(
      () => checkInvalidCase(todoRule('breaksJson'), { name: 'x', files, errors: [error], output: { 'data.json': '{ "note": "DONE"" }\n' } }),
      /every file must parse/,
    );
    assert.throws(
      () =>
        checkInvalidCase(todoRule('keepsFinding'), {
          name: 'x',
          files: { 'a.txt': 'TODO' },
          errors: [{ ...error, file: 'a.txt', column: 1, endColumn: 5 }],
          output: null,
        }),
      /no finding may remain/,
    );
  });

  it('fails a rule whose ranges move with CRLF line breaks', () => {
    assert.throws(
      () =>
        checkInvalidCase(todoRule('crlfBlind', 'suggestion'), {
          name: 'x',
          files: { 'a.txt': 'a\nb\nTODO\n' },
          errors: [{ messageId: 'todo', file: 'a.txt', line: 3, column: 1, endLine: 3, endColumn: 5 }],
          output: null,
        }),
      /CRLF/,
    );
  });

  it('fails on input that does not parse and on a rule crash', () => {
    assert.throws(() => checkValidCase(todoRule('good'), { name: 'x', files: { 'a.json': '{ "a": ' } }), /every file must parse/);
    assert.throws(() => checkValidCase(todoRule('crashes'), { name: 'x', files: { 'a.txt': '' } }), /boom/);
  });

  it('dedents template literals', () => {
    assert.equal(
      dedent`
        a:
          b: \${c}
      `,
      'a:\n  b: ${c}\n',
    );
    assert.equal(dedent`x`, 'x\n');
  });
});
