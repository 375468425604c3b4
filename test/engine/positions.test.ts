import assert from 'node:assert/strict';
import { LineIndex, toOneBased } from '../../rules/engine/positions';

describe('LineIndex', () => {
  it('maps offsets to 0-based positions across \\n, \\r\\n and lone \\r', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 4);
    assert.deepEqual(index.positionAt(text.indexOf('c')), { line: 1, character: 0 });
    assert.deepEqual(index.positionAt(text.indexOf('f')), { line: 2, character: 1 });
    assert.deepEqual(index.positionAt(text.indexOf('h')), { line: 3, character: 1 });
    assert.deepEqual(index.positionAt(999), { line: 3, character: 2 });
  });

  it('maps positions back to offsets and clamps past the end of a line', () => {
    const text = 'ab\r\ncd';
    const index = new LineIndex(text);
    assert.equal(index.offsetAt({ line: 1, character: 1 }), 5);
    assert.equal(index.offsetAt({ line: 0, character: 40 }), 2);
    assert.equal(index.offsetAt({ line: 9, character: 0 }), text.length);
    assert.equal(index.lineText(0), 'ab');
    assert.equal(index.lineEnd(0), 2);
  });

  it('counts columns in UTF-16 code units', () => {
    const text = 'k: "😀x"';
    const index = new LineIndex(text);
    assert.deepEqual(index.positionAt(text.indexOf('x')), { line: 0, character: 6 });
  });

  it('converts a range to 1-based line and column', () => {
    const text = 'one\ntwo three';
    const start = text.indexOf('three');
    assert.deepEqual(toOneBased(new LineIndex(text), { start, end: start + 5 }), {
      line: 2,
      column: 5,
      endLine: 2,
      endColumn: 10,
    });
  });
});
