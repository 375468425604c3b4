/**
 * Allow-list guards for values written into SQL text as identifiers (a table or column name), which
 * cannot be bound parameters. Pure: reads a parsed program and its text, returns edits or nothing.
 *
 * A value counts as an identifier by the SQL text before it (`FROM`, `JOIN`, `INTO`, `UPDATE`,
 * `TABLE` → a table; `SELECT`, `ORDER BY`, `GROUP BY`, a column list, `WHERE <value> =` → a
 * column), quoted as an identifier (`"${c}"`, `` `${c}` ``, `[${c}]`) or not. The guard goes right
 * before the statement that builds the SQL, in the same block:
 *
 *     if (!['created_at', 'name'].includes(sort)) throw new Error('Unsupported sort column');
 *
 * It always throws (never returns a response), so it reads the same in any handler. The names
 * listed are only those the code shows: a default (`q.sort || 'created_at'`, `?? 'x'`, a
 * destructuring or parameter default), literals compared to the same value, and for a column the
 * columns named in the same SQL text. When nothing is known the list is an empty constant with a
 * comment asking to fill it in, and the title says so: the guard then rejects every value.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { memberPath, unwrap, walk } from '../analysis/estree';
import type { Range } from '../engine/types';
import { bindingsOf, callWithFirstArgument, settingValues, splitSqlExpression, sqlSite, type KeepValue, type TextEditDraft } from './sql';

export type IdentifierKind = 'table' | 'column';

export interface IdentifierValue {
  node: TSESTree.Node;
  /** The value's source text (`sort`, `q.sort`). */
  name: string;
  kind: IdentifierKind;
}

export interface AllowListGuard {
  edits: TextEditDraft[];
  /** The values guarded, in the order of the SQL text. */
  names: string[];
  kind: 'table' | 'column' | 'table and column';
  /** The constants left empty for the user to fill in. */
  empty: string[];
}

const TABLE_BEFORE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s*$/i;
const COLUMN_BEFORE = /\b(?:SELECT|DISTINCT|ORDER\s+BY|GROUP\s+BY)\s*$/i;
/** A comma continues the list of the last clause keyword before it. */
const LAST_CLAUSE = /\b(SELECT|ORDER\s+BY|GROUP\s+BY|FROM|WHERE|SET|VALUES|ON|HAVING|LIMIT)\b(?![\s\S]*\b(?:SELECT|ORDER\s+BY|GROUP\s+BY|FROM|WHERE|SET|VALUES|ON|HAVING|LIMIT)\b)/i;
const CONDITION_BEFORE = /\b(?:WHERE|AND|OR|ON|HAVING)\s*$/i;
const COMPARED_AFTER = /^\s*(?:=|<>|!=|<=|>=|<|>|LIKE\b|IN\b|IS\b|BETWEEN\b)/i;
const NAME = /^[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)?$/;
const KEYWORDS = new Set(['select', 'distinct', 'from', 'where', 'and', 'or', 'not', 'on', 'as', 'by', 'order', 'group', 'having', 'limit', 'offset', 'join', 'null', 'true', 'false', 'in', 'is', 'like', 'between', 'case', 'when', 'then', 'else', 'end', 'set', 'values', 'into', 'update', 'delete', 'insert', 'asc', 'desc']);

/** Whether the text ends inside a string literal (`'`), counting doubled and escaped quotes as text. */
function insideString(sql: string): boolean {
  const stripped = sql.replace(/\\./g, '').replace(/''/g, '');
  return (stripped.split("'").length - 1) % 2 === 1;
}

/**
 * The values of a SQL expression written as identifiers, or nothing when none is. Values in other
 * places (strings, numbers, keywords) are left to the prepared-statement rewrite.
 */
export function identifierValues(expression: TSESTree.Node, text: string): IdentifierValue[] {
  const split = splitSqlExpression(expression, text);
  if (!split) return [];
  const { pieces } = split;
  const found: IdentifierValue[] = [];
  let before = '';
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index];
    if (!piece) continue;
    if (piece.kind === 'text') {
      before += piece.cooked;
      continue;
    }
    const next = pieces[index + 1];
    const after = next?.kind === 'text' ? next.cooked.replace(/^["`\]]/, '') : '';
    const kind = insideString(before) ? undefined : identifierKind(before.replace(/["`[]$/, ''), after);
    if (kind && memberPath(piece.node) !== undefined) found.push({ node: piece.node, name: text.slice(piece.node.range[0], piece.node.range[1]), kind });
    before += 'v';
  }
  return found;
}

function identifierKind(before: string, after: string): IdentifierKind | undefined {
  const trimmed = before.replace(/\s+$/, '');
  if (TABLE_BEFORE.test(before)) return 'table';
  if (COLUMN_BEFORE.test(before)) return 'column';
  if (trimmed.endsWith(',')) {
    const clause = LAST_CLAUSE.exec(trimmed)?.[1]?.toUpperCase().replace(/\s+/g, ' ');
    if (clause === 'SELECT' || clause === 'ORDER BY' || clause === 'GROUP BY') return 'column';
    return undefined;
  }
  if (CONDITION_BEFORE.test(before) && COMPARED_AFTER.test(after)) return 'column';
  return undefined;
}

/** Ancestors of a node, nearest first (typescript-estree leaves `parent` unset). */
function ancestorsOf(program: TSESTree.Program, node: TSESTree.Node): TSESTree.Node[] {
  const chain: TSESTree.Node[] = [];
  walk(program, (candidate) => {
    if (candidate !== node && candidate.range[0] <= node.range[0] && candidate.range[1] >= node.range[1]) chain.push(candidate);
  });
  // Preorder: an outer node comes before the nodes inside it, also when their ranges are equal.
  return chain.reverse();
}

function isFunction(node: TSESTree.Node): boolean {
  return node.type === AST_NODE_TYPES.ArrowFunctionExpression || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

function alwaysExits(statement: TSESTree.Statement): boolean {
  if (statement.type === AST_NODE_TYPES.ThrowStatement || statement.type === AST_NODE_TYPES.ReturnStatement) return true;
  if (statement.type === AST_NODE_TYPES.BlockStatement) {
    const last = statement.body[statement.body.length - 1];
    return last !== undefined && alwaysExits(last);
  }
  return false;
}

/** `[…strings]`, or a `const` bound once in the file to one. */
function isStringList(program: TSESTree.Program, node: TSESTree.Node): boolean {
  const list = unwrap(node);
  if (list.type === AST_NODE_TYPES.ArrayExpression) return list.elements.every((element) => element?.type === AST_NODE_TYPES.Literal && typeof element.value === 'string');
  if (list.type !== AST_NODE_TYPES.Identifier) return false;
  const named = bindingsOf(program).filter((binding) => binding.name === list.name);
  const init = named.length === 1 && named[0]?.kind === 'const' ? named[0].declarator?.init : undefined;
  return init !== undefined && init !== null && unwrap(init).type === AST_NODE_TYPES.ArrayExpression && isStringList(program, init);
}

/** `if (!LIST.includes(<name>)) throw …` (or return) before `node` in a block around it. */
export function isAllowListed(program: TSESTree.Program, text: string, node: TSESTree.Node): boolean {
  const name = text.slice(node.range[0], node.range[1]);
  let child: TSESTree.Node = node;
  for (const parent of ancestorsOf(program, node)) {
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      for (const statement of parent.body) {
        if (statement.range[0] >= child.range[0]) break;
        if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !alwaysExits(statement.consequent)) continue;
        const test = unwrap(statement.test);
        if (test.type !== AST_NODE_TYPES.UnaryExpression || test.operator !== '!') continue;
        const call = unwrap(test.argument);
        if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.callee.computed) continue;
        const [argument] = call.arguments;
        if (call.callee.property.type !== AST_NODE_TYPES.Identifier || call.callee.property.name !== 'includes' || !argument) continue;
        if (text.slice(argument.range[0], argument.range[1]) === name && isStringList(program, call.callee.object)) return true;
      }
    }
    child = parent;
  }
  return false;
}

/**
 * Values the prepared-statement rewrite may leave in the SQL text: identifiers already checked
 * against an allow-list, and identifiers an allow-list guard can check (the finding then stays
 * until the guard is added, and the guard is still offered).
 */
export function identifierKeep(program: TSESTree.Program, text: string): KeepValue {
  return (node) => {
    if (memberPath(node) === undefined) return false;
    let top: TSESTree.Node = node;
    for (const parent of ancestorsOf(program, node)) {
      if (parent.type === AST_NODE_TYPES.TemplateLiteral || (parent.type === AST_NODE_TYPES.BinaryExpression && parent.operator === '+')) top = parent;
      else break;
    }
    return identifierValues(top, text).some((value) => value.node === node) && statementOf(program, top) !== undefined;
  };
}

/**
 * The statement in a block that holds `node` and always runs it: no function, other statement
 * (`if (x) query(…)`), conditional branch or short-circuited operand between them, so that a
 * guard before it throws only where the query would have run.
 */
function statementOf(program: TSESTree.Program, node: TSESTree.Node): TSESTree.Statement | undefined {
  let child: TSESTree.Node = node;
  for (const parent of ancestorsOf(program, node)) {
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) return child as TSESTree.Statement;
    if (isFunction(parent)) return undefined;
    if (/Statement$|^SwitchCase$|^CatchClause$/.test(parent.type) && parent.type !== AST_NODE_TYPES.ExpressionStatement && parent.type !== AST_NODE_TYPES.ReturnStatement) return undefined;
    if (parent.type === AST_NODE_TYPES.ConditionalExpression && child !== parent.test) return undefined;
    if (parent.type === AST_NODE_TYPES.LogicalExpression && child !== parent.left) return undefined;
    if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.MemberExpression) && parent.optional) return undefined;
    child = parent;
  }
  return undefined;
}

function isString(node: TSESTree.Node | null | undefined): node is TSESTree.StringLiteral {
  return node?.type === AST_NODE_TYPES.Literal && typeof node.value === 'string';
}

/** The names the code itself shows for a value: defaults, compared literals, columns in the SQL. */
function knownNames(program: TSESTree.Program, text: string, value: IdentifierValue, sqlText: string): string[] {
  const names: string[] = [];
  const add = (name: string) => {
    if (NAME.test(name) && !KEYWORDS.has(name.toLowerCase()) && !names.includes(name)) names.push(name);
  };
  const source = (node: TSESTree.Node) => text.slice(node.range[0], node.range[1]);
  // Names of another variable that happens to share the spelling are not this value's.
  const root = memberPath(value.node)?.[0];
  const unique = bindingsOf(program).filter((binding) => binding.name === root).length === 1;
  const single = unique && value.node.type === AST_NODE_TYPES.Identifier;
  walk(program, (node) => {
    // const sort = q.sort || 'created_at'
    if (single && node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.Identifier && node.id.name === value.name && node.init) {
      const init = unwrap(node.init);
      if (init.type === AST_NODE_TYPES.LogicalExpression && (init.operator === '||' || init.operator === '??') && isString(init.right)) add(init.right.value);
    }
    // const { sort = 'created_at' } = q, ({ sort = 'created_at' }) => …
    if (single && node.type === AST_NODE_TYPES.AssignmentPattern && node.left.type === AST_NODE_TYPES.Identifier && node.left.name === value.name && isString(node.right)) add(node.right.value);
    // sort === 'name'
    if (unique && node.type === AST_NODE_TYPES.BinaryExpression && ['===', '==', '!==', '!='].includes(node.operator)) {
      if (source(node.left) === value.name && isString(node.right)) add(node.right.value);
      if (source(node.right) === value.name && isString(node.left)) add(node.left.value);
    }
    // switch (sort) { case 'name': … }
    if (unique && node.type === AST_NODE_TYPES.SwitchStatement && source(node.discriminant) === value.name) {
      for (const switchCase of node.cases) if (isString(switchCase.test)) add(switchCase.test.value);
    }
  });
  if (value.kind === 'column') for (const column of sqlColumns(sqlText)) add(column);
  return names;
}

/** Columns named in SQL text: the plain items of a SELECT list and the left side of comparisons. */
function sqlColumns(sql: string): string[] {
  const columns: string[] = [];
  const select = /\bSELECT\s+(?:DISTINCT\s+)?([\s\S]*?)\s+FROM\b/i.exec(sql)?.[1];
  for (const item of select?.split(',') ?? []) {
    const match = /^\s*(?:[A-Za-z_]\w*\.)?["`]?([A-Za-z_]\w*)["`]?\s*$/.exec(item);
    if (match?.[1]) columns.push(match[1]);
  }
  for (const match of sql.matchAll(/(?:^|[\s(,.])["`]?([A-Za-z_]\w*)["`]?\s*(?:=|<>|!=|<=|>=|<|>|\s+LIKE\b)/gi)) if (match[1]) columns.push(match[1]);
  return columns;
}

/** The quote most string literals of the file use. */
function fileQuote(program: TSESTree.Program, text: string): "'" | '"' {
  let single = 0;
  let double = 0;
  walk(program, (node) => {
    if (!isString(node)) return;
    if (text[node.range[0]] === "'") single++;
    else if (text[node.range[0]] === '"') double++;
  });
  return double > single ? '"' : "'";
}

function quoted(value: string, quote: "'" | '"'): string {
  return `${quote}${value.replace(/\\/g, '\\\\').replace(new RegExp(quote, 'g'), `\\${quote}`)}${quote}`;
}

/** `sort` of `q.sort`, `sortBy` of `sortBy`. */
function lastName(value: IdentifierValue): string {
  const path = memberPath(value.node) ?? [value.name];
  return path[path.length - 1] ?? value.name;
}

function constantName(value: IdentifierValue): string {
  const snake = lastName(value)
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\W/g, '_')
    .toUpperCase();
  const kind = value.kind.toUpperCase();
  return snake.includes(kind) ? `ALLOWED_${snake}S` : `ALLOWED_${snake}_${kind}S`;
}

function errorText(value: IdentifierValue): string {
  const name = lastName(value);
  return name.toLowerCase().includes(value.kind) ? `Unsupported ${name}` : `Unsupported ${name} ${value.kind}`;
}

/**
 * The guard for the identifiers in the SQL argument of a call (the SQL may be built in a `const`
 * passed by name), or nothing when no identifier is left unchecked or no statement in a block
 * holds the SQL.
 */
export function allowListGuardEdits(program: TSESTree.Program, text: string, argument: Range, typescript: boolean): AllowListGuard | undefined {
  const call = callWithFirstArgument(program, argument);
  const first = call?.arguments[0];
  if (!call || !first) return undefined;
  const site = sqlSite(program, text, first, call);
  if (!site) return undefined;
  const setting = settingValues(program);
  const values: IdentifierValue[] = [];
  for (const value of identifierValues(site.expression, text)) {
    if (setting(value.node) || values.some((seen) => seen.name === value.name) || isAllowListed(program, text, value.node)) continue;
    values.push(value);
  }
  if (values.length === 0) return undefined;
  const statement = statementOf(program, site.expression);
  if (!statement) return undefined;
  const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
  const indent = text.slice(lineStart, statement.range[0]);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  // A value declared by the statement itself cannot be checked before it.
  for (const value of values) {
    const root = memberPath(value.node)?.[0];
    const declaredHere = bindingsOf(program).some((binding) => binding.name === root && binding.declaration === statement);
    if (declaredHere) return undefined;
  }

  const quote = fileQuote(program, text);
  const semicolon = text[statement.range[1] - 1] === ';' ? ';' : '';
  const sqlText = (splitSqlExpression(site.expression, text)?.pieces ?? []).map((piece) => (piece.kind === 'text' ? piece.cooked : ' ? ')).join('');
  const bound = new Set(bindingsOf(program).map((binding) => binding.name));
  const empty: string[] = [];
  const lines: string[] = [];
  for (const value of values) {
    const names = knownNames(program, text, value, sqlText);
    let list = `[${names.map((name) => quoted(name, quote)).join(', ')}]`;
    if (names.length === 0) {
      const base = constantName(value);
      let constant = base;
      for (let n = 2; bound.has(constant); n++) constant = `${base}_${n}`;
      bound.add(constant);
      empty.push(constant);
      lines.push(`// Fill in the ${value.kind} names allowed for ${value.name}: an empty list rejects every value.`);
      lines.push(`const ${constant}${typescript ? ': string[]' : ''} = []${semicolon}`);
      list = constant;
    }
    lines.push(`if (!${list}.includes(${value.name})) throw new Error(${quoted(errorText(value), quote)})${semicolon}`);
  }
  const kinds = new Set(values.map((value) => value.kind));
  return {
    edits: [{ range: { start: statement.range[0], end: statement.range[0] }, text: lines.map((line) => `${line}\n${indent}`).join('') }],
    names: values.map((value) => value.name),
    kind: kinds.size === 2 ? 'table and column' : (values[0]?.kind ?? 'column'),
    empty,
  };
}

/** The title's data: `Check sort against a list of allowed column names (fill in ALLOWED_X)`. */
export function allowListTitleData(guard: AllowListGuard): Record<string, string> {
  const names = guard.names.length === 1 ? (guard.names[0] ?? '') : `${guard.names.slice(0, -1).join(', ')} and ${guard.names[guard.names.length - 1] ?? ''}`;
  return {
    names,
    lists: guard.names.length === 1 ? 'a list' : 'lists',
    kind: guard.kind,
    fill: guard.empty.length === 0 ? '' : ` (fill in ${guard.empty.join(' and ')})`,
  };
}
