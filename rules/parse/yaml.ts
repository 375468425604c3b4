/**
 * YAML parsing into the engine's document trees (`document.ts`), with exact ranges.
 *
 * The `yaml` package does the parsing; this module converts its nodes, turns CloudFormation short
 * tags into their long form and expands aliases within a budget.
 */
import {
  Composer,
  Parser,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  visit,
  type Alias,
  type CST,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLError,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { FilePath, Range } from '../engine/types';
import type { DocNode, MapEntry, MapNode, ScalarNode, ScalarValue, SeqNode } from './document';
import { newLineIndex, type Comment, type ParseError, type YamlFile } from './source-file';

/** CloudFormation short tags and the long names they stand for. */
export const SHORT_TAGS: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ['!Base64', 'Fn::Base64'],
  ['!Cidr', 'Fn::Cidr'],
  ['!FindInMap', 'Fn::FindInMap'],
  ['!GetAtt', 'Fn::GetAtt'],
  ['!GetAZs', 'Fn::GetAZs'],
  ['!ImportValue', 'Fn::ImportValue'],
  ['!Join', 'Fn::Join'],
  ['!Select', 'Fn::Select'],
  ['!Split', 'Fn::Split'],
  ['!Sub', 'Fn::Sub'],
  ['!Transform', 'Fn::Transform'],
  ['!If', 'Fn::If'],
  ['!Equals', 'Fn::Equals'],
  ['!And', 'Fn::And'],
  ['!Or', 'Fn::Or'],
  ['!Not', 'Fn::Not'],
  ['!Length', 'Fn::Length'],
  ['!ToJsonString', 'Fn::ToJsonString'],
]);

/**
 * How many nodes alias expansion may add to one file, counted as `walk` would visit them.
 * Expanded aliases share their subtree, so memory stays linear, but rules walk the tree; without a
 * cap a "billion laughs" document of a few hundred bytes would make every walk take forever.
 * Legitimate templates (shared environment blocks in serverless.yml) stay far below this.
 */
export const MAX_ALIAS_EXPANSION_NODES = 100_000;

const COMPOSER_OPTIONS = {
  // YAML 1.2 core schema: `on`, `yes`, `no` stay strings (GitHub workflow keys, CloudFormation
  // values) and `2010-09-09` stays the string CloudFormation expects, not a Date.
  version: '1.2',
  schema: 'core',
  merge: false,
  // Duplicate keys are resolved below (the last one wins) instead of failing the whole file.
  uniqueKeys: false,
  keepSourceTokens: true,
  prettyErrors: false,
} as const;

/**
 * Parses a YAML file: one tree per non-empty document. Never throws.
 *
 * Choices:
 * - A key without a value (`key:`) gets a null scalar with an empty range just after its `:`
 *   (after the key when there is no `:`), so an edit there inserts the value in the right place.
 * - An alias becomes the anchored node's tree, ranges and all, shared rather than copied. Alias
 *   cycles, unknown aliases and expansion past {@link MAX_ALIAS_EXPANSION_NODES} become a null
 *   scalar at the alias and a `parseError`.
 * - Duplicate keys: the last one wins, as in `JSON.parse`, PyYAML (SAM, cfn-lint) and the AWS
 *   CLI. CloudFormation itself rejects the template, which is a separate concern from parsing.
 * - Syntax errors: `parseError` is the earliest error; documents with errors are left out because
 *   their recovered shape can mislead the project model, the error-free ones are kept.
 * - Warnings (unresolved tags and the like) are not errors. Unknown tags are ignored.
 */
export function parseYaml(path: FilePath, text: string): YamlFile {
  const lines = newLineIndex(text);
  const tokens = Array.from(new Parser().parse(text));
  const sourceTokens: SourceTokens = { comments: [], tags: [] };
  for (const token of tokens) collectSourceTokens(token, sourceTokens);
  sourceTokens.tags.sort((a, b) => a.offset - b.offset);
  const comments = sourceTokens.comments.map((token) => commentOf(token));

  const composed = Array.from(new Composer(COMPOSER_OPTIONS).compose(tokens, true, text.length));
  const budget = { remaining: MAX_ALIAS_EXPANSION_NODES };
  const documents: DocNode[] = [];
  let syntaxError: YAMLError | undefined;
  let conversionProblem: ParseError | undefined;
  for (const document of composed) {
    for (const error of document.errors) {
      if (!syntaxError || error.pos[0] < syntaxError.pos[0]) syntaxError = error;
    }
    if (document.errors.length > 0 || isEmptyContents(document.contents)) continue;
    const converter = new DocumentConverter(text, document, sourceTokens.tags, budget);
    documents.push(converter.convertValue(document.contents, 0));
    conversionProblem ??= converter.problem;
  }

  const file: YamlFile = { language: 'yaml', path, text, lines, comments, documents };
  const parseError = syntaxError ? parseErrorOf(syntaxError, text) : conversionProblem;
  if (parseError) file.parseError = parseError;
  return file;
}

interface SourceTokens {
  comments: CST.SourceToken[];
  tags: CST.SourceToken[];
}

/** Collects comment and tag tokens from the CST, where a `#` inside a quoted string is no comment. */
function collectSourceTokens(token: CST.Token, sink: SourceTokens): void {
  const each = (list: readonly CST.Token[] | undefined): void => {
    for (const item of list ?? []) collectSourceTokens(item, sink);
  };
  const eachItem = (items: readonly CST.CollectionItem[]): void => {
    for (const item of items) {
      each(item.start);
      if (item.key) collectSourceTokens(item.key, sink);
      each(item.sep);
      if (item.value) collectSourceTokens(item.value, sink);
    }
  };
  switch (token.type) {
    case 'comment':
      sink.comments.push(token);
      break;
    case 'tag':
      sink.tags.push(token);
      break;
    case 'document':
      each(token.start);
      if (token.value) collectSourceTokens(token.value, sink);
      each(token.end);
      break;
    case 'doc-end':
    case 'alias':
    case 'scalar':
    case 'single-quoted-scalar':
    case 'double-quoted-scalar':
      each(token.end);
      break;
    case 'block-scalar':
      each(token.props);
      break;
    case 'block-map':
    case 'block-seq':
      eachItem(token.items);
      break;
    case 'flow-collection':
      collectSourceTokens(token.start, sink);
      eachItem(token.items);
      each(token.end);
      break;
    default:
      break;
  }
}

function commentOf(token: CST.SourceToken): Comment {
  // The lexer ends a comment before the line break; the trim only guards a stray `\r`.
  const source = token.source.replace(/\r+$/, '');
  return { value: source.slice(1), range: { start: token.offset, end: token.offset + source.length } };
}

function isEmptyContents(contents: Node | null): boolean {
  if (contents === null) return true;
  if (!isScalar(contents) || contents.value !== null || contents.tag || contents.anchor) return false;
  const range = contents.range;
  return !range || range[0] === range[1];
}

function parseErrorOf(error: YAMLError, text: string): ParseError {
  const start = Math.max(0, Math.min(error.pos[0], text.length));
  const end = Math.max(start, Math.min(error.pos[1], text.length));
  const message = error.message.replace(/\s*\r?\n\s*/g, ' ').trim();
  return { message, range: { start, end } };
}

type Budget = { remaining: number };

/** Converts one composed document; reports the first alias problem in `problem`. */
class DocumentConverter {
  problem: ParseError | undefined;
  private readonly aliasTargets = new Map<Alias, Node>();
  private readonly converted = new Map<Node, DocNode>();
  private readonly inProgress = new Set<Node>();
  /** Nodes a `walk` visits in each tree, to charge alias expansion to the budget. */
  private readonly sizes = new WeakMap<DocNode, number>();

  constructor(
    private readonly text: string,
    private readonly document: Document.Parsed,
    private readonly tags: readonly CST.SourceToken[],
    private readonly budget: Budget,
  ) {
    // Same resolution as `Alias.resolve`: the last anchor of that name before the alias in
    // document order. Done once here because `Alias.resolve` re-walks the document per alias.
    const anchors = new Map<string, Node>();
    visit(document, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          const target = anchors.get(node.source);
          if (target) this.aliasTargets.set(node, target);
        } else if (node.anchor) {
          anchors.set(node.anchor, node);
        }
      },
    });
  }

  /** `emptyAt` is where an absent or empty value is placed (just after its `:` or `-`). */
  convertValue(node: unknown, emptyAt: number): DocNode {
    if (isAlias(node)) return this.convertAlias(node);
    if (isPair(node)) {
      // A single pair in a flow sequence (`[key: value]`) is a one-entry map.
      const start = isScalar(node.key) || isMap(node.key) || isSeq(node.key) || isAlias(node.key) ? rangeOf(node.key)[0] : emptyAt;
      const end = isEmptyValue(node.value) ? (this.colonOffset(node) ?? this.sourceEnd(node.key)) : this.sourceEnd(node.value);
      return this.track(this.convertPairs([node], { start, end }));
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) {
      return this.track(nullScalar({ start: emptyAt, end: emptyAt }));
    }
    const anchored = node.anchor !== undefined;
    if (anchored) this.inProgress.add(node);
    let result = isScalar(node) ? this.convertScalar(node, emptyAt) : this.convertCollection(node);
    const longName = node.tag === undefined ? undefined : SHORT_TAGS.get(node.tag);
    if (longName !== undefined) result = this.longForm(longName, node, result);
    if (anchored) {
      this.inProgress.delete(node);
      this.converted.set(node, result);
    }
    return result;
  }

  private convertCollection(node: YAMLMap | YAMLSeq): DocNode {
    const range = { start: rangeOf(node)[0], end: this.sourceEnd(node) };
    if (isMap(node)) return this.track(this.convertPairs(node.items, range));
    const items = node.items.map((item) => this.convertValue(item, this.emptyItemOffset(item)));
    const seq: SeqNode = { type: 'seq', items, range };
    return this.track(seq);
  }

  private convertAlias(alias: Alias): DocNode {
    const [start, end] = rangeOf(alias);
    const at = { start, end };
    const target = this.aliasTargets.get(alias);
    if (!target) return this.fail(`Unknown alias *${alias.source}`, at);
    if (this.inProgress.has(target)) return this.fail(`Alias *${alias.source} refers to a node that contains it`, at);
    const node = this.converted.get(target) ?? this.convertValue(target, start);
    const size = this.sizes.get(node) ?? 1;
    if (size > this.budget.remaining) {
      return this.fail(`YAML aliases expand to more than ${MAX_ALIAS_EXPANSION_NODES} nodes`, at);
    }
    this.budget.remaining -= size;
    return node;
  }

  private fail(message: string, range: Range): DocNode {
    this.problem ??= { message, range };
    return this.track(nullScalar(range));
  }

  private convertScalar(node: Scalar, emptyAt: number): ScalarNode {
    const [start, valueEnd] = rangeOf(node);
    if (start === valueEnd && node.tag === undefined) {
      return this.track(nullScalar({ start: emptyAt, end: emptyAt }));
    }
    const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
    const end = block ? trimEnd(this.text, start, valueEnd) : valueEnd;
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    return this.track({ type: 'scalar', value: this.scalarValue(node, start, end), quoted, range: { start, end } });
  }

  private scalarValue(node: Scalar, start: number, end: number): ScalarValue {
    const value = node.value;
    const tag = node.tag;
    if (tag !== undefined && !tag.startsWith('tag:yaml.org,2002:') && !SHORT_TAGS.has(tag)) {
      // yaml falls back to a string for a tag it does not know; read the scalar as if untagged.
      if (node.type === 'PLAIN' && typeof value === 'string') return this.resolveUntagged(value);
    }
    if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
      return value;
    }
    return this.text.slice(start, end);
  }

  private resolveUntagged(source: string): ScalarValue {
    for (const tag of this.document.schema.tags) {
      if (tag.collection !== undefined || !tag.test?.test(source)) continue;
      const value: unknown = tag.resolve(source, () => undefined, {});
      if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number') {
        return value;
      }
    }
    return source;
  }

  private convertPairs(pairs: readonly unknown[], range: Range): MapNode {
    const entries: MapEntry[] = [];
    for (const pair of pairs) {
      if (!isPair(pair)) continue;
      const key = this.convertKey(pair);
      const value = this.convertValue(pair.value, this.emptyValueOffset(pair, key));
      entries.push({ key, value });
    }
    return { type: 'map', entries: lastOfEachKey(entries), range };
  }

  /**
   * Keys are compared as strings, as CloudFormation and JavaScript objects do: a non-string key
   * (`200:`, `true:`) keeps the text it was written with. Tags on keys are ignored.
   */
  private convertKey(pair: Pair): ScalarNode {
    let key: unknown = pair.key;
    if (isAlias(key)) key = this.aliasTargets.get(key) ?? key;
    if (key === null || key === undefined || !(isScalar(key) || isMap(key) || isSeq(key) || isAlias(key))) {
      const at = this.colonOffset(pair) ?? 0;
      return this.track({ type: 'scalar', value: null, quoted: false, range: { start: at, end: at } });
    }
    const [start, valueEnd] = rangeOf(key);
    const end = isMap(key) || isSeq(key) ? this.sourceEnd(key) : valueEnd;
    const range = { start, end };
    if (isScalar(key)) {
      const quoted = key.type === 'QUOTE_DOUBLE' || key.type === 'QUOTE_SINGLE';
      const value = typeof key.value === 'string' ? key.value : this.text.slice(start, end);
      return this.track({ type: 'scalar', value, quoted, range });
    }
    return this.track({ type: 'scalar', value: this.text.slice(start, end), quoted: false, range });
  }

  /** `!Ref X` → `{ Ref: X }`; the map and its key cover the whole tagged node, tag included. */
  private longForm(longName: string, node: Scalar | Node, inner: DocNode): MapNode {
    const whole = { start: this.tagStart(node), end: inner.range.end };
    let value = inner;
    if (longName === 'Fn::GetAtt' && inner.type === 'scalar' && typeof inner.value === 'string') {
      value = this.splitGetAtt(inner, inner.value);
    }
    const key: ScalarNode = this.track({ type: 'scalar', value: longName, quoted: false, range: whole });
    return this.track({ type: 'map', entries: [{ key, value }], range: whole });
  }

  /**
   * `!GetAtt Resource.Attribute` → `[Resource, Attribute]`, split at the first dot because
   * attribute names may hold dots (`Outputs.BucketName`). Each part is ranged inside the scalar
   * when the written text maps one to one onto the value; otherwise both cover the scalar.
   */
  private splitGetAtt(scalar: ScalarNode, value: string): DocNode {
    const dot = value.indexOf('.');
    if (dot < 0) return scalar;
    const written = this.text.slice(scalar.range.start, scalar.range.end);
    const base =
      written === value ? scalar.range.start : scalar.quoted && written.slice(1, -1) === value ? scalar.range.start + 1 : undefined;
    const partRange = (from: number, to: number): Range =>
      base === undefined ? { ...scalar.range } : { start: base + from, end: base + to };
    const resource: ScalarNode = { type: 'scalar', value: value.slice(0, dot), quoted: false, range: partRange(0, dot) };
    const attribute: ScalarNode = {
      type: 'scalar',
      value: value.slice(dot + 1),
      quoted: false,
      range: partRange(dot + 1, value.length),
    };
    this.track(resource);
    this.track(attribute);
    return this.track({ type: 'seq', items: [resource, attribute], range: { ...scalar.range } });
  }

  /** The offset of a node's own tag token; yaml only keeps the node's start after its props. */
  private tagStart(node: Node): number {
    const start = rangeOf(node)[0];
    let low = 0;
    let high = this.tags.length - 1;
    let found: CST.SourceToken | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const tag = this.tags[middle];
      if (tag && tag.offset < start) {
        found = tag;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    // Between a tag and its node there can only be an anchor, spaces and comments, so the closest
    // preceding tag token is the node's own; the name check guards against a missed token.
    return found && found.source === node.tag ? found.offset : start;
  }

  private colonOffset(pair: Pair): number | undefined {
    const item = pair.srcToken;
    const colon = item?.sep?.find((token) => token.type === 'map-value-ind');
    return colon === undefined ? undefined : colon.offset + colon.source.length;
  }

  private emptyValueOffset(pair: Pair, key: ScalarNode): number {
    const colon = this.colonOffset(pair);
    if (colon !== undefined) return colon;
    return key.range.end;
  }

  /** An empty sequence item sits right after its `-`, not after the spaces that follow. */
  private emptyItemOffset(item: unknown): number {
    if (!isScalar(item) && !isMap(item) && !isSeq(item) && !isAlias(item)) return 0;
    let offset = rangeOf(item)[0];
    while (offset > 0 && (this.text[offset - 1] === ' ' || this.text[offset - 1] === '\t')) offset--;
    return offset;
  }

  /**
   * Where a node ends as written. yaml's block collections run on through trailing comments and
   * line breaks, so their end is taken from their last item instead.
   */
  private sourceEnd(node: unknown): number {
    if (isScalar(node)) {
      const [start, valueEnd] = rangeOf(node);
      const block = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
      return block ? trimEnd(this.text, start, valueEnd) : valueEnd;
    }
    if (isAlias(node)) return rangeOf(node)[1];
    if (!isMap(node) && !isSeq(node)) return 0;
    const [start, valueEnd] = rangeOf(node);
    if (node.flow) return valueEnd;
    const last: unknown = node.items[node.items.length - 1];
    if (last === undefined) return trimEnd(this.text, start, valueEnd);
    if (isPair(last)) {
      if (!isEmptyValue(last.value)) return this.sourceEnd(last.value);
      return this.colonOffset(last) ?? this.sourceEnd(last.key);
    }
    if (isEmptyValue(last)) return this.emptyItemOffset(last);
    return this.sourceEnd(last);
  }

  private track<T extends DocNode>(node: T): T {
    let size = 1;
    if (node.type === 'map') {
      for (const entry of node.entries) size += 1 + (this.sizes.get(entry.value) ?? 1);
    } else if (node.type === 'seq') {
      for (const item of node.items) size += this.sizes.get(item) ?? 1;
    }
    this.sizes.set(node, size);
    return node;
  }
}

/** Keeps the last entry of each key (see {@link parseYaml}), in source order. */
function lastOfEachKey(entries: MapEntry[]): MapEntry[] {
  const last = new Map<ScalarValue, number>();
  entries.forEach((entry, index) => last.set(entry.key.value, index));
  if (last.size === entries.length) return entries;
  return entries.filter((entry, index) => last.get(entry.key.value) === index);
}

function isEmptyValue(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (!isScalar(node) || node.tag !== undefined) return false;
  const [start, valueEnd] = rangeOf(node);
  return start === valueEnd;
}

function nullScalar(range: Range): ScalarNode {
  return { type: 'scalar', value: null, quoted: false, range };
}

function rangeOf(node: Node): [number, number] {
  const range = node.range;
  return range ? [range[0], range[1]] : [0, 0];
}

/** Steps back over trailing YAML white space (not other Unicode spaces, which are content). */
function trimEnd(text: string, start: number, end: number): number {
  let result = end;
  while (result > start && ' \t\r\n'.includes(text[result - 1] ?? 'x')) result--;
  return result;
}
