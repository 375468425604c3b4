/**
 * What `iam/missing-permission` and `iam/unused-permission` compare: the actions a function's
 * role grants (as far as the template says) and the actions its code and the platform use.
 *
 * Both rules stay quiet unless the picture is whole: the role is defined in the project, it has no
 * managed policy we cannot read (other than Lambda's own execution policies), every statement's
 * actions are literal text, and the SDK analysis of every function using the role is complete.
 */
import type { RuleContext } from '../../engine/define-rule';
import type { Range } from '../../engine/types';
import type { FunctionModel } from '../../model/types';
import { isMap, isSeq, type DocNode, type SeqNode } from '../../parse/document';
import { isDocumentFile, type SourceFile } from '../../parse/source-file';
import { DESTINATION_ACTIONS, DESTINATION_KEYS, PLATFORM_ACTIONS, PLATFORM_MANAGED_POLICIES, TRIGGER_ACTIONS } from '../../data/sdk-platform-actions';
import { actionMatches } from '../iam-data';
import { policyValues } from '../policy-values';
import { planPolicy, type PolicyPlan } from './policy';

/** The role's grants as far as the template says, or undefined when they cannot be fully known. */
export function knownGrants(fn: FunctionModel): { allow: string[]; notAction: string[][] } | undefined {
  if (!fn.role || fn.platform !== 'aws') return undefined;
  for (const policy of fn.managedPolicies) {
    const [text] = policyValues(policy);
    const name = text?.literal ? text.text.split('/').pop() : undefined;
    if (name === undefined || !PLATFORM_MANAGED_POLICIES.has(name)) return undefined;
  }
  const allow: string[] = [];
  const notAction: string[][] = [];
  for (const statement of fn.statements) {
    if (!statement.isAllow) continue;
    const values = statement.actions.flatMap((action) => policyValues(action));
    if (values.length !== statement.actions.length || values.some((value) => !value.literal)) return undefined;
    if (statement.actionKey === 'NotAction') notAction.push(values.map((value) => value.text));
    else allow.push(...values.map((value) => value.text));
  }
  return { allow, notAction };
}

/** Whether the grants allow an action (resources are not compared: only the action is judged). */
export function isGranted(grants: { allow: string[]; notAction: string[][] }, action: string): boolean {
  if (grants.allow.some((pattern) => actionMatches(pattern, action))) return true;
  return grants.notAction.some((patterns) => !patterns.some((pattern) => actionMatches(pattern, action)));
}

/** The actions Lambda itself uses with the function's role (logs, triggers, destinations). */
export function platformActions(fn: FunctionModel): string[] {
  const actions = new Set(PLATFORM_ACTIONS);
  for (const event of fn.events) {
    for (const [pattern, list] of TRIGGER_ACTIONS) if (pattern.test(event.type)) for (const action of list) actions.add(action);
  }
  if (fn.node && hasKey(fn.node, DESTINATION_KEYS)) for (const action of DESTINATION_ACTIONS) actions.add(action);
  return [...actions];
}

function hasKey(node: DocNode, keys: ReadonlySet<string>): boolean {
  const stack: DocNode[] = [node];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (isMap(current)) {
      for (const entry of current.entries) {
        if (typeof entry.key.value === 'string' && keys.has(entry.key.value)) return true;
        stack.push(entry.value);
      }
    } else if (isSeq(current)) {
      stack.push(...current.items);
    }
  }
  return false;
}

/** The policy plan of one function, when its code could be read whole; undefined otherwise. */
export function completePlan(ctx: RuleContext, fn: FunctionModel): PolicyPlan | undefined {
  const plan = planPolicy(ctx.model, (path) => ctx.sourceFile(path), [fn]);
  return plan.complete ? plan : undefined;
}

/**
 * For each parsed file, the sequence holding each item. `iam/missing-permission` asks once per
 * function, and walking the whole template each time grew with functions squared. A file is parsed
 * once per text, so the index of a parse tree never goes stale.
 */
const parentSeqs = new WeakMap<SourceFile, Map<DocNode, SeqNode>>();

/** The sequence that holds `target` as an item, in the file's documents. */
export function parentSeq(file: SourceFile, target: DocNode): SeqNode | undefined {
  if (!isDocumentFile(file)) return undefined;
  let parents = parentSeqs.get(file);
  if (!parents) {
    parents = new Map();
    // Same walk order as a search would take; the first sequence found holding an item wins.
    const stack: DocNode[] = [...file.documents];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (isSeq(node)) {
        for (const item of node.items) if (!parents.has(item)) parents.set(item, node);
        stack.push(...node.items);
      } else if (isMap(node)) {
        for (const entry of node.entries) stack.push(entry.value);
      }
    }
    parentSeqs.set(file, parents);
  }
  return parents.get(target);
}

/**
 * The edit that removes one item of a list, keeping the list valid: a whole line (or lines) of a
 * YAML block list, the item and one comma in a YAML flow list or JSON array. Undefined for the
 * only item (an empty list would change the meaning or not parse).
 */
export function removeItem(file: SourceFile, seq: SeqNode, item: DocNode): { range: Range; text: string } | undefined {
  const index = seq.items.indexOf(item);
  if (index < 0 || seq.items.length < 2) return undefined;
  const text = file.text;
  const flow = file.language === 'json' || text[seq.range.start] === '[';
  if (!flow) {
    const lineStart = text.lastIndexOf('\n', item.range.start - 1) + 1;
    const next = seq.items[index + 1];
    const end = next ? text.lastIndexOf('\n', next.range.start - 1) + 1 : lineEndAfter(text, item.range.end);
    return { range: { start: lineStart, end }, text: '' };
  }
  const previous = seq.items[index - 1];
  if (previous) return { range: { start: previous.range.end, end: item.range.end }, text: '' };
  const next = seq.items[index + 1];
  return next ? { range: { start: item.range.start, end: next.range.start }, text: '' } : undefined;
}

function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}
