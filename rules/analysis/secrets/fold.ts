/**
 * Constant folding over JavaScript/TypeScript trees: the string a `+` chain, a template literal, a
 * `const` or a base64 encoding of constants always evaluates to. A credential split into pieces
 * (`'Basic ' + 'user:8e254ed4'`, `` `Bearer ${TOKEN}` `` with `const TOKEN = '…'`) is as
 * hardcoded as one literal; folding lets the rules judge the value the code sends.
 *
 * Names are resolved by name over the whole file (scopes are not modelled): only a `const` whose
 * name is declared once in the file is followed, so shadowing cannot make a wrong value up.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, propertyName, unwrap } from '../estree';
import { indexTree } from './tree';

/** The package exports its node types through a getter; folding reads them for every node. */
const NodeType = AST_NODE_TYPES;

/** How deep `const` chains and nested expressions are followed. */
const MAX_DEPTH = 16;

export interface FoldScope {
  /** `const` initialisers by name, for names declared exactly once in the file. */
  constants: ReadonlyMap<string, TSESTree.Node>;
  /** Names not to follow: consts already reported on their own, so the secret is not reported twice. */
  blocked?: ReadonlySet<string>;
}

/** Every `const NAME = init` of a file whose name is declared only there, given its program or all its nodes. */
export function collectConstants(tree: TSESTree.Program | Iterable<TSESTree.Node>): Map<string, TSESTree.Node> {
  const nodes = 'type' in tree ? indexTree(tree).nodes : tree;
  const declarations = new Map<string, number>();
  const constants = new Map<string, TSESTree.Node>();
  const count = (name: string): void => {
    declarations.set(name, (declarations.get(name) ?? 0) + 1);
  };
  for (const node of nodes) {
    if (node.type === NodeType.VariableDeclaration) {
      for (const declarator of node.declarations) {
        if (declarator.id.type !== NodeType.Identifier) continue;
        count(declarator.id.name);
        if (declarator.init && node.kind === 'const') constants.set(declarator.id.name, declarator.init);
      }
    } else if (
      (node.type === NodeType.FunctionDeclaration ||
        node.type === NodeType.FunctionExpression ||
        node.type === NodeType.ArrowFunctionExpression) &&
      node.params.length > 0
    ) {
      for (const param of node.params) if (param.type === NodeType.Identifier) count(param.name);
    }
  }
  for (const [name, total] of declarations) if (total > 1) constants.delete(name);
  return constants;
}

/** The string an expression always evaluates to, or undefined when any part is not constant. */
export function foldString(node: TSESTree.Node, scope: FoldScope): string | undefined {
  const value = fold(node, scope, 0);
  return value === undefined ? undefined : String(value);
}

function fold(node: TSESTree.Node, scope: FoldScope, depth: number): string | number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const current = unwrap(node);
  switch (current.type) {
    case NodeType.Literal:
      return typeof current.value === 'string' || typeof current.value === 'number' ? current.value : undefined;
    case NodeType.TemplateLiteral: {
      let text = '';
      for (let i = 0; i < current.quasis.length; i++) {
        const cooked = current.quasis[i]?.value.cooked;
        if (cooked === null || cooked === undefined) return undefined;
        text += cooked;
        const expression = current.expressions[i];
        if (expression) {
          const part = fold(expression, scope, depth + 1);
          if (part === undefined) return undefined;
          text += String(part);
        }
      }
      return text;
    }
    case NodeType.BinaryExpression: {
      if (current.operator !== '+') return undefined;
      const left = fold(current.left, scope, depth + 1);
      if (left === undefined) return undefined;
      const right = fold(current.right, scope, depth + 1);
      if (right === undefined) return undefined;
      return typeof left === 'number' && typeof right === 'number' ? left + right : String(left) + String(right);
    }
    case NodeType.Identifier: {
      if (scope.blocked?.has(current.name)) return undefined;
      const init = scope.constants.get(current.name);
      return init ? fold(init, scope, depth + 1) : undefined;
    }
    case NodeType.CallExpression:
      return foldEncoding(current, scope, depth);
    default:
      return undefined;
  }
}

/**
 * `Buffer.from(s).toString('base64')` and `btoa(s)`: how Basic credentials are usually encoded.
 * Only text encodings that keep ASCII as is (`utf8`, `latin1`, `binary`, `ascii`) are followed.
 */
function foldEncoding(call: TSESTree.CallExpression, scope: FoldScope, depth: number): string | undefined {
  const callee = memberPath(call.callee);
  if (callee?.length === 1 && callee[0] === 'btoa' && call.arguments[0]) {
    const text = fold(call.arguments[0], scope, depth + 1);
    return text === undefined ? undefined : Buffer.from(String(text), 'latin1').toString('base64');
  }
  // `<Buffer.from(s)>.toString('base64')`
  if (call.callee.type !== NodeType.MemberExpression || propertyName(call.callee.property, call.callee.computed) !== 'toString') return undefined;
  const encoding = call.arguments[0] ? fold(call.arguments[0], scope, depth + 1) : undefined;
  if (encoding !== 'base64') return undefined;
  const inner = unwrap(call.callee.object);
  if (inner.type !== NodeType.CallExpression) return undefined;
  const from = memberPath(inner.callee);
  if (from?.join('.') !== 'Buffer.from' || !inner.arguments[0]) return undefined;
  const inputEncoding = inner.arguments[1] ? fold(inner.arguments[1], scope, depth + 1) : 'utf8';
  if (typeof inputEncoding !== 'string' || !/^(utf-?8|latin1|binary|ascii)$/i.test(inputEncoding)) return undefined;
  const text = fold(inner.arguments[0], scope, depth + 1);
  return text === undefined ? undefined : Buffer.from(String(text), 'utf8').toString('base64');
}

/** True for expressions folding can look into: the parts of a built string. */
export function isFoldable(node: TSESTree.Node): boolean {
  const current = unwrap(node);
  return (
    current.type === NodeType.BinaryExpression ||
    current.type === NodeType.TemplateLiteral ||
    current.type === NodeType.CallExpression ||
    (current.type === NodeType.Literal && typeof current.value === 'string')
  );
}
