/**
 * A minimal, intra-function taint analysis: which expressions of a handler carry event data. It
 * stands in for the real taint engine (sources → sinks across functions and files), which will
 * replace it behind the same two questions: "which functions are handlers?" and "is this expression
 * tainted, and from where?".
 *
 * What it models:
 * - handlers: `exports.handler`, `module.exports.handler`, `module.exports = fn` (Azure v3),
 *   `export const handler`, `export function handler`, `export { x as handler }`, `export default`,
 *   any export the project model names for this file, Azure v4 `app.http('n', { handler })` and
 *   Google's `functions.http('n', fn)`; wrappers such as `middy(fn).use(…)` are looked through;
 * - sources: the event parameter (AWS: the first; Azure v3: every parameter after `context`, plus
 *   `context.bindings` and `context.req`; Google and Azure v4: the first);
 * - propagation: `const`/`let` declarations (destructuring included), assignments (to a member,
 *   the whole object becomes tainted), `for…of`/`for…in`, array callbacks (`forEach`, `map`…),
 *   `+` and template literals, member access, `JSON.parse`, `String`, `Buffer.from`, string methods
 *   (`trim`, `toLowerCase`, `slice`, `split`, `replace`, `concat`, `join`…), `await`, `?:`, `||`, `??`.
 *
 * What it does not, knowingly:
 * - it is flow-insensitive and name-based within one handler: a name once tainted stays tainted
 *   (a later `cmd = 'ls'` does not clean it) and an inner variable of the same name is taken for
 *   the outer one. Both trade false positives for simplicity;
 * - it does not follow calls into other functions or files, or data through unknown calls
 *   (`helper(event.body)` returns clean): false negatives;
 * - it models no sanitiser except by omission: `Number(x)`, `parseInt(x)`, comparisons and
 *   arithmetic produce clean values because they are not propagators. An allow-list check before
 *   the sink (`if (!ALLOWED.includes(x)) return`) is not understood: the value stays tainted.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, memberPath, propertyName, unwrap, walk, type FunctionNode } from './estree';
import type { ImportBindings } from './imports';

export type HandlerPlatform = 'aws' | 'azure' | 'azure-v4' | 'gcp';

export interface HandlerFunction {
  node: FunctionNode;
  /** How the function is exported: `handler`, `default`, `module.exports`, or the trigger name. */
  exportName: string;
  platform: HandlerPlatform;
}

/** Where tainted data came from. */
export interface TaintOrigin {
  /** The source as the user would name it: `event.body`, `req.query.dir`, `context.bindings.item`. */
  label: string;
  /** Where the data enters the function's computation (the `event.body` expression, the pattern). */
  node: TSESTree.Node;
  /** True when the value is exactly the labelled source, so a member access may extend the label. */
  exact: boolean;
}

export interface HandlerHints {
  /** Export names the project model gives this file's functions, with their platform. */
  exports: ReadonlyMap<string, 'aws' | 'azure' | 'gcp'>;
  /**
   * The platform of a model function that names this file without an export (an Azure
   * function.json without `entryPoint`): the module's own export is then its handler.
   */
  moduleExportPlatform?: 'aws' | 'azure' | 'gcp';
}

/** Parameter names that say "this is the incoming event" on an export not named `handler`. */
const EVENT_PARAMETER = /^(event|evt|e|req|request)$/;
const CONTEXT_PARAMETER = /^_?(context|ctx)$/;
const GCP_PARAMETERS = { request: /^(req|request)$/, response: /^(res|response)$/ };

/** Functions exported by a module that a platform would call with event data. */
export function findHandlers(program: TSESTree.Program, imports: ImportBindings, hints: HandlerHints): HandlerFunction[] {
  const declarations = topLevelDeclarations(program);
  const found = new Map<FunctionNode, HandlerFunction>();
  const add = (exportName: string, value: TSESTree.Node | null | undefined) => {
    const node = value ? resolveFunction(value, declarations, 0) : undefined;
    if (!node || found.has(node)) return;
    const platform = platformOf(exportName, node, hints);
    if (platform) found.set(node, { node, exportName, platform });
  };

  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = unwrap(statement.expression);
      if (expression.type === AST_NODE_TYPES.AssignmentExpression && expression.operator === '=') {
        const target = memberPath(expression.left)?.join('.');
        if (target === 'module.exports') {
          const value = unwrap(expression.right);
          if (value.type === AST_NODE_TYPES.ObjectExpression) {
            for (const property of value.properties) {
              if (property.type !== AST_NODE_TYPES.Property) continue;
              const name = propertyName(property.key, property.computed);
              if (name !== undefined) add(name, property.value);
            }
          } else {
            add('module.exports', value);
          }
        } else if (target && /^(module\.)?exports\.[^.]+$/.test(target)) {
          add(target.slice(target.lastIndexOf('.') + 1), expression.right);
        }
      } else if (expression.type === AST_NODE_TYPES.CallExpression) {
        addTriggerRegistration(expression, imports, declarations, found);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
        add(declaration.id.name, declaration);
      } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier) add(declarator.id.name, declarator.init);
        }
      }
      if (!statement.source) {
        for (const specifier of statement.specifiers) {
          const exported = propertyName(specifier.exported, false);
          if (exported !== undefined) add(exported, specifier.local);
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      add('default', statement.declaration);
    }
  }
  return [...found.values()];
}

/**
 * Whether an export is a handler, and for which platform; undefined when it is not one. Exports
 * other than `handler` need a reason (the model names them, or their parameters look like an
 * event): a utility module's `module.exports = (cmd) => …` is not fed by an event.
 */
function platformOf(exportName: string, node: FunctionNode, hints: HandlerHints): HandlerPlatform | undefined {
  const names = node.params.map(parameterName).filter((name) => name !== 'this');
  const [first, second] = names;
  const looksAzure = first !== undefined && CONTEXT_PARAMETER.test(first);
  const looksGcp =
    first !== undefined && second !== undefined && GCP_PARAMETERS.request.test(first) && GCP_PARAMETERS.response.test(second);
  const isModuleExport = exportName === 'default' || exportName === 'module.exports';
  const known = hints.exports.get(exportName) ?? (isModuleExport ? hints.moduleExportPlatform : undefined);
  // A function.json-based Azure function (the v3 model) is always called with `context` first.
  if (known !== undefined) return known;
  if (looksAzure && (isModuleExport || exportName === 'handler')) return 'azure';
  if (looksGcp) return 'gcp';
  if (exportName === 'handler') return 'aws';
  if (isModuleExport && first !== undefined && EVENT_PARAMETER.test(first)) return 'aws';
  return undefined;
}

function parameterName(parameter: TSESTree.Parameter): string | undefined {
  const node = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
  return node.type === AST_NODE_TYPES.Identifier ? node.name : undefined;
}

/** Azure v4 `app.http('name', { handler })` and Google's `functions.http('name', fn)`. */
function addTriggerRegistration(
  call: TSESTree.CallExpression,
  imports: ImportBindings,
  declarations: ReadonlyMap<string, TSESTree.Node>,
  found: Map<FunctionNode, HandlerFunction>,
): void {
  const callee = unwrap(call.callee);
  let module: string | undefined;
  let method: string | undefined;
  if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.Identifier) {
    module = imports.get(callee.object.name)?.module;
    method = propertyName(callee.property, callee.computed);
  } else if (callee.type === AST_NODE_TYPES.Identifier) {
    const binding = imports.get(callee.name);
    module = binding?.module;
    method = binding?.name;
  }
  const nameArgument = call.arguments[0];
  const exportName =
    nameArgument?.type === AST_NODE_TYPES.Literal && typeof nameArgument.value === 'string' ? nameArgument.value : (method ?? 'trigger');
  let value: TSESTree.Node | undefined;
  let platform: HandlerPlatform | undefined;
  if (module === '@azure/functions') {
    // `app` is the named export; `app.http(…)`, `app.storageQueue(…)`: every trigger takes options.
    const options = call.arguments[1];
    if (options?.type === AST_NODE_TYPES.ObjectExpression) {
      const handler = options.properties.find(
        (property): property is TSESTree.Property =>
          property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === 'handler',
      );
      value = handler?.value;
      platform = 'azure-v4';
    }
  } else if (module === '@google-cloud/functions-framework' && (method === 'http' || method === 'cloudEvent')) {
    value = call.arguments[1];
    platform = 'gcp';
  }
  const node = value && platform ? resolveFunction(value, declarations, 0) : undefined;
  if (node && platform && !found.has(node)) found.set(node, { node, exportName, platform });
}

/** Names declared at the top of the module (functions, variables), exported or not. */
function topLevelDeclarations(program: TSESTree.Program): Map<string, TSESTree.Node> {
  const declarations = new Map<string, TSESTree.Node>();
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration
        ? statement.declaration
        : statement;
    if (!declaration) continue;
    if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      declarations.set(declaration.id.name, declaration);
    } else if (declaration.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) declarations.set(declarator.id.name, declarator.init);
      }
    }
  }
  return declarations;
}

/**
 * The function an exported value stands for: the function itself, a top-level name bound to one,
 * or the first argument of a wrapper call (`middy(fn).use(…)`, `wrapHandler(fn)`): wrappers are
 * assumed to pass the event through, which holds for the middleware libraries in common use.
 */
function resolveFunction(value: TSESTree.Node, declarations: ReadonlyMap<string, TSESTree.Node>, depth: number): FunctionNode | undefined {
  if (depth > 8) return undefined;
  const node = unwrap(value);
  if (isFunction(node)) return node;
  if (node.type === AST_NODE_TYPES.Identifier) {
    const declared = declarations.get(node.name);
    return declared && declared !== value ? resolveFunction(declared, declarations, depth + 1) : undefined;
  }
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.CallExpression) {
      return resolveFunction(callee.object, declarations, depth + 1);
    }
    const first = node.arguments[0];
    return first ? resolveFunction(first, declarations, depth + 1) : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------

/** Methods whose result carries the receiver's data. */
const PROPAGATING_METHODS = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'slice',
  'substring',
  'substr',
  'split',
  'replace',
  'replaceAll',
  'concat',
  'padStart',
  'padEnd',
  'repeat',
  'at',
  'charAt',
  'join',
  'toString',
  'valueOf',
  'flat',
  'filter',
  'find',
  'map',
  // Readers of a request or of its parts: `await request.json()`, `request.query.get('q')`.
  'json',
  'text',
  'get',
  'getAll',
]);

/**
 * Functions whose result carries their first argument. The URI encoders are here on purpose: they
 * leave `'`, `(`, `)`, `*`, `!` and a leading `-` alone, enough to break out of quotes, glob or
 * inject an option, so they do not make a value safe for a shell.
 */
const PROPAGATING_FUNCTIONS = new Set([
  'JSON.parse',
  'String',
  'Buffer.from',
  'decodeURIComponent',
  'decodeURI',
  'encodeURIComponent',
  'encodeURI',
]);

/** Methods whose arguments also flow into the result (`'ls '.concat(x)`, `s.replace('X', x)`). */
const ARGUMENT_PROPAGATING_METHODS = new Set(['concat', 'replace', 'replaceAll', 'padStart', 'padEnd']);

/** Array methods whose callback receives the elements as its first parameter. */
const ELEMENT_CALLBACK_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'some', 'every', 'then']);

type Binding =
  | { kind: 'declare'; target: TSESTree.Node; value: TSESTree.Node; elements: boolean }
  | { kind: 'assign'; target: TSESTree.Node; value: TSESTree.Node };

/** The taint facts of one handler. */
export class HandlerTaint {
  /** Names holding event data, with where the data came from. */
  private readonly tainted = new Map<string, TaintOrigin>();
  /** Names of which only some members are sources (Azure's `context.bindings`, `context.req`). */
  private readonly partialSources = new Map<string, ReadonlySet<string>>();

  constructor(readonly handler: HandlerFunction) {
    this.seedSources();
    this.propagate();
  }

  /** The origin of the event data an expression carries, if it carries any. */
  taintOf(expression: TSESTree.Node): TaintOrigin | undefined {
    const node = unwrap(expression);
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const origin = this.tainted.get(node.name);
        // A source parameter read here: the data enters at this very expression.
        if (origin && origin.exact && origin.node.type === AST_NODE_TYPES.Identifier && this.isSourceParameter(origin.node)) {
          return { label: origin.label, node, exact: true };
        }
        return origin;
      }
      case AST_NODE_TYPES.MemberExpression:
        return this.taintOfMember(node);
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator !== '+') return undefined;
        return inexact(this.taintOf(node.left) ?? this.taintOf(node.right));
      case AST_NODE_TYPES.TemplateLiteral:
        return inexact(this.firstTainted(node.expressions));
      case AST_NODE_TYPES.ConditionalExpression:
        return inexact(this.taintOf(node.consequent) ?? this.taintOf(node.alternate));
      case AST_NODE_TYPES.LogicalExpression:
        return inexact(this.taintOf(node.left) ?? this.taintOf(node.right));
      case AST_NODE_TYPES.AwaitExpression:
        return this.taintOf(node.argument);
      case AST_NODE_TYPES.SequenceExpression: {
        const last = node.expressions[node.expressions.length - 1];
        return last ? this.taintOf(last) : undefined;
      }
      case AST_NODE_TYPES.AssignmentExpression:
        return this.taintOf(node.right);
      case AST_NODE_TYPES.ArrayExpression:
        return inexact(this.firstTainted(node.elements));
      case AST_NODE_TYPES.SpreadElement:
        return this.taintOf(node.argument);
      case AST_NODE_TYPES.ObjectExpression:
        return inexact(
          this.firstTainted(
            node.properties.map((property) => (property.type === AST_NODE_TYPES.Property ? property.value : property)),
          ),
        );
      case AST_NODE_TYPES.CallExpression:
        return this.taintOfCall(node);
      default:
        return undefined;
    }
  }

  private taintOfMember(node: TSESTree.MemberExpression): TaintOrigin | undefined {
    const name = propertyName(node.property, node.computed);
    const object = unwrap(node.object);
    if (object.type === AST_NODE_TYPES.Identifier && name !== undefined && this.partialSources.get(object.name)?.has(name)) {
      return { label: `${object.name}.${name}`, node, exact: true };
    }
    const inner = this.taintOf(node.object);
    if (!inner) return undefined;
    if (!inner.exact) return inner;
    if (name === undefined) return { ...inner, exact: false };
    const label = /^[A-Za-z_$][\w$]*$/.test(name)
      ? `${inner.label}.${name}`
      : /^\d+$/.test(name)
        ? `${inner.label}[${name}]`
        : `${inner.label}['${name.replace(/'/g, "\\'")}']`;
    // The data enters where the whole path is read, unless it was read earlier into a variable.
    return { label, node: inner.node === object ? node : inner.node, exact: true };
  }

  private taintOfCall(node: TSESTree.CallExpression): TaintOrigin | undefined {
    const callee = unwrap(node.callee);
    const path = memberPath(callee)?.join('.');
    const first = node.arguments[0];
    if (path !== undefined && PROPAGATING_FUNCTIONS.has(path)) {
      return first ? inexact(this.taintOf(first)) : undefined;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const method = propertyName(callee.property, callee.computed);
      if (method === undefined) return undefined;
      if (PROPAGATING_METHODS.has(method)) {
        const receiver = this.taintOf(callee.object);
        if (receiver) return inexact(receiver);
      }
      if (ARGUMENT_PROPAGATING_METHODS.has(method)) return inexact(this.firstTainted(node.arguments));
    }
    // Unknown calls return clean values: the analysis does not look into functions.
    return undefined;
  }

  private firstTainted(nodes: readonly (TSESTree.Node | null)[]): TaintOrigin | undefined {
    for (const node of nodes) {
      const origin = node ? this.taintOf(node) : undefined;
      if (origin) return origin;
    }
    return undefined;
  }

  private isSourceParameter(node: TSESTree.Identifier): boolean {
    return this.handler.node.params.some((parameter) => parameter === node || (parameter.type === AST_NODE_TYPES.AssignmentPattern && parameter.left === node));
  }

  private seedSources(): void {
    const { node, platform } = this.handler;
    const params = node.params.filter((parameter) => parameterName(parameter) !== 'this');
    const sourceParams = platform === 'azure' ? params.slice(1) : params.slice(0, 1);
    for (const parameter of sourceParams) {
      const pattern = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
      const root = pattern.type === AST_NODE_TYPES.Identifier ? pattern.name : platform === 'aws' ? 'event' : 'req';
      this.bindPattern(pattern, { label: root, node: pattern, exact: true });
    }
    if (platform === 'azure') {
      const context = params[0];
      const name = context ? parameterName(context) : undefined;
      if (name !== undefined) this.partialSources.set(name, new Set(['bindings', 'req']));
    }
  }

  /** Spreads taint over the handler's bindings until nothing changes (each pass can only add). */
  private propagate(): void {
    const bindings = this.collectBindings();
    for (let pass = 0; pass < 50; pass++) {
      const before = this.tainted.size;
      for (const binding of bindings) {
        if (binding.kind === 'declare') {
          const origin = this.originOfDeclared(binding.target, binding.value);
          if (origin) this.bindPattern(binding.target, binding.elements ? inexact(origin) : origin);
        } else {
          const origin = this.taintOf(binding.value);
          if (origin) this.bindPattern(binding.target, inexact(origin));
        }
      }
      if (this.tainted.size === before) return;
    }
  }

  /** The origin of a declaration's value; for `const { bindings } = context` the partial source. */
  private originOfDeclared(target: TSESTree.Node, value: TSESTree.Node): TaintOrigin | undefined {
    const init = unwrap(value);
    if (init.type === AST_NODE_TYPES.Identifier && target.type === AST_NODE_TYPES.ObjectPattern) {
      const members = this.partialSources.get(init.name);
      if (members) {
        for (const property of target.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const name = propertyName(property.key, property.computed);
          if (name !== undefined && members.has(name)) {
            this.bindPattern(property.value, { label: `${init.name}.${name}`, node: property, exact: true });
          }
        }
      }
    }
    return this.taintOf(value);
  }

  /** Marks every name a pattern binds as carrying `origin`, refining labels through object keys. */
  private bindPattern(pattern: TSESTree.Node, origin: TaintOrigin): void {
    switch (pattern.type) {
      case AST_NODE_TYPES.Identifier:
        if (!this.tainted.has(pattern.name)) this.tainted.set(pattern.name, origin);
        return;
      case AST_NODE_TYPES.ObjectPattern:
        for (const property of pattern.properties) {
          if (property.type === AST_NODE_TYPES.RestElement) {
            this.bindPattern(property.argument, origin);
            continue;
          }
          const name = propertyName(property.key, property.computed);
          const refined =
            origin.exact && name !== undefined ? { label: `${origin.label}.${name}`, node: property, exact: true } : { ...origin, exact: false };
          this.bindPattern(property.value, refined);
        }
        return;
      case AST_NODE_TYPES.ArrayPattern:
        for (const element of pattern.elements) if (element) this.bindPattern(element, inexact(origin));
        return;
      case AST_NODE_TYPES.RestElement:
        this.bindPattern(pattern.argument, origin);
        return;
      case AST_NODE_TYPES.AssignmentPattern:
        this.bindPattern(pattern.left, origin);
        return;
      case AST_NODE_TYPES.MemberExpression: {
        // `params.cmd = event.body` taints `params` as a whole: the analysis has no per-field state.
        const root = memberPath(pattern)?.[0];
        if (root !== undefined && !this.tainted.has(root)) this.tainted.set(root, inexact(origin));
        return;
      }
      default:
        return;
    }
  }

  /** Every place in the handler (nested functions included) where a value is bound to a name. */
  private collectBindings(): Binding[] {
    const bindings: Binding[] = [];
    walk(this.handler.node.body, (node) => {
      switch (node.type) {
        case AST_NODE_TYPES.VariableDeclarator:
          if (node.init) bindings.push({ kind: 'declare', target: node.id, value: node.init, elements: false });
          break;
        case AST_NODE_TYPES.AssignmentExpression:
          // `x = v`, `x += v`, `x ||= v`: all may leave event data in x.
          bindings.push({ kind: 'assign', target: node.left, value: node.right });
          break;
        case AST_NODE_TYPES.ForOfStatement:
        case AST_NODE_TYPES.ForInStatement: {
          const target = node.left.type === AST_NODE_TYPES.VariableDeclaration ? node.left.declarations[0]?.id : node.left;
          if (target) bindings.push({ kind: 'declare', target, value: node.right, elements: true });
          break;
        }
        case AST_NODE_TYPES.CallExpression: {
          const callee = unwrap(node.callee);
          if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
          const method = propertyName(callee.property, callee.computed);
          const callback = node.arguments[0];
          if (method === undefined || !ELEMENT_CALLBACK_METHODS.has(method) || !callback || !isFunction(callback)) break;
          const parameter = callback.params[0];
          if (parameter) bindings.push({ kind: 'declare', target: parameter, value: callee.object, elements: true });
          break;
        }
        default:
          break;
      }
    });
    return bindings;
  }
}

function inexact(origin: TaintOrigin): TaintOrigin;
function inexact(origin: TaintOrigin | undefined): TaintOrigin | undefined;
function inexact(origin: TaintOrigin | undefined): TaintOrigin | undefined {
  return origin && origin.exact ? { ...origin, exact: false } : origin;
}

/** Walks a handler's body, calling `visit` for every call expression (nested functions included). */
export function forEachCall(handler: HandlerFunction, visit: (call: TSESTree.CallExpression | TSESTree.NewExpression) => void): void {
  walk(handler.node.body, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) visit(node);
  });
}
