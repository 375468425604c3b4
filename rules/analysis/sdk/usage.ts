/**
 * What a function's code calls: every AWS SDK call reachable from its handler module and the
 * local modules it imports, each with the IAM actions it needs and the resource its input names.
 *
 * Recognised shapes: SDK v3 commands (`client.send(new GetObjectCommand(…))`, wherever the
 * command is built), aggregated clients (`new S3({}).getObject(…)`), `@aws-sdk/lib-dynamodb`
 * commands and `DynamoDBDocument`, paginators (`paginateQuery(config, input)`),
 * `@aws-sdk/lib-storage` `Upload`; SDK v2 clients (`new AWS.S3().getObject(…)`,
 * `require('aws-sdk/clients/s3')`, `DocumentClient`, `getSignedUrl('getObject', …)`).
 *
 * Name-based over each file, like `imports.ts`: a local shadowing a client's name is taken for it.
 * A call whose operation cannot be known (`client.send(command)` with a command from elsewhere,
 * `s3[method](…)`) is recorded as unresolved, so rules that need the whole picture (missing or
 * unused permissions) can stay quiet rather than guess.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { FilePath, Range } from '../../engine/types';
import type { FunctionModel } from '../../model/types';
import { getPath, isScalar } from '../../parse/document';
import { parseJavaScript } from '../../parse/javascript';
import type { SourceFile } from '../../parse/source-file';
import { CLIENT_NON_OPERATIONS, PARTIQL_OPERATIONS } from '../../data/sdk-operations';
import { SERVICE_RESOURCES } from '../../data/sdk-resources';
import { memberPath, propertyName, requiredModule, unwrap, walk } from '../estree';
import { collectImports, type ImportBindings } from '../imports';
import { moduleCandidates } from '../taint/module';
import { actionsForOperation, documentOperation, operationName, v2ClassService, v2ClientFileClass, v3PackageService } from './operations';
import { mutatedName, partiqlStatements } from './statements';

/** Where the resource an SDK call acts on comes from. */
export type ResourceSource =
  | { kind: 'literal'; value: string }
  | { kind: 'env'; name: string }
  | { kind: 'unknown' };

export interface SdkCall {
  file: FilePath;
  /** The call (or the `new …Command(…)` / `new Upload(…)`) in the handler code. */
  range: Range;
  /** The IAM service prefix (`s3`, `states`). */
  service: string;
  /** The service operation, PascalCase (`GetObject`, `Query`, `Upload`). */
  operation: string;
  /** The IAM actions the call needs, sorted. */
  actions: string[];
  /** The input field naming the resource (`Bucket`), when the service has one. */
  resourceField?: string;
  /** The value of that field; `unknown` when it is absent or computed. */
  resource?: ResourceSource;
  /** DynamoDB `IndexName`, when the input names one (a query on an index needs `table/…/index/*`). */
  index?: ResourceSource;
}

export interface UnresolvedCall {
  file: FilePath;
  range: Range;
  /** Why the operation is unknown, for messages and docs. */
  reason: string;
}

export interface SdkUsage {
  calls: SdkCall[];
  /** Calls on an SDK client whose operation cannot be known before run time. */
  unresolved: UnresolvedCall[];
  /** Every module read (the handler first). */
  files: FilePath[];
  /** True when every call on an SDK client was resolved. */
  complete: boolean;
}

type ClientStyle = 'command' | 'aggregated' | 'document-command' | 'document' | 'v2' | 'v2-document';

interface Client {
  service: string;
  style: ClientStyle;
}

interface ModuleUsage {
  calls: SdkCall[];
  unresolved: UnresolvedCall[];
  /** Module-level names bound to clients, exported or not (export names usually match). */
  clients: Map<string, Client>;
  /** The local modules this one imports. */
  imports: FilePath[];
}

/** Loads a project file, as `RuleContext.sourceFile` does. */
export type SourceLoader = (path: FilePath) => SourceFile | undefined;

const MAX_MODULES = 200;

/**
 * Results per entry module, with every file the analysis loaded or probed. The IAM rules ask for
 * the same handler once per statement, per function and per rule, and re-walking every handler
 * each time made a 2,000-function template take seconds. A project parses a file once per text,
 * so a result is reused only while each of those paths still loads the very same object.
 */
const usageCache = new WeakMap<SourceFile, { usage: SdkUsage; loads: Map<FilePath, SourceFile | undefined> }>();

/** The SDK usage of a module and every local module it imports, transitively. */
export function sdkUsage(load: SourceLoader, entry: FilePath): SdkUsage {
  const entryFile = load(entry);
  const cached = entryFile && usageCache.get(entryFile);
  if (cached && [...cached.loads].every(([path, file]) => load(path) === file)) return cached.usage;
  const loads = new Map<FilePath, SourceFile | undefined>();
  const usage = analyseUsage((path) => {
    const file = load(path);
    loads.set(path, file);
    return file;
  }, entry);
  if (entryFile) usageCache.set(entryFile, { usage, loads });
  return usage;
}

function analyseUsage(load: SourceLoader, entry: FilePath): SdkUsage {
  const modules = new Map<FilePath, ModuleUsage>();
  const analyse = (path: FilePath): ModuleUsage | undefined => {
    const known = modules.get(path);
    if (known) return known;
    const file = load(path);
    if (!file || file.language !== 'javascript' || !file.ast || modules.size >= MAX_MODULES) return undefined;
    const usage: ModuleUsage = { calls: [], unresolved: [], clients: new Map(), imports: [] };
    // Registered before the walk so an import cycle ends here.
    modules.set(path, usage);
    analyseModule(path, file.ast, usage, load, analyse);
    return usage;
  };
  analyse(entry);
  const calls = [...modules.values()].flatMap((usage) => usage.calls);
  const unresolved = [...modules.values()].flatMap((usage) => usage.unresolved);
  return { calls, unresolved, files: [...modules.keys()], complete: unresolved.length === 0 };
}

/**
 * The SDK usage of a function's handler, or undefined when its code is not in the project. Inline
 * code (CloudFormation `Code.ZipFile`, SAM `InlineCode`) is read too; its calls are located at
 * the inline code's value in the template, since a block scalar's offsets do not map one to one.
 */
export function sdkUsageForFunction(load: SourceLoader, fn: FunctionModel): SdkUsage | undefined {
  const file = fn.handler?.file;
  if (file !== undefined) return sdkUsage(load, file);
  const inline = getPath(fn.node, 'Properties', 'Code', 'ZipFile') ?? getPath(fn.node, 'Properties', 'InlineCode');
  if (!isScalar(inline) || typeof inline.value !== 'string') return undefined;
  const virtual = `${fn.file}#inline/${fn.name}.js`;
  const parsed = parseJavaScript(virtual, inline.value);
  if (parsed.parseError) return undefined;
  const usage = sdkUsage((path) => (path === virtual ? parsed : undefined), virtual);
  const relocate = <T extends { file: FilePath; range: Range }>(item: T): T => ({ ...item, file: fn.file, range: { ...inline.range } });
  return { ...usage, calls: usage.calls.map(relocate), unresolved: usage.unresolved.map(relocate), files: [fn.file] };
}

/** Every IAM action the calls need, sorted and unique. */
export function actionsOf(calls: readonly SdkCall[]): string[] {
  return [...new Set(calls.flatMap((call) => call.actions))].sort();
}

function localModule(load: SourceLoader, from: FilePath, specifier: string): FilePath | undefined {
  if (!(specifier.startsWith('./') || specifier.startsWith('../'))) return undefined;
  return moduleCandidates(from, specifier).find((candidate) => load(candidate) !== undefined);
}

function analyseModule(
  path: FilePath,
  program: TSESTree.Program,
  usage: ModuleUsage,
  load: SourceLoader,
  analyse: (path: FilePath) => ModuleUsage | undefined,
): void {
  const bindings = collectImports(program);
  const declarations = new Map<string, TSESTree.Node>();
  const envNames = new Map<string, string>();
  // Names declared `const` (true), or also with `let`/`var` or changed in place (false): only a constant's value is followed into PartiQL text.
  const constancy = new Map<string, boolean>();

  // Local modules first, so clients they export are known below.
  walk(program, (node) => {
    let specifier: string | undefined;
    if (node.type === AST_NODE_TYPES.ImportDeclaration || node.type === AST_NODE_TYPES.ExportAllDeclaration || node.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      specifier = node.source?.value;
    } else if (node.type === AST_NODE_TYPES.ImportExpression && node.source.type === AST_NODE_TYPES.Literal && typeof node.source.value === 'string') {
      specifier = node.source.value;
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      specifier = requiredModule(node);
    }
    if (specifier === undefined) return;
    const target = localModule(load, path, specifier);
    if (target !== undefined && !usage.imports.includes(target)) usage.imports.push(target);
  });
  const imported = new Map<FilePath, ModuleUsage>();
  for (const target of usage.imports) {
    const result = analyse(target);
    if (result) imported.set(target, result);
  }

  const clientOf = (node: TSESTree.Node): Client | undefined => {
    const current = unwrap(node);
    if (current.type === AST_NODE_TYPES.Identifier) {
      const local = usage.clients.get(current.name);
      if (local) return local;
      const binding = bindings.get(current.name);
      if (binding && (binding.module.startsWith('./') || binding.module.startsWith('../'))) {
        const target = localModule(load, path, binding.module);
        return target === undefined ? undefined : imported.get(target)?.clients.get(binding.name);
      }
      return undefined;
    }
    if (current.type === AST_NODE_TYPES.MemberExpression && current.object.type === AST_NODE_TYPES.ThisExpression) {
      const name = propertyName(current.property, current.computed);
      return name === undefined ? undefined : usage.clients.get(`this.${name}`);
    }
    if (current.type === AST_NODE_TYPES.NewExpression || current.type === AST_NODE_TYPES.CallExpression) return clientCreated(current, bindings);
    return undefined;
  };

  // Pass 1: declarations, environment names and clients, in source order.
  walk(program, (node) => {
    const mutated = mutatedName(node);
    if (mutated !== undefined) constancy.set(mutated, false);
    if (node.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of node.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier) constancy.set(declarator.id.name, node.kind === 'const' && constancy.get(declarator.id.name) !== false);
      }
    } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      if (node.id.type === AST_NODE_TYPES.Identifier) {
        declarations.set(node.id.name, node.init);
        const client = clientOf(node.init);
        if (client) usage.clients.set(node.id.name, client);
      } else if (node.id.type === AST_NODE_TYPES.ObjectPattern && isProcessEnv(node.init)) {
        // const { BUCKET, TABLE: table } = process.env
        for (const property of node.id.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const name = propertyName(property.key, property.computed);
          const target = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
          if (name !== undefined && target.type === AST_NODE_TYPES.Identifier) envNames.set(target.name, name);
        }
      }
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') {
      const left = node.left;
      const client = clientOf(node.right);
      if (!client) return;
      if (left.type === AST_NODE_TYPES.Identifier) usage.clients.set(left.name, client);
      else if (left.type === AST_NODE_TYPES.MemberExpression) {
        const name = propertyName(left.property, left.computed);
        if (name === undefined) return;
        // `this.s3 = new S3()` in a class; `exports.s3 = …` / `module.exports.s3 = …` export it.
        usage.clients.set(left.object.type === AST_NODE_TYPES.ThisExpression ? `this.${name}` : name, client);
      }
    } else if (node.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const client = clientOf(node.declaration);
      if (client) usage.clients.set('default', client);
    }
  });

  const constants = new Set([...constancy].flatMap(([name, constant]) => (constant ? [name] : [])));
  const context: InputContext = { declarations, envNames, constants };
  const record = (node: TSESTree.Node, service: string, operation: string, input: TSESTree.Node | undefined): void => {
    usage.calls.push(callOf(path, node, service, operation, input, context));
  };
  const unresolved = (node: TSESTree.Node, reason: string): void => {
    usage.unresolved.push({ file: path, range: { start: node.range[0], end: node.range[1] }, reason });
  };

  // Pass 2: the calls.
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const name = qualifiedName(node.callee, bindings);
      if (!name) return;
      const service = v3PackageService(name.module);
      const last = name.path[name.path.length - 1];
      if (service === undefined || last === undefined || name.path.length !== 1) return;
      if (name.module === '@aws-sdk/lib-storage' && last === 'Upload') {
        record(node, 's3', 'Upload', objectProperty(node.arguments[0], 'params', context));
      } else if (last.endsWith('Command') && last.length > 'Command'.length) {
        const base = last.slice(0, -'Command'.length);
        const operation = name.module === '@aws-sdk/lib-dynamodb' ? documentOperation(base) : base;
        if (operation !== undefined) record(node, service, operation, node.arguments[0]);
      }
      return;
    }
    if (node.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = unwrap(node.callee);
    // Paginators: paginateQuery({ client }, input).
    const name = qualifiedName(callee, bindings);
    const first = name?.path[0];
    if (name && name.path.length === 1 && first?.startsWith('paginate') && first.length > 'paginate'.length) {
      const service = v3PackageService(name.module);
      const base = first.slice('paginate'.length);
      const operation = name.module === '@aws-sdk/lib-dynamodb' ? documentOperation(base) : base;
      if (service !== undefined && operation !== undefined) record(node, service, operation, node.arguments[1]);
      return;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const client = clientOf(callee.object);
    if (!client) return;
    const method = propertyName(callee.property, callee.computed);
    if (method === undefined) {
      unresolved(node, 'the method name is computed');
      return;
    }
    if (method === 'send') {
      if (client.style === 'v2' || client.style === 'v2-document') return;
      const argument = node.arguments[0];
      if (!argument || !isCommandValue(argument, declarations, bindings)) unresolved(node, 'the command is not built here');
      return;
    }
    if ((method === 'getSignedUrl' || method === 'getSignedUrlPromise') && client.style === 'v2') {
      const operationArgument = node.arguments[0];
      if (operationArgument?.type === AST_NODE_TYPES.Literal && typeof operationArgument.value === 'string') {
        record(node, client.service, operationName(operationArgument.value), node.arguments[1]);
      } else {
        unresolved(node, 'the signed operation is computed');
      }
      return;
    }
    if (CLIENT_NON_OPERATIONS.has(method) || client.style === 'command' || client.style === 'document-command') return;
    const operation = client.style === 'document' || client.style === 'v2-document' ? documentOperation(operationName(method)) : operationName(method);
    // Document clients also have helpers (`createSet`, `from`) that call nothing.
    if (operation !== undefined) record(node, client.service, operation, node.arguments[0]);
  });
}

/** A name as an import path: `AWS.DynamoDB.DocumentClient` → `{ module: 'aws-sdk', path: ['DynamoDB', 'DocumentClient'] }`. */
function qualifiedName(node: TSESTree.Node, bindings: ImportBindings): { module: string; path: string[] } | undefined {
  const current = unwrap(node);
  const required = requiredModule(current);
  if (required !== undefined) return { module: required, path: [] };
  if (current.type === AST_NODE_TYPES.MemberExpression && !current.computed) {
    const object = qualifiedName(current.object, bindings);
    const name = propertyName(current.property, current.computed);
    return object && name !== undefined ? { module: object.module, path: [...object.path, name] } : undefined;
  }
  const path = memberPath(current);
  const [head, ...rest] = path ?? [];
  if (head === undefined) return undefined;
  const binding = bindings.get(head);
  if (!binding) return undefined;
  return { module: binding.module, path: binding.name === '*' || binding.name === 'default' ? rest : [binding.name, ...rest] };
}

/** The client a `new X(…)` or `X.from(…)` creates, when X is an SDK client class. */
function clientCreated(node: TSESTree.NewExpression | TSESTree.CallExpression, bindings: ImportBindings): Client | undefined {
  const name = qualifiedName(node.callee, bindings);
  if (!name) return undefined;
  if (node.type === AST_NODE_TYPES.CallExpression) {
    // DynamoDBDocument.from(client) / DynamoDBDocumentClient.from(client)
    if (name.module !== '@aws-sdk/lib-dynamodb' || name.path.length !== 2 || name.path[1] !== 'from') return undefined;
    if (name.path[0] === 'DynamoDBDocument') return { service: 'dynamodb', style: 'document' };
    if (name.path[0] === 'DynamoDBDocumentClient') return { service: 'dynamodb', style: 'document-command' };
    return undefined;
  }
  const v3 = v3PackageService(name.module);
  const [className, member] = name.path;
  if (v3 !== undefined && className !== undefined && member === undefined) {
    if (name.module === '@aws-sdk/lib-dynamodb') {
      if (className === 'DynamoDBDocument') return { service: 'dynamodb', style: 'document' };
      if (className === 'DynamoDBDocumentClient') return { service: 'dynamodb', style: 'document-command' };
      return undefined;
    }
    if (className.endsWith('Command') || className === 'Upload') return undefined;
    if (className.endsWith('Client')) return { service: v3, style: 'command' };
    return /^[A-Z]/.test(className) ? { service: v3, style: 'aggregated' } : undefined;
  }
  // SDK v2: `new AWS.S3()`, `new S3()` from `aws-sdk/clients/s3`, `new AWS.DynamoDB.DocumentClient()`.
  const fileClass = v2ClientFileClass(name.module);
  const path = fileClass !== undefined ? [fileClass, ...name.path] : name.module === 'aws-sdk' ? name.path : undefined;
  if (!path || path.length === 0) return undefined;
  const [v2Class, v2Member] = path;
  const service = v2Class === undefined ? undefined : v2ClassService(v2Class);
  if (service === undefined) return undefined;
  if (path.length === 1) return { service, style: 'v2' };
  if (path.length === 2 && v2Class === 'DynamoDB' && v2Member === 'DocumentClient') return { service, style: 'v2-document' };
  return undefined;
}

function isProcessEnv(node: TSESTree.Node): boolean {
  const path = memberPath(node);
  return path !== undefined && path.length === 2 && path[0] === 'process' && path[1] === 'env';
}

/** Whether a `send` argument is a command built in this file (`new XCommand(…)` or a variable holding one). */
function isCommandValue(node: TSESTree.Node, declarations: ReadonlyMap<string, TSESTree.Node>, bindings: ImportBindings, depth = 0): boolean {
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.NewExpression) {
    const name = qualifiedName(current.callee, bindings);
    return name !== undefined && v3PackageService(name.module) !== undefined;
  }
  if (current.type === AST_NODE_TYPES.Identifier && depth < 4) {
    const init = declarations.get(current.name);
    return init !== undefined && isCommandValue(init, declarations, bindings, depth + 1);
  }
  return false;
}

interface InputContext {
  declarations: ReadonlyMap<string, TSESTree.Node>;
  /** Locals destructured from `process.env`, by local name → variable name. */
  envNames: ReadonlyMap<string, string>;
  /** Names declared with `const` only. */
  constants: ReadonlySet<string>;
}

/** An object literal, following a `const params = {…}` once or twice. */
function objectOf(node: TSESTree.Node | undefined, context: InputContext, depth = 0): TSESTree.ObjectExpression | undefined {
  if (!node || depth > 4) return undefined;
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.ObjectExpression) return current;
  if (current.type === AST_NODE_TYPES.Identifier) return objectOf(context.declarations.get(current.name), context, depth + 1);
  return undefined;
}

function objectProperty(node: TSESTree.Node | undefined, key: string, context: InputContext): TSESTree.Node | undefined {
  const object = objectOf(node, context);
  for (const property of object?.properties ?? []) {
    if (property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === key) return property.value;
  }
  return undefined;
}

/** Where a value comes from: a string literal, `process.env.X`, or neither. */
function sourceOf(node: TSESTree.Node | undefined, context: InputContext, depth = 0): ResourceSource {
  if (!node || depth > 4) return { kind: 'unknown' };
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.Literal && typeof current.value === 'string') return { kind: 'literal', value: current.value };
  if (current.type === AST_NODE_TYPES.TemplateLiteral && current.expressions.length === 0) {
    const value = current.quasis[0]?.value.cooked;
    return typeof value === 'string' ? { kind: 'literal', value } : { kind: 'unknown' };
  }
  if (current.type === AST_NODE_TYPES.MemberExpression && isProcessEnv(current.object)) {
    const name = propertyName(current.property, current.computed);
    return name === undefined ? { kind: 'unknown' } : { kind: 'env', name };
  }
  // `process.env.BUCKET ?? 'default'` / `|| 'default'`: the environment decides when it is set.
  if (current.type === AST_NODE_TYPES.LogicalExpression) return sourceOf(current.left, context, depth + 1);
  if (current.type === AST_NODE_TYPES.Identifier) {
    const env = context.envNames.get(current.name);
    if (env !== undefined) return { kind: 'env', name: env };
    return sourceOf(context.declarations.get(current.name), context, depth + 1);
  }
  return { kind: 'unknown' };
}

function callOf(file: FilePath, node: TSESTree.Node, service: string, operation: string, input: TSESTree.Node | undefined, context: InputContext): SdkCall {
  const statements = service === 'dynamodb' && PARTIQL_OPERATIONS.has(operation) ? partiqlStatements(input, context) : [];
  const call: SdkCall = {
    file,
    range: { start: node.range[0], end: node.range[1] },
    service,
    operation,
    actions: actionsForOperation(service, operation, statements),
  };
  const parameter = Object.hasOwn(SERVICE_RESOURCES, service) ? SERVICE_RESOURCES[service] : undefined;
  if (parameter) {
    call.resourceField = parameter.field;
    call.resource = sourceOf(objectProperty(input, parameter.field, context), context);
  }
  if (service === 'dynamodb') {
    const index = objectProperty(input, 'IndexName', context);
    if (index) call.index = sourceOf(index, context);
  }
  return call;
}
