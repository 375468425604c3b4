/**
 * One tree shape for YAML and JSON documents, with a range on every key and value.
 *
 * CloudFormation short tags are turned into their long form by the YAML loader: `!Ref X` becomes
 * a map `{ Ref: X }` whose key range is the tag itself, `!GetAtt A.B` becomes
 * `{ "Fn::GetAtt": [A, B] }` with each part ranged inside the scalar. Rules never see the difference.
 */
import type { Range } from '../engine/types';

export type ScalarValue = string | number | boolean | null;

interface NodeBase {
  range: Range;
}

export interface ScalarNode extends NodeBase {
  type: 'scalar';
  value: ScalarValue;
  /** The scalar's text in the file (for strings: without quotes, as written after unescaping). */
  quoted: boolean;
}

export interface MapEntry {
  key: ScalarNode;
  value: DocNode;
}

export interface MapNode extends NodeBase {
  type: 'map';
  entries: MapEntry[];
}

export interface SeqNode extends NodeBase {
  type: 'seq';
  items: DocNode[];
}

export type DocNode = ScalarNode | MapNode | SeqNode;

/** The CloudFormation intrinsic functions, by their long names. */
export const INTRINSIC_FUNCTIONS: ReadonlySet<string> = new Set([
  'Ref',
  'Condition',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::GetAtt',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::Transform',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Fn::Length',
  'Fn::ToJsonString',
]);

export function isMap(node: DocNode | undefined): node is MapNode {
  return node?.type === 'map';
}

export function isSeq(node: DocNode | undefined): node is SeqNode {
  return node?.type === 'seq';
}

export function isScalar(node: DocNode | undefined): node is ScalarNode {
  return node?.type === 'scalar';
}

/** The entry of `key` in a map, if the node is a map and has it. */
export function entryOf(node: DocNode | undefined, key: string): MapEntry | undefined {
  if (!isMap(node)) return undefined;
  return node.entries.find((entry) => entry.key.value === key);
}

/** The value of `key` in a map. */
export function get(node: DocNode | undefined, key: string): DocNode | undefined {
  return entryOf(node, key)?.value;
}

/** Follows a path of keys through nested maps. */
export function getPath(node: DocNode | undefined, ...keys: string[]): DocNode | undefined {
  let current = node;
  for (const key of keys) current = get(current, key);
  return current;
}

/** The string value of a scalar (numbers and booleans as written), or undefined. */
export function stringValue(node: DocNode | undefined): string | undefined {
  if (!isScalar(node) || node.value === null) return undefined;
  return String(node.value);
}

/** A scalar or a list of scalars/nodes, as IAM and templates allow either: always a list. */
export function asList(node: DocNode | undefined): DocNode[] {
  if (node === undefined) return [];
  if (isSeq(node)) return node.items;
  if (isScalar(node) && node.value === null) return [];
  return [node];
}

/** The intrinsic function a node stands for (`Ref`, `Fn::Sub` …), if it is one. */
export function intrinsicName(node: DocNode | undefined): string | undefined {
  if (!isMap(node) || node.entries.length !== 1) return undefined;
  const name = node.entries[0]?.key.value;
  return typeof name === 'string' && INTRINSIC_FUNCTIONS.has(name) ? name : undefined;
}

/**
 * Depth-first walk over every node of a tree, keys included. Iterative: a document nested a few
 * thousand levels deep parses, and a recursive walk over it overflowed the stack (issue 9 fuzzing).
 */
export function walk(root: DocNode, visit: (node: DocNode) => void): void {
  // `key` entries are visited without descending, as the recursive walk did: keys are scalars.
  const stack: { node: DocNode; key: boolean }[] = [{ node: root, key: false }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { node } = next;
    visit(node);
    if (next.key) continue;
    if (node.type === 'map') {
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const entry = node.entries[i]!;
        stack.push({ node: entry.value, key: false }, { node: entry.key, key: true });
      }
    } else if (node.type === 'seq') {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i]!, key: false });
    }
  }
}
