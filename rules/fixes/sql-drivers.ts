/**
 * Prepared statements for the drivers whose values do not go in an array after the SQL: tedious
 * `addParameter`, Athena `ExecutionParameters`, DynamoDB PartiQL `Parameters`, RDS Data API
 * `parameters`, Redshift Data API `Parameters`, and TypeORM `query` / string conditions. Pure, like `sql.ts`: reads a parsed program
 * and its text, returns edits or nothing.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { childrenOf, propertyName, requiredModule, unwrap, walk } from '../analysis/estree';
import type { Range } from '../engine/types';
import {
  bindingsOf,
  callWithFirstArgument,
  MSSQL_DIALECT,
  MYSQL_DIALECT,
  parameteriseSql,
  PG_DIALECT,
  preparedStatementEdits,
  RDS_DATA_DIALECT,
  settingValues,
  SQLITE_DIALECT,
  sqlSite,
  sqlTextEdit,
  type Dialect,
  type ParameterisedSql,
  type TextEditDraft,
} from './sql';

export type DriverEdits = { edits: TextEditDraft[]; parameters: number } | undefined;

/** Athena (Trino): `'…'` strings with `''` as the only escape, `"…"` identifiers. */
export const ATHENA_DIALECT: Dialect = { placeholders: 'question', doubleQuotedStrings: false, backslashEscapes: false, numericLimit: false };
/** DynamoDB PartiQL: `'…'` strings, `"…"` identifiers (a table name), no backslash escapes. */
export const PARTIQL_DIALECT: Dialect = { placeholders: 'question', doubleQuotedStrings: false, backslashEscapes: false, numericLimit: false };
/** Redshift (PostgreSQL 8 heritage): backslashes may escape inside literals, so the strict reading. */
export const REDSHIFT_DIALECT: Dialect = { placeholders: 'colon', doubleQuotedStrings: false, backslashEscapes: true, numericLimit: false };
/** TypeORM `:name` parameters; the database behind the query builder is not known. */
export const TYPEORM_DIALECT: Dialect = { placeholders: 'colon', doubleQuotedStrings: false, backslashEscapes: true, numericLimit: true };

/** The chain of nodes from the program down to the node with exactly this range, or undefined. */
function pathTo(program: TSESTree.Program, range: Range, accept: (node: TSESTree.Node) => boolean = () => true): TSESTree.Node[] | undefined {
  const path: TSESTree.Node[] = [];
  const visit = (node: TSESTree.Node): boolean => {
    if (node.range[0] > range.start || node.range[1] < range.end) return false;
    path.push(node);
    if (node.range[0] === range.start && node.range[1] === range.end && accept(node)) return true;
    for (const child of childrenOf(node)) if (visit(child)) return true;
    path.pop();
    return false;
  };
  return visit(program) ? path : undefined;
}

/** The property whose value is the SQL, its object, and the nodes above them (innermost last). */
interface PropertySite {
  property: TSESTree.Property;
  object: TSESTree.ObjectExpression;
  ancestors: TSESTree.Node[];
}

function propertySite(program: TSESTree.Program, argument: Range, name: string): PropertySite | undefined {
  const path = pathTo(program, argument, (node) => node.type !== AST_NODE_TYPES.Property);
  if (!path) return undefined;
  const property = path[path.length - 2];
  const object = path[path.length - 3];
  if (property?.type !== AST_NODE_TYPES.Property || object?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  if (property.computed || property.kind !== 'init' || propertyName(property.key, false) !== name) return undefined;
  // Every other property must be a plain `key: value`: a spread may already carry the parameters.
  if (object.properties.some((candidate) => candidate.type !== AST_NODE_TYPES.Property || propertyName(candidate.key, candidate.computed) === undefined)) return undefined;
  return { property, object, ancestors: path.slice(0, -3) };
}

function hasProperty(object: TSESTree.ObjectExpression, name: string): boolean {
  return object.properties.some((candidate) => candidate.type === AST_NODE_TYPES.Property && propertyName(candidate.key, candidate.computed) === name);
}

/**
 * Adds `code` (a `key: value` pair) right after `after`: on a line of its own, indented alike,
 * when the object puts each property on its own line; else on the same line.
 */
function insertPropertyAfter(text: string, object: TSESTree.ObjectExpression, after: TSESTree.Property, code: string): TextEditDraft {
  const lineStart = text.lastIndexOf('\n', after.range[0] - 1) + 1;
  const indent = text.slice(lineStart, after.range[0]);
  const ownLine = /^[ \t]*$/.test(indent) && text.slice(object.range[0], after.range[0]).includes('\n');
  if (!ownLine) return { range: { start: after.range[1], end: after.range[1] }, text: `, ${code}` };
  const rest = /^[ \t]*,/.exec(text.slice(after.range[1]));
  if (rest) {
    const end = after.range[1] + rest[0].length;
    return { range: { start: end, end }, text: `\n${indent}${code},` };
  }
  return { range: { start: after.range[1], end: after.range[1] }, text: `,\n${indent}${code}` };
}

/** The SQL of a property value, rewritten; the value may name a `const` built earlier. */
function rewriteProperty(program: TSESTree.Program, text: string, site: PropertySite, dialect: Dialect): { rewritten: ParameterisedSql; sqlEdit: TextEditDraft } | undefined {
  const user = site.ancestors[site.ancestors.length - 1] ?? site.object;
  const sql = sqlSite(program, text, site.property.value, user);
  if (!sql) return undefined;
  const rewritten = parameteriseSql(sql.expression, text, dialect, settingValues(program));
  if (!rewritten) return undefined;
  return { rewritten, sqlEdit: sqlTextEdit(sql, rewritten) };
}

/** `x` as a string expression for an API field: a template literal already is one. */
function asString(parameter: string): string {
  return parameter.startsWith('`') ? parameter : `String(${parameter})`;
}

// ---------------------------------------------------------------------------------------------
// Where a constructor or namespace comes from

/** The module and export a callee (`Request`, `tedious.Request`, an alias) was imported from. */
export function importOf(program: TSESTree.Program, callee: TSESTree.Node): { module: string; name: string; namespace?: string } | undefined {
  const node = unwrap(callee);
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier && node.object.type === AST_NODE_TYPES.Identifier) {
    const module = namespaceModule(program, node.object.name);
    return module === undefined ? undefined : { module, name: node.property.name, namespace: node.object.name };
  }
  if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
  const binding = namedImport(program, node.name);
  return binding && { module: binding.module, name: binding.imported };
}

/** The import or `require` destructuring that binds `local`, with the list it can be added to. */
interface NamedImport {
  module: string;
  imported: string;
  list: TSESTree.ImportDeclaration | TSESTree.ObjectPattern;
}

function namedImport(program: TSESTree.Program, local: string): NamedImport | undefined {
  let found: NamedImport | undefined;
  walk(program, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ImportDeclaration && node.importKind !== 'type') {
      for (const specifier of node.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind !== 'type' && specifier.local.name === local) {
          const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
          found = { module: String(node.source.value), imported, list: node };
        }
      }
    } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.ObjectPattern && node.init) {
      const module = requiredModule(node.init);
      if (module === undefined) return;
      for (const property of node.id.properties) {
        if (property.type === AST_NODE_TYPES.Property && property.value.type === AST_NODE_TYPES.Identifier && property.value.name === local) {
          const imported = propertyName(property.key, property.computed);
          if (imported !== undefined) found = { module, imported, list: node.id };
        }
      }
    }
  });
  return found;
}

/** The module bound whole to `local`: `import * as m`, a default import, `const m = require('m')`. */
function namespaceModule(program: TSESTree.Program, local: string): string | undefined {
  let found: string | undefined;
  walk(program, (node) => {
    if (found !== undefined) return;
    if (node.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of node.specifiers) {
        if (specifier.type !== AST_NODE_TYPES.ImportSpecifier && specifier.local.name === local) found = String(node.source.value);
      }
    } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === local && node.init) {
      found = requiredModule(node.init);
    }
  });
  return found;
}

// ---------------------------------------------------------------------------------------------
// tedious

/**
 * tedious: `const request = new Request(<built SQL>, callback)` → `@p1…` in the text and
 * `request.addParameter('p1', TYPES.NVarChar, value)` after the declaration (before it can be
 * executed). Strings are `NVarChar`, unquoted numbers `Int`. `TYPES` comes from the same tedious
 * import; when the file does not bind it yet, it is added to that import's list, only if no other
 * `TYPES` is bound in the file.
 */
export function tediousEdits(program: TSESTree.Program, text: string, argument: Range): DriverEdits {
  const path = pathTo(program, argument);
  const construct = path?.[path.length - 2];
  const declarator = path?.[path.length - 3];
  const declaration = path?.[path.length - 4];
  const block = path?.[path.length - 5];
  if (construct?.type !== AST_NODE_TYPES.NewExpression || construct.arguments[0]?.range[0] !== argument.start) return undefined;
  if (construct.arguments.length > 2) return undefined;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.init !== construct) return undefined;
  if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return undefined;
  if (block?.type !== AST_NODE_TYPES.BlockStatement && block?.type !== AST_NODE_TYPES.Program) return undefined;
  const origin = importOf(program, construct.callee);
  if (origin?.module !== 'tedious' || origin.name !== 'Request') return undefined;

  let types: string;
  let importEdit: TextEditDraft | undefined;
  if (origin.namespace !== undefined) {
    types = `${origin.namespace}.TYPES`;
  } else {
    const request = unwrap(construct.callee);
    const named = request.type === AST_NODE_TYPES.Identifier ? namedImport(program, request.name) : undefined;
    if (!named) return undefined;
    const existing = typesBinding(named.list);
    if (existing !== undefined) {
      types = existing;
    } else {
      if (bindingsOf(program).some((binding) => binding.name === 'TYPES')) return undefined;
      const last = named.list.type === AST_NODE_TYPES.ImportDeclaration ? named.list.specifiers[named.list.specifiers.length - 1] : named.list.properties[named.list.properties.length - 1];
      if (!last || last.type === AST_NODE_TYPES.RestElement || last.type === AST_NODE_TYPES.ImportDefaultSpecifier || last.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return undefined;
      types = 'TYPES';
      importEdit = { range: { start: last.range[1], end: last.range[1] }, text: ', TYPES' };
    }
  }

  const first = construct.arguments[0];
  if (!first) return undefined;
  const site = sqlSite(program, text, first, construct);
  const rewritten = site && parameteriseSql(site.expression, text, MSSQL_DIALECT, settingValues(program));
  if (!site || !rewritten) return undefined;
  const lineStart = text.lastIndexOf('\n', declaration.range[0] - 1) + 1;
  const indent = text.slice(lineStart, declaration.range[0]);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const name = declarator.id.name;
  const additions = rewritten.parameters
    .map((parameter, index) => `\n${indent}${name}.addParameter('p${index + 1}', ${types}.${rewritten.kinds[index] === 'number' ? 'Int' : 'NVarChar'}, ${parameter});`)
    .join('');
  const edits = [sqlTextEdit(site, rewritten), { range: { start: declaration.range[1], end: declaration.range[1] }, text: additions }];
  if (importEdit) edits.unshift(importEdit);
  return { edits, parameters: rewritten.parameters.length };
}

/** The local name of `TYPES` in an import list, if it is there. */
function typesBinding(list: TSESTree.ImportDeclaration | TSESTree.ObjectPattern): string | undefined {
  if (list.type === AST_NODE_TYPES.ImportDeclaration) {
    for (const specifier of list.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.imported.type === AST_NODE_TYPES.Identifier && specifier.imported.name === 'TYPES') return specifier.local.name;
    }
    return undefined;
  }
  for (const property of list.properties) {
    if (property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === 'TYPES' && property.value.type === AST_NODE_TYPES.Identifier) return property.value.name;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Athena

const CLAUSE = /\b(?:SELECT|FROM|JOIN|ON|WHERE|GROUP\s+BY|HAVING|ORDER\s+BY|LIMIT|OFFSET|UNION|INTERSECT|EXCEPT|VALUES|SET|WITH)\b/gi;

/** Whether every `?` of the rewritten SQL is in a `WHERE` clause: the only place Athena accepts one. */
function placeholdersInWhere(sql: string): boolean {
  const outsideLiterals = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, (literal) => ' '.repeat(literal.length));
  for (let index = outsideLiterals.indexOf('?'); index >= 0; index = outsideLiterals.indexOf('?', index + 1)) {
    const clauses = outsideLiterals.slice(0, index).match(CLAUSE);
    const last = clauses?.[clauses.length - 1];
    if (last?.toUpperCase() !== 'WHERE') return false;
  }
  return true;
}

/**
 * Athena: `{ QueryString: <built SQL> }` → `?` in the text and `ExecutionParameters`. Athena
 * reads each execution parameter as SQL literal text (a string must come with its single quotes),
 * so a string value is written as a quoted literal with its quotes doubled, and a number as the
 * text of `Number(value)`. Athena takes `?` only in a `WHERE` clause: a value elsewhere
 * (`LIMIT`, `VALUES`) gets nothing.
 */
export function athenaEdits(program: TSESTree.Program, text: string, argument: Range): DriverEdits {
  const site = propertySite(program, argument, 'QueryString');
  if (!site || hasProperty(site.object, 'ExecutionParameters')) return undefined;
  const result = rewriteProperty(program, text, site, ATHENA_DIALECT);
  if (!result || !placeholdersInWhere(result.rewritten.sql)) return undefined;
  const { rewritten } = result;
  const values = rewritten.parameters.map((parameter, index) =>
    rewritten.kinds[index] === 'number' ? `String(Number(${parameter}))` : `"'" + ${asString(parameter)}.replace(/'/g, "''") + "'"`,
  );
  const edits = [result.sqlEdit, insertPropertyAfter(text, site.object, site.property, `ExecutionParameters: [${values.join(', ')}]`)];
  return { edits, parameters: rewritten.parameters.length };
}

// ---------------------------------------------------------------------------------------------
// DynamoDB PartiQL

/**
 * DynamoDB PartiQL: `{ Statement: <built SQL> }` (also an element of `Statements` or
 * `TransactStatements`) → `?` in the text and `Parameters` next to it. The client API takes
 * AttributeValues (`{ S: value }`, `{ N: String(value) }`); the document client
 * (`@aws-sdk/lib-dynamodb`) takes plain values and marshals them (`value`, `Number(value)`). The
 * command must be imported by name from one of the two, or be an SDK v2 `DynamoDB` call.
 */
export function partiqlEdits(program: TSESTree.Program, text: string, argument: Range): DriverEdits {
  const site = propertySite(program, argument, 'Statement');
  if (!site || hasProperty(site.object, 'Parameters')) return undefined;
  const call = [...site.ancestors].reverse().find((node): node is TSESTree.NewExpression | TSESTree.CallExpression => node.type === AST_NODE_TYPES.NewExpression || node.type === AST_NODE_TYPES.CallExpression);
  if (!call) return undefined;
  let document: boolean;
  if (call.type === AST_NODE_TYPES.NewExpression) {
    const origin = importOf(program, call.callee);
    if (!origin || !/^(?:Batch)?Execute(?:Statement|Transaction)Command$/.test(origin.name)) return undefined;
    if (origin.module === '@aws-sdk/lib-dynamodb') document = true;
    else if (origin.module === '@aws-sdk/client-dynamodb') document = false;
    else return undefined;
  } else {
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !['executeStatement', 'batchExecuteStatement', 'executeTransaction'].includes(propertyName(callee.property, callee.computed) ?? '')) return undefined;
    document = false;
  }
  const result = rewriteProperty(program, text, site, PARTIQL_DIALECT);
  if (!result) return undefined;
  const { rewritten } = result;
  const values = rewritten.parameters.map((parameter, index) => {
    const number = rewritten.kinds[index] === 'number';
    if (document) return number ? `Number(${parameter})` : parameter;
    return number ? `{ N: String(${parameter}) }` : `{ S: ${parameter} }`;
  });
  const edits = [result.sqlEdit, insertPropertyAfter(text, site.object, site.property, `Parameters: [${values.join(', ')}]`)];
  return { edits, parameters: rewritten.parameters.length };
}

// ---------------------------------------------------------------------------------------------
// RDS Data API

/**
 * RDS Data API: `{ sql: <built SQL> }` → `:p1…` in the text and `parameters: [{ name: 'p1', value:
 * { stringValue: value } }]`. Only string values (inside quotes) and only when the input has no
 * `parameters` yet: a number would need a typed field whose choice changes the comparison.
 */
export function rdsDataEdits(program: TSESTree.Program, text: string, argument: Range): DriverEdits {
  const site = propertySite(program, argument, 'sql');
  if (!site || hasProperty(site.object, 'parameters')) return undefined;
  const result = rewriteProperty(program, text, site, RDS_DATA_DIALECT);
  if (!result || result.rewritten.kinds.some((kind) => kind !== 'string')) return undefined;
  const values = result.rewritten.parameters.map((parameter, index) => `{ name: 'p${index + 1}', value: { stringValue: ${parameter} } }`);
  const edits = [result.sqlEdit, insertPropertyAfter(text, site.object, site.property, `parameters: [${values.join(', ')}]`)];
  return { edits, parameters: values.length };
}

// ---------------------------------------------------------------------------------------------
// Redshift Data API

/**
 * Redshift Data API: `{ Sql: <built SQL> }` → `:p1…` in the text and `Parameters: [{ name: 'p1',
 * value }]`. The API takes every value as a string and converts it to the column's type, so a
 * number is passed as `String(value)`.
 */
export function redshiftDataEdits(program: TSESTree.Program, text: string, argument: Range): DriverEdits {
  const site = propertySite(program, argument, 'Sql');
  if (!site || hasProperty(site.object, 'Parameters')) return undefined;
  const result = rewriteProperty(program, text, site, REDSHIFT_DIALECT);
  if (!result) return undefined;
  const { rewritten } = result;
  const values = rewritten.parameters.map((parameter, index) => `{ name: 'p${index + 1}', value: ${rewritten.kinds[index] === 'number' ? asString(parameter) : parameter} }`);
  const edits = [result.sqlEdit, insertPropertyAfter(text, site.object, site.property, `Parameters: [${values.join(', ')}]`)];
  return { edits, parameters: rewritten.parameters.length };
}

// ---------------------------------------------------------------------------------------------
// TypeORM

const TYPEORM_DRIVERS: Readonly<Record<string, Dialect>> = {
  postgres: PG_DIALECT,
  cockroachdb: PG_DIALECT,
  'aurora-postgres': PG_DIALECT,
  mysql: MYSQL_DIALECT,
  mariadb: MYSQL_DIALECT,
  'aurora-mysql': MYSQL_DIALECT,
  sqlite: SQLITE_DIALECT,
  'better-sqlite3': SQLITE_DIALECT,
};

/**
 * The dialect of the file's TypeORM data sources: the `type` of every `new DataSource({ … })` and
 * `createConnection({ … })` in the file, when there is at least one and all agree.
 */
function typeormDialect(program: TSESTree.Program): Dialect | undefined {
  const dialects = new Set<Dialect | undefined>();
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.NewExpression && node.type !== AST_NODE_TYPES.CallExpression) return;
    const origin = importOf(program, node.callee);
    if (origin?.module !== 'typeorm' || !['DataSource', 'createConnection', 'Connection'].includes(origin.name)) return;
    const options = node.arguments[0];
    const type = options?.type === AST_NODE_TYPES.ObjectExpression
      ? options.properties.find((property): property is TSESTree.Property => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === 'type')?.value
      : undefined;
    dialects.add(type?.type === AST_NODE_TYPES.Literal && typeof type.value === 'string' ? TYPEORM_DRIVERS[type.value] : undefined);
  });
  const [only] = dialects;
  return dialects.size === 1 ? only : undefined;
}

/** TypeORM `query(<built SQL>)` → the driver's placeholders and a parameters array, when the driver is known. */
export function typeormQueryEdits(program: TSESTree.Program, text: string, argument: Range): DriverEdits {
  const dialect = typeormDialect(program);
  if (!dialect) return undefined;
  const call = callWithFirstArgument(program, argument);
  if (!call || call.arguments.length !== 1) return undefined;
  return preparedStatementEdits(program, text, argument, dialect);
}

/**
 * TypeORM query builder: `.where(<built condition>)` → `.where('… :p1 …', { p1: value })`. The
 * builder merges the parameters of all its conditions into one set, so the names continue after
 * the highest `:pN` already written anywhere in the file.
 */
export function typeormWhereEdits(program: TSESTree.Program, text: string, argument: Range): DriverEdits {
  const call = callWithFirstArgument(program, argument);
  const first = call?.arguments[0];
  if (!call || !first || call.arguments.length !== 1) return undefined;
  const site = sqlSite(program, text, first, call);
  const rewritten = site && parameteriseSql(site.expression, text, TYPEORM_DIALECT, settingValues(program));
  if (!site || !rewritten) return undefined;
  let offset = 0;
  for (const match of text.matchAll(/:p(\d+)\b/g)) offset = Math.max(offset, Number(match[1]));
  const renamed: ParameterisedSql = { ...rewritten, sql: rewritten.sql.replace(/:p(\d+)/g, (_whole, n: string) => `:p${Number(n) + offset}`) };
  const parameters = rewritten.parameters.map((parameter, index) => `p${index + 1 + offset}: ${parameter}`).join(', ');
  const edit = sqlTextEdit(site, renamed);
  const edits =
    site.viaConst === undefined
      ? [{ range: argument, text: `${edit.text}, { ${parameters} }` }]
      : [edit, { range: { start: argument.end, end: argument.end }, text: `, { ${parameters} }` }];
  return { edits, parameters: rewritten.parameters.length };
}
