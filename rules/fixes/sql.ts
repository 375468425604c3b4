/**
 * Prepared statements from SQL text built by concatenation or a template literal. Pure: reads a
 * parsed program and its text, returns edits or nothing.
 *
 * The rewrite moves every interpolated value out of the SQL text into a values array and leaves a
 * placeholder in its place. It is only offered where the SQL context of each value is known:
 *
 * - inside a string literal (`'" + x + "'`, `'%${x}%'`): the whole literal becomes one placeholder
 *   and the value (with the literal's other text around it) becomes the parameter;
 * - unquoted after a comparison operator or `LIMIT` / `OFFSET`: the value becomes the parameter
 *   (a number; with mysql `LIMIT ?` needs a number, so the value is passed through `Number`).
 *
 * Anything else (a value quoted as an identifier, after `FROM` or `ORDER BY`, a placeholder
 * already in the text, a `+` that may add numbers) yields nothing: identifiers cannot be bound
 * parameters and a guess would change the query. That trades missed fixes for wrong ones.
 * Identifiers get an allow-list guard instead (sql-identifiers.ts).
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, unwrap, walk } from '../analysis/estree';
import type { Range } from '../engine/types';

/**
 * `?` (mysql, mysql2, sqlite, knex, sequelize), `$1…` (pg, pg-promise), `@p1…` (mssql), `:p1…`
 * (RDS Data API) or `${value}` in a tagged template (Prisma `$queryRaw`).
 */
export type PlaceholderStyle = 'question' | 'dollar' | 'at' | 'colon' | 'template';

/** Marks where a template placeholder goes until the literal is written. */
const TEMPLATE_MARK = '\u0000';
/** Marks where a kept value (a table name from the function's settings) goes until the literal is written. */
const KEPT_MARK = '\u0001';

export interface Dialect {
  placeholders: PlaceholderStyle;
  /** Double-quoted text is a string (mysql) or an identifier (standard SQL, pg, sqlite). */
  doubleQuotedStrings: boolean;
  /** Backslash escapes inside string literals (mysql by default). */
  backslashEscapes: boolean;
  /** `LIMIT ?` needs a number parameter, not a numeric string (mysql). */
  numericLimit: boolean;
}

export const MYSQL_DIALECT: Dialect = { placeholders: 'question', doubleQuotedStrings: true, backslashEscapes: true, numericLimit: true };
export const PG_DIALECT: Dialect = { placeholders: 'dollar', doubleQuotedStrings: false, backslashEscapes: false, numericLimit: false };
export const SQLITE_DIALECT: Dialect = { placeholders: 'question', doubleQuotedStrings: false, backslashEscapes: false, numericLimit: false };
/**
 * knex and sequelize run on several databases: double quotes may be an identifier, backslashes may
 * escape and `LIMIT ?` may need a number, so the rewrite takes the strictest reading of each.
 */
export const PORTABLE_DIALECT: Dialect = { placeholders: 'question', doubleQuotedStrings: false, backslashEscapes: true, numericLimit: true };
/** T-SQL: `"…"` and `[…]` are identifiers (QUOTED_IDENTIFIER is on by default). */
export const MSSQL_DIALECT: Dialect = { placeholders: 'at', doubleQuotedStrings: false, backslashEscapes: false, numericLimit: false };
/** The RDS Data API runs on Aurora MySQL or PostgreSQL: the strictest reading of both. */
export const RDS_DATA_DIALECT: Dialect = { placeholders: 'colon', doubleQuotedStrings: false, backslashEscapes: true, numericLimit: true };
/** Prisma's tagged `$queryRaw` binds each `${…}`; the database behind it is unknown. */
export const PRISMA_DIALECT: Dialect = { placeholders: 'template', doubleQuotedStrings: false, backslashEscapes: true, numericLimit: true };

/** How the values are passed: an array argument (`query(sql, [a])`) or sequelize's `{ replacements: [a] }`. */
export type ValuesStyle = 'array' | 'replacements';

export interface TextEditDraft {
  range: Range;
  text: string;
}

type Piece = { kind: 'text'; cooked: string } | { kind: 'value'; node: TSESTree.Node };

/** The SQL text rewritten with placeholders, its parameters as source text, and its literal style. */
export interface ParameterisedSql {
  /** With `template` placeholders, each parameter's place is marked by NUL + its index + NUL. */
  sql: string;
  parameters: string[];
  /** Whether each parameter was inside a string literal or an unquoted number. */
  kinds: ('string' | 'number')[];
  /**
   * Values kept in the SQL text, as source text: identifiers (a table name) that come from the
   * function's own settings, each marked in `sql` by SOH + its index + SOH.
   */
  kept: string[];
  quote: '`' | "'" | '"';
}

/**
 * Whether a value may stay in the SQL text: only an identifier whose value the caller of the
 * function cannot choose. Values that cannot stay make the rewrite give nothing.
 */
export type KeepValue = (node: TSESTree.Node) => boolean;

/**
 * Splits a string concatenation or an untagged template literal into text and values. The chain
 * must start with a string so that every `+` in it concatenates (`a + b + ' …'` may add numbers).
 */
export function splitSqlExpression(node: TSESTree.Node, text: string): { pieces: Piece[]; quote: ParameterisedSql['quote'] } | undefined {
  const pieces: Piece[] = [];
  const pushText = (cooked: string) => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') last.cooked += cooked;
    else pieces.push({ kind: 'text', cooked });
  };
  const pushTemplate = (template: TSESTree.TemplateLiteral): boolean => {
    for (let i = 0; i < template.quasis.length; i++) {
      const cooked = template.quasis[i]?.value.cooked;
      if (cooked === null || cooked === undefined) return false;
      pushText(cooked);
      const expression = template.expressions[i];
      if (expression) pushAtom(expression);
    }
    return true;
  };
  const pushAtom = (atom: TSESTree.Node): void => {
    if (atom.type === AST_NODE_TYPES.Literal && typeof atom.value === 'string') pushText(atom.value);
    else pieces.push({ kind: 'value', node: atom });
  };

  // Only the left spine is flattened: `'a' + (b + c)` keeps `b + c` as one value, which may add.
  const operands: TSESTree.Node[] = [];
  let current: TSESTree.Node = node;
  while (current.type === AST_NODE_TYPES.BinaryExpression && current.operator === '+') {
    operands.unshift(current.right);
    current = current.left;
  }
  operands.unshift(current);
  const first = operands[0];
  let quote: ParameterisedSql['quote'];
  if (first?.type === AST_NODE_TYPES.TemplateLiteral) quote = '`';
  else if (first?.type === AST_NODE_TYPES.Literal && typeof first.value === 'string') quote = text[first.range[0]] === '"' ? '"' : "'";
  else return undefined;
  for (const operand of operands) {
    if (operand.type === AST_NODE_TYPES.TemplateLiteral) {
      if (!pushTemplate(operand)) return undefined;
    } else {
      pushAtom(operand);
    }
  }
  // A multi-line template keeps its layout; a template operand elsewhere is written as a template too.
  if (operands.some((operand) => operand.type === AST_NODE_TYPES.TemplateLiteral)) quote = '`';
  return { pieces, quote };
}

const COMPARISON_BEFORE = /(?:=|<>|!=|<|>)\s*$/;
const LIMIT_BEFORE = /\b(?:LIMIT|OFFSET)\s+$/i;

/**
 * The SQL with placeholders and the parameters, or undefined when some value's context is not a
 * plain value (an identifier, a keyword, unknown).
 */
export function parameteriseSql(node: TSESTree.Node, text: string, dialect: Dialect, keep: KeepValue = () => false): ParameterisedSql | undefined {
  const split = splitSqlExpression(node, text);
  if (!split) return undefined;
  const { pieces } = split;
  if (!pieces.some((piece) => piece.kind === 'value')) return undefined;
  for (const piece of pieces) {
    if (piece.kind !== 'text') continue;
    // mysql's client-side formatting replaces every `?`, even one inside a string literal.
    if (dialect.placeholders === 'question' && piece.cooked.includes('?')) return undefined;
    if (dialect.placeholders === 'dollar' && /\$\d/.test(piece.cooked)) return undefined;
    if (dialect.placeholders === 'at' && piece.cooked.includes('@')) return undefined;
    if (dialect.placeholders === 'colon' && piece.cooked.includes(':')) return undefined;
    if (piece.cooked.includes(TEMPLATE_MARK) || piece.cooked.includes(KEPT_MARK)) return undefined;
  }

  const parameters: string[] = [];
  const kinds: ('string' | 'number')[] = [];
  const placeholder = (parameter: string, kind: 'string' | 'number' = 'number'): string => {
    parameters.push(parameter);
    kinds.push(kind);
    const n = parameters.length;
    switch (dialect.placeholders) {
      case 'question':
        return '?';
      case 'dollar':
        return `$${n}`;
      case 'at':
        return `@p${n}`;
      case 'colon':
        return `:p${n}`;
      case 'template':
        return `${TEMPLATE_MARK}${n - 1}${TEMPLATE_MARK}`;
    }
  };
  const source = (value: TSESTree.Node) => text.slice(value.range[0], value.range[1]);
  const kept: string[] = [];
  const keepInText = (value: TSESTree.Node): string => {
    kept.push(source(value));
    return `${KEPT_MARK}${kept.length - 1}${KEPT_MARK}`;
  };

  let out = '';
  let state: 'none' | "'" | '"' | '`' = 'none';
  let literalStart = 0;
  let literalParts: Piece[] = [];
  // An escape (`\'`, `''`) inside a literal that also holds a value cannot be moved into a parameter as is.
  let literalEscaped = false;
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index];
    if (!piece) continue;
    if (piece.kind === 'value') {
      if (state === "'" || (state === '"' && dialect.doubleQuotedStrings)) {
        literalParts.push(piece);
        continue;
      }
      if (state !== 'none') {
        // A quoted identifier: only a name from the function's settings may stay.
        if (!keep(piece.node)) return undefined;
        out += keepInText(piece.node);
        continue;
      }
      const next = pieces[index + 1];
      const joined = next?.kind === 'value' || (next?.kind === 'text' && /^[\w.'"`$]/.test(next.cooked));
      if (!joined && LIMIT_BEFORE.test(out)) out += placeholder(dialect.numericLimit ? `Number(${source(piece.node)})` : source(piece.node));
      else if (!joined && COMPARISON_BEFORE.test(out)) out += placeholder(source(piece.node));
      else if (keep(piece.node)) out += keepInText(piece.node);
      else return undefined;
      continue;
    }
    const chars = piece.cooked;
    for (let i = 0; i < chars.length; i++) {
      const char = chars[i] ?? '';
      if (state === 'none') {
        if (char === "'" || char === '"' || char === '`') {
          state = char;
          literalStart = out.length;
          literalParts = [];
          literalEscaped = false;
        }
        out += char;
        continue;
      }
      if (char === '\\' && dialect.backslashEscapes && state !== '`') {
        literalEscaped = true;
        out += char + (chars[i + 1] ?? '');
        i++;
        continue;
      }
      if (char !== state) {
        out += char;
        appendText(literalParts, char);
        continue;
      }
      // The closing quote, or the first half of a doubled one (`''`).
      const doubled = chars[i + 1] === state || (i === chars.length - 1 && startsWithQuote(pieces[index + 1], state));
      const hasValue = literalParts.some((part) => part.kind === 'value');
      if (doubled) {
        literalEscaped = true;
        out += char + char;
        i++;
        continue;
      }
      if (hasValue) {
        if (literalEscaped) return undefined;
        out = out.slice(0, literalStart) + placeholder(literalParameter(literalParts, source), 'string');
      } else {
        out += char;
      }
      state = 'none';
    }
  }
  if (state !== 'none') return undefined;
  return { sql: out, parameters, kinds, kept, quote: split.quote };
}

function appendText(parts: Piece[], char: string): void {
  const last = parts[parts.length - 1];
  if (last?.kind === 'text') last.cooked += char;
  else parts.push({ kind: 'text', cooked: char });
}

function startsWithQuote(piece: Piece | undefined, quote: string): boolean {
  return piece?.kind === 'text' && piece.cooked.startsWith(quote);
}

/** One value alone is passed as is; with text around it (`'%${x}%'`) as a template literal. */
function literalParameter(parts: Piece[], source: (node: TSESTree.Node) => string): string {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'value') return source(only.node);
  return `\`${parts.map((part) => (part.kind === 'text' ? escapeTemplate(part.cooked) : `\${${source(part.node)}}`)).join('')}\``;
}

function escapeTemplate(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
}

/** A JavaScript string literal for `value` in the given quote style. */
export function stringLiteral(value: string, quote: ParameterisedSql['quote']): string {
  if (quote === '`') return `\`${escapeTemplate(value)}\``;
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(new RegExp(quote, 'g'), `\\${quote}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `${quote}${escaped}${quote}`;
}

/**
 * The rewritten SQL as JavaScript: a string literal in the original quote style, or a template
 * literal when values stay in the text.
 */
export function sqlLiteral(rewritten: ParameterisedSql): string {
  if (rewritten.kept.length === 0) return stringLiteral(rewritten.sql, rewritten.quote);
  const body = escapeTemplate(rewritten.sql).replace(new RegExp(`${KEPT_MARK}(\\d+)${KEPT_MARK}`, 'g'), (_whole, index: string) => `\${${rewritten.kept[Number(index)] ?? ''}}`);
  return `\`${body}\``;
}

/** A tagged template for Prisma's `$queryRaw`: the marked places become `${parameter}`. */
export function taggedTemplate(rewritten: ParameterisedSql): string {
  const body = escapeTemplate(rewritten.sql).replace(new RegExp(`${TEMPLATE_MARK}(\\d+)${TEMPLATE_MARK}`, 'g'), (_whole, index: string) => `\${${rewritten.parameters[Number(index)] ?? ''}}`);
  return `\`${body}\``;
}

/** The call whose first argument has exactly this range. */
export function callWithFirstArgument(program: TSESTree.Program, range: Range): TSESTree.CallExpression | undefined {
  let found: TSESTree.CallExpression | undefined;
  walk(program, (node) => {
    if (found || node.type !== AST_NODE_TYPES.CallExpression) return;
    const first = node.arguments[0];
    if (first && first.range[0] === range.start && first.range[1] === range.end) found = node;
  });
  return found;
}

function isFunctionExpression(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.ArrowFunctionExpression || node?.type === AST_NODE_TYPES.FunctionExpression;
}

export interface Binding {
  name: string;
  kind: 'const' | 'other';
  /** The declaration statement, for const. */
  declaration?: TSESTree.VariableDeclaration;
  declarator?: TSESTree.VariableDeclarator;
}

function patternNames(pattern: TSESTree.Node, names: string[]): void {
  switch (pattern.type) {
    case AST_NODE_TYPES.Identifier:
      names.push(pattern.name);
      break;
    case AST_NODE_TYPES.ObjectPattern:
      for (const property of pattern.properties) patternNames(property.type === AST_NODE_TYPES.RestElement ? property.argument : property.value, names);
      break;
    case AST_NODE_TYPES.ArrayPattern:
      for (const element of pattern.elements) if (element) patternNames(element, names);
      break;
    case AST_NODE_TYPES.AssignmentPattern:
      patternNames(pattern.left, names);
      break;
    case AST_NODE_TYPES.RestElement:
      patternNames(pattern.argument, names);
      break;
    default:
      break;
  }
}

/** Every name bound in the file: variables (const or not), parameters, functions, classes, catch clauses. */
export function bindingsOf(program: TSESTree.Program): Binding[] {
  const bindings: Binding[] = [];
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of node.declarations) {
        const names: string[] = [];
        patternNames(declarator.id, names);
        for (const name of names) bindings.push({ name, kind: node.kind === 'const' ? 'const' : 'other', declaration: node, declarator });
      }
    } else if (node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration) {
      const names: string[] = [];
      for (const parameter of node.params) patternNames(parameter, names);
      if (node.id) names.push(node.id.name);
      for (const name of names) bindings.push({ name, kind: 'other' });
    } else if (node.type === AST_NODE_TYPES.ClassDeclaration && node.id) {
      bindings.push({ name: node.id.name, kind: 'other' });
    } else if (node.type === AST_NODE_TYPES.CatchClause && node.param) {
      const names: string[] = [];
      patternNames(node.param, names);
      for (const name of names) bindings.push({ name, kind: 'other' });
    } else if (node.type === AST_NODE_TYPES.ImportDeclaration) {
      for (const specifier of node.specifiers) bindings.push({ name: specifier.local.name, kind: 'other' });
    }
  });
  return bindings;
}

/** Identifiers read as values with this name (declarations, property names and keys left out). */
export function referencesTo(program: TSESTree.Program, name: string): TSESTree.Identifier[] {
  const skipped = new Set<TSESTree.Node>();
  const references: TSESTree.Identifier[] = [];
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) skipped.add(node.property);
    // A shorthand `{ sql }` reads `sql` once, whether or not the parser shares its key and value node.
    if (node.type === AST_NODE_TYPES.Property && !node.computed && node.key !== node.value) skipped.add(node.key);
    if (node.type === AST_NODE_TYPES.VariableDeclarator) skipped.add(node.id);
    if (node.type === AST_NODE_TYPES.Identifier && node.name === name && !skipped.has(node)) references.push(node);
  });
  return references;
}

/** Where the SQL text to rewrite is written. */
export interface SqlSite {
  /** The SQL expression: the argument itself, or the initialiser of the `const` passed. */
  expression: TSESTree.Node;
  /** The `const`'s name when the SQL is built in one and passed by name. */
  viaConst?: string;
}

/**
 * The SQL text of an argument or property value `use`: the expression itself, or, for a name, the
 * initialiser of a `const` declared before `user` (the call or object that passes it) and read only
 * there. Each value in that initialiser must then be a `const` of a name bound once in the file and
 * declared before the SQL, so that reading it at the call gives the same value as at the declaration.
 */
export function sqlSite(program: TSESTree.Program, text: string, use: TSESTree.Node, user: TSESTree.Node): SqlSite | undefined {
  if (use.type !== AST_NODE_TYPES.Identifier) return { expression: use };
  const bindings = bindingsOf(program);
  const sqlBindings = bindings.filter((binding) => binding.name === use.name);
  const sqlBinding = sqlBindings[0];
  if (sqlBindings.length !== 1 || sqlBinding?.kind !== 'const' || !sqlBinding.declarator) return undefined;
  const { declarator } = sqlBinding;
  if (declarator.id.type !== AST_NODE_TYPES.Identifier || !declarator.init) return undefined;
  if (declarator.range[1] > user.range[0]) return undefined;
  if (referencesTo(program, use.name).length !== 1) return undefined;
  const split = splitSqlExpression(declarator.init, text);
  if (!split) return undefined;
  for (const piece of split.pieces) {
    if (piece.kind !== 'value') continue;
    if (piece.node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const valueName = piece.node.name;
    const valueBindings = bindings.filter((binding) => binding.name === valueName);
    const valueBinding = valueBindings[0];
    if (valueBindings.length !== 1 || valueBinding?.kind !== 'const' || !valueBinding.declaration) return undefined;
    if (valueBinding.declaration.range[1] > declarator.range[0]) return undefined;
  }
  return { expression: declarator.init, viaConst: use.name };
}

/** The edit that writes rewritten SQL where it was built. */
export function sqlTextEdit(site: SqlSite, rewritten: ParameterisedSql): TextEditDraft {
  return { range: { start: site.expression.range[0], end: site.expression.range[1] }, text: sqlLiteral(rewritten) };
}

/** `process.env.NAME`, alone or with a literal default (`?? 'items'`, `|| 'items'`). */
function isSettingExpression(node: TSESTree.Node): boolean {
  const current = unwrap(node);
  if (current.type === AST_NODE_TYPES.LogicalExpression && (current.operator === '??' || current.operator === '||')) {
    return isSettingExpression(current.left) && current.right.type === AST_NODE_TYPES.Literal && typeof current.right.value === 'string';
  }
  const path = memberPath(current);
  return path?.length === 3 && path[0] === 'process' && path[1] === 'env';
}

/**
 * Values that may stay in SQL text as identifiers: the function's own settings
 * (`process.env.TABLE`) and `const` names bound once in the file to one of them or to a string.
 * The taint analysis trusts the same values, so keeping them leaves no finding behind.
 */
export function settingValues(program: TSESTree.Program): KeepValue {
  let bindings: Binding[] | undefined;
  return (node) => {
    if (isSettingExpression(node)) return true;
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    bindings ??= bindingsOf(program);
    const named = bindings.filter((binding) => binding.name === node.name);
    const init = named.length === 1 && named[0]?.kind === 'const' ? named[0].declarator?.init : undefined;
    if (!init || named[0]?.declarator?.id.type !== AST_NODE_TYPES.Identifier) return false;
    return isSettingExpression(init) || (init.type === AST_NODE_TYPES.Literal && typeof init.value === 'string');
  };
}

/**
 * The edits that turn the SQL argument of a call into a prepared statement: placeholders in the
 * text and the values in an array passed as the second argument (before a trailing callback).
 * The SQL may be written at the call or in a `const` declared earlier and used only there (see
 * `sqlSite`). Identifiers from the function's settings stay in the text, and so do those
 * `keepAlso` accepts (identifiers an allow-list guard checks).
 */
export function preparedStatementEdits(
  program: TSESTree.Program,
  text: string,
  argument: Range,
  dialect: Dialect,
  style: ValuesStyle = 'array',
  keepAlso: KeepValue = () => false,
): { edits: TextEditDraft[]; parameters: number } | undefined {
  const call = callWithFirstArgument(program, argument);
  if (!call || call.callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const [first, second, ...rest] = call.arguments;
  if (!first || rest.length > 0 || (second && (style === 'replacements' || !isFunctionExpression(second)))) return undefined;
  const values = (parameters: string[]) => (style === 'array' ? `[${parameters.join(', ')}]` : `{ replacements: [${parameters.join(', ')}] }`);
  const site = sqlSite(program, text, first, call);
  const settings = settingValues(program);
  const rewritten = site && parameteriseSql(site.expression, text, dialect, (node) => settings(node) || keepAlso(node));
  // Only identifiers in the text: an allow-list guard is the fix, not a statement without parameters.
  if (!site || !rewritten || rewritten.parameters.length === 0) return undefined;
  if (site.viaConst === undefined) {
    return { edits: [{ range: argument, text: `${sqlLiteral(rewritten)}, ${values(rewritten.parameters)}` }], parameters: rewritten.parameters.length };
  }
  const edits = [sqlTextEdit(site, rewritten), { range: argument, text: `${site.viaConst}, ${values(rewritten.parameters)}` }];
  return { edits, parameters: rewritten.parameters.length };
}

function propertyNameOf(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  return undefined;
}

/**
 * Prisma: `prisma.$queryRawUnsafe(<built SQL>)` → `` prisma.$queryRaw`… ${value} …` ``, whose
 * template values Prisma binds as parameters (`$executeRawUnsafe` → `$executeRaw` alike).
 */
export function prismaTaggedEdits(program: TSESTree.Program, text: string, argument: Range): { edits: TextEditDraft[]; parameters: number } | undefined {
  const call = callWithFirstArgument(program, argument);
  if (!call || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.arguments.length !== 1) return undefined;
  const method = propertyNameOf(call.callee);
  const tagged = method === '$queryRawUnsafe' ? '$queryRaw' : method === '$executeRawUnsafe' ? '$executeRaw' : undefined;
  const first = call.arguments[0];
  if (!tagged || !first || first.type === AST_NODE_TYPES.Identifier) return undefined;
  const rewritten = parameteriseSql(first, text, PRISMA_DIALECT);
  if (!rewritten) return undefined;
  const typeArguments = call.typeArguments ? text.slice(call.typeArguments.range[0], call.typeArguments.range[1]) : '';
  const edits = [{ range: { start: call.callee.property.range[0], end: call.range[1] }, text: `${tagged}${typeArguments}${taggedTemplate(rewritten)}` }];
  return { edits, parameters: rewritten.parameters.length };
}

/**
 * mssql: `pool.request().query(<built SQL>)` → `pool.request().input('p1', value).query('… @p1 …')`.
 * Only on a request (`.request()`, `new Request(…)`): `sql.query(text)` has no inputs.
 */
export function mssqlInputEdits(program: TSESTree.Program, text: string, argument: Range): { edits: TextEditDraft[]; parameters: number } | undefined {
  const call = callWithFirstArgument(program, argument);
  if (!call || call.callee.type !== AST_NODE_TYPES.MemberExpression || propertyNameOf(call.callee) !== 'query') return undefined;
  const [first, second, ...rest] = call.arguments;
  if (!first || rest.length > 0 || (second && !isFunctionExpression(second)) || first.type === AST_NODE_TYPES.Identifier) return undefined;
  const receiver = call.callee.object;
  const isRequest =
    (receiver.type === AST_NODE_TYPES.CallExpression && receiver.arguments.length === 0 && propertyNameOf(receiver.callee) === 'request') ||
    (receiver.type === AST_NODE_TYPES.NewExpression && (propertyNameOf(receiver.callee) === 'Request' || (receiver.callee.type === AST_NODE_TYPES.Identifier && receiver.callee.name === 'Request')));
  if (!isRequest) return undefined;
  const rewritten = parameteriseSql(first, text, MSSQL_DIALECT, settingValues(program));
  if (!rewritten) return undefined;
  const inputs = rewritten.parameters.map((parameter, index) => `.input('p${index + 1}', ${parameter})`).join('');
  const edits = [
    { range: { start: receiver.range[1], end: receiver.range[1] }, text: inputs },
    { range: argument, text: sqlLiteral(rewritten) },
  ];
  return { edits, parameters: rewritten.parameters.length };
}
