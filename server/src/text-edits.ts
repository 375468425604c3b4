/**
 * Engine edits (UTF-16 offsets, per file) → LSP `WorkspaceEdit`, and the smallest edits that turn
 * one text into another, for fix-all: replacing the whole document would move the user's cursor,
 * folds and breakpoints, so we diff lines (Myers) and then trim each changed block to the
 * characters that really differ.
 */
import {
  TextDocumentEdit,
  type OptionalVersionedTextDocumentIdentifier,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Range as OffsetRange } from '../../rules/index';
import { toLspRange, type PositionSource } from './diagnostics';

export interface OffsetEdit {
  range: OffsetRange;
  text: string;
}

/** How to address one file in a workspace edit. */
export interface EditTarget {
  uri: string;
  /** The open document's version, or null for a file that is not open. */
  version: number | null;
  /** Positions in the text the edits were computed against. */
  positions: PositionSource;
}

/**
 * One `WorkspaceEdit` for edits in several files. With `documentChanges` support the edits carry
 * each open document's version, so the client refuses them if the text moved on.
 */
export function toWorkspaceEdit(
  editsByFile: ReadonlyMap<string, readonly OffsetEdit[]>,
  target: (file: string) => EditTarget | undefined,
  useDocumentChanges: boolean,
): WorkspaceEdit | undefined {
  const documentChanges: TextDocumentEdit[] = [];
  const changes: Record<string, LspTextEdit[]> = {};
  for (const [file, edits] of editsByFile) {
    if (edits.length === 0) continue;
    const where = target(file);
    if (!where) return undefined; // an edit we cannot place must not be applied in part
    const lspEdits = [...edits]
      .sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end)
      .map((edit) => ({ range: toLspRange(where.positions, edit.range), newText: edit.text }));
    if (useDocumentChanges) {
      const identifier: OptionalVersionedTextDocumentIdentifier = { uri: where.uri, version: where.version };
      documentChanges.push(TextDocumentEdit.create(identifier, lspEdits));
    } else {
      changes[where.uri] = lspEdits;
    }
  }
  if (useDocumentChanges) return documentChanges.length > 0 ? { documentChanges } : undefined;
  return Object.keys(changes).length > 0 ? { changes } : undefined;
}

/** Beyond this many differing lines the diff stops and one edit covers the changed span. */
const MAX_DIFF_DISTANCE = 2000;

/** Small edits that turn `before` into `after`, in `before`'s offsets; empty when they are equal. */
export function minimalEdits(before: string, after: string): OffsetEdit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const hunks = diffLines(a, b, MAX_DIFF_DISTANCE) ?? [{ aStart: 0, aEnd: a.length, bStart: 0, bEnd: b.length }];
  const offsets = lineOffsets(a);
  const edits: OffsetEdit[] = [];
  for (const hunk of hunks) {
    const start = offsets[hunk.aStart] ?? before.length;
    const end = offsets[hunk.aEnd] ?? before.length;
    const edit = trim(before, start, end, b.slice(hunk.bStart, hunk.bEnd).join(''));
    if (edit) edits.push(edit);
  }
  return edits;
}

/** Lines with their terminators, so joining them gives the text back. */
function splitLines(text: string): string[] {
  const lines = text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  return lines;
}

function lineOffsets(lines: readonly string[]): number[] {
  const offsets = [0];
  let offset = 0;
  for (const line of lines) {
    offset += line.length;
    offsets.push(offset);
  }
  return offsets;
}

interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * Myers' O(ND) diff over lines. Returns the changed blocks in order, or undefined when more than
 * `maxDistance` lines differ (the caller then falls back to one block).
 */
export function diffLines(a: readonly string[], b: readonly string[], maxDistance: number): Hunk[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxDistance);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] is the frontier before step d on diagonals -d..d (index k + d): memory O(D²).
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return toHunks(trace, d, n, m);
    }
  }
  return undefined;
}

/** Walks back from (n, m) through the frontiers, then groups the changed lines into blocks. */
function toHunks(trace: readonly Int32Array[], distance: number, n: number, m: number): Hunk[] {
  const removed = new Set<number>();
  const added = new Set<number>();
  let x = n;
  let y = m;
  for (let d = distance; d > 0; d--) {
    const frontier = trace[d];
    if (!frontier) break;
    const at = (k: number): number => frontier[k + d] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    if (down) added.add(previousY);
    else removed.add(previousX);
    x = previousX;
    y = previousY;
  }

  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    const changed = removed.has(i) || added.has(j) || i >= n || j >= m;
    if (!changed) {
      i++;
      j++;
      continue;
    }
    const hunk: Hunk = { aStart: i, aEnd: i, bStart: j, bEnd: j };
    for (;;) {
      if (i < n && (removed.has(i) || j >= m)) i++;
      else if (j < m && (added.has(j) || i >= n)) j++;
      else break;
    }
    hunk.aEnd = i;
    hunk.bEnd = j;
    hunks.push(hunk);
  }
  return hunks;
}

/**
 * The replacement of `before[start, end)` by `text`, with the common prefix and suffix removed.
 * Never cuts a `\r\n` pair or a surrogate pair in two: such a position has no LSP meaning.
 */
function trim(before: string, start: number, end: number, text: string): OffsetEdit | undefined {
  const old = before.slice(start, end);
  let prefix = 0;
  const limit = Math.min(old.length, text.length);
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  while (prefix > 0 && (splitsPair(old, prefix) || splitsPair(text, prefix))) prefix--;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)
  ) {
    suffix++;
  }
  while (suffix > 0 && (splitsPair(old, old.length - suffix) || splitsPair(text, text.length - suffix))) suffix--;
  if (prefix === old.length && prefix === text.length) return undefined;
  return {
    range: { start: start + prefix, end: end - suffix },
    text: text.slice(prefix, text.length - suffix),
  };
}

/** True when `index` falls between the halves of a `\r\n` or a surrogate pair of `text`. */
function splitsPair(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  const before = text.charCodeAt(index - 1);
  const after = text.charCodeAt(index);
  if (before === 13 && after === 10) return true;
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
