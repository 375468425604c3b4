/**
 * Small helpers over typescript-estree trees shared by the analyses.
 */
import { AST_NODE_TYPES as NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { visitorKeys } from '@typescript-eslint/visitor-keys';

/** Read once: the package exposes the enum through a getter, which would run on every node test. */
const AST_NODE_TYPES = NODE_TYPES;

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** Keys that hold no code we analyse: back links, positions, tokens and type annotations. */
const SKIPPED_KEYS = new Set(['parent', 'range', 'loc', 'type', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * The keys that may hold child nodes, per node type: the parser's visitor keys without the skipped
 * ones, so a node's own fields are read directly instead of enumerating all its properties. A type
 * the visitor keys do not know (a newer parser's node) gets its keys from its properties.
 */
const CHILD_KEYS = new Map<string, readonly string[]>([
  ...Object.entries(visitorKeys).map(([type, keys]): [string, readonly string[]] => [type, (keys ?? []).filter((key) => !SKIPPED_KEYS.has(key))]),
  // `export { x }`: both names share one range; the exported name has always come first.
  [AST_NODE_TYPES.ExportSpecifier, ['exported', 'local']],
]);

function childKeys(node: TSESTree.Node): readonly string[] {
  return CHILD_KEYS.get(node.type) ?? Object.keys(node).filter((key) => !SKIPPED_KEYS.has(key));
}

/** Appends the direct child nodes of a node to `into`, in source order. */
function collectChildren(node: TSESTree.Node, into: TSESTree.Node[]): void {
  const start = into.length;
  const fields = node as unknown as Record<string, unknown>;
  let sorted = true;
  let last = -Infinity;
  for (const key of childKeys(node)) {
    const value = fields[key];
    if (Array.isArray(value)) {
      for (const item of value) {
        if (!isNode(item)) continue;
        if (item.range[0] < last) sorted = false;
        last = item.range[0];
        into.push(item);
      }
    } else if (isNode(value)) {
      if (value.range[0] < last) sorted = false;
      last = value.range[0];
      into.push(value);
    }
  }
  // Visitor keys follow source order except in a few nodes (a template literal's quasis and
  // expressions interleave): only those need sorting.
  if (!sorted) {
    const children = into.splice(start).sort((a, b) => a.range[0] - b.range[0]);
    for (const child of children) into.push(child);
  }
}

/** The direct child nodes of a node, in source order. */
export function childrenOf(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  collectChildren(node, children);
  return children;
}

/**
 * Visits `root` and every node below it depth-first in source order. Iterative, so a deeply
 * nested expression (a generated string of a thousand `+`) cannot overflow the stack.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  if (root.type === 'Program') {
    for (const node of nodesOf(root)) visit(node);
    return;
  }
  walkTree(root, visit);
}

/**
 * Every node of a program in the order `walk` visits them, computed once per program: rules and
 * fixes that look something up per finding (a call at a range, a binding by name) then scan an
 * array instead of walking the tree again.
 */
export function nodesOf(program: TSESTree.Program): readonly TSESTree.Node[] {
  let nodes = PROGRAM_NODES.get(program);
  if (!nodes) {
    const list: TSESTree.Node[] = [];
    walkTree(program, (node) => list.push(node));
    nodes = list;
    PROGRAM_NODES.set(program, nodes);
  }
  return nodes;
}

const PROGRAM_NODES = new WeakMap<TSESTree.Program, readonly TSESTree.Node[]>();

function walkTree(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  const children: TSESTree.Node[] = [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    visit(node);
    children.length = 0;
    collectChildren(node, children);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as TSESTree.Node);
  }
}

/** The expression under TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) and optional chains. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The name of a non-computed property (`a.b`, `{ b: … }`) or a string-literal key (`a['b']`). */
export function propertyName(key: TSESTree.Node, computed: boolean): string | undefined {
  if (!computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** `a.b.c` for a chain of identifiers and non-computed members, else undefined. */
export function memberPath(node: TSESTree.Node): string[] | undefined {
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.Identifier) return [current.name];
  if (current.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = memberPath(current.object);
  const name = propertyName(current.property, current.computed);
  return object && name !== undefined ? [...object, name] : undefined;
}

/** The module name of `require('x')` (a string literal argument), else undefined. */
export function requiredModule(node: TSESTree.Node): string | undefined {
  const call = unwrap(node);
  if (call.type !== AST_NODE_TYPES.CallExpression) return undefined;
  if (call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'require') return undefined;
  const argument = call.arguments[0];
  return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? argument.value : undefined;
}
