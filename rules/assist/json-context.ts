/**
 * The cursor context in a JSON document, from jsonc-parser's error-tolerant scanner: it finds the
 * key path at an offset even in `"Action": ["s3:` with nothing closed, and recovers a tree from
 * the same text for the values of nearby keys.
 */
import { findNodeAtLocation, getLocation, parseTree, type Node as JsonNode, type Segment } from 'jsonc-parser';
import type { CursorContext, Token } from './context';

export function jsonContext(text: string, offset: number): CursorContext | undefined {
  const location = getLocation(text, offset);
  const path = location.path;
  let root: JsonNode | undefined | null = null;
  const tree = (): JsonNode | undefined => {
    if (root === null) root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
    return root;
  };
  const mapAt = (depth: number): JsonNode | undefined => {
    const parentPath = path.slice(0, depth);
    const node = tree();
    const parent = node && (parentPath.length === 0 ? node : findNodeAtLocation(node, parentPath));
    return parent?.type === 'object' ? parent : undefined;
  };
  const names = path.map((segment: Segment) => (typeof segment === 'number' ? '[]' : segment));
  const previous = location.previousNode;
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0].length ?? 0;

  let token: Token;
  let style: CursorContext['style'];
  if (location.isAtPropertyKey) {
    style = 'key';
    token = previous?.type === 'property' || previous?.type === 'string' ? stringToken(text, previous, offset) : empty(offset);
  } else if (previous?.type === 'string' && offset > previous.offset && offset <= previous.offset + previous.length) {
    style = 'string';
    token = stringToken(text, previous, offset);
    // A closed string ends at its quote: the cursor after the quote is no longer in it.
    if (token.closingQuote !== undefined && offset > token.closingQuote) return undefined;
  } else if (previous) {
    // Just after a number, `true` or a closed string: nothing to complete there.
    return undefined;
  } else {
    style = 'bare';
    token = empty(offset);
  }
  return {
    language: 'json',
    path: names,
    style,
    token,
    blockColumn: indent,
    valuesOf: (depth, key) => {
      const map = mapAt(depth);
      if (!map) return undefined;
      const property = map.children?.find((child) => child.children?.[0]?.value === key);
      const value = property?.children?.[1];
      if (!property) return undefined;
      if (!value) return [];
      // The element being typed is half an action; the rest is what the statement holds.
      const typing = (item: JsonNode): boolean => item.offset <= offset && offset <= item.offset + item.length;
      if (value.type === 'string') return typing(value) ? [] : [String(value.value)];
      if (value.type !== 'array') return [];
      return (value.children ?? []).filter((item) => item.type === 'string' && !typing(item)).map((item) => String(item.value));
    },
    keysOf: (depth) => {
      const map = mapAt(depth);
      return (map?.children ?? []).flatMap((child) => {
        const key: unknown = child.children?.[0]?.value;
        return typeof key === 'string' ? [key] : [];
      });
    },
  };
}

function empty(offset: number): Token {
  return { range: { start: offset, end: offset }, text: '', typed: '' };
}

/** The inside of a string node (opened at `node.offset`, closed or not). */
function stringToken(text: string, node: JsonNode, offset: number): Token {
  const start = node.offset + 1;
  const last = node.offset + node.length - 1;
  const closed = node.length >= 2 && text[last] === '"' && !isEscaped(text, last, start);
  const end = closed ? last : node.offset + node.length;
  const token: Token = {
    range: { start, end },
    text: text.slice(start, end),
    typed: text.slice(start, Math.max(start, Math.min(offset, end))),
    quote: '"',
  };
  if (closed) token.closingQuote = last;
  return token;
}

function isEscaped(text: string, index: number, from: number): boolean {
  let backslashes = 0;
  for (let at = index - 1; at >= from && text[at] === '\\'; at--) backslashes++;
  return backslashes % 2 === 1;
}
