/**
 * Edits to YAML and JSON templates that keep the file's own style. Pure: reads the text and the
 * ranged document tree.
 */
import type { MapNode } from '../parse/document';
import type { Range } from '../engine/types';

export interface TemplateEdit {
  range: Range;
  text: string;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Adds `key: value` as the last entry of a map: a new line at the first entry's indentation in a
 * block map or an indented JSON object, `, key: value` inside a one-line flow map or object.
 * `value` is written as given (a number, or text already quoted for the language).
 */
export function insertMapEntry(text: string, map: MapNode, key: string, value: string, language: 'yaml' | 'json'): TemplateEdit | undefined {
  const first = map.entries[0];
  const last = map.entries[map.entries.length - 1];
  if (!first || !last) return undefined;
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const keyText = language === 'json' ? JSON.stringify(key) : key;
  const entry = `${keyText}: ${value}`;
  const firstLineStart = lineStartOf(text, first.key.range.start);
  const beforeFirst = text.slice(firstLineStart, first.key.range.start);
  const flow = language === 'json' ? text[map.range.start] === '{' && lineStartOf(text, last.value.range.end) === lineStartOf(text, map.range.start) : text[map.range.start] === '{';
  let end = last.value.range.end;
  while (end > last.key.range.end && /\s/.test(text[end - 1] ?? '')) end--;
  if (flow) return { range: { start: end, end }, text: `, ${entry}` };
  // The entry's indentation: the first key's column, spaces for a `- ` that opens a list item.
  const indent = beforeFirst.replace(/[^ \t]/g, ' ');
  if (!/^[ \t]*$/.test(indent)) return undefined;
  if (language === 'json') return { range: { start: end, end }, text: `,${newline}${indent}${entry}` };
  // YAML block map: after the line (and any comment) where the last value ends.
  const lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) return { range: { start: text.length, end: text.length }, text: `${newline}${indent}${entry}` };
  const at = text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
  return { range: { start: at, end: at }, text: `${newline}${indent}${entry}` };
}
