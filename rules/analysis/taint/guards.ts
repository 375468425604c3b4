/**
 * Guards: checks that make a value safe where the code runs only if they passed.
 *
 * - early exits: `if (!ALLOWED.includes(x)) return …;` (or `throw`, `continue`, `break`) cleans
 *   `x` in the statements after it, in the same block and the blocks it encloses;
 * - branches: inside `if (ALLOWED.has(x)) { … }`, `ok(x) ? x : 'default'`, `ok(x) && use(x)`;
 * - `switch (x) { case 'a': … }`: `x` inside a case with a literal test.
 *
 * The checks understood: membership in an array or set of constants, equality with a literal,
 * `typeof x === 'number'`, `Number.isInteger(x)`, an anchored regular expression of a restricted
 * alphabet (`/^[a-z0-9-]+$/.test(x)`), validator functions (`validator.isUUID`), compiled ajv
 * validators, and for paths only a prefix check (`full.startsWith(root)`) or the absence of `..`.
 *
 * Heuristics, each trading a false negative for fewer false positives: the value is identified by
 * its variable and property path, so a reassignment between check and use is not seen; a regex
 * counts as restrictive by its form (anchored, no `.`, no negated class, no quote or shell
 * metacharacter), not by what it accepts exactly.
 */
import { AST_NODE_TYPES as NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrap, walk } from '../estree';
import type { SchemaShape, Value } from './value';

/** Read once: the package exposes the enum through a getter, which would run on every node test. */
const AST_NODE_TYPES = NODE_TYPES;

/** `'*'`: clean for every sink kind; otherwise the kinds cleaned. */
export type Cleaning = '*' | readonly string[];

interface Fact {
  key: string;
  cleans: Cleaning;
}

export interface GuardHost {
  /** The parent of a node (typescript-estree leaves `parent` unset). */
  parentOf(node: TSESTree.Node): TSESTree.Node | undefined;
  /** The variable-and-path key of an expression (`v12.body.name`), if it has one. */
  keyOf(node: TSESTree.Node): string | undefined;
  /** The value of an expression, as last computed. */
  valueOf(node: TSESTree.Node): Value;
  /** What a call validates, when it is a validator from the spec tables. */
  validatorOf(call: TSESTree.CallExpression): { argument: TSESTree.Node; cleans: Cleaning; shape?: SchemaShape } | undefined;
}

/** The cleaning guards give the read of `key` at `node`, or undefined when none applies. */
export function guardCleaning(node: TSESTree.Node, key: string, host: GuardHost): Cleaning | undefined {
  const found: Found = { key, root: rootOf(key), kinds: new Set(), all: false };
  let child: TSESTree.Node = node;
  let parent = host.parentOf(node);
  while (parent && !found.all) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.consequent) applyFacts(found, parent.test, true, host);
        else if (child === parent.alternate) applyFacts(found, parent.test, false, host);
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && parent.operator === '&&') applyFacts(found, parent.left, true, host);
        else if (child === parent.right && parent.operator === '||') applyFacts(found, parent.left, false, host);
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
      case AST_NODE_TYPES.StaticBlock:
        for (const guard of exitGuards(parent)) {
          if (guard.statement.range[0] >= node.range[0]) break;
          applyFacts(found, guard.statement.test, guard.holdsWhen, host);
        }
        break;
      case AST_NODE_TYPES.SwitchCase: {
        const test = parent.test ? unwrap(parent.test) : undefined;
        const statement = host.parentOf(parent);
        const discriminant = statement?.type === AST_NODE_TYPES.SwitchStatement ? statement.discriminant : undefined;
        if (parent.consequent.some((consequent) => consequent === child) && test?.type === AST_NODE_TYPES.Literal && discriminant) {
          const discriminantKey = host.keyOf(discriminant);
          if (discriminantKey !== undefined && keyCovers(discriminantKey, key)) found.all = true;
        }
        break;
      }
      default:
        break;
    }
    child = parent;
    parent = host.parentOf(parent);
  }
  if (found.all) return '*';
  return found.kinds.size > 0 ? [...found.kinds].sort() : undefined;
}

/** What the guards around one read give it so far. */
interface Found {
  key: string;
  root: string;
  kinds: Set<string>;
  all: boolean;
}

function applyFacts(found: Found, test: TSESTree.Node, truth: boolean, host: GuardHost): void {
  // A test that names neither the variable read nor `this` states no fact about it.
  if (!testRoots(test, host).has(found.root)) return;
  for (const fact of factsOf(test, truth, host)) {
    if (!keyCovers(fact.key, found.key)) continue;
    if (fact.cleans === '*') found.all = true;
    else for (const kind of fact.cleans) found.kinds.add(kind);
  }
}

/** The variable part of a key: `v12` of `v12.body.name`, or `this`. */
function rootOf(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? key : key.slice(0, dot);
}

/** Per host (its variables) and test: the roots of the keys of the names the test holds. */
const TEST_ROOTS = new WeakMap<GuardHost, WeakMap<TSESTree.Node, ReadonlySet<string>>>();

/**
 * Every fact a test states is about an expression inside it, whose key starts at a name or `this`
 * inside it: a read whose root is not among them can skip the test.
 */
function testRoots(test: TSESTree.Node, host: GuardHost): ReadonlySet<string> {
  let byTest = TEST_ROOTS.get(host);
  if (!byTest) {
    byTest = new WeakMap();
    TEST_ROOTS.set(host, byTest);
  }
  let roots = byTest.get(test);
  if (roots) return roots;
  const found = new Set<string>();
  walk(test, (node) => {
    if (node.type === AST_NODE_TYPES.ThisExpression) found.add('this');
    if (node.type !== AST_NODE_TYPES.Identifier) return;
    const key = host.keyOf(node);
    if (key !== undefined) found.add(key);
  });
  roots = found;
  byTest.set(test, roots);
  return roots;
}

interface ExitGuard {
  statement: TSESTree.IfStatement;
  /** The truth of the test under which the code after the statement runs. */
  holdsWhen: boolean;
}

/** Syntactic, so cached per block for the life of the tree: `if (…) return` statements of a block. */
const EXIT_GUARDS = new WeakMap<TSESTree.Node, ExitGuard[]>();

function exitGuards(block: TSESTree.BlockStatement | TSESTree.Program | TSESTree.StaticBlock): ExitGuard[] {
  let guards = EXIT_GUARDS.get(block);
  if (guards) return guards;
  guards = [];
  for (const statement of block.body) {
    if (statement.type !== AST_NODE_TYPES.IfStatement) continue;
    if (alwaysExits(statement.consequent)) guards.push({ statement, holdsWhen: false });
    else if (statement.alternate && alwaysExits(statement.alternate)) guards.push({ statement, holdsWhen: true });
  }
  EXIT_GUARDS.set(block, guards);
  return guards;
}

/** A check on `x` also covers `x.y`: a value from an allow-list has no attacker-chosen parts. */
function keyCovers(checked: string, read: string): boolean {
  return read === checked || read.startsWith(`${checked}.`);
}

/** Whether a statement always leaves its block: return, throw, continue, break, or an if/else whose branches all do. */
export function alwaysExits(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ThrowStatement:
    case AST_NODE_TYPES.ContinueStatement:
    case AST_NODE_TYPES.BreakStatement:
      return true;
    case AST_NODE_TYPES.BlockStatement: {
      const last = statement.body[statement.body.length - 1];
      return last !== undefined && alwaysExits(last);
    }
    case AST_NODE_TYPES.IfStatement:
      return statement.alternate !== null && alwaysExits(statement.consequent) && alwaysExits(statement.alternate);
    default:
      return false;
  }
}

/** What holds when `test` evaluates to `truth`. */
function factsOf(test: TSESTree.Node, truth: boolean, host: GuardHost): Fact[] {
  const node = unwrap(test);
  switch (node.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '!' ? factsOf(node.argument, !truth, host) : [];
    case AST_NODE_TYPES.LogicalExpression:
      // `a && b` true: both hold; `a || b` false: both are false.
      if (node.operator === '&&' && truth) return [...factsOf(node.left, true, host), ...factsOf(node.right, true, host)];
      if (node.operator === '||' && !truth) return [...factsOf(node.left, false, host), ...factsOf(node.right, false, host)];
      return [];
    case AST_NODE_TYPES.BinaryExpression:
      return binaryFacts(node, truth, host);
    case AST_NODE_TYPES.CallExpression:
      return callFacts(node, truth, host);
    default:
      return [];
  }
}

function fact(node: TSESTree.Node, cleans: Cleaning, host: GuardHost): Fact[] {
  const key = host.keyOf(node);
  return key === undefined ? [] : [{ key, cleans }];
}

function isPrimitiveLiteral(node: TSESTree.Node): boolean {
  const literal = unwrap(node);
  if (literal.type === AST_NODE_TYPES.Literal) return typeof literal.value === 'string' || typeof literal.value === 'number' || typeof literal.value === 'boolean';
  return literal.type === AST_NODE_TYPES.TemplateLiteral && literal.expressions.length === 0;
}

function binaryFacts(node: TSESTree.BinaryExpression, truth: boolean, host: GuardHost): Fact[] {
  const { operator } = node;
  const left = unwrap(node.left);
  const right = unwrap(node.right);
  if (operator === '===' || operator === '==' || operator === '!==' || operator === '!=') {
    const equal = operator === '===' || operator === '==' ? truth : !truth;
    for (const [subject, other] of equal ? [
      [left, right],
      [right, left],
    ] as const : []) {
      // typeof x === 'number'
      if (subject.type === AST_NODE_TYPES.UnaryExpression && subject.operator === 'typeof' && other.type === AST_NODE_TYPES.Literal) {
        if (other.value === 'number' || other.value === 'boolean' || other.value === 'bigint') return fact(subject.argument, '*', host);
        return [];
      }
      // x === 'literal'
      if (isPrimitiveLiteral(other) && other.type !== AST_NODE_TYPES.UnaryExpression) return fact(subject, '*', host);
    }
    // ALLOWED.indexOf(x) !== -1 is handled below through the comparison forms.
  }
  // ALLOWED.indexOf(x) >= 0, > -1, !== -1 when true; === -1, < 0 when false.
  const indexOf = left.type === AST_NODE_TYPES.CallExpression ? left : undefined;
  const found = isIndexFound(operator, right);
  if (indexOf && found !== undefined && found === truth) {
    const callee = unwrap(indexOf.callee);
    const argument = indexOf.arguments[0];
    if (callee.type === AST_NODE_TYPES.MemberExpression && argument && memberName(callee) === 'indexOf' && host.valueOf(callee.object).constants) {
      return fact(argument, '*', host);
    }
  }
  return [];
}

/** Whether `indexOf(…) <operator> <right>` being true means "found"; undefined when it says nothing. */
function isIndexFound(operator: string, right: TSESTree.Node): boolean | undefined {
  const value =
    right.type === AST_NODE_TYPES.UnaryExpression && right.operator === '-' && right.argument.type === AST_NODE_TYPES.Literal
      ? -Number(right.argument.value)
      : right.type === AST_NODE_TYPES.Literal
        ? Number(right.value)
        : NaN;
  if (((operator === '!==' || operator === '!=' || operator === '>') && value === -1) || (operator === '>=' && value === 0)) return true;
  if (((operator === '===' || operator === '==') && value === -1) || (operator === '<' && value === 0)) return false;
  return undefined;
}

function memberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === AST_NODE_TYPES.Identifier) return member.property.name;
  if (member.property.type === AST_NODE_TYPES.Literal && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

const NUMBER_CHECKS = new Set(['Number.isInteger', 'Number.isSafeInteger', 'Number.isFinite', 'isFinite']);

function callFacts(call: TSESTree.CallExpression, truth: boolean, host: GuardHost): Fact[] {
  const callee = unwrap(call.callee);
  const [first] = call.arguments;
  if (!first) return [];
  const validator = host.validatorOf(call);
  if (validator && truth) {
    if (validator.shape) return shapeFacts(validator.argument, validator.shape, host);
    return fact(validator.argument, validator.cleans, host);
  }
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'isNaN' && !truth) return fact(first, '*', host);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return [];
  const method = memberName(callee);
  const object = unwrap(callee.object);
  const qualified = object.type === AST_NODE_TYPES.Identifier ? `${object.name}.${method ?? ''}` : undefined;
  if (truth && qualified !== undefined && NUMBER_CHECKS.has(qualified)) return fact(first, '*', host);
  if (truth && (method === 'includes' || method === 'has') && host.valueOf(object).constants) return fact(first, '*', host);
  if (truth && method === 'test' && isRestrictive(host.valueOf(object).regex)) return fact(first, '*', host);
  // A prefix check after resolving the path keeps it under the expected folder.
  if (truth && method === 'startsWith') return fact(object, ['path'], host);
  // `if (name.includes('..')) return`: no parent-folder segment survives.
  if (!truth && (method === 'includes' || method === 'indexOf') && unwrap(first).type === AST_NODE_TYPES.Literal && (unwrap(first) as TSESTree.Literal).value === '..') {
    return fact(object, ['path'], host);
  }
  return [];
}

/** A validator of an object schema cleans each field the schema makes safe. */
function shapeFacts(argument: TSESTree.Node, shape: SchemaShape, host: GuardHost): Fact[] {
  const key = host.keyOf(argument);
  if (key === undefined) return [];
  const facts: Fact[] = [];
  const visit = (prefix: string, current: SchemaShape, depth: number) => {
    if (current.kind === 'safe') facts.push({ key: prefix, cleans: '*' });
    else if (current.kind === 'object' && depth < 4) for (const [name, field] of current.fields) visit(`${prefix}.${name}`, field, depth + 1);
  };
  visit(key, shape, 0);
  return facts;
}

/**
 * An anchored pattern of a restricted alphabet: `^` … `$`, no `.` outside a class, no negated
 * class, no `\S`/`\W`/`\D`, no quote, backtick, `;`, `|`, `&`, `<`, `>` or `$` inside, not multiline
 * (where `^`/`$` would match at any line break).
 */
export function isRestrictive(regex: { pattern: string; flags: string } | undefined): boolean {
  if (!regex || regex.flags.includes('m')) return false;
  const { pattern } = regex;
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return false;
  const body = pattern.slice(1, -1);
  if (/[\\]?['"`;|&<>$]/.test(body)) return false;
  if (/\\[SWD]/.test(body) || body.includes('[^')) return false;
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '.' && !inClass) return false;
    else if (char === '|' && !inClass) return false;
  }
  return true;
}
