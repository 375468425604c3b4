/**
 * Helpers for tests of the document parsers (test/engine/parse-json.test.ts, parse-yaml.test.ts).
 */
import assert from 'node:assert/strict';
import type { Range } from '../../rules/engine/types';
import type { DocNode } from '../../rules/parse/document';

/** Asserts that `node` covers exactly `expected`, found at `start` (first occurrence by default). */
export function assertSpan(text: string, node: { range: Range } | undefined, expected: string, start = text.indexOf(expected)): void {
  assert.ok(node, `a node for ${JSON.stringify(expected)}`);
  assert.ok(start >= 0, `${JSON.stringify(expected)} is in the text`);
  assert.equal(text.slice(node.range.start, node.range.end), expected);
  assert.deepEqual(node.range, { start, end: start + expected.length });
}

/** The plain JavaScript value of a tree, to compare shapes. */
export function plain(node: DocNode): unknown {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.entries.map((entry) => [entry.key.value, plain(entry.value)]));
}
