/**
 * Where the cursor is in a YAML or JSON document, worked out from the text alone.
 *
 * Completion runs while the user types, so the document is usually not valid at that moment
 * (`- s3:` under `Action:`, `"Action": ["s3:` with no closing bracket). Both readers here are
 * tolerant: YAML is read line by line from indentation, JSON with jsonc-parser's error-tolerant
 * scanner. They answer the same questions: the chain of keys down to the cursor, how the value
 * at the cursor is written, what has been typed, and the values of nearby keys.
 */
import type { Range } from '../engine/types';

/**
 * How the value at the cursor is written, which decides how a completion must be inserted:
 * - `inline`: right after `Key:` on the key's line (YAML);
 * - `item`: after a block sequence's `- ` (YAML);
 * - `flow`: an element of a `[…]` list on one line (YAML);
 * - `block`: a new line below `Key:`, indented, holding at most a bare word so far: the start of
 *   the key's block value (a `- item` or a `key: value`) (YAML);
 * - `key`: the cursor is in a key (YAML), or at a property name (JSON);
 * - `string`: inside a JSON string;
 * - `bare`: a JSON value position outside any string (a new array element, after `"Key": `).
 */
export type ValueStyle = 'inline' | 'item' | 'flow' | 'block' | 'key' | 'string' | 'bare';

/** What has been typed at the cursor: the scalar around it, without quotes. */
export interface Token {
  /** The scalar's extent without its quotes: what a completion replaces. */
  range: Range;
  /** The scalar's text without quotes. */
  text: string;
  /** The text from the scalar's start to the cursor: what the editor filters on. */
  typed: string;
  /** The quote the scalar opens with, when it is quoted. */
  quote?: '"' | "'";
  /** Where the closing quote sits, when the scalar has one. */
  closingQuote?: number;
  /** YAML: the cursor sits right after `Key:` with no space yet, so a value needs one first. */
  needsSpace?: boolean;
}

export interface CursorContext {
  language: 'yaml' | 'json';
  /**
   * The keys from the document root to the value at the cursor, `[]` for a list item, e.g.
   * `['Resources', 'Fn', 'Properties', 'Policies', '[]', 'Statement', '[]', 'Action', '[]']`.
   * For `key` style the last entry is the key being written.
   */
  path: readonly string[];
  style: ValueStyle;
  token: Token;
  /**
   * YAML: the column the lines of a multi-line value inserted at the cursor start at (below
   * `Key: ` two more than the key's; on a fresh line, the line's own). JSON: the line's indent.
   */
  blockColumn: number;
  /**
   * The scalar values written under `key` in the map that holds `path[depth]` (a scalar gives
   * one value, a list its scalar items; intrinsics and nested maps are left out). Undefined when
   * the map has no such key.
   */
  valuesOf(depth: number, key: string): string[] | undefined;
  /** The keys of the map that holds `path[depth]`. */
  keysOf(depth: number): string[];
}

/** The last key of a path, skipping list markers (`Action` for `[…, 'Action', '[]']`). */
export function lastKey(path: readonly string[]): { key: string; depth: number } | undefined {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const key = path[depth];
    if (key !== undefined && key !== '[]') return { key, depth };
  }
  return undefined;
}
