/**
 * Small helpers over typescript-estree trees shared by the analyses.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';

export type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionDeclaration | TSESTree.FunctionExpression;

/** Keys that hold no code we analyse: back links, positions, tokens and type annotations. */
const SKIPPED_KEYS = new Set(['parent', 'range', 'loc', 'type', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The direct child nodes of a node, in source order. */
export function childrenOf(node: TSESTree.Node): TSESTree.Node[] {
  const children: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children.sort((a, b) => a.range[0] - b.range[0]);
}

/**
 * Visits `root` and every node below it depth-first in source order. Iterative, so a deeply
 * nested expression (a generated string of a thousand `+`) cannot overflow the stack.
 */
export function walk(root: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    visit(node);
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
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
