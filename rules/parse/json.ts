/**
 * JSON parsing into the engine's document trees (`document.ts`) with `jsonc-parser`, whose tree
 * keeps an offset and length on every value.
 */
import {
  createScanner,
  parseTree,
  printParseErrorCode,
  SyntaxKind,
  type Node as JsonNode,
  type ParseError as JsoncParseError,
} from 'jsonc-parser';
import type { FilePath, Range } from '../engine/types';
import type { DocNode, MapEntry, ScalarNode } from './document';
import { newLineIndex, type Comment, type JsonFile, type ParseError } from './source-file';

/**
 * Parses a JSON file into at most one document. Never throws.
 *
 * Choices:
 * - Comments are accepted and collected (tsconfig-style files, hand-edited templates), although
 *   CloudFormation itself would reject them; trailing commas are errors.
 * - An empty or blank file is a parse error ("Empty JSON file"): neither `JSON.parse` nor
 *   CloudFormation accepts it, and silently treating it as "no template" would hide the mistake.
 * - Any syntax error leaves `documents` empty: jsonc-parser recovers a tree, but its shape after
 *   an error can mislead the project model.
 * - Duplicate keys: the last one wins, as in `JSON.parse`.
 */
export function parseJson(path: FilePath, text: string): JsonFile {
  const lines = newLineIndex(text);
  // jsonc-parser reports a byte order mark as an invalid symbol; a space of the same length
  // keeps every offset pointing into the original text.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const comments = commentsOf(source);
  const file: JsonFile = { language: 'json', path, text, lines, comments, documents: [] };

  if (source.trim() === '') {
    file.parseError = { message: 'Empty JSON file', range: { start: 0, end: 0 } };
    return file;
  }
  const errors: JsoncParseError[] = [];
  const root = parseTree(source, errors, { allowTrailingComma: false, disallowComments: false });
  const first = errors[0];
  if (first) {
    file.parseError = parseErrorOf(first, text);
    return file;
  }
  if (root) file.documents.push(convert(root));
  return file;
}

function commentsOf(source: string): Comment[] {
  const comments: Comment[] = [];
  const scanner = createScanner(source, false);
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind !== SyntaxKind.LineCommentTrivia && kind !== SyntaxKind.BlockCommentTrivia) continue;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    const written = source.slice(start, end);
    const value = kind === SyntaxKind.LineCommentTrivia ? written.slice(2) : written.slice(2, written.endsWith('*/') ? -2 : undefined);
    comments.push({ value, range: { start, end } });
  }
  return comments;
}

function parseErrorOf(error: JsoncParseError, text: string): ParseError {
  const start = Math.min(error.offset, text.length);
  const end = Math.min(error.offset + error.length, text.length);
  return { message: readable(printParseErrorCode(error.error)), range: { start, end } };
}

/** `CloseBraceExpected` → `Close brace expected`. */
function readable(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function convert(node: JsonNode): DocNode {
  const range = rangeOf(node);
  switch (node.type) {
    case 'object':
      return { type: 'map', entries: lastOfEachKey(propertiesOf(node)), range };
    case 'array':
      return { type: 'seq', items: (node.children ?? []).map(convert), range };
    case 'string':
      return { type: 'scalar', value: String(node.value), quoted: true, range };
    case 'number':
      return { type: 'scalar', value: Number(node.value), quoted: false, range };
    case 'boolean':
      return { type: 'scalar', value: node.value === true, quoted: false, range };
    default:
      // `null`, and `property`, which only appears under an object.
      return { type: 'scalar', value: null, quoted: false, range };
  }
}

function propertiesOf(object: JsonNode): MapEntry[] {
  const entries: MapEntry[] = [];
  for (const property of object.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (!keyNode) continue;
    const key: ScalarNode = { type: 'scalar', value: String(keyNode.value), quoted: true, range: rangeOf(keyNode) };
    const value = valueNode ? convert(valueNode) : emptyAfter(property.colonOffset ?? keyNode.offset + keyNode.length - 1);
    entries.push({ key, value });
  }
  return entries;
}

function emptyAfter(offset: number): ScalarNode {
  return { type: 'scalar', value: null, quoted: false, range: { start: offset + 1, end: offset + 1 } };
}

function lastOfEachKey(entries: MapEntry[]): MapEntry[] {
  const last = new Map<unknown, number>();
  entries.forEach((entry, index) => last.set(entry.key.value, index));
  if (last.size === entries.length) return entries;
  return entries.filter((entry, index) => last.get(entry.key.value) === index);
}

function rangeOf(node: JsonNode): Range {
  return { start: node.offset, end: node.offset + node.length };
}
