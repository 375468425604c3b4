/**
 * The taint analysis of one JavaScript/TypeScript module: a summary per function, computed by
 * abstract interpretation to a bounded fixed point.
 *
 * Every function is evaluated once per round with its parameters standing for themselves
 * (symbolic `param` roots). What it returns and which sinks its values reach are its summary; a
 * call site substitutes its arguments into the callee's summary instead of re-analysing the body
 * (no inlining, so no path explosion: each round is linear in the module's size). Rounds repeat
 * until nothing changes, at most `MAX_ROUNDS` times, because a summary can depend on functions
 * further down the file, on itself (recursion) and on variables written after they are read.
 *
 * Variables are the scope manager's (`@typescript-eslint/scope-manager`), so a shadowing inner
 * variable is never taken for an outer one. Their values are flow-insensitive: a variable holds
 * everything ever assigned to it, so a later `cmd = 'ls'` does not clean an earlier tainted `cmd`
 * (a false positive we accept over tracking every path); guards (see `guards.ts`) are the
 * flow-sensitive exception.
 */
import { analyze, DefinitionType, type ScopeManager, type Variable } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES as NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import * as posix from 'node:path/posix';
import type { FilePath } from '../../engine/types';
import type { JavaScriptFile, SourceFile } from '../../parse/source-file';
import { childrenOf, isFunction, propertyName, unwrap, type FunctionNode } from '../estree';
import { guardCleaning, type Cleaning, type GuardHost } from './guards';
import { writeSinks } from './writes';
import { applySchema, builtSchema, jsonSchemaShape, libraryOf, refinedSchema } from './schema';
import {
  AJV_MODULES,
  ARGUMENT_METHODS,
  CALLBACK_METHODS,
  HTML_CONTENT_TYPE,
  HTML_RESPONSE,
  LOCATION_HEADER,
  PROPAGATORS,
  READER_METHODS,
  RECEIVER_METHODS,
  RESPONSE_CHAIN_METHODS,
  SANITIZERS,
  SINKS,
  STORING_METHODS,
  VALIDATORS,
  type CalleePattern,
  type PropagatorSpec,
  type SanitizerSpec,
  type SinkSpec,
} from './specs/index';
import {
  addStep,
  bounded,
  cleanedFor,
  EMPTY,
  flatten,
  isEmpty,
  join,
  mapTaints,
  matchesExactly,
  matchesPrefix,
  signature,
  stringOf,
  taintKey,
  transformed,
  withFieldPath,
  withStep,
  type ClassNode,
  type Provenance,
  type Root,
  type SchemaShape,
  type Step,
  type Taint,
  type Value,
} from './value';

/** Read once: the package exposes the enum through a getter, which would run on every node test. */
const AST_NODE_TYPES = NODE_TYPES;

const MAX_ROUNDS = 8;
const MAX_SINKS_PER_FUNCTION = 200;
const MAX_RESOLVE_DEPTH = 4;

/** Operators whose value is a literal to MongoDB, never a nested query. */
const LITERAL_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$size', '$exists', '$type']);

/** A sink reached by tainted values, as recorded in a summary. */
export interface SinkHit {
  spec: SinkSpec;
  file: FilePath;
  /** The argument (or property value) that carries the data. */
  range: readonly [number, number];
  name: string;
  taints: readonly Taint[];
}

/**
 * A call whose callee or receiver is a parameter (`callback(x)`, `client.query(sql)`): what it
 * does is known only when the caller says what the parameter is.
 */
interface DeferredCall {
  file: FilePath;
  node: TSESTree.CallExpression | TSESTree.NewExpression;
  /** The exact, parameter-rooted taint of the callee, or of the receiver when `method` is set. */
  target: Taint;
  method?: string;
  args: readonly Value[];
  isNew: boolean;
}

export interface Summary {
  returns: Value;
  sinks: Map<string, SinkHit>;
  deferred: Map<string, DeferredCall>;
  /** This function's sinks and those of the functions nested in it (closures run with its data). */
  visibleSinks: SinkHit[];
  visibleDeferred: DeferredCall[];
}

function newSummary(): Summary {
  return { returns: EMPTY, sinks: new Map(), deferred: new Map(), visibleSinks: [], visibleDeferred: [] };
}

/** Loads and caches the modules of one project: the link between files. */
export interface ModuleLoader {
  /** The analysis of the JavaScript module at `path`, or undefined (missing, not JS, in a cycle). */
  module(path: FilePath): ModuleAnalysis | undefined;
  sourceFile(path: FilePath): SourceFile | undefined;
}

/** Where each function and class was analysed: summaries are looked up across modules. */
const OWNERS = new WeakMap<FunctionNode | ClassNode, ModuleAnalysis>();


interface CallInfo {
  node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ImportExpression;
  file: FilePath;
  isNew: boolean;
  callee: Value;
  receiver?: Value;
  method?: string;
  /** The dotted name of a callee rooted at an unbound global (`JSON.parse`, `eval`). */
  globalName?: string;
  args: readonly Value[];
  argNodes: readonly (TSESTree.Node | undefined)[];
}

/** The evaluations of one function (or of the exports): a node value is valid while `stamp` is its owner's. */
interface Owner {
  stamp: number;
  /** Its nodes whose values other functions read. */
  watched: Set<TSESTree.Node>;
}

interface Computed {
  value: Value;
  owner: Owner;
  stamp: number;
}

/** How a call substitutes arguments into a summary. */
interface Substitution {
  fn: FunctionNode;
  args: readonly Value[];
  /** A hop shown where an argument becomes a parameter; none for entry points. */
  paramStep?: (index: number) => Step | undefined;
}

let nextId = 0;
const IDS = new WeakMap<object, number>();
function idOf(object: object): number {
  let id = IDS.get(object);
  if (id === undefined) {
    id = nextId++;
    IDS.set(object, id);
  }
  return id;
}

function indexBy<T extends CalleePattern>(specs: readonly T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const spec of specs) {
    const key =
      spec.global !== undefined
        ? `g:${spec.global}`
        : spec.method !== undefined
          ? `m:${spec.method}`
          : `e:${spec.export?.split('.').pop() ?? ''}`;
    index.set(key, [...(index.get(key) ?? []), spec]);
  }
  return index;
}

const SINK_INDEX = indexBy(SINKS);
const SANITIZER_INDEX = indexBy(SANITIZERS);
const PROPAGATOR_INDEX = indexBy(PROPAGATORS);
const VALIDATOR_INDEX = indexBy(VALIDATORS);

function candidates<T extends CalleePattern>(index: ReadonlyMap<string, T[]>, call: CallInfo): readonly T[] {
  const global = call.globalName !== undefined ? index.get(`g:${call.globalName}`) : undefined;
  const method = call.method !== undefined ? index.get(`m:${call.method}`) : undefined;
  let exports: string[] | undefined;
  for (const provenance of call.callee.provenance ?? []) {
    if (!provenance.exact) continue;
    const key = `e:${exportPath(provenance.path).slice(-1)[0] ?? ''}`;
    if (index.has(key) && !exports?.includes(key)) (exports ??= []).push(key);
  }
  // Most calls match no spec of the table: no array is built for them.
  if (!exports) return global && method ? [...global, ...method] : (global ?? method ?? []);
  return [...(global ?? []), ...(method ?? []), ...exports.flatMap((key) => index.get(key) ?? [])];
}

/** `import x from 'm'` of a CommonJS module is the module object: drop a leading `default`. */
function exportPath(path: readonly string[]): readonly string[] {
  return path[0] === 'default' ? path.slice(1) : path;
}

/** Whether a call invokes the function a pattern describes. */
export function matchesCallee(pattern: CalleePattern, call: Pick<CallInfo, 'isNew' | 'callee' | 'receiver' | 'method' | 'globalName'>): boolean {
  const invoke = pattern.invoke ?? 'call';
  if ((invoke === 'call' && call.isNew) || (invoke === 'new' && !call.isNew)) return false;
  if (pattern.global !== undefined) return call.globalName === pattern.global;
  const modules = pattern.modules ?? [];
  if (pattern.export !== undefined) {
    const wanted = exportSegments(pattern.export);
    return (call.callee.provenance ?? []).some((provenance) => {
      if (!provenance.exact || !modules.includes(provenance.module)) return false;
      const path = exportPath(provenance.path);
      return path.length === wanted.length && path.every((segment, index) => segment === wanted[index]);
    });
  }
  if (pattern.method !== undefined) {
    return (
      call.method === pattern.method &&
      (call.receiver?.provenance ?? []).some(
        (provenance) => modules.includes(provenance.module) && !(provenance.via !== undefined && pattern.notVia?.includes(provenance.via)),
      )
    );
  }
  return false;
}

const EXPORT_SEGMENTS = new Map<string, readonly string[]>();

/** `'promises.readFile'` as its segments (the spec tables are fixed: computed once per export). */
function exportSegments(name: string): readonly string[] {
  let segments = EXPORT_SEGMENTS.get(name);
  if (!segments) {
    segments = name === '' ? [] : name.split('.');
    EXPORT_SEGMENTS.set(name, segments);
  }
  return segments;
}

function normalizeModule(name: string): string {
  return name.startsWith('node:') ? name.slice('node:'.length) : name;
}

const MODULE_EXTENSIONS = ['', '.js', '.ts', '.mjs', '.cjs', '.mts', '.cts', '.jsx', '.tsx'];

/** The project files a relative module specifier may name, most likely first. */
export function moduleCandidates(from: FilePath, specifier: string): FilePath[] {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = MODULE_EXTENSIONS.map((extension) => base + extension);
  // TypeScript's ESM style: `import './db.js'` names `db.ts`.
  const script = /\.(c|m)?js$/.exec(base);
  if (script) candidates.push(base.slice(0, -script[0].length) + (script[1] ? `.${script[1]}ts` : '.ts'));
  for (const extension of MODULE_EXTENSIONS.slice(1)) candidates.push(`${base}/index${extension}`);
  return candidates;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..';
}

function memberName(node: TSESTree.MemberExpression): string | undefined {
  return propertyName(node.property, node.computed);
}

function displayName(fn: FunctionNode, parent: TSESTree.Node | undefined): string | undefined {
  if (fn.id) return fn.id.name;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  if ((parent?.type === AST_NODE_TYPES.Property || parent?.type === AST_NODE_TYPES.MethodDefinition || parent?.type === AST_NODE_TYPES.PropertyDefinition) && !parent.computed) {
    return propertyName(parent.key, false);
  }
  // `exports.findUser = async (name) => …`
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left.type === AST_NODE_TYPES.MemberExpression) {
    return propertyName(parent.left.property, parent.left.computed);
  }
  return undefined;
}

function stepAt(file: FilePath, node: TSESTree.Node, message: string): Step {
  return { file, range: [node.range[0], node.range[1]], message };
}

export class ModuleAnalysis implements GuardHost {
  readonly path: FilePath;
  /** The files this analysis read, and what they were: a changed one makes it stale. */
  readonly dependencies = new Map<FilePath, SourceFile | undefined>();
  /** What the module exports (`module.exports`, ESM exports as fields, `default` included). */
  exports: Value = EMPTY;

  private readonly ast: TSESTree.Program;
  private readonly scopes: ScopeManager;
  private readonly variableOf = new Map<TSESTree.Node, Variable>();
  private readonly parents = new Map<TSESTree.Node, TSESTree.Node>();
  private readonly childNodes = new Map<TSESTree.Node, TSESTree.Node[]>();
  /** How many rounds the fixed point took (for tests of the bound). */
  rounds = 0;
  /** How many function evaluations the rounds made, the module's own body included (for tests). */
  evaluations = 0;
  private readonly functions: FunctionNode[] = [];
  /** Directly nested functions of each function (the program's top-level ones under the program). */
  private readonly children = new Map<FunctionNode | TSESTree.Program, FunctionNode[]>();
  private readonly summaries = new Map<FunctionNode | TSESTree.Program, Summary>();
  private readonly variables = new Map<Variable, Value>();
  /** The fields written to instances of this module's classes (`this.x = …`, `instance.x = …`). */
  private readonly classFields = new Map<ClassNode, Map<string, Value>>();
  /** The analyses of the local modules this one imports. */
  private readonly imported = new Set<ModuleAnalysis>();
  /** Node values, each valid while the evaluation that computed it is the latest of its owner. */
  private readonly cache = new Map<TSESTree.Node, Computed>();
  private current: Summary = newSummary();
  private changed = false;
  private resolveDepth = 0;
  /**
   * What each function's last evaluation read, so that a round re-evaluates only the functions
   * whose inputs changed (see `run`). A cell is a variable, a summary, a class (its fields) or a
   * node whose cached value another function used.
   */
  private readonly readers = new Map<object, Set<FunctionNode | TSESTree.Program>>();
  private readonly dirty = new Set<FunctionNode | TSESTree.Program>();
  /** The function being evaluated while reads are recorded; undefined outside the rounds. */
  private reader: FunctionNode | TSESTree.Program | undefined;
  /** What the evaluation under way has read so far. */
  private readonly readNow = new Set<object>();
  /** Who computes the nodes evaluated now: the function being evaluated, or the exports. */
  private owner: Owner = { stamp: 0, watched: new Set() };
  private readonly owners = new Map<FunctionNode | TSESTree.Program, Owner>();
  /** What `collectEsmExports` computes: recomputed every round. */
  private readonly exportsOwner: Owner = this.owner;
  /** The nodes of each function's body in source order, nested functions excluded. */
  private readonly bodies = new Map<FunctionNode | TSESTree.Program, TSESTree.Node[]>();

  constructor(
    readonly file: JavaScriptFile & { ast: TSESTree.Program },
    private readonly loader: ModuleLoader,
  ) {
    this.path = file.path;
    this.ast = file.ast;
    this.scopes = analyze(this.ast, { sourceType: 'module' });
    this.index();
    this.run();
  }

  // ---------------------------------------------------------------------------------------------
  // Public queries

  /** The summary of a function of this module (after the fixed point). */
  summaryOf(fn: FunctionNode): Summary | undefined {
    const summary = this.summaries.get(fn);
    if (summary) this.read(summary);
    return summary;
  }

  /** The value an expression of this module holds. */
  valueOf(node: TSESTree.Node): Value {
    const value = this.computed(node);
    // Not computed yet: read again when it is.
    if (!value && this.reader !== undefined) this.read(node);
    return value ?? EMPTY;
  }

  parentOf(node: TSESTree.Node): TSESTree.Node | undefined {
    return this.parents.get(node);
  }

  /** The name a user would give a function: its own, its variable's or its property's. */
  nameOf(fn: FunctionNode): string | undefined {
    return displayName(fn, this.parents.get(fn));
  }

  /**
   * Every call and `new` expression of the module with what its callee is. With `names` (method
   * and export names, as in `method` and the last segment of `export` patterns), only the calls
   * whose callee may be one of them: a property of that name, or a value exported under it.
   */
  *calls(names?: ReadonlySet<string>): Generator<{ node: TSESTree.CallExpression | TSESTree.NewExpression; matches(pattern: CalleePattern): boolean; args: readonly Value[] }> {
    for (const [node] of this.parents) {
      if (node.type !== AST_NODE_TYPES.CallExpression && node.type !== AST_NODE_TYPES.NewExpression) continue;
      if (names && !this.mayBeNamed(node, names)) continue;
      const info = this.callInfo(node, node.type === AST_NODE_TYPES.NewExpression);
      yield { node, matches: (pattern) => matchesCallee(pattern, info), args: info.args };
    }
  }

  private mayBeNamed(node: TSESTree.CallExpression | TSESTree.NewExpression, names: ReadonlySet<string>): boolean {
    const callee = unwrap(node.callee);
    // `x.name(…)`: the method, and the last segment of the callee's export path, are `name`.
    if (callee.type === AST_NODE_TYPES.MemberExpression) {
      const name = callee.computed ? this.literalKey(callee.property) : memberName(callee);
      if (name !== undefined) return names.has(name);
    }
    const value = this.computed(callee);
    if (!value) return true;
    if (callee.type === AST_NODE_TYPES.Identifier && names.has(callee.name)) return true;
    return (value.provenance ?? []).some((provenance) => provenance.exact && names.has(exportPath(provenance.path).slice(-1)[0] ?? ''));
  }

  /** True when every file this analysis read, directly or through its imports, is still the same. */
  isCurrent(loader: Pick<ModuleLoader, 'sourceFile'>, seen = new Set<ModuleAnalysis>()): boolean {
    if (seen.has(this)) return true;
    seen.add(this);
    for (const [path, file] of this.dependencies) if (loader.sourceFile(path) !== file) return false;
    for (const module of this.imported) if (!module.isCurrent(loader, seen)) return false;
    return true;
  }

  /** The fields written to instances of a class of this module. */
  fieldsOf(owner: ClassNode): ReadonlyMap<string, Value> | undefined {
    this.read(owner);
    return this.classFields.get(owner);
  }

  /**
   * The sinks a function reaches when called with `args`: how an entry point's summary is turned
   * into flows from its event parameters.
   */
  sinksFor(fn: FunctionNode, args: readonly Value[]): SinkHit[] {
    const summary = this.summaries.get(fn);
    if (!summary) return [];
    const saved = this.current;
    this.current = newSummary();
    try {
      this.applySummary(summary, { fn, args });
      return [...this.current.sinks.values()];
    } finally {
      this.current = saved;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Setup

  private index(): void {
    for (const scope of this.scopes.scopes) {
      for (const reference of scope.references) if (reference.resolved) this.variableOf.set(reference.identifier, reference.resolved);
      for (const variable of scope.variables) for (const identifier of variable.identifiers) this.variableOf.set(identifier, variable);
    }
    // Parents and functions, iteratively (no recursion on deep expressions).
    const stack: TSESTree.Node[] = [this.ast];
    this.children.set(this.ast, []);
    while (stack.length > 0) {
      const node = stack.pop();
      if (!node) break;
      if (isFunction(node)) {
        this.functions.push(node);
        OWNERS.set(node, this);
        // The function around it: its parents are known, being visited first.
        let around = this.parents.get(node);
        while (around && !isFunction(around)) around = this.parents.get(around);
        this.children.get(around ?? this.ast)?.push(node);
        this.children.set(node, []);
      } else if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) {
        OWNERS.set(node, this);
      }
      const children = childrenOf(node);
      if (children.length > 0) this.childNodes.set(node, children);
      for (const child of children) {
        this.parents.set(child, node);
        stack.push(child);
      }
    }
    this.functions.sort((a, b) => a.range[0] - b.range[0]);
    for (const fn of [this.ast, ...this.functions]) this.summaries.set(fn, newSummary());
  }

  /**
   * Rounds to the fixed point. The first evaluates every function; each later one only the
   * functions that read something (a variable, a summary, class fields, another function's node
   * value) that changed since their last evaluation, in the same order, so that every round gives
   * the state a full round would: a function whose inputs are unchanged would change nothing.
   */
  private run(): void {
    this.seedVariables();
    const order = [this.ast, ...this.functions];
    const last = this.functions[this.functions.length - 1] ?? this.ast;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      this.rounds = round + 1;
      this.changed = false;
      for (const fn of order) {
        if (round > 0 && !this.dirty.has(fn)) continue;
        this.dirty.delete(fn);
        this.reevaluate(fn);
      }
      // Exports are collected after the last function, with its summary current, every round.
      this.reader = undefined;
      this.current = this.summaries.get(last) ?? this.current;
      const previous = this.forget(this.exportsOwner);
      this.owner = this.exportsOwner;
      this.collectEsmExports();
      this.touchChanged(previous);
      this.computeVisible();
      // A round that changed nothing is the fixed point, as is one after which nothing read a change.
      if (!this.changed || this.dirty.size === 0) break;
    }
    this.reader = undefined;
  }

  /** Evaluates a function afresh, and tells the readers of its nodes' values when they changed. */
  private reevaluate(fn: FunctionNode | TSESTree.Program): void {
    let owner = this.owners.get(fn);
    if (!owner) {
      owner = { stamp: 0, watched: new Set() };
      this.owners.set(fn, owner);
    }
    const previous = this.forget(owner);
    this.evaluations++;
    this.readNow.clear();
    this.reader = fn;
    this.owner = owner;
    this.evaluateFunction(fn);
    this.touchChanged(previous);
  }

  private touchChanged(previous: ReadonlyMap<TSESTree.Node, Value>): void {
    for (const [node, value] of previous) {
      const now = this.computed(node);
      if (!now || signature(now) !== signature(value)) this.touch(node);
    }
  }

  /** Drops the values an owner computed; returns those other functions read. */
  private forget(owner: Owner): Map<TSESTree.Node, Value> {
    const previous = new Map<TSESTree.Node, Value>();
    for (const node of owner.watched) {
      const entry = this.cache.get(node);
      if (entry && entry.owner === owner && entry.stamp === owner.stamp) previous.set(node, entry.value);
    }
    owner.stamp++;
    return previous;
  }

  /** The current value of a node, if it was computed and its owner was not evaluated since. */
  private computed(node: TSESTree.Node): Value | undefined {
    const entry = this.cache.get(node);
    if (!entry || entry.stamp !== entry.owner.stamp) return undefined;
    // Another function's node: this one is evaluated again when the value changes.
    if (this.reader !== undefined && entry.owner !== this.owner) {
      entry.owner.watched.add(node);
      this.read(node);
    }
    return entry.value;
  }

  /** Records that the function being evaluated read `cell`. */
  private read(cell: object): void {
    const reader = this.reader;
    if (reader === undefined) return;
    let readers = this.readers.get(cell);
    if (!readers) {
      readers = new Set();
      this.readers.set(cell, readers);
    }
    readers.add(reader);
    this.readNow.add(cell);
  }

  /**
   * `cell` changed: the functions that read it are evaluated again, except the one under way if it
   * has not read it yet (its reads from now on see the new value).
   */
  private touch(cell: object): void {
    for (const reader of this.readers.get(cell) ?? []) {
      if (reader === this.reader && !this.readNow.has(cell)) continue;
      this.dirty.add(reader);
    }
  }

  /** Function and class declarations and imports have their values before any code runs. */
  private seedVariables(): void {
    for (const scope of this.scopes.scopes) {
      for (const variable of scope.variables) {
        for (const definition of variable.defs) {
          if (definition.type === DefinitionType.FunctionName && isFunction(definition.node)) {
            this.setVariable(variable, { taints: [], functions: [definition.node] });
          } else if (definition.type === DefinitionType.ClassName) {
            const node = definition.node;
            if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) this.setVariable(variable, { taints: [], classes: [node] });
          } else if (definition.type === DefinitionType.ImportBinding) {
            this.setVariable(variable, this.importValue(definition.node));
          }
        }
      }
    }
  }

  private importValue(
    node: TSESTree.ImportDefaultSpecifier | TSESTree.ImportNamespaceSpecifier | TSESTree.ImportSpecifier | TSESTree.TSImportEqualsDeclaration,
  ): Value {
    if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference || reference.expression.type !== AST_NODE_TYPES.Literal) return EMPTY;
      const source = reference.expression.value;
      return typeof source === 'string' ? this.moduleValue(source) : EMPTY;
    }
    const declaration = this.parents.get(node);
    if (declaration?.type !== AST_NODE_TYPES.ImportDeclaration || declaration.importKind === 'type') return EMPTY;
    if (node.type === AST_NODE_TYPES.ImportSpecifier && node.importKind === 'type') return EMPTY;
    const module = this.moduleValue(declaration.source.value);
    if (node.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return module;
    const name = node.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : (propertyName(node.imported, false) ?? 'default');
    if (name === 'default') {
      // A CommonJS module imported by default is its `module.exports`.
      const explicit = module.fields?.get('default');
      if (explicit && !isRelative(declaration.source.value)) return module;
      return explicit ?? module;
    }
    return this.readField(module, name);
  }

  /** The value of `require(specifier)` / `import … from specifier`. */
  private moduleValue(specifier: string): Value {
    if (!isRelative(specifier)) return { taints: [], provenance: [{ module: normalizeModule(specifier), path: [], exact: true }] };
    for (const candidate of moduleCandidates(this.path, specifier)) {
      const file = this.loader.sourceFile(candidate);
      this.dependencies.set(candidate, file);
      if (!file) continue;
      const module = this.loader.module(candidate);
      if (module) this.imported.add(module);
      return module?.exports ?? EMPTY;
    }
    return EMPTY;
  }

  // ---------------------------------------------------------------------------------------------
  // Evaluation

  private evaluateFunction(fn: FunctionNode | TSESTree.Program): void {
    const summary = this.summaries.get(fn);
    if (!summary) return;
    this.current = summary;
    if (fn.type !== AST_NODE_TYPES.Program) {
      fn.params.forEach((parameter, index) => {
        const pattern = parameter.type === AST_NODE_TYPES.TSParameterProperty ? parameter.parameter : parameter;
        this.assign(pattern, this.symbolicParameter(fn, index, pattern), undefined);
      });
      if (fn.body && fn.body.type !== AST_NODE_TYPES.BlockStatement) this.addReturn(this.eval(fn.body));
    }
    const body = fn.type === AST_NODE_TYPES.Program ? fn : fn.body;
    if (!body) return;
    // Every node of the body that does something, nested functions excluded: they are evaluated
    // as functions of their own.
    let nodes = this.bodies.get(fn);
    if (!nodes) {
      nodes = [];
      const stack: TSESTree.Node[] = [body];
      while (stack.length > 0) {
        const node = stack.pop();
        if (!node) break;
        nodes.push(node);
        const children = this.childNodes.get(node) ?? [];
        for (let i = children.length - 1; i >= 0; i--) {
          const child = children[i];
          if (child && !isFunction(child)) stack.push(child);
        }
      }
      this.bodies.set(fn, nodes);
    }
    for (const node of nodes) this.visitEffect(node);
  }

  private visitEffect(node: TSESTree.Node): void {
    switch (node.type) {
      case AST_NODE_TYPES.VariableDeclarator:
      case AST_NODE_TYPES.AssignmentExpression:
      case AST_NODE_TYPES.CallExpression:
      case AST_NODE_TYPES.NewExpression:
      case AST_NODE_TYPES.ImportExpression:
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement:
      case AST_NODE_TYPES.PropertyDefinition:
        this.eval(node);
        break;
      case AST_NODE_TYPES.ReturnStatement:
        if (node.argument) this.addReturn(this.eval(node.argument));
        break;
      default:
        break;
    }
  }

  private addReturn(value: Value): void {
    const joined = join(this.current.returns, value);
    if (signature(joined) !== signature(this.current.returns)) {
      this.current.returns = joined;
      this.changed = true;
      this.touch(this.current);
    }
  }

  private symbolicParameter(fn: FunctionNode, index: number, pattern: TSESTree.Node): Value {
    const name = pattern.type === AST_NODE_TYPES.Identifier ? pattern.name : pattern.type === AST_NODE_TYPES.AssignmentPattern && pattern.left.type === AST_NODE_TYPES.Identifier ? pattern.left.name : `parameter ${index + 1}`;
    const root: Root = { kind: 'param', id: `p${idOf(fn)}:${index}`, fn, index, name, file: this.path, node: pattern };
    return { taints: [{ root, path: [], exact: true, object: true, cleaned: [], steps: [] }] };
  }

  private eval(node: TSESTree.Node): Value {
    const cached = this.computed(node);
    if (cached) return cached;
    const entry: Computed = { value: EMPTY, owner: this.owner, stamp: this.owner.stamp };
    this.cache.set(node, entry);
    entry.value = this.compute(node);
    return entry.value;
  }

  private compute(node: TSESTree.Node): Value {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.readIdentifier(node);
      case AST_NODE_TYPES.Literal:
        if ('regex' in node && node.regex) return { taints: [], regex: { pattern: node.regex.pattern, flags: node.regex.flags } };
        return typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean' || node.value === null
          ? { taints: [], literal: node.value }
          : EMPTY;
      case AST_NODE_TYPES.TemplateLiteral:
        if (node.expressions.length === 0) return { taints: [], literal: node.quasis[0]?.value.cooked ?? '' };
        return this.concatenation(
          node.quasis.flatMap((quasi, index): (TSESTree.TemplateElement | TSESTree.Expression)[] => {
            const expression = node.expressions[index];
            return expression ? [quasi, expression] : [quasi];
          }),
        );
      case AST_NODE_TYPES.TaggedTemplateExpression:
        // Tagged templates (sql`…`, Prisma's $queryRaw`…`) bind their values as parameters.
        return EMPTY;
      case AST_NODE_TYPES.MemberExpression:
        return this.readMember(node);
      case AST_NODE_TYPES.CallExpression:
        return this.evalCall(node, false);
      case AST_NODE_TYPES.NewExpression:
        return this.evalCall(node, true);
      case AST_NODE_TYPES.ImportExpression:
        return this.evalImport(node);
      case AST_NODE_TYPES.BinaryExpression:
        // `+` may build a string; every other operator yields a number or a boolean.
        if (node.operator !== '+') return EMPTY;
        return this.concatenation(concatenatedParts(node));
      case AST_NODE_TYPES.LogicalExpression:
        // `a && b` is `a` only when `a` is falsy: an empty string, 0, null, nothing to inject.
        if (node.operator === '&&') {
          this.eval(node.left);
          return this.eval(node.right);
        }
        return join(this.eval(node.left), this.eval(node.right));
      case AST_NODE_TYPES.ConditionalExpression:
        return join(this.eval(node.consequent), this.eval(node.alternate));
      case AST_NODE_TYPES.AwaitExpression:
        return this.eval(node.argument);
      case AST_NODE_TYPES.AssignmentExpression:
        return this.evalAssignment(node);
      case AST_NODE_TYPES.SequenceExpression: {
        let last: Value = EMPTY;
        for (const expression of node.expressions) last = this.eval(expression);
        return last;
      }
      case AST_NODE_TYPES.ArrayExpression:
        return bounded(this.evalArray(node));
      case AST_NODE_TYPES.ObjectExpression:
        return bounded(this.evalObject(node));
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionExpression:
        return { taints: [], functions: [node] };
      case AST_NODE_TYPES.ClassExpression:
        return { taints: [], classes: [node] };
      case AST_NODE_TYPES.ThisExpression:
        return this.thisValue(node);
      case AST_NODE_TYPES.SpreadElement:
        return this.eval(node.argument);
      case AST_NODE_TYPES.ChainExpression:
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSInstantiationExpression:
        return this.eval(node.expression);
      case AST_NODE_TYPES.VariableDeclarator:
        if (node.init) this.assign(node.id, this.eval(node.init), node.id);
        return EMPTY;
      case AST_NODE_TYPES.ForOfStatement:
      case AST_NODE_TYPES.ForInStatement: {
        const target = node.left.type === AST_NODE_TYPES.VariableDeclaration ? node.left.declarations[0]?.id : node.left;
        const collection = this.eval(node.right);
        // for…in yields the keys, which an attacker chooses as freely as the values.
        const element = node.type === AST_NODE_TYPES.ForOfStatement ? this.readField(collection, '*', node.right) : stringOf(collection);
        if (target) this.assign(target, element, target);
        return EMPTY;
      }
      case AST_NODE_TYPES.PropertyDefinition: {
        const owner = this.enclosingClass(node);
        const name = propertyName(node.key, node.computed);
        if (owner && name !== undefined && node.value) this.writeClassField(owner, name, this.eval(node.value));
        return EMPTY;
      }
      default:
        // Unary operators, updates, `typeof`, comparisons: numbers and booleans carry no injection.
        return EMPTY;
    }
  }

  private evalArray(node: TSESTree.ArrayExpression): Value {
    const fields = new Map<string, Value>();
    let constants = true;
    let any: Value = EMPTY;
    node.elements.forEach((element, index) => {
      if (!element) return;
      if (element.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.eval(element.argument);
        any = join(any, this.readField(spread, '*'));
        constants &&= Boolean(spread.constants);
        return;
      }
      const value = this.eval(element);
      fields.set(String(index), value);
      constants &&= value.literal !== undefined;
    });
    // Elements from a spread have no index we know: they answer for any.
    if (!isEmpty(any)) fields.set('*', any);
    return { taints: [], fields, ...(constants ? { constants: true } : {}) };
  }

  private evalObject(node: TSESTree.ObjectExpression): Value {
    let result: Value = { taints: [], fields: new Map() };
    for (const property of node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.eval(property.argument);
        result = join(result, { taints: [], ...(spread.fields ? { fields: spread.fields } : {}) });
        // A spread of event data brings fields we cannot name: they answer for any property.
        if (spread.taints.length > 0) result = withFieldPath(result, ['*'], { taints: spread.taints });
        continue;
      }
      const name = property.computed ? this.constantKey(property.key) : propertyName(property.key, false);
      const value = this.eval(property.value);
      result = withFieldPath(result, [name ?? '*'], value);
      // `{ [event.key]: 1 }`: a key chosen by the attacker.
      if (property.computed && name === undefined) result = withFieldPath(result, ['*'], stringOf(this.eval(property.key)));
    }
    this.checkHtmlResponse(node, result);
    this.checkLocationHeader(node, result);
    return result;
  }

  /**
   * Whether the response a call such as `res.send(text)` writes is HTML: the text has markup, the
   * call chain set an HTML content type (`res.type('html').send(…)`), or the enclosing function sets
   * one on the same response variable (`res.set('Content-Type', 'text/html')`).
   */
  private servesHtml(call: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.ImportExpression): boolean {
    if (call.type === AST_NODE_TYPES.ImportExpression) return false;
    const argument = call.arguments[0];
    if (argument && this.hasMarkup(argument, 0)) return true;
    let receiver: TSESTree.Node | undefined = call.callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(call.callee.object) : undefined;
    while (receiver?.type === AST_NODE_TYPES.CallExpression) {
      if (setsHtml(receiver)) return true;
      receiver = receiver.callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(receiver.callee.object) : undefined;
    }
    if (receiver?.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = this.variableOf.get(receiver);
    const scope = enclosingFunction(this.file.ast, call);
    if (!variable || !scope) return false;
    let found = false;
    const visit = (node: TSESTree.Node): void => {
      if (found) return;
      if (node.type === AST_NODE_TYPES.CallExpression && setsHtml(node)) {
        let root: TSESTree.Node = node.callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(node.callee.object) : node.callee;
        while (root.type === AST_NODE_TYPES.CallExpression && root.callee.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.callee.object);
        if (root.type === AST_NODE_TYPES.Identifier && this.variableOf.get(root) === variable) found = true;
      }
      for (const child of childrenOf(node)) visit(child);
    };
    visit(scope);
    return found;
  }

  /** Whether a string expression holds markup written in the code (`<h1>${name}</h1>`), through a variable or two. */
  private hasMarkup(node: TSESTree.Node, depth: number): boolean {
    const inner = unwrap(node);
    switch (inner.type) {
      case AST_NODE_TYPES.Literal:
        return typeof inner.value === 'string' && MARKUP.test(inner.value);
      case AST_NODE_TYPES.TemplateLiteral:
        return inner.quasis.some((quasi) => MARKUP.test(quasi.value.cooked ?? quasi.value.raw));
      case AST_NODE_TYPES.BinaryExpression:
        return inner.operator === '+' && (this.hasMarkup(inner.left, depth) || this.hasMarkup(inner.right, depth));
      case AST_NODE_TYPES.ConditionalExpression:
        return this.hasMarkup(inner.consequent, depth) || this.hasMarkup(inner.alternate, depth);
      case AST_NODE_TYPES.Identifier:
        if (depth > 2) return false;
        return (this.variableOf.get(inner)?.defs ?? []).some(
          (definition) => definition.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.init !== null && this.hasMarkup(definition.node.init, depth + 1),
        );
      default:
        return false;
    }
  }

  /** `{ statusCode: 302, headers: { Location: url } }`: a redirect to `url`. */
  private checkLocationHeader(node: TSESTree.ObjectExpression, value: Value): void {
    const headersNode = node.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === 'headers')?.value;
    const headers = value.fields?.get('headers');
    if (!headersNode || !headers?.fields) return;
    for (const [name, header] of headers.fields) {
      if (name.toLowerCase() !== 'location') continue;
      const written = unwrap(headersNode);
      const headerNode =
        written.type === AST_NODE_TYPES.ObjectExpression
          ? written.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === name)?.value
          : undefined;
      const taints = textTaints(header).filter((taint) => !taint.cleaned.includes(LOCATION_HEADER.kind));
      const at = headerNode ?? headersNode;
      if (taints.length > 0) this.addSink({ spec: LOCATION_HEADER, file: this.path, range: [at.range[0], at.range[1]], name: sinkName(LOCATION_HEADER), taints });
    }
  }

  /** `{ statusCode, headers: { 'Content-Type': 'text/html' }, body }`: the body is served as HTML. */
  private checkHtmlResponse(node: TSESTree.ObjectExpression, value: Value): void {
    const bodyNode = node.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === 'body')?.value;
    if (!bodyNode || !isHtmlResponse(value)) return;
    const taints = textTaints(this.readField(value, 'body')).filter((taint) => !taint.cleaned.includes(HTML_RESPONSE.kind));
    if (taints.length > 0) this.addSink({ spec: HTML_RESPONSE, file: this.path, range: [bodyNode.range[0], bodyNode.range[1]], name: sinkName(HTML_RESPONSE), taints });
  }

  private constantKey(node: TSESTree.Node): string | undefined {
    const literal = this.eval(node).literal;
    return typeof literal === 'string' || typeof literal === 'number' ? String(literal) : propertyName(node, true);
  }

  private evalAssignment(node: TSESTree.AssignmentExpression): Value {
    const right = this.eval(node.right);
    let value: Value;
    if (node.operator === '=') value = right;
    else if (node.operator === '+=') value = stringOf(join(this.eval(node.left), right));
    else if (node.operator === '||=' || node.operator === '??=' || node.operator === '&&=') value = join(this.eval(node.left), right);
    else value = EMPTY;
    this.assign(node.left, value, node.left);
    this.checkWrites(node);
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  private readIdentifier(node: TSESTree.Identifier): Value {
    const variable = this.variableOf.get(node);
    if (!variable || variable.defs.length === 0) return EMPTY;
    this.read(variable);
    const value = this.variables.get(variable) ?? EMPTY;
    return this.guarded(node, value);
  }

  private readMember(node: TSESTree.MemberExpression): Value {
    if (node.object.type === AST_NODE_TYPES.Super) return EMPTY;
    const name = node.computed ? this.constantKey(node.property) : memberName(node);
    const object = this.eval(node.object);
    return this.guarded(node, this.readField(object, name ?? '*', node));
  }

  /** Applies the guards that hold where `node` is read. */
  private guarded(node: TSESTree.Node, value: Value): Value {
    if (value.taints.length === 0 && !value.fields) return value;
    const key = this.keyOf(node);
    if (key === undefined) return value;
    const cleaning: Cleaning | undefined = guardCleaning(node, key, this);
    if (cleaning === undefined) return value;
    return cleanedFor(value, cleaning === '*' ? '*' : [...cleaning]);
  }

  /**
   * Reads property `name` of a value. `node`, when given, is where the read happens: the data
   * enters there unless it was read earlier into a variable.
   */
  readField(value: Value, name: string, node?: TSESTree.Node): Value {
    if (name === 'length' && !value.fields?.has('length')) return EMPTY;
    const parts: Value[] = [];
    if (name === '*') {
      for (const field of value.fields?.values() ?? []) parts.push(field);
    } else {
      const field = value.fields?.get(name) ?? value.fields?.get('*');
      if (field) parts.push(field);
    }
    const taints: Taint[] = [];
    for (const taint of value.taints) {
      if (!taint.exact) {
        taints.push(taint);
        continue;
      }
      const extended = this.extend(taint, name, node);
      if (extended) taints.push(extended);
    }
    const provenance = value.provenance?.map((entry): Provenance => (entry.exact ? { ...entry, path: [...entry.path, name] } : entry));
    for (const owner of value.classes ?? []) parts.push(this.classMember(owner, name, 0));
    if (value.schema && name === 'shape' && value.schema.kind === 'object') parts.push(EMPTY);
    return join({ taints, ...(provenance ? { provenance } : {}) }, ...parts);
  }

  private extend(taint: Taint, name: string, node: TSESTree.Node | undefined): Taint | undefined {
    const path = [...taint.path, name];
    if (taint.root.kind === 'source' && isTrusted(taint.root.shape.trusted, path)) return undefined;
    const entry = node && taint.steps.length === 0 ? stepAt(this.path, node, '') : taint.entry;
    return { ...taint, path, ...(entry ? { entry } : {}) };
  }

  private classMember(owner: ClassNode, name: string, depth: number): Value {
    const parts: Value[] = [];
    for (const member of owner.body.body) {
      if ((member.type === AST_NODE_TYPES.MethodDefinition || member.type === AST_NODE_TYPES.TSAbstractMethodDefinition) && !member.computed && propertyName(member.key, false) === name) {
        if (member.kind !== 'constructor' && isFunction(member.value)) parts.push({ taints: [], functions: [member.value] });
      }
    }
    const fields = OWNERS.get(owner)?.fieldsOf(owner);
    const field = fields?.get(name) ?? fields?.get('*');
    if (field) parts.push(field);
    if (owner.superClass && depth < 3) {
      const superValue = OWNERS.get(owner)?.valueOf(owner.superClass) ?? EMPTY;
      for (const parent of superValue.classes ?? []) parts.push(this.classMember(parent, name, depth + 1));
    }
    return join(...parts);
  }

  private thisValue(node: TSESTree.Node): Value {
    const owner = this.enclosingClass(node);
    return owner ? { taints: [], classes: [owner] } : EMPTY;
  }

  /** The class whose method (or field initialiser) `node` is in, looking through arrow functions. */
  private enclosingClass(node: TSESTree.Node): ClassNode | undefined {
    let current = this.parents.get(node);
    while (current) {
      if (current.type === AST_NODE_TYPES.ClassBody) {
        const owner = this.parents.get(current);
        return owner?.type === AST_NODE_TYPES.ClassDeclaration || owner?.type === AST_NODE_TYPES.ClassExpression ? owner : undefined;
      }
      if (current.type === AST_NODE_TYPES.FunctionDeclaration) return undefined;
      if (current.type === AST_NODE_TYPES.FunctionExpression) {
        const parent = this.parents.get(current);
        if (parent?.type !== AST_NODE_TYPES.MethodDefinition) return undefined;
      }
      current = this.parents.get(current);
    }
    return undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  /**
   * Binds `value` to a pattern or an assignment target. `hop` is where a variable hop is shown in
   * the taint path (the declared name), none for parameters.
   */
  private assign(target: TSESTree.Node, value: Value, hop: TSESTree.Node | undefined): void {
    switch (target.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = this.variableOf.get(target);
        if (!variable) return;
        const stepped = hop ? withStep(value, stepAt(this.path, target, target.name)) : value;
        this.setVariable(variable, stepped);
        return;
      }
      case AST_NODE_TYPES.ObjectPattern:
        for (const property of target.properties) {
          if (property.type === AST_NODE_TYPES.RestElement) {
            this.assign(property.argument, value, hop ? property.argument : undefined);
            continue;
          }
          const name = property.computed ? this.constantKey(property.key) : propertyName(property.key, false);
          this.assign(property.value, this.readField(value, name ?? '*', property), hop ? property.value : undefined);
        }
        return;
      case AST_NODE_TYPES.ArrayPattern:
        target.elements.forEach((element, index) => {
          if (!element) return;
          if (element.type === AST_NODE_TYPES.RestElement) this.assign(element.argument, value, hop);
          else this.assign(element, this.readField(value, String(index)), hop);
        });
        return;
      case AST_NODE_TYPES.AssignmentPattern:
        this.assign(target.left, join(value, this.eval(target.right)), hop);
        return;
      case AST_NODE_TYPES.RestElement:
        this.assign(target.argument, value, hop);
        return;
      case AST_NODE_TYPES.MemberExpression:
        this.assignMember(target, value);
        return;
      case AST_NODE_TYPES.TSParameterProperty:
        this.assign(target.parameter, value, hop);
        return;
      default:
        return;
    }
  }

  /** `a.b.c = v`: a field of a variable, a class field, or an export. */
  private assignMember(target: TSESTree.MemberExpression, value: Value): void {
    const path: string[] = [];
    let object: TSESTree.Node = target;
    while (object.type === AST_NODE_TYPES.MemberExpression) {
      path.unshift((object.computed ? this.constantKey(object.property) : memberName(object)) ?? '*');
      object = unwrap(object.object);
    }
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      const owner = this.enclosingClass(object);
      const [name, ...rest] = path;
      if (owner && name !== undefined) this.writeClassField(owner, name, rest.length === 0 ? value : withFieldPath(EMPTY, rest, value));
      return;
    }
    if (object.type !== AST_NODE_TYPES.Identifier) return;
    const variable = this.variableOf.get(object);
    if (!variable || variable.defs.length === 0) {
      // CommonJS exports: `module.exports = …`, `module.exports.x = …`, `exports.x = …`.
      const exportPath = object.name === 'module' && path[0] === 'exports' ? path.slice(1) : object.name === 'exports' ? path : undefined;
      if (exportPath) this.setExports(exportPath.length === 0 ? value : withFieldPath(EMPTY, exportPath, value));
      return;
    }
    this.read(variable);
    const current = this.variables.get(variable) ?? EMPTY;
    this.setVariable(variable, withFieldPath(current, path, value));
    // `instance.name = event.x` is read back as `this.name` in the class's methods.
    const [name] = path;
    if (name !== undefined) for (const owner of current.classes ?? []) this.writeClassField(owner, name, value);
  }

  private setVariable(variable: Variable, value: Value): void {
    const current = this.variables.get(variable);
    const joined = current ? join(current, value) : value;
    if (current && signature(joined) === signature(current)) return;
    this.variables.set(variable, joined);
    this.changed = true;
    this.touch(variable);
  }

  private writeClassField(owner: ClassNode, name: string, value: Value): void {
    // Fields of a class from another module are that module's; it was analysed before this one.
    if (OWNERS.get(owner) !== this) return;
    let fields = this.classFields.get(owner);
    if (!fields) {
      fields = new Map();
      this.classFields.set(owner, fields);
    }
    const current = fields.get(name);
    const joined = current ? join(current, value) : value;
    if (current && signature(joined) === signature(current)) return;
    fields.set(name, joined);
    this.changed = true;
    this.touch(owner);
  }

  private setExports(value: Value): void {
    const joined = join(this.exports, value);
    if (signature(joined) === signature(this.exports)) return;
    this.exports = joined;
    this.changed = true;
  }

  private collectEsmExports(): void {
    for (const statement of this.ast.body) {
      if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
        const declaration = statement.declaration;
        const value =
          declaration.type === AST_NODE_TYPES.FunctionDeclaration
            ? { taints: [], functions: [declaration] }
            : declaration.type === AST_NODE_TYPES.ClassDeclaration
              ? { taints: [], classes: [declaration] }
              : this.eval(declaration);
        this.setExports(withFieldPath(EMPTY, ['default'], value));
      } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
        const declaration = statement.declaration;
        if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === AST_NODE_TYPES.Identifier) this.exportVariable(declarator.id.name, declarator.id);
          }
        } else if ((declaration?.type === AST_NODE_TYPES.FunctionDeclaration || declaration?.type === AST_NODE_TYPES.ClassDeclaration) && declaration.id) {
          this.exportVariable(declaration.id.name, declaration.id);
        }
        if (statement.source) {
          const module = this.moduleValue(statement.source.value);
          for (const specifier of statement.specifiers) {
            const local = propertyName(specifier.local, false);
            const exported = propertyName(specifier.exported, false);
            if (local !== undefined && exported !== undefined) this.setExports(withFieldPath(EMPTY, [exported], this.readField(module, local)));
          }
        } else {
          for (const specifier of statement.specifiers) {
            const exported = propertyName(specifier.exported, false);
            if (exported !== undefined && specifier.local.type === AST_NODE_TYPES.Identifier) this.exportVariable(exported, specifier.local);
          }
        }
      } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && !statement.exported) {
        const module = this.moduleValue(statement.source.value);
        if (module.fields) this.setExports({ taints: [], fields: module.fields });
      }
    }
  }

  private exportVariable(name: string, identifier: TSESTree.Identifier): void {
    const variable = this.variableOf.get(identifier);
    if (!variable) return;
    this.setExports(withFieldPath(EMPTY, [name], this.variables.get(variable) ?? EMPTY));
  }

  // ---------------------------------------------------------------------------------------------
  // Calls

  private callInfo(node: TSESTree.CallExpression | TSESTree.NewExpression, isNew: boolean): CallInfo {
    const calleeNode = unwrap(node.callee);
    const args = node.arguments.map((argument) => this.eval(argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument));
    const argNodes = node.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument));
    const info: CallInfo = { node, file: this.path, isNew, callee: EMPTY, args, argNodes };
    const globalName = this.globalName(calleeNode);
    if (globalName !== undefined) info.globalName = globalName;
    if (calleeNode.type === AST_NODE_TYPES.MemberExpression) {
      const receiver = this.eval(calleeNode.object);
      const method = calleeNode.computed ? this.constantKey(calleeNode.property) : memberName(calleeNode);
      info.receiver = receiver;
      if (method !== undefined) info.method = method;
      info.callee = this.readField(receiver, method ?? '*');
    } else if (calleeNode.type !== AST_NODE_TYPES.Super) {
      info.callee = this.eval(calleeNode);
    }
    return info;
  }

  /** `eval`, `JSON.parse`, `Buffer.from`: a callee rooted at an unbound global. */
  private globalName(node: TSESTree.Node): string | undefined {
    const current = unwrap(node);
    if (current.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variableOf.get(current);
      if (variable && variable.defs.length > 0) return undefined;
      return current.name;
    }
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const object = this.globalName(current.object);
      const name = memberName(current);
      if (object === undefined || name === undefined) return undefined;
      // `globalThis.eval`, `global.setTimeout`, `window.eval`.
      return object === 'globalThis' || object === 'global' || object === 'window' ? name : `${object}.${name}`;
    }
    return undefined;
  }

  private evalImport(node: TSESTree.ImportExpression): Value {
    const source = unwrap(node.source);
    if (source.type === AST_NODE_TYPES.Literal && typeof source.value === 'string') return this.moduleValue(source.value);
    const info: CallInfo = { node, file: this.path, isNew: false, callee: EMPTY, globalName: 'import()', args: [this.eval(node.source)], argNodes: [node.source] };
    this.checkSinks(info);
    return EMPTY;
  }

  private evalCall(node: TSESTree.CallExpression | TSESTree.NewExpression, isNew: boolean): Value {
    const info = this.callInfo(node, isNew);
    const { callee, receiver, method, args } = info;

    if (info.globalName === 'require' && !isNew) {
      const first = node.arguments[0] ? unwrap(node.arguments[0]) : undefined;
      if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') return this.moduleValue(first.value);
    }

    this.checkSinks(info);
    this.checkWrites(node);
    const parts: Value[] = [];
    const modeled = this.modelCall(info);
    if (modeled) parts.push(modeled);

    // Functions of the project: their summaries.
    if (method === 'call' || method === 'apply') {
      for (const fn of receiver?.functions ?? []) {
        const passed = method === 'call' ? args.slice(1) : [this.readField(args[1] ?? EMPTY, '0'), this.readField(args[1] ?? EMPTY, '1'), this.readField(args[1] ?? EMPTY, '2')];
        parts.push(this.instantiate(fn, passed, node));
      }
    } else if (method === 'bind' && receiver?.functions) {
      parts.push({ taints: [], functions: receiver.functions });
    }
    if (!isNew) for (const fn of callee.functions ?? []) parts.push(this.instantiate(fn, args, node));
    // `new Set(['a', 'b'])`, `Object.freeze([...])`: still an allow-list of constants.
    if ((info.globalName === 'Set' && isNew) || info.globalName === 'Object.freeze') {
      if (args[0]?.constants) parts.push({ taints: [], constants: true });
    }
    if (isNew) {
      for (const owner of callee.classes ?? []) {
        const constructor = this.constructorOf(owner, 0);
        if (constructor) this.instantiate(constructor, args, node);
        parts.push({ taints: [], classes: [owner] });
      }
    }

    parts.push(this.invokeCallbacks(info));

    if (method !== undefined && receiver && STORING_METHODS.has(method) && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      // `parts.push(x)`, `params.set('q', x)`: the container now holds x.
      const stored = method === 'set' ? (args[1] ?? EMPTY) : join(...args);
      if (!isEmpty(stored)) this.storeInto(unwrap(node.callee.object), stored);
    }
    if (info.globalName === 'Object.assign' && node.arguments[0]) this.storeInto(unwrap(node.arguments[0]), join(...args.slice(1)), false);

    const known = modeled !== undefined || callee.functions !== undefined || callee.classes !== undefined || callee.provenance !== undefined;
    // A response setter is still resolved at the call site: `res.location(url)` may be a sink there.
    if (!known || (method !== undefined && RESPONSE_CHAIN_METHODS.has(method))) this.deferIfParameter(info);

    // What a library call returns comes from that library: `new Pool()`, `pool.connect()`.
    const origin = callee.provenance ?? (receiver?.provenance && method !== undefined ? receiver.provenance : undefined);
    if (origin && !modeled?.provenance) {
      const promisified = info.globalName === undefined && origin.some((entry) => entry.module === 'util' && exportPath(entry.path).join('.') === 'promisify');
      if (promisified) parts.push({ taints: [], ...(args[0]?.provenance ? { provenance: args[0].provenance } : {}), ...(args[0]?.functions ? { functions: args[0].functions } : {}) });
      else parts.push({ taints: [], provenance: origin.map((entry) => ({ ...entry, exact: false, ...(method !== undefined ? { via: method } : {}) })) });
    }
    return join(...parts);
  }

  private constructorOf(owner: ClassNode, depth: number): FunctionNode | undefined {
    for (const member of owner.body.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor' && isFunction(member.value)) return member.value;
    }
    if (!owner.superClass || depth > 3) return undefined;
    const parent = (OWNERS.get(owner)?.valueOf(owner.superClass) ?? EMPTY).classes?.[0];
    return parent ? this.constructorOf(parent, depth + 1) : undefined;
  }

  /** `x.push(v)`: writes into the variable (or field) the receiver names. */
  private storeInto(target: TSESTree.Node, value: Value, element = true): void {
    if (target.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variableOf.get(target);
      if (variable && variable.defs.length > 0) this.setVariable(variable, element ? withFieldPath(EMPTY, ['*'], value) : value);
    } else if (target.type === AST_NODE_TYPES.MemberExpression) {
      this.assignMember(target, element ? withFieldPath(this.eval(target), ['*'], value) : value);
    }
  }

  /**
   * A string built from parts (a template literal, a chain of `+`). Parts written after a fixed
   * origin are cleaned for `ssrf` and `redirect` when they were encoded as one URL segment: see `anchoredUrlParts`.
   */
  private concatenation(parts: readonly (TSESTree.Node | TSESTree.TemplateElement)[]): Value {
    const values = parts.map((part): Value => (part.type === AST_NODE_TYPES.TemplateElement ? { taints: [], literal: part.value.cooked ?? '' } : this.eval(part)));
    const anchoredFrom = anchoredUrlParts(values);
    return stringOf(join(...values.map((value, index) => (index >= anchoredFrom ? mapTaints(value, (taint) => (taint.cleaned.includes(URL_SEGMENT) ? { ...taint, cleaned: [...new Set([...taint.cleaned, ...ANCHORED_KINDS])].sort() } : taint)) : value))));
  }

  /**
   * Library semantics from the spec tables: sanitisers, propagators, schemas, readers of a
   * request, string methods. Undefined when the call is none of these.
   */
  private modelCall(info: CallInfo): Value | undefined {
    const { callee, receiver, method, args } = info;

    for (const spec of candidates(SANITIZER_INDEX, info)) {
      if (matchesCallee(spec, info)) return this.sanitize(spec, args);
    }
    for (const spec of candidates(PROPAGATOR_INDEX, info)) {
      if (matchesCallee(spec, info)) return this.propagate(spec, args);
    }
    if (info.globalName !== undefined && /^(Number|parseInt|parseFloat|Boolean|Math\.\w+|Number\.\w+|Date\.\w+|isNaN|isFinite)$/.test(info.globalName)) return EMPTY;

    const schema = this.schemaCall(info);
    if (schema) return schema;

    if (!receiver || method === undefined) return undefined;
    // `res.status(200).send(…)`: a response's setters return the response, here a handler's parameter.
    // `s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`: the usual hand-written regular expression escape.
    if ((method === 'replace' || method === 'replaceAll') && escapesRegexMetacharacters(args[0], args[1])) return cleanedFor(stringOf(receiver), ['regex']);
    if (RESPONSE_CHAIN_METHODS.has(method) && !receiver.fields && receiver.taints.some((taint) => taint.exact && taint.root.kind === 'param' && taint.path.length === 0)) {
      return { taints: receiver.taints.filter((taint) => taint.exact && taint.root.kind === 'param' && taint.path.length === 0) };
    }
    // Readers of a request-like source: `await request.json()`, `request.query.get('q')`.
    if (READER_METHODS.has(method) && receiver.taints.some((taint) => taint.exact)) {
      const argument = args[0]?.literal;
      const segment = typeof argument === 'string' ? `${method}('${argument}')` : `${method}()`;
      return this.guarded(info.node, this.readField({ taints: receiver.taints.filter((taint) => taint.exact) }, segment, info.node));
    }
    if (method === 'get' && receiver.fields) return this.readField(receiver, '*');
    // Iteration with a callback is `invokeCallbacks`'s business.
    if (CALLBACK_METHODS.has(method) && args.some((arg) => arg.functions)) return undefined;
    let result: Value | undefined;
    if (RECEIVER_METHODS.has(method) && !callee.functions) {
      result = method === 'split' || method === 'match' || method === 'matchAll' ? { taints: [], fields: new Map([['*', stringOf(receiver)]]) } : stringOf(receiver);
      if (method === 'then' || method === 'catch' || method === 'finally' || method === 'clone' || method === 'valueOf') result = receiver;
      if (method === 'filter' || method === 'flat' || method === 'reverse' || method === 'sort' || method === 'toSorted' || method === 'toReversed' || method === 'values') result = receiver;
      if (method === 'pop' || method === 'shift' || method === 'at' || method === 'find' || method === 'findLast') result = this.readField(receiver, '*');
    }
    if (ARGUMENT_METHODS.has(method)) {
      const fromArgs = stringOf(join(...args));
      result = result ? join(result, fromArgs) : isEmpty(fromArgs) ? undefined : fromArgs;
    }
    return result;
  }

  private sanitize(spec: SanitizerSpec, args: readonly Value[]): Value {
    const cleaned = (spec.arguments ?? args.map((_, index) => index)).map((index) => args[index]).filter((value): value is Value => value !== undefined);
    const kept = (spec.passThrough ?? []).map((index) => args[index]).filter((value): value is Value => value !== undefined);
    const result = join(cleanedFor(stringOf(join(...cleaned)), spec.cleans === '*' ? '*' : [...spec.cleans]), stringOf(join(...kept)));
    return result.taints.length > 0 ? result : { taints: [], literal: '' };
  }

  private propagate(spec: PropagatorSpec, args: readonly Value[]): Value {
    const sources = spec.from === 'all' ? args : spec.from.map((index) => args[index]).filter((value): value is Value => value !== undefined);
    const joined = join(...sources);
    switch (spec.returns ?? 'string') {
      case 'same':
        // The argument's structure passes through (`Promise.resolve(x)`): reads of it stay exact.
        return joined;
      case 'parsed':
        return { taints: flatten(joined).map((taint) => transformed(taint, true)) };
      case 'string':
        return stringOf(joined);
    }
  }

  /** zod / joi / yup builders and parsers, ajv validators. */
  private schemaCall(info: CallInfo): Value | undefined {
    const { callee, receiver, method, args } = info;
    const fromExport = libraryOf(callee.provenance?.filter((entry) => entry.exact));
    if (fromExport && !receiver?.schema) {
      const path = exportPath(fromExport.provenance.path);
      const parse = fromExport.library.parseExports.find(([name]) => path[path.length - 1] === name);
      if (parse) {
        const [, valueIndex, schemaIndex] = parse;
        const shape = args[schemaIndex]?.schema;
        return shape ? applySchema(shape, args[valueIndex] ?? EMPTY, (value, name) => this.readField(value, name)) : args[valueIndex];
      }
      const built = builtSchema(fromExport.library, path, args);
      return built ? { taints: [], schema: built, provenance: [{ ...fromExport.provenance, exact: false }] } : undefined;
    }
    if (receiver?.schema && method !== undefined) {
      const library = libraryOf(receiver.provenance);
      if (!library) return undefined;
      const parse = library.library.parseMethods.find(([name]) => name === method);
      if (parse) {
        const validated = applySchema(receiver.schema, args[0] ?? EMPTY, (value, name) => this.readField(value, name));
        if (parse[1] === 'value') return validated;
        return { taints: [], fields: new Map([[parse[1] === 'data' ? 'data' : 'value', validated]]) };
      }
      return { taints: [], schema: refinedSchema(library.library, receiver.schema, method, args), provenance: receiver.provenance ?? [] };
    }
    // ajv: `ajv.compile(schema)` gives a validator.
    if (method === 'compile' && receiver?.provenance?.some((entry) => AJV_MODULES.includes(entry.module))) {
      return { taints: [], validator: jsonSchemaShape(args[0]) };
    }
    return undefined;
  }

  /** Calls that run a callback: array iteration, promise continuations, library callbacks. */
  private invokeCallbacks(info: CallInfo): Value {
    const { method, receiver, args, node } = info;
    const callbacks = args.flatMap((arg) => arg.functions ?? []);
    if (callbacks.length === 0 || node.type === AST_NODE_TYPES.ImportExpression) return EMPTY;
    const iteration = method !== undefined ? CALLBACK_METHODS.get(method) : undefined;
    if (iteration && receiver && !receiver.provenance) {
      const element = method === 'then' ? receiver : this.readField(receiver, '*', unwrap(node.callee.type === AST_NODE_TYPES.MemberExpression ? node.callee.object : node.callee));
      const passed: Value[] = [];
      passed[iteration.element] = element;
      if (iteration.element === 1) passed[0] = args[1] ?? EMPTY;
      const fns = args[0]?.functions ?? [];
      let returned: Value = EMPTY;
      for (const fn of fns) returned = join(returned, this.instantiate(fn, [...passed].map((value) => value ?? EMPTY), node));
      switch (iteration.returns) {
        case 'callback':
          return method === 'map' || method === 'flatMap' ? { taints: [], fields: new Map([['*', returned]]) } : returned;
        case 'receiver':
          return receiver;
        case 'elements':
          return element;
        case 'none':
          return EMPTY;
      }
    }
    // A library calling back (`pool.getConnection((err, connection) => …)`): what it passes comes
    // from the same library.
    const origin = receiver?.provenance ?? info.callee.provenance;
    if (origin) {
      const derived: Value = { taints: [], provenance: origin.map((entry) => ({ ...entry, exact: false })) };
      for (const fn of callbacks) this.instantiate(fn, fn.params.map(() => derived), node);
    }
    return EMPTY;
  }

  /** Records a call on a parameter for the caller to resolve. */
  private deferIfParameter(info: CallInfo): void {
    if (info.node.type === AST_NODE_TYPES.ImportExpression) return;
    const pick = (value: Value | undefined) => value?.taints.find((taint) => taint.exact && taint.root.kind === 'param');
    const calleeTarget = info.method === undefined ? pick(info.callee) : undefined;
    const receiverTarget = info.method !== undefined ? pick(info.receiver) : undefined;
    const target = calleeTarget ?? receiverTarget;
    if (!target) return;
    const deferred: DeferredCall = { file: info.file, node: info.node, target, args: info.args, isNew: info.isNew, ...(receiverTarget && info.method !== undefined ? { method: info.method } : {}) };
    this.addDeferred(deferred);
  }

  private addDeferred(deferred: DeferredCall): void {
    const key = `${deferred.file}:${deferred.node.range[0]}:${taintKey(deferred.target)}:${deferred.args.map((arg) => signature(arg)).join('/')}`;
    if (this.current.deferred.has(key) || this.current.deferred.size >= MAX_SINKS_PER_FUNCTION) return;
    this.current.deferred.set(key, deferred);
    this.changed = true;
  }

  // ---------------------------------------------------------------------------------------------
  // Sinks

  private checkSinks(info: CallInfo): void {
    for (const spec of candidates(SINK_INDEX, info)) {
      if (!matchesCallee(spec, info)) continue;
      if (spec.when && !('html' in spec.when ? this.servesHtml(info.node) : conditionHolds(spec.when, info.args))) continue;
      if (spec.unlessOption !== undefined && info.args.some((arg) => arg.fields?.has(spec.unlessOption ?? ''))) continue;
      const indexes = spec.arguments === 'all' ? info.args.map((_, index) => index) : spec.arguments;
      for (const index of indexes) {
        const argNode = info.argNodes[index];
        const argValue = info.args[index];
        if (!argNode || !argValue) continue;
        for (const target of this.sinkTargets(spec, argNode, argValue)) {
          const taints = (spec.objects ? filterTaints(target.value) : textTaints(target.value)).filter((taint) => !taint.cleaned.includes(spec.kind));
          if (taints.length > 0) this.addSink({ spec, file: info.file, range: [target.node.range[0], target.node.range[1]], name: sinkName(spec), taints });
        }
      }
    }
  }

  /** Sinks that are writes (`obj[key][name] = v`, Azure output bindings): see `writes.ts`. */
  private checkWrites(node: TSESTree.AssignmentExpression | TSESTree.CallExpression | TSESTree.NewExpression): void {
    for (const write of writeSinks(node, this)) {
      const taints = flatten(this.eval(write.node)).filter((taint) => !taint.cleaned.includes(write.spec.kind));
      if (taints.length > 0 && !write.excluded?.()) this.addSink({ spec: write.spec, file: this.path, range: [write.node.range[0], write.node.range[1]], name: write.name, taints });
    }
  }

  /** The argument, its property at `spec.property`, or its elements: each with its node and value. */
  private sinkTargets(spec: SinkSpec, argNode: TSESTree.Node, argValue: Value): { node: TSESTree.Node; value: Value }[] {
    if (spec.property !== undefined) return this.propertyTargets(argNode, argNode, argValue, spec.property.split('.'));
    const node = unwrap(argNode);
    if (spec.elements && node.type === AST_NODE_TYPES.ArrayExpression) {
      return node.elements.flatMap((element, index) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? [{ node: element, value: this.readField(argValue, String(index)) }] : []));
    }
    if (spec.elements && argValue.fields) return [{ node: argNode, value: { taints: flatten(argValue) } }];
    return [{ node: argNode, value: argValue }];
  }

  /** The value at a property path of an argument, with the deepest node of the path written in the code. */
  private propertyTargets(nearest: TSESTree.Node, node: TSESTree.Node | undefined, value: Value, segments: readonly string[]): { node: TSESTree.Node; value: Value }[] {
    const [segment, ...rest] = segments;
    if (segment === undefined) return [{ node: node ?? nearest, value }];
    const current = node ? unwrap(node) : undefined;
    if (segment === '*' && current?.type === AST_NODE_TYPES.ArrayExpression) {
      return current.elements.flatMap((element, index) =>
        element && element.type !== AST_NODE_TYPES.SpreadElement ? this.propertyTargets(element, element, this.readField(value, String(index)), rest) : [],
      );
    }
    let child: TSESTree.Node | undefined;
    if (current?.type === AST_NODE_TYPES.ObjectExpression) {
      const property = current.properties.find(
        (candidate): candidate is TSESTree.Property => candidate.type === AST_NODE_TYPES.Property && propertyName(candidate.key, candidate.computed) === segment,
      );
      child = property?.value;
      // A property that is absent from a literal object cannot reach the sink.
      if (!child && !current.properties.some((candidate) => candidate.type === AST_NODE_TYPES.SpreadElement)) return [];
    }
    return this.propertyTargets(child ?? nearest, child, this.readField(value, segment), rest);
  }

  private addSink(hit: SinkHit): void {
    const key = `${hit.spec.kind}|${hit.spec.label}|${hit.file}|${hit.range[0]}:${hit.range[1]}`;
    const existing = this.current.sinks.get(key);
    if (!existing) {
      if (this.current.sinks.size >= MAX_SINKS_PER_FUNCTION) return;
      this.current.sinks.set(key, hit);
      this.changed = true;
      return;
    }
    const known = new Set(existing.taints.map(taintKey));
    const added = hit.taints.filter((taint) => !known.has(taintKey(taint)));
    if (added.length === 0 || existing.taints.length >= 8) return;
    this.current.sinks.set(key, { ...existing, taints: [...existing.taints, ...added].slice(0, 8) });
    this.changed = true;
  }

  // ---------------------------------------------------------------------------------------------
  // Summaries

  /** After a round: each function's sinks plus those of the functions nested in it. */
  private computeVisible(): void {
    const order = [...this.functions].sort((a, b) => a.range[1] - a.range[0] - (b.range[1] - b.range[0]));
    for (const fn of [...order, this.ast]) {
      const summary = this.summaries.get(fn);
      if (!summary) continue;
      const sinks = [...summary.sinks.values()];
      const deferred = [...summary.deferred.values()];
      for (const child of this.children.get(fn) ?? []) {
        const nested = this.summaries.get(child);
        if (!nested) continue;
        sinks.push(...nested.visibleSinks);
        deferred.push(...nested.visibleDeferred);
      }
      const visibleSinks = sinks.slice(0, MAX_SINKS_PER_FUNCTION * 2);
      const visibleDeferred = deferred.slice(0, MAX_SINKS_PER_FUNCTION);
      if (!sameItems(visibleSinks, summary.visibleSinks) || !sameItems(visibleDeferred, summary.visibleDeferred)) this.touch(summary);
      summary.visibleSinks = visibleSinks;
      summary.visibleDeferred = visibleDeferred;
    }
  }

  /** A call to a function of the project: its summary with the arguments substituted. */
  private instantiate(fn: FunctionNode, args: readonly Value[], node: TSESTree.Node): Value {
    const owner = OWNERS.get(fn);
    const summary = owner?.summaryOf(fn);
    if (!owner || !summary) return EMPTY;
    const substitution: Substitution = {
      fn,
      args,
      paramStep: (index) => {
        const parameter = fn.params[index];
        if (!parameter) return undefined;
        const name = parameter.type === AST_NODE_TYPES.Identifier ? parameter.name : `parameter ${index + 1}`;
        const fnName = owner.nameOf(fn);
        const label = fnName === undefined ? `${name} (callback parameter)` : `${name} (parameter of ${fnName})`;
        return { file: owner.path, range: [parameter.range[0], parameter.range[1]], message: label };
      },
    };
    this.applySummary(summary, substitution);
    const returned = this.substitute(summary.returns, substitution);
    if (returned.taints.length === 0 && !returned.fields) return returned;
    const fnName = owner.nameOf(fn);
    return withStep(returned, stepAt(this.path, node, fnName === undefined ? 'returned by the callback' : `returned by ${fnName}()`));
  }

  /** Adds a callee's sinks and deferred calls, with the arguments substituted, to the current summary. */
  private applySummary(summary: Summary, substitution: Substitution): void {
    for (const hit of summary.visibleSinks) {
      const taints = flatten(this.substitute({ taints: hit.taints }, substitution)).filter((taint) => !taint.cleaned.includes(hit.spec.kind));
      if (taints.length > 0) this.addSink({ ...hit, taints });
    }
    if (this.resolveDepth >= MAX_RESOLVE_DEPTH) return;
    this.resolveDepth++;
    try {
      for (const deferred of summary.visibleDeferred) this.resolveDeferred(deferred, substitution);
    } finally {
      this.resolveDepth--;
    }
  }

  private resolveDeferred(deferred: DeferredCall, substitution: Substitution): void {
    const root = deferred.target.root;
    if (root.kind !== 'param') return;
    const args = deferred.args.map((arg) => this.substitute(arg, substitution));
    if (root.fn !== substitution.fn) {
      // A parameter of a function around this one: still symbolic here.
      if (!isInside(root.fn, substitution.fn)) this.addDeferred({ ...deferred, args });
      return;
    }
    const actual = this.readPath(substitution.args[root.index] ?? EMPTY, deferred.target.path);
    const argNodes = deferred.node.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? argument.argument : argument));
    const info: CallInfo = { node: deferred.node, file: deferred.file, isNew: deferred.isNew, callee: actual, args, argNodes };
    if (deferred.method !== undefined) {
      info.receiver = actual;
      info.method = deferred.method;
      info.callee = this.readField(actual, deferred.method);
    }
    // The argument may itself be a parameter of the caller: defer again, one level up.
    const outer = actual.taints.find((taint) => taint.exact && taint.root.kind === 'param');
    if (outer) this.addDeferred({ ...deferred, target: outer, args });
    this.checkSinks(info);
    for (const fn of info.callee.functions ?? []) this.instantiate(fn, args, deferred.node);
  }

  /** Reads a field path (`['body', 'name']`) of a value. */
  private readPath(value: Value, path: readonly string[]): Value {
    let current = value;
    for (const segment of path) current = this.readField(current, segment);
    return current;
  }

  private substitute(value: Value, substitution: Substitution, depth = 0): Value {
    if (value.taints.length === 0 && !value.fields) return value;
    const parts: Value[] = [];
    const kept: Taint[] = [];
    for (const taint of value.taints) {
      const root = taint.root;
      if (root.kind !== 'param') {
        kept.push(taint);
      } else if (root.fn === substitution.fn) {
        const actual = this.readPath(substitution.args[root.index] ?? EMPTY, taint.path);
        const hop = substitution.paramStep?.(root.index);
        const combine = (inner: Taint) => combineTaints(inner, taint, hop);
        parts.push(taint.exact ? mapTaints(actual, combine) : { taints: flatten(actual).map(combine) });
      } else if (!isInside(root.fn, substitution.fn)) {
        kept.push(taint);
      }
    }
    let fields: Map<string, Value> | undefined;
    if (value.fields && depth < 5) {
      fields = new Map();
      for (const [name, field] of value.fields) fields.set(name, this.substitute(field, substitution, depth + 1));
    }
    return join({ ...value, taints: kept, ...(fields ? { fields } : {}) }, ...parts);
  }

  // ---------------------------------------------------------------------------------------------
  // GuardHost

  keyOf(node: TSESTree.Node): string | undefined {
    const current = unwrap(node);
    if (current.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variableOf.get(current);
      return variable ? `v${idOf(variable)}` : undefined;
    }
    if (current.type === AST_NODE_TYPES.ThisExpression) return 'this';
    if (current.type === AST_NODE_TYPES.MemberExpression) {
      const object = this.keyOf(current.object);
      const name = current.computed ? this.literalKey(current.property) : memberName(current);
      return object !== undefined && name !== undefined ? `${object}.${name}` : undefined;
    }
    if (current.type === AST_NODE_TYPES.CallExpression) {
      // `request.query.get('q')`: a reader call names a part of its receiver.
      const callee = unwrap(current.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      const method = memberName(callee);
      const argument = current.arguments[0] ? unwrap(current.arguments[0]) : undefined;
      if (method === undefined || !READER_METHODS.has(method)) return undefined;
      const object = this.keyOf(callee.object);
      if (object === undefined) return undefined;
      return argument?.type === AST_NODE_TYPES.Literal && typeof argument.value === 'string' ? `${object}.${method}('${argument.value}')` : `${object}.${method}()`;
    }
    return undefined;
  }

  private literalKey(node: TSESTree.Node): string | undefined {
    const current = unwrap(node);
    if (current.type === AST_NODE_TYPES.Literal && (typeof current.value === 'string' || typeof current.value === 'number')) return String(current.value);
    return undefined;
  }

  validatorOf(call: TSESTree.CallExpression): { argument: TSESTree.Node; cleans: Cleaning; shape?: SchemaShape } | undefined {
    const info = this.callInfo(call, false);
    for (const spec of candidates(VALIDATOR_INDEX, info)) {
      const argument = info.argNodes[spec.argument];
      if (argument && matchesCallee(spec, info)) return { argument, cleans: spec.cleans === '*' ? '*' : [...spec.cleans] };
    }
    const argument = info.argNodes[0];
    if (!argument) return undefined;
    // ajv: `validate(body)` with `const validate = ajv.compile(schema)`.
    if (info.callee.validator) return { argument, cleans: '*', shape: info.callee.validator };
    // ajv: `ajv.validate(schema, body)`; yup: `schema.isValidSync(body)`.
    if (info.method === 'validate' && info.receiver?.provenance?.some((entry) => AJV_MODULES.includes(entry.module)) && info.argNodes[1]) {
      return { argument: info.argNodes[1], cleans: '*', shape: jsonSchemaShape(info.args[0]) };
    }
    if (info.method === 'isValidSync' && info.receiver?.schema) return { argument, cleans: '*', shape: info.receiver.schema };
    return undefined;
  }
}

// -----------------------------------------------------------------------------------------------

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function isTrusted(trusted: readonly string[] | undefined, path: readonly string[]): boolean {
  return (trusted ?? []).some((pattern) => matchesPrefix(pattern, path));
}

/** Whether `inner` is (or is nested in) `outer`. */
function isInside(inner: FunctionNode, outer: FunctionNode): boolean {
  return OWNERS.get(inner) === OWNERS.get(outer) && inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The taint of an argument (`inner`) flowing through a callee's parameter taint (`outer`): the
 * caller's path first, then the parameter, then the callee's hops.
 */
function combineTaints(inner: Taint, outer: Taint, hop: Step | undefined): Taint {
  const exact = inner.exact && outer.exact;
  const steps = [...inner.steps];
  let combined: Taint = { ...inner, exact, object: outer.exact ? inner.object : outer.object, cleaned: [...new Set([...inner.cleaned, ...outer.cleaned])].sort(), steps };
  if (!inner.exact && outer.exact) combined = { ...combined, object: inner.object };
  if (!combined.entry && outer.entry) combined = { ...combined, entry: outer.entry };
  if (hop) combined = addStep(combined, hop);
  for (const step of outer.steps) combined = addStep(combined, step);
  return combined;
}

function conditionHolds(condition: NonNullable<SinkSpec['when']>, args: readonly Value[]): boolean {
  if ('html' in condition) return false;
  if ('equalsIgnoringCase' in condition) {
    const literal = args[condition.argument]?.literal;
    return typeof literal === 'string' && literal.toLowerCase() === condition.equalsIgnoringCase;
  }
  return args.some((arg) => {
    const option = arg.fields?.get(condition.option);
    if (!option) return false;
    if ('truthy' in condition) return option.literal === true || (typeof option.literal === 'string' && option.literal !== '');
    return (option.provenance ?? []).some((entry) => condition.exportIn.includes(entry.path[entry.path.length - 1] ?? ''));
  });
}

/** Taints of a value used as text: an object literal's fields are its own business. */
/** Whether a response object's `headers` or `multiValueHeaders` give an HTML content type. */
function isHtmlResponse(response: Value): boolean {
  for (const key of ['headers', 'multiValueHeaders']) {
    for (const [name, header] of response.fields?.get(key)?.fields ?? []) {
      if (name.toLowerCase() !== 'content-type') continue;
      const literal = header.literal ?? header.fields?.get('0')?.literal;
      if (typeof literal === 'string' && HTML_CONTENT_TYPE.test(literal)) return true;
    }
  }
  return false;
}

/** `type('html')`, `contentType('text/html')`, `set('Content-Type', 'text/html')`, `writeHead(200, { 'Content-Type': 'text/html' })`. */
function setsHtml(call: TSESTree.CallExpression): boolean {
  if (call.callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = memberName(call.callee);
  const [first, second] = call.arguments.map((argument) => unwrap(argument));
  const text = (node: TSESTree.Node | undefined): string | undefined => (node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string' ? node.value : undefined);
  const htmlHeaders = (node: TSESTree.Node | undefined): boolean =>
    node?.type === AST_NODE_TYPES.ObjectExpression &&
    node.properties.some((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed)?.toLowerCase() === 'content-type' && HTML_CONTENT_TYPE.test(text(unwrap(property.value)) ?? ''));
  switch (method) {
    case 'type':
    case 'contentType':
      return HTML_CONTENT_TYPE.test(text(first) ?? '');
    case 'set':
    case 'setHeader':
    case 'header':
    case 'append':
      return (text(first)?.toLowerCase() === 'content-type' && HTML_CONTENT_TYPE.test(text(second) ?? '')) || htmlHeaders(first);
    case 'writeHead':
      return htmlHeaders(second) || htmlHeaders(call.arguments[2] ? unwrap(call.arguments[2]) : undefined);
    default:
      return false;
  }
}

/** The innermost function around `node`, found from the root (the parser keeps no parent links). */
function enclosingFunction(root: TSESTree.Node, node: TSESTree.Node): FunctionNode | undefined {
  let found: FunctionNode | undefined;
  let current: TSESTree.Node | undefined = root;
  while (current) {
    if (isFunction(current)) found = current;
    current = childrenOf(current).find((child) => child !== node && child.range[0] <= node.range[0] && node.range[1] <= child.range[1]);
  }
  return found;
}

const MARKUP = /<[a-z!/][^>]*>?/i;

/** A `replace` that puts a backslash before every regular expression metacharacter. */
function escapesRegexMetacharacters(pattern: Value | undefined, replacement: Value | undefined): boolean {
  if (!pattern?.regex || !pattern.regex.flags.includes('g')) return false;
  if (replacement?.literal !== '\\$&') return false;
  return ['.', '*', '+', '?', '(', ')', '[', '{', '|', '^', '$'].every((character) => pattern.regex?.pattern.includes(character));
}

/** The cleaning mark of a value encoded to fill one URL segment (`encodeURIComponent`). */
const URL_SEGMENT = 'url-segment';

/** What an encoded segment after a fixed origin cannot do: choose where a request or a redirect goes. */
const ANCHORED_KINDS = ['redirect', 'ssrf'];

/**
 * From which part on a concatenated string is past a fixed origin, so that the parts there cannot
 * choose where a request goes: the index of the first such part, or the number of parts when there
 * is none. The known text before it must be an absolute URL with its host and the start of a path,
 * query or fragment (`https://api.example.com/users/`), a path-absolute reference (`/users/`,
 * resolved against a base: `new URL(path, BASE)`, axios' `baseURL`), or an untainted value such as
 * `process.env.API_URL` or a constant followed by `/`, `?` or `#`.
 *
 * A heuristic in favour of fewer false positives: an origin read from configuration is trusted, and
 * a value made safe here stays safe if a later concatenation puts it first (`'http:/' + path`).
 * Parts that were not encoded (`/users/${id}`) are not cleaned: `../` and `?` reach other
 * endpoints of the same service.
 */
function anchoredUrlParts(values: readonly Value[]): number {
  let text = '';
  let configured = false;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (!value) break;
    const literal = value.literal;
    if (typeof literal === 'string' || typeof literal === 'number') {
      text += String(literal);
      continue;
    }
    // The origin came from configuration when the string starts with an untainted value.
    if (text === '' && !configured && flatten(value).length === 0) {
      configured = true;
      continue;
    }
    if ((configured && /^[/?#]/.test(text)) || /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\@]+[/?#]/i.test(text) || /^\/(?![/\\])/.test(text)) return index;
    break;
  }
  return values.length;
}

/** The operands of a chain of `+`, left to right: `a + b + c` is `(a + b) + c` in the tree. */
function concatenatedParts(node: TSESTree.Node): TSESTree.Node[] {
  const inner = unwrap(node);
  if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') return [...concatenatedParts(inner.left), ...concatenatedParts(inner.right)];
  return [node];
}

function textTaints(value: Value): Taint[] {
  return value.fields ? [...value.taints] : flatten(value);
}

/** Taints anywhere in a MongoDB filter, except under operators that take literal values. */
function filterTaints(value: Value, depth = 0): Taint[] {
  const taints = [...value.taints];
  if (value.fields && depth < 5) {
    for (const [name, field] of value.fields) if (!LITERAL_OPERATORS.has(name)) taints.push(...filterTaints(field, depth + 1));
  }
  return taints;
}

function sinkName(spec: SinkSpec): string {
  return spec.name ?? spec.export?.split('.').pop() ?? spec.method ?? spec.global ?? 'sink';
}

/** Whether a taint may be a parsed object (for operator injection), given its root's shape. */
export function mayBeObject(taint: Taint): boolean {
  if (!taint.exact) return taint.object;
  if (taint.root.kind !== 'source') return true;
  return !(taint.root.shape.strings ?? []).some((pattern) => matchesExactly(pattern, taint.path));
}

/** Whether a source taint is event data: under a source path of its shape, not trusted. */
export function isLive(taint: Taint): boolean {
  if (taint.root.kind !== 'source') return false;
  const shape = taint.root.shape;
  if (shape.sources && !shape.sources.some((pattern) => matchesPrefix(pattern, taint.path))) return false;
  return !isTrusted(shape.trusted, taint.path);
}

