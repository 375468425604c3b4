import assert from 'node:assert/strict';
import { SpanSet } from '../../../rules/analysis/secrets/spans';
import { PATTERN_SAMPLES } from './samples';
import { SECRET_PATTERNS } from '../../../rules/analysis/secrets/patterns';

/** The pairwise answer the set must give: some range starts before the query ends and ends after it starts. */
function overlapsAny(ranges: readonly { start: number; end: number }[], query: { start: number; end: number }): boolean {
  return ranges.some((range) => range.start < query.end && query.start < range.end);
}

describe('secrets span set', () => {
  it('claims disjoint ranges and refuses overlapping ones, touching ones allowed', () => {
    const spans = new SpanSet();
    assert.equal(spans.claim({ start: 10, end: 20 }), true);
    assert.equal(spans.claim({ start: 30, end: 40 }), true);
    assert.equal(spans.claim({ start: 19, end: 21 }), false);
    assert.equal(spans.claim({ start: 0, end: 10 }), true);
    assert.equal(spans.claim({ start: 20, end: 30 }), true);
    assert.equal(spans.claim({ start: 25, end: 26 }), false);
    assert.equal(spans.size, 4);
  });

  it('answers as the pairwise check does for nested, overlapping and empty ranges', () => {
    // Deterministic pseudo-random ranges over a small line, so overlaps, nesting, touching and
    // empty ranges all occur.
    let state = 12345;
    const next = (limit: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % limit;
    };
    for (let round = 0; round < 200; round++) {
      const spans = new SpanSet();
      const added: { start: number; end: number }[] = [];
      for (let i = 0; i < 12; i++) {
        const start = next(60);
        const range = { start, end: start + next(12) };
        const query = { start: next(60), end: 0 };
        query.end = query.start + next(10);
        assert.equal(spans.overlaps(query), overlapsAny(added, query), `round ${round}: ${JSON.stringify({ added, query })}`);
        spans.add(range);
        added.push(range);
      }
    }
  });
});

describe('secrets pattern hints', () => {
  it('are plain tests that every positive sample of their pattern passes', () => {
    for (const pattern of SECRET_PATTERNS) {
      if (!pattern.hint) continue;
      assert.equal(pattern.hint.global || pattern.hint.sticky, false, `${pattern.id}: a global hint would keep state between files`);
      const sample = PATTERN_SAMPLES[pattern.id];
      assert.ok(sample, pattern.id);
      assert.ok(pattern.hint.test(sample.text), `${pattern.id}: its sample fails the hint ${String(pattern.hint)}`);
    }
  });

  it('reject texts the pattern cannot match in', () => {
    const plain = "const handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n";
    const hinted = SECRET_PATTERNS.filter((pattern) => pattern.hint);
    assert.ok(hinted.length >= 20);
    for (const pattern of hinted) assert.equal(pattern.hint!.test(plain), false, pattern.id);
  });
});
