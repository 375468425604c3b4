/**
 * The PartiQL statements a DynamoDB `ExecuteStatement`, `BatchExecuteStatement` or
 * `ExecuteTransaction` call runs, as far as the code tells before run time: the text of a string
 * literal, or the fixed start of a template literal or a concatenation (`"SELECT * FROM \"" +
 * table + …`), directly or through a `const`. The verb a statement starts with decides its IAM
 * action (`operations.ts`); a statement whose start is not known needs all four.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { PARTIQL_STATEMENT_LISTS } from '../../data/sdk-operations';
import { propertyName, unwrap } from '../estree';
import type { StatementText } from './operations';

export interface StatementScope {
  /** Module-level and local declarations by name (name-based, as the rest of the SDK analysis). */
  declarations: ReadonlyMap<string, TSESTree.Node>;
  /** The names declared with `const` only: their value cannot change after the declaration. */
  constants: ReadonlySet<string>;
}

const MAX_DEPTH = 8;

/** Array methods that change the array they are called on. */
const MUTATORS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin', 'reverse', 'sort']);

/**
 * The name whose value `node` changes, when it changes one in place: `input.Statement = …`,
 * `statements[0].Statement = …`, `statements.push(…)`, `Object.assign(input, …)`. A `const`
 * so changed is no constant for {@link partiqlStatements}.
 */
export function mutatedName(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.AssignmentExpression || node.type === AST_NODE_TYPES.UpdateExpression) {
    const target = node.type === AST_NODE_TYPES.AssignmentExpression ? node.left : node.argument;
    return target.type === AST_NODE_TYPES.MemberExpression ? rootName(target) : undefined;
  }
  if (node.type !== AST_NODE_TYPES.CallExpression || node.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const method = propertyName(node.callee.property, node.callee.computed);
  if (method !== undefined && MUTATORS.has(method)) return rootName(node.callee.object);
  const [first] = node.arguments;
  const isAssign = node.callee.object.type === AST_NODE_TYPES.Identifier && node.callee.object.name === 'Object' && method === 'assign';
  return isAssign && first ? rootName(first) : undefined;
}

function rootName(node: TSESTree.Node): string | undefined {
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
  return current.type === AST_NODE_TYPES.Identifier ? current.name : undefined;
}

/**
 * The statements of a PartiQL call's input: one per `Statement`, one per item of `Statements` /
 * `TransactStatements`; an undefined entry for each statement (or list) that cannot be read.
 */
export function partiqlStatements(input: TSESTree.Node | undefined, scope: StatementScope): (StatementText | undefined)[] {
  const object = constantValue(input, scope);
  // A spread may bring in (or override) the statement: not known.
  if (object?.type !== AST_NODE_TYPES.ObjectExpression || hasSpread(object)) return [undefined];
  const statement = property(object, 'Statement');
  if (statement) return [statementText(statement, scope)];
  for (const key of PARTIQL_STATEMENT_LISTS) {
    const value = property(object, key);
    if (!value) continue;
    const list = constantValue(value, scope);
    if (list?.type !== AST_NODE_TYPES.ArrayExpression) return [undefined];
    return list.elements.map((element) => {
      const item = element && element.type !== AST_NODE_TYPES.SpreadElement ? constantValue(element, scope) : undefined;
      const text = item?.type === AST_NODE_TYPES.ObjectExpression && !hasSpread(item) ? property(item, 'Statement') : undefined;
      return text ? statementText(text, scope) : undefined;
    });
  }
  // No statement in sight.
  return [undefined];
}

/** The known text of a statement expression, whole or its fixed start; undefined when nothing is known. */
export function statementText(node: TSESTree.Node, scope: StatementScope, depth = 0): StatementText | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.Literal) return typeof current.value === 'string' ? { text: current.value, complete: true } : undefined;
  if (current.type === AST_NODE_TYPES.TemplateLiteral) {
    const text = current.quasis[0]?.value.cooked;
    return typeof text === 'string' ? { text, complete: current.expressions.length === 0 } : undefined;
  }
  if (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === '+') {
    const left = statementText(current.left, scope, depth + 1);
    if (!left || !left.complete) return left;
    const right = statementText(current.right, scope, depth + 1);
    return right ? { text: left.text + right.text, complete: right.complete } : { text: left.text, complete: false };
  }
  if (current.type === AST_NODE_TYPES.Identifier && scope.constants.has(current.name)) {
    const init = scope.declarations.get(current.name);
    return init ? statementText(init, scope, depth + 1) : undefined;
  }
  return undefined;
}

/** The node itself, or the value of the `const` it names (followed a few times). */
function constantValue(node: TSESTree.Node | undefined, scope: StatementScope, depth = 0): TSESTree.Node | undefined {
  if (!node || depth > MAX_DEPTH) return undefined;
  const current = unwrap(node);
  if (current.type !== AST_NODE_TYPES.Identifier) return current;
  if (!scope.constants.has(current.name)) return undefined;
  return constantValue(scope.declarations.get(current.name), scope, depth + 1);
}

function hasSpread(object: TSESTree.ObjectExpression): boolean {
  return object.properties.some((entry) => entry.type === AST_NODE_TYPES.SpreadElement);
}

function property(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  for (const entry of object.properties) {
    if (entry.type === AST_NODE_TYPES.Property && propertyName(entry.key, entry.computed) === key) return entry.value;
  }
  return undefined;
}
