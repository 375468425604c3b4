/**
 * Sinks written as assignments or output calls rather than as library calls:
 *
 * - hand-written nested writes, `obj[key][name] = value` (also `obj[key].name = value`): a key
 *   other than the last one that is `__proto__` makes the write land on `Object.prototype`
 *   (`injection/prototype-pollution`, on that key);
 * - path walks: an object moved down a path and written through, by a loop (`node = node[part]`),
 *   a `reduce` callback that returns `acc[k]`, or a recursive merge passing `target[key]` to
 *   itself; a step's key that is `__proto__` reaches `Object.prototype` (on that key);
 * - Azure output bindings, `context.bindings.<name> = value` (v3) and
 *   `context.extraOutputs.set(output, value)` (v4): messages for the functions that consume the
 *   binding's queue (kind `queue-message`, see `queues.ts`).
 *
 * A nested write is clean when the key cannot be `__proto__` where it is written: an early exit on
 * `key === '__proto__'` (alone or in an `||` chain), or on `REFUSED.includes(key)` /
 * `REFUSED.has(key)` with a list holding `'__proto__'` (written in place, or a `const` declared in
 * a block around the write), before it in an enclosing block; a branch that only runs when
 * `key !== '__proto__'` or when the target owns the key (`Object.hasOwn(target, key)`,
 * `target.hasOwnProperty(key)`, `Object.prototype.hasOwnProperty.call(target, key)`); or a target
 * created by `Object.create(null)` (whose `__proto__` is an ordinary property; for a walk, when it
 * starts on such an object and creates no other kind). The other guards of the engine
 * (allow-lists, `switch` cases, schemas) clean the key's value as for every sink.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { childrenOf, isFunction, propertyName, unwrap } from '../estree';
import { alwaysExits, type GuardHost } from './guards';
import { AZURE_BINDING_SINK, AZURE_EXTRA_OUTPUT_SINK, NESTED_WRITE_SINK, type SinkSpec } from './specs/index';
import { WALK_STEP_SINK } from './specs/prototype-pollution';

export interface WriteSink {
  spec: SinkSpec;
  /** The expression whose value reaches the sink: the key, or the value written to the output. */
  node: TSESTree.Node;
  /** How messages name the sink (`settings[section][key]`, the binding's name). */
  name: string;
  /** Whether code around the write rules the sink out; asked only when the value is tainted. */
  excluded?: () => boolean;
}

export interface WriteHost extends GuardHost {
  readonly file: { readonly text: string };
}

const PROTOTYPE_KEY = '__proto__';
const MAX_NAME = 60;

/** The sinks an assignment or a call writes to, before their values are known. */
export function writeSinks(node: TSESTree.AssignmentExpression | TSESTree.CallExpression | TSESTree.NewExpression, host: WriteHost): WriteSink[] {
  if (node.type === AST_NODE_TYPES.AssignmentExpression) {
    const target = unwrap(node.left);
    if (target.type !== AST_NODE_TYPES.MemberExpression) return [];
    const binding = node.operator === '=' ? bindingName(target) : undefined;
    if (binding !== undefined) return [{ spec: AZURE_BINDING_SINK, node: node.right, name: binding }];
    const walked = walkSteps(node, host);
    const nested = nestedKeys(target, node, host);
    return walked.length === 0 ? nested : [...nested, ...walked];
  }
  if (node.type !== AST_NODE_TYPES.CallExpression) return [];
  const callee = unwrap(node.callee);
  const [output, value] = node.arguments;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !output || !value || propertyName(callee.property, callee.computed) !== 'set') return [];
  const outputs = unwrap(callee.object);
  if (outputs.type !== AST_NODE_TYPES.MemberExpression || propertyName(outputs.property, outputs.computed) !== 'extraOutputs') return [];
  const outputNode = unwrap(output);
  return outputNode.type === AST_NODE_TYPES.Identifier ? [{ spec: AZURE_EXTRA_OUTPUT_SINK, node: value, name: outputNode.name }] : [];
}

/** `x.bindings.name` / `x.bindings['name']`: the binding's name. */
function bindingName(target: TSESTree.MemberExpression): string | undefined {
  const bindings = unwrap(target.object);
  if (bindings.type !== AST_NODE_TYPES.MemberExpression || propertyName(bindings.property, bindings.computed) !== 'bindings') return undefined;
  return propertyName(target.property, target.computed);
}

/** The computed keys of a nested write that are followed by another property, unless guarded. */
function nestedKeys(target: TSESTree.MemberExpression, assignment: TSESTree.AssignmentExpression, host: WriteHost): WriteSink[] {
  const chain: TSESTree.MemberExpression[] = [];
  let current: TSESTree.Node = target;
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    chain.unshift(current);
    current = unwrap(current.object);
  }
  if (chain.length < 2) return [];
  const root = current;
  const name = clip(host.file.text.slice(target.range[0], target.range[1]));
  const sinks: WriteSink[] = [];
  for (const member of chain.slice(0, -1)) {
    if (!member.computed) continue;
    const key = unwrap(member.property);
    if (key.type === AST_NODE_TYPES.Literal || (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0)) continue;
    sinks.push({ spec: NESTED_WRITE_SINK, node: member.property, name, excluded: () => isNullPrototype(root, assignment, host) || prototypeExcluded(key, member, assignment, host) });
  }
  return sinks;
}

function clip(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length <= MAX_NAME ? single : `${single.slice(0, MAX_NAME - 1)}…`;
}

/**
 * Whether the code only reaches the write when `key` is not `__proto__`: an enclosing branch or
 * an earlier early exit says so, or the object the key is read on owns it.
 */
function prototypeExcluded(key: TSESTree.Node, member: TSESTree.MemberExpression, assignment: TSESTree.Node, host: WriteHost): boolean {
  const keyName = host.keyOf(key);
  if (keyName === undefined) return false;
  const facts: Facts = { key: keyName, at: assignment, object: host.keyOf(member.object), host };
  let child: TSESTree.Node = assignment;
  let parent = host.parentOf(assignment);
  while (parent) {
    switch (parent.type) {
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.ConditionalExpression:
        if (child === parent.consequent && excludes(parent.test, true, facts)) return true;
        if (child === parent.alternate && excludes(parent.test, false, facts)) return true;
        break;
      case AST_NODE_TYPES.LogicalExpression:
        if (child === parent.right && excludes(parent.left, parent.operator === '&&', facts) && parent.operator !== '??') return true;
        break;
      case AST_NODE_TYPES.BlockStatement:
      case AST_NODE_TYPES.Program:
        for (const statement of earlyExits(parent)) {
          if (statement.range[0] >= assignment.range[0]) break;
          if (excludes(statement.test, false, facts)) return true;
        }
        break;
      default:
        break;
    }
    if (isFunction(parent)) return false;
    child = parent;
    parent = host.parentOf(parent);
  }
  return false;
}

interface Facts {
  key: string;
  /** Where the facts are looked for (the write), for constants declared around it. */
  at: TSESTree.Node;
  /** The object the key is read on (`target` in `target[key][name]`), when it has a key. */
  object: string | undefined;
  host: GuardHost;
}

/** Whether `test` having the value `truth` means the key is not `__proto__`. */
function excludes(test: TSESTree.Node, truth: boolean, facts: Facts): boolean {
  const node = unwrap(test);
  switch (node.type) {
    case AST_NODE_TYPES.UnaryExpression:
      return node.operator === '!' && excludes(node.argument, !truth, facts);
    case AST_NODE_TYPES.LogicalExpression:
      // `a && b` true: both hold; `a || b` false: neither holds.
      if (node.operator === '&&' && truth) return excludes(node.left, true, facts) || excludes(node.right, true, facts);
      if (node.operator === '||' && !truth) return excludes(node.left, false, facts) || excludes(node.right, false, facts);
      return false;
    case AST_NODE_TYPES.BinaryExpression: {
      const equal = node.operator === '===' || node.operator === '==';
      const unequal = node.operator === '!==' || node.operator === '!=';
      if (!equal && !unequal) return false;
      const compared = isPrototypeLiteral(node.right) ? node.left : isPrototypeLiteral(node.left) ? node.right : undefined;
      if (!compared || facts.host.keyOf(compared) !== facts.key) return false;
      // `key === '__proto__'` false, or `key !== '__proto__'` true.
      return equal ? !truth : truth;
    }
    case AST_NODE_TYPES.CallExpression:
      if (truth && ownsKey(node, facts)) return true;
      return !truth && listsPrototypeKey(node, facts);
    default:
      return false;
  }
}

function isPrototypeLiteral(node: TSESTree.Node): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.Literal && inner.value === PROTOTYPE_KEY;
}

/** `['__proto__', …].includes(key)` or `new Set(['__proto__', …]).has(key)`. */
function listsPrototypeKey(call: TSESTree.CallExpression, facts: Facts): boolean {
  const callee = unwrap(call.callee);
  const argument = call.arguments[0];
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !argument || facts.host.keyOf(argument) !== facts.key) return false;
  const method = propertyName(callee.property, callee.computed);
  if (method !== 'includes' && method !== 'has') return false;
  const receiver = unwrap(callee.object);
  const declared = receiver.type === AST_NODE_TYPES.Identifier ? declaredValue(receiver, facts.at, facts.host) : undefined;
  const list = listOf(declared ? unwrap(declared) : receiver);
  return list?.elements.some((element) => element !== null && isPrototypeLiteral(element)) ?? false;
}

/** An array literal, or the array of `new Set([…])`. */
function listOf(node: TSESTree.Node): TSESTree.ArrayExpression | undefined {
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node;
  if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'Set') {
    const first = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
    return first?.type === AST_NODE_TYPES.ArrayExpression ? first : undefined;
  }
  return undefined;
}

/** `Object.hasOwn(object, key)`, `object.hasOwnProperty(key)`, `Object.prototype.hasOwnProperty.call(object, key)`. */
function ownsKey(call: TSESTree.CallExpression, facts: Facts): boolean {
  if (facts.object === undefined) return false;
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee.property, callee.computed);
  const args = call.arguments;
  const is = (node: TSESTree.Node | undefined, key: string | undefined) => node !== undefined && key !== undefined && facts.host.keyOf(node) === key;
  if (method === 'hasOwn') return isGlobal(callee.object, 'Object') && is(args[0], facts.object) && is(args[1], facts.key);
  if (method === 'hasOwnProperty') return is(callee.object, facts.object) && is(args[0], facts.key);
  if (method === 'call') {
    const inner = unwrap(callee.object);
    return inner.type === AST_NODE_TYPES.MemberExpression && propertyName(inner.property, inner.computed) === 'hasOwnProperty' && is(args[0], facts.object) && is(args[1], facts.key);
  }
  return false;
}

function isGlobal(node: TSESTree.Node, name: string): boolean {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.Identifier && inner.name === name;
}

const EARLY_EXITS = new WeakMap<TSESTree.Node, TSESTree.IfStatement[]>();

/** The `if (…) return/continue/throw/break` statements of a block, in order (cached per block). */
function earlyExits(block: TSESTree.BlockStatement | TSESTree.Program): TSESTree.IfStatement[] {
  let exits = EARLY_EXITS.get(block);
  if (!exits) {
    exits = block.body.filter((statement): statement is TSESTree.IfStatement => statement.type === AST_NODE_TYPES.IfStatement && !statement.alternate && alwaysExits(statement.consequent));
    EARLY_EXITS.set(block, exits);
  }
  return exits;
}


/** Whether the written object is a variable declared as `Object.create(null)` around the write. */
function isNullPrototype(root: TSESTree.Node, assignment: TSESTree.Node, host: GuardHost): boolean {
  if (root.type !== AST_NODE_TYPES.Identifier) return false;
  const init = declaredValue(root, assignment, host);
  return init !== undefined && isCreateNull(unwrap(init));
}

/**
 * The initial value of the variable `name` refers to, when a block around `at` declares it with
 * `const`/`let`/`var` (the nearest declaration of that name wins; by name, not by scope analysis).
 */
function declaredValue(name: TSESTree.Identifier, at: TSESTree.Node, host: GuardHost): TSESTree.Expression | undefined {
  let parent = host.parentOf(at);
  while (parent) {
    const body = parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program ? parent.body : [];
    for (const statement of body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration) continue;
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name.name) return declarator.init ?? undefined;
      }
    }
    parent = host.parentOf(parent);
  }
  return undefined;
}

function isCreateNull(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.CallExpression) return false;
  const callee = unwrap(node.callee);
  const first = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    isGlobal(callee.object, 'Object') &&
    propertyName(callee.property, callee.computed) === 'create' &&
    first?.type === AST_NODE_TYPES.Literal &&
    first.value === null
  );
}

// -------------------------------------------------------------------------------------------------
// Walks: writes through an object that a loop, a `reduce` or a recursion moves down a path

/** A read `x[k]` that moves the walking object `x` one level down the path. */
interface Step {
  member: TSESTree.MemberExpression;
  /** Where the step happens, for the guards around it. */
  at: TSESTree.Node;
  name: string;
  /** Whether the walk starts on, and only creates, objects without a prototype. */
  nullPrototype: boolean;
}

/** Per function: the first write through each walking object, and that object's steps. */
const WALKS = new WeakMap<TSESTree.Node, Map<TSESTree.AssignmentExpression, Step[]>>();

const REDUCERS = new Set(['reduce', 'reduceRight']);

/**
 * The keys of the steps of a walk whose object `assignment` is the first write through: with the
 * key `__proto__` a step lands on `Object.prototype`, and the writes after it pollute it.
 */
function walkSteps(assignment: TSESTree.AssignmentExpression, host: WriteHost): WriteSink[] {
  let fn: TSESTree.Node | undefined = host.parentOf(assignment);
  while (fn && !isFunction(fn) && fn.type !== AST_NODE_TYPES.Program) fn = host.parentOf(fn);
  if (!fn) return [];
  let walks = WALKS.get(fn);
  if (!walks) {
    walks = findWalks(fn, host);
    WALKS.set(fn, walks);
  }
  const steps = walks.get(assignment);
  if (!steps) return [];
  return steps.map((step) => ({
    spec: WALK_STEP_SINK,
    node: step.member.property,
    name: step.name,
    excluded: () => step.nullPrototype || prototypeExcluded(unwrap(step.member.property), step.member, step.at, host),
  }));
}

/**
 * The walks of a function (nested functions excluded): a variable moved by `x = x[k]` (a loop
 * over path segments), the accumulator of a `reduce` callback that returns `acc[k]`, and a
 * parameter the function passes to itself as `param[k]` (a recursive merge). Each counts when
 * the function also writes through that object (`x[…] = …`).
 */
function findWalks(fn: TSESTree.Node, host: WriteHost): Map<TSESTree.AssignmentExpression, Step[]> {
  const nodes = ownNodes(fn);
  const writes = new Map<string, TSESTree.AssignmentExpression[]>();
  const steps = new Map<string, { step: Omit<Step, 'nullPrototype'>; start: TSESTree.Node | undefined; created: TSESTree.Node }[]>();
  const addStep = (variable: string, step: Omit<Step, 'nullPrototype'>, start: TSESTree.Node | undefined, created: TSESTree.Node) => {
    const list = steps.get(variable) ?? [];
    list.push({ step, start, created });
    steps.set(variable, list);
  };
  for (const node of nodes) {
    if (node.type !== AST_NODE_TYPES.AssignmentExpression) continue;
    const left = unwrap(node.left);
    if (left.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrap(left.object);
      const variable = object.type === AST_NODE_TYPES.Identifier ? host.keyOf(object) : undefined;
      if (variable !== undefined) writes.set(variable, [...(writes.get(variable) ?? []), node]);
    } else if (left.type === AST_NODE_TYPES.Identifier && node.operator === '=') {
      // `node = node[part]`, `node = node[part] ??= {}`, `node = node[part] || (node[part] = {})`.
      const variable = host.keyOf(left);
      const member = variable === undefined ? undefined : walkedMember(node.right, variable, host);
      if (variable !== undefined && member) addStep(variable, { member, at: node, name: clip(host.file.text.slice(node.range[0], node.range[1])) }, declaredValue(left, node, host), node.right);
    }
  }
  if (isFunction(fn)) {
    // `keys.reduce((o, k) => (o[k] = o[k] || {}), target)`: each call's result is the next `o`.
    const call = host.parentOf(fn);
    const accumulator = fn.params[0];
    if (call?.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn && accumulator?.type === AST_NODE_TYPES.Identifier && isReducer(call)) {
      const variable = host.keyOf(accumulator);
      const returned = fn.body.type === AST_NODE_TYPES.BlockStatement ? nodes.flatMap((node) => (node.type === AST_NODE_TYPES.ReturnStatement && node.argument ? [node.argument] : [])) : [fn.body];
      for (const expression of returned) {
        const member = variable === undefined ? undefined : walkedMember(expression, variable, host);
        if (variable !== undefined && member) addStep(variable, { member, at: expression, name: clip(host.file.text.slice(member.range[0], member.range[1])) }, call.arguments[1], expression);
      }
    }
  }
  // `merge(target[key] ??= {}, source[key])` inside `merge(target, source)`, or inside a callback
  // of it (`Object.keys(source).forEach((key) => …)`).
  const calls = nodes.filter((node): node is TSESTree.CallExpression => node.type === AST_NODE_TYPES.CallExpression && unwrap(node.callee).type === AST_NODE_TYPES.Identifier);
  for (let outer: TSESTree.Node | undefined = fn; outer && calls.length > 0; outer = host.parentOf(outer)) {
    if (!isFunction(outer)) continue;
    const name = functionName(outer, host);
    const params = outer.params;
    for (const node of name === undefined ? [] : calls) {
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== name) continue;
      params.forEach((param, index) => {
        const argument = node.arguments[index];
        const variable = param.type === AST_NODE_TYPES.Identifier ? host.keyOf(param) : undefined;
        const member = argument && variable !== undefined ? walkedMember(argument, variable, host) : undefined;
        if (argument && variable !== undefined && member) addStep(variable, { member, at: node, name: clip(host.file.text.slice(node.range[0], node.range[1])) }, undefined, argument);
      });
    }
  }
  const walks = new Map<TSESTree.AssignmentExpression, Step[]>();
  for (const [variable, found] of steps) {
    const written = writes.get(variable);
    const first = written?.[0];
    if (!written || !first) continue;
    // Without a prototype anywhere on the way, `__proto__` is an ordinary key.
    const created = [...written.map((write) => write.right), ...found.map((entry) => entry.created)];
    const noLiterals = created.every((node) => !createsObject(node));
    walks.set(
      first,
      found.map(({ step, start }) => ({ ...step, nullPrototype: noLiterals && start !== undefined && startsWithoutPrototype(start, step.at, host) })),
    );
  }
  return walks;
}

/** The nodes of a function's body (or a program), nested functions excluded, in source order. */
function ownNodes(fn: TSESTree.Node): TSESTree.Node[] {
  const nodes: TSESTree.Node[] = [];
  const root = isFunction(fn) ? fn.body : fn;
  if (!root) return nodes;
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    nodes.push(node);
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child && !isFunction(child)) stack.push(child);
    }
  }
  return nodes;
}

/** The computed read `x[k]` (k not a literal) of the walking variable that `expression` yields. */
function walkedMember(expression: TSESTree.Node, variable: string, host: WriteHost): TSESTree.MemberExpression | undefined {
  const node = unwrap(expression);
  switch (node.type) {
    case AST_NODE_TYPES.MemberExpression: {
      if (!node.computed) return undefined;
      const key = unwrap(node.property);
      if (key.type === AST_NODE_TYPES.Literal || (key.type === AST_NODE_TYPES.TemplateLiteral && key.expressions.length === 0)) return undefined;
      const object = unwrap(node.object);
      return object.type === AST_NODE_TYPES.Identifier && host.keyOf(object) === variable ? node : undefined;
    }
    case AST_NODE_TYPES.LogicalExpression:
      return walkedMember(node.left, variable, host) ?? walkedMember(node.right, variable, host);
    case AST_NODE_TYPES.AssignmentExpression:
      return walkedMember(node.left, variable, host) ?? walkedMember(node.right, variable, host);
    case AST_NODE_TYPES.SequenceExpression: {
      const last = node.expressions[node.expressions.length - 1];
      return last ? walkedMember(last, variable, host) : undefined;
    }
    default:
      return undefined;
  }
}

function isReducer(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = propertyName(callee.property, callee.computed);
  return method !== undefined && REDUCERS.has(method);
}

/** The name a function calls itself by: its own, or the variable it is declared as. */
function functionName(fn: TSESTree.Node, host: WriteHost): string | undefined {
  if ((fn.type === AST_NODE_TYPES.FunctionDeclaration || fn.type === AST_NODE_TYPES.FunctionExpression) && fn.id) return fn.id.name;
  const parent = host.parentOf(fn);
  return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier ? parent.id.name : undefined;
}

/** Whether an expression builds an object or an array literal, which inherit from `Object.prototype`. */
function createsObject(root: TSESTree.Node): boolean {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    if (node.type === AST_NODE_TYPES.ObjectExpression || node.type === AST_NODE_TYPES.ArrayExpression) return true;
    if (!isFunction(node)) stack.push(...childrenOf(node));
  }
  return false;
}

/** `Object.create(null)`, or a variable declared with it around `at` (one level of `const a = b`). */
function startsWithoutPrototype(start: TSESTree.Node, at: TSESTree.Node, host: WriteHost): boolean {
  let node = unwrap(start);
  for (let depth = 0; depth < 2 && node.type === AST_NODE_TYPES.Identifier; depth++) {
    const init = declaredValue(node, at, host);
    if (!init) return false;
    node = unwrap(init);
  }
  return isCreateNull(node);
}
