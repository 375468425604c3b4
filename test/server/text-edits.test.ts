import assert from 'node:assert/strict';
import { applyEdits, LineIndex } from '../../rules/index';
import { diffLines, minimalEdits, toWorkspaceEdit } from '../../server/src/text-edits';

/** Applies the edits and checks they give `after`; returns them for closer looks. */
function roundTrip(before: string, after: string) {
  const edits = minimalEdits(before, after);
  assert.equal(applyEdits(before, edits), after, `edits ${JSON.stringify(edits)} do not turn the text into the expected one`);
  return edits;
}

describe('server: minimal edits for fix-all', () => {
  it('returns nothing for equal texts', () => {
    assert.deepEqual(minimalEdits('a\nb\n', 'a\nb\n'), []);
  });

  it('narrows a changed line to the characters that differ', () => {
    const before = 'provider:\n  Action: "s3:*"\n  Resource: "*"\n';
    const after = 'provider:\n  Action: "s3:GetObject"\n  Resource: "*"\n';
    const star = before.indexOf('*');
    assert.deepEqual(roundTrip(before, after), [{ range: { start: star, end: star + 1 }, text: 'GetObject' }]);
  });

  it('keeps far-apart changes as separate edits', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i}`);
    const before = `${lines.join('\n')}\n`;
    const after = before.replace('line 0\n', 'LINE 0\n').replace('line 49\n', 'LINE 49\n');
    const edits = roundTrip(before, after);
    assert.equal(edits.length, 2);
    assert.ok(edits.every((edit) => edit.range.end - edit.range.start <= 4), JSON.stringify(edits));
  });

  it('handles inserted and deleted lines', () => {
    roundTrip('a\nb\nc\n', 'a\nx\nb\nc\n');
    roundTrip('a\nb\nc\n', 'a\nc\n');
    roundTrip('', 'new\n');
    roundTrip('old\n', '');
    roundTrip('no newline at end', 'no newline at the end');
  });

  it('never splits a CRLF pair or a surrogate pair', () => {
    for (const [before, after] of [
      ['a\r\nb\r\n', 'a\nb\r\n'],
      ['a\nb', 'a\r\nb'],
      ['x😀y', 'x😁y'],
    ] as const) {
      for (const edit of roundTrip(before, after)) {
        for (const offset of [edit.range.start, edit.range.end]) {
          const previous = before.charCodeAt(offset - 1);
          const next = before.charCodeAt(offset);
          assert.ok(!(previous === 13 && next === 10), `edit boundary ${offset} splits \\r\\n in ${JSON.stringify(before)}`);
          assert.ok(!(previous >= 0xd800 && previous <= 0xdbff), `edit boundary ${offset} splits a surrogate pair`);
        }
      }
    }
  });

  it('gives the right result for random edits (seeded)', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const words = ['alpha', 'beta', 'gamma', 'delta', ''];
    for (let run = 0; run < 200; run++) {
      const before = Array.from({ length: random(12) }, () => words[random(words.length)]).join(random(2) ? '\n' : '\r\n');
      const lines = before.split('\n');
      for (let change = random(4); change >= 0; change--) {
        const at = random(lines.length + 1);
        const kind = random(3);
        if (kind === 0) lines.splice(at, 0, words[random(words.length)] ?? '');
        else if (kind === 1) lines.splice(at, 1);
        else lines[at] = `${lines[at] ?? ''}x`;
      }
      roundTrip(before, lines.join('\n'));
    }
  });

  it('falls back to one block when the texts differ too much', () => {
    const a = Array.from({ length: 10 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 10 }, (_, i) => `b${i}`);
    assert.equal(diffLines(a, b, 5), undefined);
    assert.deepEqual(diffLines(a, b, 100), [{ aStart: 0, aEnd: 10, bStart: 0, bEnd: 10 }]);
  });
});

describe('server: workspace edits', () => {
  const text = 'one\ntwo\n';
  const target = (file: string) => ({ uri: `file://${file}`, version: file === '/open.yml' ? 7 : null, positions: new LineIndex(text) });

  it('addresses open documents by version with documentChanges', () => {
    const edit = toWorkspaceEdit(
      new Map([
        ['/open.yml', [{ range: { start: 4, end: 7 }, text: 'TWO' }]],
        ['/closed.js', [{ range: { start: 0, end: 0 }, text: '// x\n' }]],
      ]),
      target,
      true,
    );
    assert.deepEqual(edit, {
      documentChanges: [
        {
          textDocument: { uri: 'file:///open.yml', version: 7 },
          edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: 'TWO' }],
        },
        {
          textDocument: { uri: 'file:///closed.js', version: null },
          edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '// x\n' }],
        },
      ],
    });
  });

  it('falls back to changes for clients without documentChanges', () => {
    const edit = toWorkspaceEdit(new Map([['/open.yml', [{ range: { start: 0, end: 3 }, text: 'ONE' }]]]), target, false);
    assert.deepEqual(edit, {
      changes: { 'file:///open.yml': [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: 'ONE' }] },
    });
  });

  it('refuses an edit that cannot be placed rather than applying part of it', () => {
    const edit = toWorkspaceEdit(
      new Map([
        ['/open.yml', [{ range: { start: 0, end: 3 }, text: 'ONE' }]],
        ['/unknown.js', [{ range: { start: 0, end: 0 }, text: 'x' }]],
      ]),
      (file) => (file === '/unknown.js' ? undefined : target(file)),
      true,
    );
    assert.equal(edit, undefined);
  });
});
