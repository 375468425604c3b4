/**
 * Replacing an administrator managed policy (`AdministratorAccess`, `PowerUserAccess`) with the
 * inline statements the code of the functions holding it needs (issue 6 §2, `iam/admin-policy`),
 * in the template's own syntax:
 *
 * - SAM: the `Policies` item becomes a `Statement:` item with the statements;
 * - serverless: the item leaves `managedPolicies` (`iamManagedPolicies`) and the statements join
 *   `statements` (`iamRoleStatements`) of the same role, which is created when missing;
 * - an `AWS::IAM::Role`: the ARN leaves `ManagedPolicyArns`, the statements join its inline
 *   `Policies` (a new `least-privilege` policy when it has none).
 *
 * Offered only when it can be right: every function holding the policy has its code read whole,
 * and the logging permissions the managed policy gave stay (SAM and the Serverless Framework add
 * them; an `AWS::IAM::Role` must keep `AWSLambdaBasicExecutionRole`).
 */
import type { RuleContext } from '../engine/define-rule';
import type { Range } from '../engine/types';
import type { FunctionModel, PolicyStatement } from '../model/types';
import { get, getPath, isMap, isScalar, isSeq, type DocNode, type MapEntry, type MapNode, type SeqNode } from '../parse/document';
import type { SourceFile } from '../parse/source-file';
import { actionMatches } from '../analysis/iam-data';
import { policyValues } from '../analysis/policy-values';
import { parentSeq, removeItem } from '../analysis/sdk/permissions';
import { planPolicy, type PlannedStatement } from '../analysis/sdk/policy';
import { appendStatements, indentUnit, jsonRolePolicies, jsonStatementList, yamlRolePolicies, yamlStatementItems } from '../analysis/sdk/rewrite';

export interface ManagedPolicyReplacement {
  edits: { range: Range; text: string }[];
  /** Every action the functions' code calls that the policy allowed. */
  actions: string[];
  /** False when some resource name is unknown and stays `*`. */
  scoped: boolean;
}

/** What an administrator policy allows, as a test on an action. */
const REPLACEABLE: ReadonlyMap<string, (action: string) => boolean> = new Map([
  ['AdministratorAccess', () => true],
  // PowerUserAccess allows everything but IAM and Organizations (and a few read actions of them).
  ['PowerUserAccess', (action: string) => !/^(iam|organizations):/i.test(action)],
]);

/**
 * The edits that replace `policy` (a managed policy named `name`, held by `holders`) with inline
 * least-privilege statements; undefined when no safe replacement exists.
 */
export function replaceManagedPolicy(ctx: RuleContext, policy: DocNode, name: string, holders: readonly FunctionModel[]): ManagedPolicyReplacement | undefined {
  const allows = REPLACEABLE.get(name);
  const file = ctx.file;
  if (!allows || holders.length === 0 || !isScalar(policy) || file.language === 'text' || file.language === 'javascript') return undefined;
  const [first] = holders;
  if (!first || holders.some((fn) => fn.file !== file.path || fn.format !== first.format)) return undefined;
  const plan = planPolicy(ctx.model, (path) => ctx.sourceFile(path), holders);
  if (!plan.complete) return undefined;
  const needed = plan.statements.map((entry) => ({ actions: entry.actions.filter(allows), resources: entry.resources })).filter((entry) => entry.actions.length > 0);
  // What the holders' own statements already allow need not be granted again.
  const missing = needed
    .map((entry): PlannedStatement => ({ actions: entry.actions.filter((action) => !holders.every((fn) => allowedBy(fn.statements, action))), resources: entry.resources }))
    .filter((entry) => entry.actions.length > 0);
  const located = entryHolding(file, policy);
  if (!located || !isSeq(located.entry.value) || (file.language === 'yaml' && file.text[located.entry.value.range.start] === '[')) return undefined;
  // Where the policy is written decides the edit: a SAM function's `Policies`, a serverless role's
  // managed policies, an `AWS::IAM::Role`'s `ManagedPolicyArns` (for SAM functions too).
  const key = located.entry.key.value;
  const edits =
    key === 'Policies' && first.format === 'sam'
      ? samEdits(file, policy, missing)
      : (key === 'managedPolicies' || key === 'iamManagedPolicies') && first.format === 'serverless'
        ? serverlessEdits(ctx, policy, missing, holders)
        : key === 'ManagedPolicyArns'
          ? roleEdits(ctx, located.map, located.entry.value, policy, missing, holders)
          : undefined;
  if (!edits) return undefined;
  const crlf = file.text.includes('\r\n');
  return {
    edits: edits.map((edit) => (crlf ? { range: edit.range, text: edit.text.replace(/\r?\n/g, '\r\n') } : edit)),
    actions: needed.flatMap((entry) => entry.actions).sort(),
    scoped: plan.scoped,
  };
}

/** Whether a literal Allow statement grants the action. */
function allowedBy(statements: readonly PolicyStatement[], action: string): boolean {
  return statements.some(
    (statement) =>
      statement.isAllow &&
      statement.actionKey === 'Action' &&
      statement.actions.flatMap((node) => policyValues(node)).some((value) => value.literal && actionMatches(value.text, action)),
  );
}

/** SAM: the `Policies` item becomes `Statement:` with the statements (or goes, when none is needed). */
function samEdits(file: SourceFile, policy: DocNode, statements: PlannedStatement[]): { range: Range; text: string }[] | undefined {
  if (statements.length === 0) {
    const list = parentSeq(file, policy);
    const removal = list && removeItem(file, list, policy);
    return removal ? [removal] : undefined;
  }
  if (file.language === 'json') return [{ range: policy.range, text: `{ "Statement": ${jsonStatementList(statements)} }` }];
  const column = columnOf(file.text, policy.range.start);
  const text = `Statement:\n${yamlStatementItems(file, statements, column + indentUnit(file).length)}`;
  return [{ range: policy.range, text }];
}

/**
 * serverless: the item leaves its list (the whole `managedPolicies:` entry when it is the only
 * item) and the statements are appended to the role's statements, or written as a new entry.
 */
function serverlessEdits(ctx: RuleContext, policy: DocNode, statements: PlannedStatement[], holders: readonly FunctionModel[]): { range: Range; text: string }[] | undefined {
  const file = ctx.file;
  if (file.language !== 'yaml') return undefined;
  const located = entryHolding(file, policy);
  if (!located) return undefined;
  const { map, entry } = located;
  const statementsKey = entry.key.value === 'managedPolicies' ? 'statements' : entry.key.value === 'iamManagedPolicies' ? 'iamRoleStatements' : undefined;
  if (!statementsKey || !isSeq(entry.value)) return undefined;
  const onlyItem = entry.value.items.length === 1;
  const removal = onlyItem ? removeEntryLines(file.text, entry) : removeItem(file, entry.value, policy);
  if (!removal) return undefined;
  if (statements.length === 0) return [removal];
  // The role's existing list of statements, written in the same map.
  const existing = map.entries.find((candidate) => candidate.key.value === statementsKey);
  if (existing) {
    if (!isSeq(existing.value)) return undefined;
    const last = existing.value.items[existing.value.items.length - 1];
    const anchor = last && holders[0]?.statements.find((statement) => statement.node === last);
    const append = anchor && appendStatements(file, anchor, statements);
    return append ? [removal, append] : undefined;
  }
  const keyColumn = columnOf(file.text, entry.key.range.start);
  const block = `${' '.repeat(keyColumn)}${statementsKey}:\n${yamlStatementItems(file, statements, keyColumn + indentUnit(file).length)}\n`;
  // In place of the removed entry, or at its line when the item alone goes.
  if (onlyItem) return [{ range: removal.range, text: block }];
  const at = lineStart(file.text, entry.key.range.start);
  return [removal, { range: { start: at, end: at }, text: block }];
}

/**
 * An `AWS::IAM::Role`: the ARN leaves `ManagedPolicyArns`, the statements join the role's first
 * inline policy or a new `Policies` entry. Only when the role keeps Lambda's basic execution
 * policy: unlike SAM and the Serverless Framework, CloudFormation adds no logging permission.
 */
function roleEdits(ctx: RuleContext, properties: MapNode, arns: SeqNode, policy: DocNode, statements: PlannedStatement[], holders: readonly FunctionModel[]): { range: Range; text: string }[] | undefined {
  const file = ctx.file;
  if (!usedOnlyBy(file, properties, holders)) return undefined;
  const keepsLogging = arns.items.some((item) => item !== policy && policyValues(item).some((value) => value.literal && /(^|\/)AWSLambdaBasicExecutionRole$/.test(value.text)));
  if (!keepsLogging) return undefined;
  const removal = removeItem(file, arns, policy);
  if (!removal) return undefined;
  if (statements.length === 0) return [removal];
  const inline = get(properties, 'Policies');
  if (inline !== undefined) {
    // Appended to the first inline policy's statements.
    const list = isSeq(inline) ? getPath(inline.items[0], 'PolicyDocument', 'Statement') : undefined;
    const last = isSeq(list) ? list.items[list.items.length - 1] : undefined;
    const anchor = last && ctx.model.statementsIn(file.path).find((statement) => statement.node === last);
    const append = anchor && appendStatements(file, anchor, statements);
    return append ? [removal, append] : undefined;
  }
  const arnsEntry = properties.entries.find((entry) => entry.value === arns);
  if (!arnsEntry) return undefined;
  const column = columnOf(file.text, arnsEntry.key.range.start);
  const unit = indentUnit(file);
  if (file.language === 'json') {
    // A new `Policies` member just before `ManagedPolicyArns`, laid out as the properties are.
    const oneLine = !file.text.slice(properties.range.start, properties.range.end).includes('\n');
    const member = jsonRolePolicies(statements, column, unit, oneLine);
    const text = oneLine ? `${member}, ` : `${member},\n${' '.repeat(column)}`;
    const at = arnsEntry.key.range.start;
    return [{ range: { start: at, end: at }, text }, removal];
  }
  if (file.language !== 'yaml') return undefined;
  const block = `${yamlRolePolicies(file, statements, column)}\n`;
  const at = lineStart(file.text, arnsEntry.key.range.start);
  return [{ range: { start: at, end: at }, text: block }, removal];
}

/**
 * Whether the role whose `Properties` these are is named nowhere but in the functions holding it:
 * a state machine or an instance profile using the same role would lose what it needs.
 */
function usedOnlyBy(file: SourceFile, properties: MapNode, holders: readonly FunctionModel[]): boolean {
  const resourceEntry = entryHoldingValue(file, properties);
  const resource = resourceEntry && entryHoldingValue(file, resourceEntry.map);
  const id = resource?.entry.key.value;
  if (typeof id !== 'string' || !/^[A-Za-z0-9]+$/.test(id) || !resource) return false;
  const inside = (offset: number, node: { range: Range } | undefined) => node !== undefined && offset >= node.range.start && offset < node.range.end;
  return [...file.text.matchAll(new RegExp(`\\b${id}\\b`, 'g'))].every(
    (match) => inside(match.index, resource.entry.key) || inside(match.index, resource.entry.value) || holders.some((fn) => inside(match.index, fn.node)),
  );
}

/** The map and entry whose value is `value`. */
function entryHoldingValue(file: SourceFile, value: DocNode): { map: MapNode; entry: MapEntry } | undefined {
  if (file.language !== 'yaml' && file.language !== 'json') return undefined;
  const stack: DocNode[] = [...file.documents];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isMap(node)) {
      for (const entry of node.entries) {
        if (entry.value === value) return { map: node, entry };
        stack.push(entry.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return undefined;
}

/** The map and entry whose list holds `item` as an item. */
function entryHolding(file: SourceFile, item: DocNode): { map: MapNode; entry: MapEntry } | undefined {
  if (file.language !== 'yaml' && file.language !== 'json') return undefined;
  const stack: DocNode[] = [...file.documents];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isMap(node)) {
      for (const entry of node.entries) {
        if (isSeq(entry.value) && entry.value.items.includes(item)) return { map: node, entry };
        stack.push(entry.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return undefined;
}

/** The whole lines of a block map entry, from its key's line to the end of its value's line. */
function removeEntryLines(text: string, entry: MapEntry): { range: Range; text: string } | undefined {
  const start = lineStart(text, entry.key.range.start);
  if (text.slice(start, entry.key.range.start).trim() !== '') return undefined;
  const newline = text.indexOf('\n', entry.value.range.end);
  return { range: { start, end: newline < 0 ? text.length : newline + 1 }, text: '' };
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}
