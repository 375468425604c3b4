/**
 * Rewriting one IAM statement, in place, into the least-privilege statement(s) its functions'
 * code needs (issue 6 §2), in the template's own style: YAML block or flow lists, the quote
 * character already used, short tags (`!Sub`) when the file uses them and long forms otherwise,
 * the file's indentation, JSON on one line or many as the original value was.
 *
 * The rewrite is offered only when it can be right: every function that runs with the statement
 * has its handler in the project and every SDK call in it resolved (otherwise an action could be
 * lost), and the statement's actions are literal text.
 */
import type { RuleContext } from '../../engine/define-rule';
import type { Range } from '../../engine/types';
import type { PolicyStatement } from '../../model/types';
import { entryOf, isScalar, isSeq, type DocNode, type MapEntry } from '../../parse/document';
import { isDocumentFile, type SourceFile } from '../../parse/source-file';
import { actionMatches } from '../iam-data';
import { countActions, functionsWithStatement, policyValues } from '../policy-values';
import { planPolicy, type PlannedStatement } from './policy';
import type { TemplateValue } from './resources';

export interface StatementRewrite {
  edits: { range: Range; text: string }[];
  /** The actions the rewritten statement(s) grant. */
  actions: string[];
  /** False when some resource stays partly `*` because its name is not known. */
  scoped: boolean;
}

/**
 * The edits that turn `statement` into the statements the code of every function using it
 * needs, restricted to the actions the statement grants now; undefined when no safe rewrite exists.
 */
export function rewriteStatement(ctx: RuleContext, statement: PolicyStatement): StatementRewrite | undefined {
  const file = ctx.file;
  if (statement.file !== file.path || !isDocumentFile(file) || statement.template || statement.actionKey !== 'Action' || statement.resourceKey !== 'Resource') return undefined;
  const patterns = statement.actions.flatMap((action) => policyValues(action));
  if (patterns.length !== statement.actions.length || patterns.some((value) => !value.literal)) return undefined;
  const functions = functionsWithStatement(ctx.model, statement);
  if (functions.length === 0) return undefined;
  const plan = planPolicy(ctx.model, (path) => ctx.sourceFile(path), functions);
  if (!plan.complete) return undefined;
  const planned = plan.statements
    .map((entry): PlannedStatement => ({ actions: entry.actions.filter((action) => patterns.some((pattern) => actionMatches(pattern.text, action))), resources: entry.resources }))
    .filter((entry) => entry.actions.length > 0);
  const [first, ...rest] = planned;
  if (!first) return undefined;
  const actionEntry = entryOf(statement.node, 'Action');
  const resourceEntry = entryOf(statement.node, 'Resource');
  if (!actionEntry || !resourceEntry) return undefined;
  const style = styleOf(file, statement);
  if (!style) return undefined;
  const edits = [replaceValue(file, style, actionEntry, first.actions), replaceValue(file, style, resourceEntry, first.resources)];
  if (rest.length > 0) {
    // Extra statements copy Effect, Action and Resource only: a Condition or Principal would have to be duplicated.
    const copyable = new Set(['Sid', 'Effect', 'Action', 'Resource']);
    if (statement.node.entries.some((entry) => typeof entry.key.value !== 'string' || !copyable.has(entry.key.value))) return undefined;
    const inserted = insertStatements(file, style, statement, rest);
    if (inserted === undefined) return undefined;
    edits.push({ range: { start: statement.node.range.end, end: statement.node.range.end }, text: inserted });
  }
  return { edits: edits.map((edit) => withLineEndings(file, edit)), actions: planned.flatMap((entry) => entry.actions).sort(), scoped: plan.scoped };
}

/** New lines as the file writes them (`\r\n` in a CRLF file). */
function withLineEndings(file: SourceFile, edit: { range: Range; text: string }): { range: Range; text: string } {
  return file.text.includes('\r\n') ? { range: edit.range, text: edit.text.replace(/\r?\n/g, '\r\n') } : edit;
}

interface Style {
  language: 'yaml' | 'json';
  /** YAML: write `!Sub`/`!GetAtt`/`!Ref` rather than `Fn::Sub:` maps. */
  shortTags: boolean;
  /** The quote character the statement's actions are written with, if any. */
  quote: '"' | "'" | undefined;
  /** The same for its resources (the actions' when no resource tells). */
  resourceQuote: '"' | "'" | undefined;
  /** One indentation step of the file. */
  unit: string;
}

function styleOf(file: SourceFile, statement: PolicyStatement): Style | undefined {
  const text = file.text;
  // A statement written as a YAML flow map (`{ Effect: Allow, … }`) is left alone.
  if (file.language === 'yaml' && text[statement.node.range.start] === '{') return undefined;
  const actionQuote = quoteOf(text, statement.actions);
  const resourceQuote = quoteOf(text, statement.resources) ?? actionQuote;
  const unitMatch = /\n( +)\S/.exec(text);
  return {
    language: file.language === 'json' ? 'json' : 'yaml',
    shortTags: /(^|[\s[,:-])!(Ref|Sub|GetAtt|Join)\s/m.test(text),
    quote: actionQuote,
    resourceQuote,
    unit: unitMatch?.[1] && unitMatch[1].length <= 4 ? unitMatch[1] : '  ',
  };
}

/**
 * The quote character of the first quoted scalar that would not need quotes: `"*"` must be
 * quoted in YAML, so it says nothing about the author's style, `"s3:*"` does.
 */
function quoteOf(text: string, nodes: readonly DocNode[]): Style['quote'] {
  for (const node of nodes) {
    if (!isScalar(node) || !node.quoted || typeof node.value !== 'string' || !isPlainSafe(node.value, false)) continue;
    const character = text[node.range.start];
    if (character === '"' || character === "'") return character;
  }
  return undefined;
}

function columnOf(file: SourceFile, offset: number): number {
  return offset - (file.text.lastIndexOf('\n', offset - 1) + 1);
}

function lineIndent(file: SourceFile, offset: number): string {
  const start = file.text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(file.text.slice(start))?.[0] ?? '';
}

/** Replaces the value of `Action` or `Resource` (from just after the key's colon) with the items. */
function replaceValue(file: SourceFile, style: Style, entry: MapEntry, items: readonly TemplateValue[]): { range: Range; text: string } {
  const colon = file.text.indexOf(':', entry.key.range.end);
  const range = { start: colon + 1, end: entry.value.range.end };
  if (style.language === 'json') {
    const multiline = isSeq(entry.value) ? file.text.slice(entry.value.range.start, entry.value.range.end).includes('\n') : items.length > 1;
    const itemIndent = isSeq(entry.value) && entry.value.items[0] ? ' '.repeat(columnOf(file, entry.value.items[0].range.start)) : lineIndent(file, entry.key.range.start) + style.unit;
    return { range, text: ' ' + jsonValue(items, multiline, itemIndent, lineIndent(file, entry.key.range.start), isSeq(entry.value)) };
  }
  const keyColumn = columnOf(file, entry.key.range.start);
  return { range, text: yamlValue(file, quoted(style, entry.key.value), entry.value, items, keyColumn) };
}

/** The style for one key's values: resources follow the resources' quoting. */
function quoted(style: Style, key: unknown): Style {
  return key === 'Resource' ? { ...style, quote: style.resourceQuote } : style;
}

function yamlValue(file: SourceFile, style: Style, original: DocNode | undefined, items: readonly TemplateValue[], keyColumn: number): string {
  const flowOriginal = original !== undefined && isSeq(original) && file.text[original.range.start] === '[';
  const blockOriginal = original !== undefined && isSeq(original) && !flowOriginal;
  const inline = items.map((item) => yamlInline(style, item, false));
  if (flowOriginal && inline.every((text): text is string => text !== undefined)) {
    return ' [' + items.map((item) => yamlInline(style, item, true) ?? '').join(', ') + ']';
  }
  const [only] = inline;
  if (items.length === 1 && !blockOriginal && only !== undefined) return ' ' + only;
  const firstItem = blockOriginal && isSeq(original) ? original.items[0] : undefined;
  const itemColumn = firstItem ? columnOf(file, firstItem.range.start) : keyColumn + style.unit.length + 2;
  const dash = ' '.repeat(itemColumn - 2);
  return items.map((item, index) => `\n${dash}- ${inline[index] ?? yamlLongForm(style, item)}`).join('');
}

/** A value on one line: a scalar or a short tag; undefined for a long-form intrinsic. */
function yamlInline(style: Style, value: TemplateValue, flow: boolean): string | undefined {
  if (typeof value === 'string') return yamlScalar(style.quote, value, flow);
  if (!style.shortTags) return flow ? `{ ${yamlLongForm(style, value)} }` : undefined;
  if ('Ref' in value) return `!Ref ${value.Ref}`;
  if ('Fn::GetAtt' in value) return `!GetAtt ${value['Fn::GetAtt'].join('.')}`;
  if ('Fn::Sub' in value) return `!Sub ${yamlScalar(style.quote, value['Fn::Sub'], flow)}`;
  return `!Join ${yamlFlow(style, value['Fn::Join'])}`;
}

/** `Fn::GetAtt: [Items, Arn]`, written as one map entry. */
function yamlLongForm(style: Style, value: TemplateValue): string {
  if (typeof value === 'string') return yamlScalar(style.quote, value, false);
  const [name, argument] = Object.entries(value)[0] ?? ['Ref', ''];
  return `${name}: ${yamlFlow(style, argument as TemplateValue | TemplateValue[] | string)}`;
}

function yamlFlow(style: Style, value: TemplateValue | readonly (TemplateValue | TemplateValue[] | string)[] | string): string {
  if (Array.isArray(value)) return '[' + value.map((item: TemplateValue | TemplateValue[] | string) => yamlFlow(style, item)).join(', ') + ']';
  if (typeof value === 'string') return yamlScalar(style.quote, value, true);
  return `{ ${yamlLongForm(style, value as TemplateValue)} }`;
}

function isPlainSafe(text: string, flow: boolean): boolean {
  return (
    /^[A-Za-z0-9_/.][^#]*$/.test(text) &&
    !text.includes(': ') &&
    !text.endsWith(':') &&
    !(flow && /[,[\]{}]/.test(text)) &&
    !/^(true|false|null|yes|no|on|off|~|[-+.\d][\d._eE+-]*)$/i.test(text)
  );
}

function yamlScalar(quote: Style['quote'], text: string, flow: boolean): string {
  // Logical ids (`Jobs`, `Arn`) read best bare whatever the file's habit.
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(text)) return text;
  if (quote === '"') return JSON.stringify(text);
  if (quote === "'" || !isPlainSafe(text, flow)) return `'${text.replace(/'/g, "''")}'`;
  return text;
}

function jsonInline(value: TemplateValue | TemplateValue[] | string): string {
  if (Array.isArray(value)) return '[' + value.map((item: TemplateValue | TemplateValue[] | string) => jsonInline(item)).join(', ') + ']';
  if (typeof value === 'string') return JSON.stringify(value);
  const [name, argument] = Object.entries(value)[0] ?? ['Ref', ''];
  return `{ ${JSON.stringify(name)}: ${jsonInline(argument as TemplateValue | TemplateValue[] | string)} }`;
}

function jsonValue(items: readonly TemplateValue[], multiline: boolean, itemIndent: string, closeIndent: string, wasArray: boolean): string {
  const [only] = items;
  if (items.length === 1 && only !== undefined && !wasArray) return jsonInline(only);
  if (!multiline) return '[' + items.map((item) => jsonInline(item)).join(', ') + ']';
  return '[\n' + items.map((item) => itemIndent + jsonInline(item)).join(',\n') + '\n' + closeIndent + ']';
}

/** The text inserted after the statement: one more list item per extra statement. */
function insertStatements(file: SourceFile, style: Style, statement: PolicyStatement, extras: readonly PlannedStatement[]): string | undefined {
  const start = statement.node.range.start;
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const before = file.text.slice(lineStart, start);
  const effect = statement.effect ? file.text.slice(statement.effect.range.start, statement.effect.range.end) : style.language === 'json' ? '"Allow"' : 'Allow';
  const order = statement.node.entries.map((entry) => String(entry.key.value)).filter((key) => key === 'Effect' || key === 'Action' || key === 'Resource');
  if (style.language === 'yaml') {
    const dash = /^(\s*)-\s+$/.exec(before);
    if (!dash) return undefined;
    const keyColumn = before.length;
    const pad = ' '.repeat(keyColumn);
    return extras
      .map((extra) => {
        const lines = order.map((key) => (key === 'Effect' ? `Effect: ${effect}` : `${key}:${yamlValue(file, quoted(style, key), undefined, key === 'Action' ? extra.actions : extra.resources, keyColumn)}`));
        return `\n${before}${lines.join(`\n${pad}`)}`;
      })
      .join('');
  }
  // JSON: the statement object is an array item; copy its layout (one line or one key per line).
  const firstKey = statement.node.entries[0]?.key;
  if (!firstKey) return undefined;
  const openIndent = lineIndent(file, start);
  const oneLine = !file.text.slice(start, statement.node.range.end).includes('\n');
  const keyIndent = oneLine ? '' : ' '.repeat(columnOf(file, firstKey.range.start));
  return extras
    .map((extra) => {
      const members = order.map((key) => {
        const value = key === 'Effect' ? effect : jsonValue(key === 'Action' ? extra.actions : extra.resources, !oneLine && (key === 'Action' ? extra.actions : extra.resources).length > 1, keyIndent + style.unit, keyIndent, false);
        return `${keyIndent}"${key}": ${value}`;
      });
      return oneLine ? `, { ${members.join(', ')} }` : `,\n${openIndent}{\n${members.join(',\n')}\n${openIndent}}`;
    })
    .join('');
}

/**
 * The "Replace with the N actions the handlers use" suggestion of the IAM rules, from a rewrite;
 * the title says when some resource could only be scoped in part.
 */
export function narrowSuggestions(rewrite: StatementRewrite | undefined): { messageId: 'narrow'; data: Record<string, string>; edits: StatementRewrite['edits'] }[] {
  if (!rewrite) return [];
  const note = rewrite.scoped ? '' : ' (some resource names are unknown and stay "*")';
  return [{ messageId: 'narrow', data: { actions: countActions(rewrite.actions.length), note }, edits: rewrite.edits }];
}

/**
 * The edit that adds statements after `anchor` (the last statement of its list), in the same
 * style; undefined when the anchor's layout cannot be copied.
 */
export function appendStatements(file: SourceFile, anchor: PolicyStatement, statements: readonly PlannedStatement[]): { range: Range; text: string } | undefined {
  if (!isDocumentFile(file) || anchor.file !== file.path || anchor.template || statements.length === 0) return undefined;
  const style = styleOf(file, anchor);
  if (!style) return undefined;
  const text = insertStatements(file, style, anchor, statements);
  return text === undefined ? undefined : withLineEndings(file, { range: { start: anchor.node.range.end, end: anchor.node.range.end }, text });
}

/**
 * The style for statements written where no statement stands to copy (a printed policy, a new
 * per-function role): the quoting of `like` when given, the file's indentation and tag habit.
 */
function blockStyle(file: SourceFile, like: PolicyStatement | undefined): Style {
  const copied = like && like.file === file.path && isDocumentFile(file) ? styleOf(file, like) : undefined;
  if (copied) return copied;
  const unitMatch = /\n( +)\S/.exec(file.text);
  return {
    language: file.language === 'json' ? 'json' : 'yaml',
    shortTags: /(^|[\s[,:-])!(Ref|Sub|GetAtt|Join)\s/m.test(file.text),
    quote: undefined,
    resourceQuote: undefined,
    unit: unitMatch?.[1] && unitMatch[1].length <= 4 ? unitMatch[1] : '  ',
  };
}

/** One indentation step of a YAML or JSON file (two spaces when the file does not tell). */
export function indentUnit(file: SourceFile): string {
  return blockStyle(file, undefined).unit;
}

/**
 * `statements` as the items of a YAML block list whose dashes stand at `column`, in the file's
 * style (short tags when it uses them, the quoting of `like`): lines joined by `\n`, without a
 * leading or trailing new line.
 */
export function yamlStatementItems(file: SourceFile, statements: readonly PlannedStatement[], column: number, like?: PolicyStatement): string {
  const style = blockStyle(file, like);
  const pad = ' '.repeat(column);
  const keyColumn = column + 2;
  const inner = ' '.repeat(keyColumn);
  return statements
    .map(
      (statement) =>
        `${pad}- Effect: Allow\n${inner}Action:${yamlValue(file, style, undefined, statement.actions, keyColumn)}\n` +
        `${inner}Resource:${yamlValue(file, quoted(style, 'Resource'), undefined, statement.resources, keyColumn)}`,
    )
    .join('\n');
}

/** A statement as plain JSON data, CloudFormation intrinsics in their long form. */
export interface StatementData {
  Effect: 'Allow';
  Action: string | string[];
  Resource: TemplateValue | TemplateValue[];
}

/** The planned statements as JSON data: a single action or resource as a value, several as a list. */
export function statementData(statements: readonly PlannedStatement[]): StatementData[] {
  return statements.map((statement) => ({
    Effect: 'Allow',
    Action: statement.actions.length === 1 && statement.actions[0] !== undefined ? statement.actions[0] : [...statement.actions],
    Resource: statement.resources.length === 1 && statement.resources[0] !== undefined ? statement.resources[0] : [...statement.resources],
  }));
}

/** Each planned statement as a JSON object on one line. */
export function jsonStatementObjects(statements: readonly PlannedStatement[]): string[] {
  return statements.map((statement) => `{ "Effect": "Allow", "Action": ${jsonValue(statement.actions, false, '', '', false)}, "Resource": ${jsonValue(statement.resources, false, '', '', false)} }`);
}

/**
 * A JSON `"Policies"` member holding one inline `least-privilege` policy with the statements, for
 * an `AWS::IAM::Role` whose properties stand at `column` (the new member's key column): on one
 * line, or laid out one level per line with one statement a line. No leading indentation, no
 * trailing comma.
 */
export function jsonRolePolicies(statements: readonly PlannedStatement[], column: number, unit: string, oneLine: boolean): string {
  const objects = jsonStatementObjects(statements);
  if (oneLine) return `"Policies": [{ "PolicyName": "least-privilege", "PolicyDocument": { "Version": "2012-10-17", "Statement": [${objects.join(', ')}] } }]`;
  const pad = (steps: number) => ' '.repeat(column) + unit.repeat(steps);
  return (
    `"Policies": [\n${pad(1)}{\n${pad(2)}"PolicyName": "least-privilege",\n${pad(2)}"PolicyDocument": {\n${pad(3)}"Version": "2012-10-17",\n${pad(3)}"Statement": [\n` +
    objects.map((object) => pad(4) + object).join(',\n') +
    `\n${pad(3)}]\n${pad(2)}}\n${pad(1)}}\n${pad(0)}]`
  );
}

/**
 * The YAML `Policies:` entry holding one inline `least-privilege` policy with the statements, for
 * an `AWS::IAM::Role` whose properties stand at `column`: whole lines, the last without its line break.
 */
export function yamlRolePolicies(file: SourceFile, statements: readonly PlannedStatement[], column: number, like?: PolicyStatement): string {
  const unit = indentUnit(file);
  const pad = ' '.repeat(column);
  const inner = ' '.repeat(column + unit.length + 2);
  return (
    `${pad}Policies:\n${pad}${unit}- PolicyName: least-privilege\n${inner}PolicyDocument:\n${inner}${unit}Version: '2012-10-17'\n` +
    `${inner}${unit}Statement:\n${yamlStatementItems(file, statements, column + unit.length + 2 + 2 * unit.length, like)}`
  );
}

/** The planned statements as a JSON array on one line, as the fixes write JSON. */
export function jsonStatementList(statements: readonly PlannedStatement[]): string {
  return '[' + jsonStatementObjects(statements).join(', ') + ']';
}
