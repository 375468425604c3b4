/**
 * The cursor context in a YAML document, read from indentation line by line so that it works on
 * the half-typed text completion sees. Covers what templates use: block maps and sequences
 * (compact `key:\n- item` included), one-line flow lists and quoted scalars. Flow collections
 * over several lines and block scalar bodies give no context, which only means no completions.
 */
import type { CursorContext, Token, ValueStyle } from './context';

interface Line {
  start: number;
  text: string;
}

interface KeyPart {
  name: string;
  column: number;
  /** Column of the `:` after the key. */
  colon: number;
}

/** The parts of one line that nesting depends on. Columns are UTF-16 offsets into the line. */
interface LineShape {
  indent: number;
  /** Empty, white space only, or a comment only. */
  blank: boolean;
  /** `---` or `...`: a document boundary. */
  boundary: boolean;
  /** Columns of the `- ` sequence indicators that open the line. */
  dashes: number[];
  key?: KeyPart;
  /** Column where the value starts (after `key: ` or the last `- `), and its text up to a comment. */
  valueColumn: number;
  value: string;
}

/** A point of nesting on a line: a sequence item (`-`) or a key. */
interface Point {
  kind: 'item' | 'key';
  name: string;
  line: number;
  column: number;
}

/** A plain or quoted key, then `:` followed by a space or the line's end. */
const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'#[\]{},&*!|>%@`][^#]*?)[ \t]*:(?=[ \t]|$)/;

export function yamlContext(text: string, offset: number): CursorContext | undefined {
  return new YamlScan(text).contextAt(offset);
}

class YamlScan {
  private readonly lines: Line[] = [];
  private readonly shapes = new Map<number, LineShape>();

  constructor(text: string) {
    const pattern = /\r\n|\r|\n/g;
    let start = 0;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      this.lines.push({ start, text: text.slice(start, match.index) });
      start = match.index + match[0].length;
    }
    this.lines.push({ start, text: text.slice(start) });
  }

  contextAt(offset: number): CursorContext | undefined {
    const lineIndex = this.lineAt(offset);
    const line = this.lines[lineIndex];
    if (!line) return undefined;
    const column = offset - line.start;
    const shape = this.shape(lineIndex);
    const commentAt = commentColumn(line.text, shape.blank ? shape.indent : shape.valueColumn);
    if (commentAt !== undefined && column > commentAt) return undefined;
    if (shape.boundary) return undefined;

    const own = this.points(lineIndex);
    const before = (limit: number): Point[] => own.filter((point) => point.column < limit);
    let style: ValueStyle;
    let path: Point[] | undefined;
    let token: Token;
    let blockColumn: number;

    const key = shape.key;
    const lastDash = shape.dashes[shape.dashes.length - 1];
    if (key && column <= key.colon) {
      // In the key itself.
      path = this.chain(lineIndex, [...before(key.column), { kind: 'key', name: key.name, line: lineIndex, column: key.column }]);
      style = 'key';
      token = plainToken(line, key.column, key.column + rawKeyLength(line.text, key), column);
      blockColumn = key.column + 2;
    } else if (key && lastDash !== undefined && shape.value === '' && column === key.colon + 1 && column === line.text.trimEnd().length) {
      // `- s3:` is a one-entry map to YAML, but while typing it is an action name whose colon
      // was just written: read it as the list item it is about to become.
      path = this.chain(lineIndex, [...before(lastDash + 1)]);
      style = 'item';
      token = plainToken(line, key.column, column, column);
      blockColumn = lastDash + 2;
    } else if (key) {
      const keyPoint: Point = { kind: 'key', name: key.name, line: lineIndex, column: key.column };
      const parents = [...before(key.column), keyPoint];
      blockColumn = key.column + 2;
      if (shape.value.startsWith('[')) {
        const element = flowElement(line, shape.valueColumn, column);
        if (!element) return undefined;
        path = this.chain(lineIndex, [...parents, { kind: 'item', name: '[]', line: lineIndex, column: shape.valueColumn }]);
        style = 'flow';
        token = element;
      } else if (/^[{|>]/.test(shape.value)) {
        return undefined;
      } else {
        path = this.chain(lineIndex, parents);
        style = 'inline';
        token = valueToken(line, Math.max(shape.valueColumn, key.colon + 1), column);
        if (column === key.colon + 1) token.needsSpace = true;
      }
    } else if (lastDash !== undefined) {
      if (column <= lastDash) return undefined;
      if (/^[[{|>]/.test(shape.value)) return undefined;
      path = this.chain(lineIndex, before(lastDash + 1));
      style = 'item';
      blockColumn = lastDash + 2;
      token = valueToken(line, Math.max(shape.valueColumn, lastDash + 1), column);
      if (column === lastDash + 1) token.needsSpace = true;
    } else {
      // A blank line, or a bare word not yet followed by `:` or preceded by `- `.
      const at = shape.blank ? column : shape.indent;
      if (!shape.blank && column < shape.indent) return undefined;
      path = this.chain(lineIndex, [], at);
      style = 'block';
      token = shape.blank ? emptyToken(line, column) : valueToken(line, shape.indent, column);
      blockColumn = at;
    }
    if (!path) return undefined;
    const points = path;
    return {
      language: 'yaml',
      path: points.map((point) => point.name),
      style,
      token,
      blockColumn,
      valuesOf: (depth, name) => {
        const point = points[depth];
        if (!point) return undefined;
        const sibling = this.mapKeys(point).find((entry) => entry.name === name);
        return sibling ? this.scalarValues(sibling, lineIndex) : undefined;
      },
      keysOf: (depth) => {
        const point = points[depth];
        return point ? this.mapKeys(point).map((entry) => entry.name) : [];
      },
    };
  }

  /**
   * The full chain of points from the root to `inner` (the cursor line's own points, outermost
   * first). `column` is where the cursor's own node starts when `inner` is empty.
   */
  private chain(lineIndex: number, inner: Point[], column?: number): Point[] | undefined {
    const first = inner[0];
    const start = first ? { column: first.column, kind: first.kind } : { column: column ?? 0, kind: 'key' as const };
    const above = this.ancestors(lineIndex, start.column, start.kind);
    return above && [...above, ...inner];
  }

  /** The points that enclose a node starting at `column` of line `lineIndex`, outermost first. */
  private ancestors(lineIndex: number, column: number, kind: Point['kind']): Point[] | undefined {
    for (let index = lineIndex - 1; index >= 0; index--) {
      const shape = this.shape(index);
      if (shape.boundary) return [];
      if (shape.blank || shape.indent > column) continue;
      if (shape.indent === column) {
        // `Action:` then `- s3:GetObject` at the same indentation: a compact sequence.
        if (kind === 'item' && shape.dashes.length === 0 && shape.key && shape.value === '') {
          const parent: Point = { kind: 'key', name: shape.key.name, line: index, column: shape.key.column };
          const above = this.ancestors(index, shape.indent, 'key');
          return above && [...above, parent];
        }
        continue; // a sibling, or a sibling's child
      }
      const enclosing = this.points(index).filter((point) => point.column < column);
      const first = enclosing[0];
      const innermost = enclosing[enclosing.length - 1];
      if (!first || !innermost) continue; // a continuation line of a multi-line scalar
      // Lines under `key: |` are the body of a block scalar, never structure.
      if (innermost.kind === 'key' && /^[|>]/.test(shape.value)) return undefined;
      const above = this.ancestors(index, first.column, first.kind);
      return above && [...above, ...enclosing];
    }
    return [];
  }

  /** The keys of the map a key point belongs to (an item point: the map inside the item). */
  private mapKeys(point: Point): Point[] {
    const column = point.kind === 'key' ? point.column : this.itemMapColumn(point);
    if (column === undefined) return [];
    const keys: Point[] = [];
    const add = (index: number): void => {
      const key = this.shape(index).key;
      if (key && key.column === column) keys.push({ kind: 'key', name: key.name, line: index, column });
    };
    add(point.line);
    // Upwards to the line that opens the map, unless this one does (`- Effect: Allow` opens a
    // map inside a list item).
    if (this.shape(point.line).indent >= column) {
      for (let index = point.line - 1; index >= 0; index--) {
        const shape = this.shape(index);
        if (shape.blank) continue;
        if (shape.boundary) break;
        if (shape.indent < column) {
          if (shape.key?.column === column) add(index);
          break;
        }
        add(index);
      }
    }
    for (let index = point.line + 1; index < this.lines.length; index++) {
      const shape = this.shape(index);
      if (shape.blank) continue;
      if (shape.boundary || shape.indent < column) break;
      add(index);
    }
    keys.sort((a, b) => a.line - b.line);
    return keys;
  }

  /** The column of the keys of a map held by a list item (`- Effect: Allow` → Effect's column). */
  private itemMapColumn(point: Point): number | undefined {
    const shape = this.shape(point.line);
    const position = shape.dashes.indexOf(point.column);
    if (position < 0) return undefined;
    const next = shape.dashes[position + 1];
    if (next !== undefined) return undefined; // the item holds a nested list, not a map
    return shape.key?.column;
  }

  /** The scalars written under a key: its inline value or flow list, or its block list items. */
  private scalarValues(key: Point, cursorLine: number): string[] {
    const shape = this.shape(key.line);
    if (shape.value !== '') {
      if (shape.value.startsWith('[')) {
        const inner = shape.value.slice(1, shape.value.lastIndexOf(']') < 0 ? undefined : shape.value.lastIndexOf(']'));
        return splitFlow(inner).map(unquote).filter((value) => value !== '' && !value.startsWith('!'));
      }
      const value = unquote(shape.value);
      return value === '' || value.startsWith('!') || value.startsWith('{') ? [] : [value];
    }
    const values: string[] = [];
    let itemColumn: number | undefined;
    for (let index = key.line + 1; index < this.lines.length; index++) {
      const item = this.shape(index);
      if (item.blank) continue;
      if (item.boundary || item.indent < key.column) break;
      if (item.indent === key.column && item.dashes.length === 0) break;
      itemColumn ??= item.dashes[0] ?? item.indent;
      if (item.indent < itemColumn) break;
      if (item.indent > itemColumn || item.dashes[0] !== itemColumn || item.dashes.length !== 1) continue;
      // The line being typed is half an action; the rest of the list is what the statement holds.
      if (index === cursorLine) continue;
      const value = item.key ? '' : unquote(item.value);
      if (value !== '' && !value.startsWith('!') && !value.startsWith('{')) values.push(value);
    }
    return values;
  }

  private points(lineIndex: number): Point[] {
    const shape = this.shape(lineIndex);
    const points: Point[] = shape.dashes.map((column) => ({ kind: 'item', name: '[]', line: lineIndex, column }));
    if (shape.key) points.push({ kind: 'key', name: shape.key.name, line: lineIndex, column: shape.key.column });
    return points;
  }

  private shape(lineIndex: number): LineShape {
    let shape = this.shapes.get(lineIndex);
    if (!shape) {
      shape = lineShape(this.lines[lineIndex]?.text ?? '');
      this.shapes.set(lineIndex, shape);
    }
    return shape;
  }

  private lineAt(offset: number): number {
    let low = 0;
    let high = this.lines.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.lines[middle]?.start ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}

function lineShape(text: string): LineShape {
  const indent = /^[ \t]*/.exec(text)?.[0].length ?? 0;
  const rest = text.slice(indent);
  const shape: LineShape = {
    indent,
    blank: rest === '' || rest.startsWith('#'),
    boundary: /^(---|\.\.\.)(\s|$)/.test(text),
    dashes: [],
    valueColumn: indent,
    value: '',
  };
  if (shape.blank || shape.boundary) return shape;
  let column = indent;
  while (text[column] === '-' && (column + 1 === text.length || text[column + 1] === ' ' || text[column + 1] === '\t')) {
    shape.dashes.push(column);
    column++;
    while (text[column] === ' ' || text[column] === '\t') column++;
  }
  const afterDashes = text.slice(column);
  const key = KEY.exec(afterDashes);
  if (key?.[1] !== undefined) {
    const colon = column + key[0].length - 1;
    shape.key = { name: unquote(key[1]), column, colon };
    column = colon + 1;
    while (text[column] === ' ' || text[column] === '\t') column++;
  }
  shape.valueColumn = column;
  const comment = commentColumn(text, column);
  shape.value = text.slice(column, comment).trimEnd();
  return shape;
}

/** The length of a key as written (quotes included). */
function rawKeyLength(text: string, key: KeyPart): number {
  return text.slice(key.column, key.colon).trimEnd().length;
}

/** Where a ` #` comment starts on a line, outside quotes, from `from` on. */
function commentColumn(text: string, from: number): number | undefined {
  let quote: string | undefined;
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (quote) {
      if (character === '\\' && quote === '"') index++;
      else if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '#' && (index === 0 || text[index - 1] === ' ' || text[index - 1] === '\t')) {
      return index;
    }
  }
  return undefined;
}

function emptyToken(line: Line, column: number): Token {
  const at = line.start + column;
  return { range: { start: at, end: at }, text: '', typed: '' };
}

function plainToken(line: Line, start: number, end: number, cursor: number): Token {
  const text = line.text.slice(start, end);
  return {
    range: { start: line.start + start, end: line.start + end },
    text,
    typed: line.text.slice(start, Math.max(start, Math.min(cursor, end))),
  };
}

/** The scalar value starting at `start` (plain or quoted), up to a comment or the line's end. */
function valueToken(line: Line, start: number, cursor: number): Token {
  if (cursor < start) return emptyToken(line, cursor);
  const quote = line.text[start];
  if (quote === '"' || quote === "'") {
    const close = closingQuote(line.text, start + 1, quote);
    const end = close ?? line.text.length;
    const token = plainToken(line, start + 1, Math.max(start + 1, end), cursor);
    token.quote = quote;
    if (close !== undefined) token.closingQuote = line.start + close;
    return token;
  }
  const comment = commentColumn(line.text, start);
  const end = start + line.text.slice(start, comment).trimEnd().length;
  return plainToken(line, start, Math.max(start, end, Math.min(cursor, line.text.length)), cursor);
}

/** The element of a one-line flow list `[a, b, c]` that holds the cursor. */
function flowElement(line: Line, open: number, cursor: number): Token | undefined {
  if (cursor <= open) return undefined;
  let quote: string | undefined;
  let depth = 0;
  let elementStart = open + 1;
  for (let index = open + 1; index < line.text.length; index++) {
    const character = line.text[index];
    if (quote) {
      if (character === '\\' && quote === '"') index++;
      else if (character === quote) quote = undefined;
      continue;
    }
    if (character === '"' || character === "'") quote = character;
    else if (character === '[' || character === '{') depth++;
    else if ((character === ']' || character === '}') && depth > 0) depth--;
    else if (depth === 0 && (character === ',' || character === ']')) {
      if (cursor <= index) return elementToken(line, elementStart, index, cursor);
      if (character === ']') return undefined;
      elementStart = index + 1;
    }
  }
  return elementToken(line, elementStart, line.text.length, cursor);
}

function elementToken(line: Line, start: number, end: number, cursor: number): Token {
  let from = start;
  while (from < end && (line.text[from] === ' ' || line.text[from] === '\t')) from++;
  if (cursor < from) return emptyToken(line, cursor);
  const quote = line.text[from];
  if (quote === '"' || quote === "'") {
    const close = closingQuote(line.text, from + 1, quote);
    const stop = close !== undefined && close < end ? close : end;
    const token = plainToken(line, from + 1, Math.max(from + 1, stop), cursor);
    token.quote = quote;
    if (close !== undefined && close < end) token.closingQuote = line.start + close;
    return token;
  }
  const to = from + line.text.slice(from, end).trimEnd().length;
  return plainToken(line, from, Math.max(to, Math.min(cursor, end)), cursor);
}

function closingQuote(text: string, from: number, quote: string): number | undefined {
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (quote === '"' && character === '\\') index++;
    else if (character === quote) {
      // `''` is an escaped quote inside a single-quoted scalar.
      if (quote === "'" && text[index + 1] === "'") index++;
      else return index;
    }
  }
  return undefined;
}

/** Splits the inside of a one-line flow list at top-level commas. */
function splitFlow(inner: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let depth = 0;
  let start = 0;
  for (let index = 0; index < inner.length; index++) {
    const character = inner[index];
    if (quote) {
      if (character === quote) quote = undefined;
    } else if (character === '"' || character === "'") quote = character;
    else if (character === '[' || character === '{') depth++;
    else if (character === ']' || character === '}') depth--;
    else if (character === ',' && depth === 0) {
      parts.push(inner.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(inner.slice(start));
  return parts.map((part) => part.trim());
}

function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
  if (trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1).replace(/''/g, "'");
  return trimmed;
}
