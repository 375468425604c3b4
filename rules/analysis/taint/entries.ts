/**
 * Entry points: the functions of a module that a platform calls with event data.
 *
 * - exports: `exports.handler`, `module.exports.handler`, `module.exports = fn` (Azure v3),
 *   `export const handler`, `export function handler`, `export { x as handler }`, `export default`,
 *   any export the project model names for this file, exports whose parameters are typed with
 *   `aws-lambda` event types; wrappers such as `middy(fn).use(…)` are looked through;
 * - registrations (`specs/sources.ts` `REGISTRATIONS`): Azure v4 `app.http('n', { handler })` and
 *   its other triggers, Google's `functions.http` / `cloudEvent`, Firebase `https.onRequest`,
 *   Express / Koa / Fastify route handlers.
 */
import { AST_NODE_TYPES as NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { isFunction, memberPath, propertyName, unwrap, type FunctionNode } from '../estree';
import type { ModuleAnalysis } from './module';
import { REGISTRATIONS, type EntryStyle } from './specs/index';
import type { Provenance } from './value';

/** Read once: the package exposes the enum through a getter, which would run on every node test. */
const AST_NODE_TYPES = NODE_TYPES;

export interface Entry {
  fn: FunctionNode;
  /** The export or trigger name: `handler`, `default`, `module.exports`, `http`. */
  name: string;
  style: EntryStyle;
  /** Where the entry is declared or registered (for findings that cannot sit on a sink). */
  node: TSESTree.Node;
  /** For route handlers: the framework the other parameters (`res`, `next`) come from. */
  origin?: readonly Provenance[];
}

export type HandlerPlatform = 'aws' | 'azure' | 'gcp';

export interface EntryHints {
  /** Export names the project model gives this file's functions, with their platform. */
  exports: ReadonlyMap<string, HandlerPlatform>;
  /**
   * The platform of a model function that names this file without an export (an Azure
   * function.json without `entryPoint`): the module's own export is then its handler.
   */
  moduleExportPlatform?: HandlerPlatform;
}

/** Parameter names that say "this is the incoming event" on an export not named `handler`. */
const EVENT_PARAMETER = /^(event|evt|e|req|request)$/;
const CONTEXT_PARAMETER = /^_?(context|ctx)$/;
const GCP_PARAMETERS = { request: /^(req|request)$/, response: /^(res|response)$/ };

export function findEntries(analysis: ModuleAnalysis, program: TSESTree.Program, hints: EntryHints): Entry[] {
  const found = new Map<FunctionNode, Entry>();
  const awsTypes = awsLambdaTypeNames(program);
  for (const entry of exportedEntries(program, hints, awsTypes)) if (!found.has(entry.fn)) found.set(entry.fn, entry);
  for (const entry of registeredEntries(analysis)) if (!found.has(entry.fn)) found.set(entry.fn, entry);
  return [...found.values()];
}

function exportedEntries(program: TSESTree.Program, hints: EntryHints, awsTypes: ReadonlySet<string>): Entry[] {
  const declarations = topLevelDeclarations(program);
  const entries: Entry[] = [];
  const add = (name: string, value: TSESTree.Node | null | undefined, node: TSESTree.Node, typed = false) => {
    const fn = value ? resolveFunction(value, declarations, 0) : undefined;
    if (!fn) return;
    const style = styleOf(name, fn, hints, typed || hasAwsTypes(fn, awsTypes));
    if (style) entries.push({ fn, name, style, node });
  };

  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      const expression = unwrap(statement.expression);
      if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.operator !== '=') continue;
      const target = memberPath(expression.left)?.join('.');
      if (target === 'module.exports') {
        const value = unwrap(expression.right);
        if (value.type === AST_NODE_TYPES.ObjectExpression) {
          for (const property of value.properties) {
            if (property.type !== AST_NODE_TYPES.Property) continue;
            const name = propertyName(property.key, property.computed);
            if (name !== undefined) add(name, property.value, property);
          }
        } else {
          add('module.exports', value, expression);
        }
      } else if (target && /^(module\.)?exports\.[^.]+$/.test(target)) {
        add(target.slice(target.lastIndexOf('.') + 1), expression.right, expression);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
        add(declaration.id.name, declaration, statement);
      } else if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
          // `export const run: Handler<SQSEvent> = …`
          const typed = typeNames(declarator.id.typeAnnotation).some((name) => awsTypes.has(name));
          add(declarator.id.name, declarator.init, statement, typed);
        }
      }
      if (!statement.source) {
        for (const specifier of statement.specifiers) {
          const exported = propertyName(specifier.exported, false);
          if (exported !== undefined) add(exported, specifier.local, statement);
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      add('default', statement.declaration, statement);
    }
  }
  return entries;
}

/**
 * Whether an export is a handler, and of which kind; undefined when it is not one. Exports other
 * than `handler` need a reason (the model names them, their parameters look like an event, or are
 * typed as one): a utility module's `module.exports = (cmd) => …` is not fed by an event.
 */
function styleOf(name: string, fn: FunctionNode, hints: EntryHints, awsTyped: boolean): EntryStyle | undefined {
  const names = fn.params.map(parameterName).filter((parameter) => parameter !== 'this');
  const [first, second] = names;
  const looksAzure = first !== undefined && CONTEXT_PARAMETER.test(first);
  const looksGcp = first !== undefined && second !== undefined && GCP_PARAMETERS.request.test(first) && GCP_PARAMETERS.response.test(second);
  const isModuleExport = name === 'default' || name === 'module.exports';
  const known = hints.exports.get(name) ?? (isModuleExport ? hints.moduleExportPlatform : undefined);
  if (known === 'aws') return 'aws';
  if (known === 'gcp') return 'gcp-http';
  // A function.json-based Azure function (the v3 model) is always called with `context` first.
  if (known === 'azure') return 'azure-v3';
  if (awsTyped) return 'aws';
  if (looksAzure && (isModuleExport || name === 'handler')) return 'azure-v3';
  if (looksGcp) return 'gcp-http';
  if (name === 'handler') return 'aws';
  if (isModuleExport && first !== undefined && EVENT_PARAMETER.test(first)) return 'aws';
  return undefined;
}

function parameterName(parameter: TSESTree.Parameter): string | undefined {
  const node = parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.left : parameter;
  return node.type === AST_NODE_TYPES.Identifier ? node.name : undefined;
}

/** Type names imported from `aws-lambda` (`APIGatewayProxyEvent`, `SQSHandler` …). */
function awsLambdaTypeNames(program: TSESTree.Program): Set<string> {
  const names = new Set<string>();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== 'aws-lambda') continue;
    for (const specifier of statement.specifiers) names.add(specifier.local.name);
  }
  return names;
}

function hasAwsTypes(fn: FunctionNode, awsTypes: ReadonlySet<string>): boolean {
  if (awsTypes.size === 0) return false;
  const first = fn.params[0];
  if (!first) return false;
  const annotated = first.type === AST_NODE_TYPES.AssignmentPattern ? first.left : first;
  return 'typeAnnotation' in annotated && typeNames(annotated.typeAnnotation).some((name) => awsTypes.has(name));
}

function typeNames(annotation: TSESTree.TSTypeAnnotation | undefined): string[] {
  const type = annotation?.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTypeReference) return [];
  const name = type.typeName;
  if (name.type === AST_NODE_TYPES.Identifier) return [name.name];
  return name.type === AST_NODE_TYPES.TSQualifiedName && name.left.type === AST_NODE_TYPES.Identifier ? [name.left.name] : [];
}

/** The names registration calls go by (`http`, `get`, `onRequest`): other calls are not looked at. */
const REGISTRATION_NAMES: ReadonlySet<string> | undefined = REGISTRATIONS.some((spec) => spec.global !== undefined)
  ? undefined
  : new Set(REGISTRATIONS.map((spec) => spec.method ?? spec.export?.split('.').pop() ?? ''));

/** Functions passed to a registration call (spec table), resolved through the module's values. */
function registeredEntries(analysis: ModuleAnalysis): Entry[] {
  const entries: Entry[] = [];
  for (const call of analysis.calls(REGISTRATION_NAMES)) {
    const spec = REGISTRATIONS.find((candidate) => call.matches(candidate));
    if (!spec) continue;
    const indexes = spec.arguments === 'all' ? call.args.map((_, index) => index) : spec.arguments;
    const firstArgument = call.node.arguments[0] ? unwrap(call.node.arguments[0]) : undefined;
    const name = firstArgument?.type === AST_NODE_TYPES.Literal && typeof firstArgument.value === 'string' ? firstArgument.value : spec.name;
    // The framework object (app, router) the route is registered on: `res` and `next` come from it.
    const callee = unwrap(call.node.callee);
    const origin = callee.type === AST_NODE_TYPES.MemberExpression ? analysis.valueOf(callee.object).provenance : undefined;
    for (const index of indexes) {
      const argument = call.args[index];
      const value = spec.property !== undefined ? argument?.fields?.get(spec.property) : argument;
      for (const fn of value?.functions ?? []) entries.push({ fn, name, style: spec.style, node: call.node, ...(origin ? { origin } : {}) });
    }
  }
  return entries;
}

/** Names declared at the top of the module (functions, variables), exported or not. */
function topLevelDeclarations(program: TSESTree.Program): Map<string, TSESTree.Node> {
  const declarations = new Map<string, TSESTree.Node>();
  for (const statement of program.body) {
    const declaration =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration || statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ? statement.declaration : statement;
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
