/**
 * What the IAM rules can know about an `Action` or `Resource` entry before deploy time.
 *
 * Templates write these values in many shapes: a plain scalar, `Fn::If` branches (either may be
 * deployed, so each is judged on its own), `Fn::Sub` and `Fn::Join` (only their literal text is
 * known), serverless variables `${…}` (resolved at deploy time) and references (`!Ref`,
 * `!GetAtt`, `!ImportValue`: unknown). Rules judge only the literal text and never guess the rest.
 */
import type { RuleContext } from '../engine/define-rule';
import type { RelatedLocation } from '../engine/types';
import type { FunctionModel, PolicyOwner, PolicyStatement, ProjectModel } from '../model/types';
import { get, intrinsicName, isMap, isScalar, isSeq, type DocNode, type ScalarNode } from '../parse/document';
import { ACCESS_LEVELS, expandActionInfo, hasWildcard, type ActionInfo } from './iam-data';
import { keysByValue } from './iam-grants';

/**
 * Stands for text only known at deploy time (a `${…}` variable, a `!Ref` part of a join). No
 * action or ARN contains this character, so inside a pattern it matches nothing but itself: an
 * unknown part reads as "some specific value", never as a wildcard.
 */
export const UNKNOWN_TEXT = '\u0000';

export interface PolicyValue {
  /** The value's text, with {@link UNKNOWN_TEXT} in place of each part only known at deploy time. */
  text: string;
  /** True when no part of the text is unknown. */
  literal: boolean;
  /** The text as the user wrote it (`${…}` and all), for messages; `…` for a joined reference. */
  written: string;
  /** The smallest node that holds the value: the scalar, the `Fn::Sub` string or the `Fn::Join`. */
  node: DocNode;
  /**
   * The plain scalar whose value is `text`, when the value is one: rules that edit the text in
   * place (a quick fix) need it.
   */
  scalar?: ScalarNode;
}

/** Bound on nested `Fn::If`: a pathological template must not recurse without end. */
const MAX_DEPTH = 16;

/**
 * The values an `Action`/`Resource` entry (or the whole value) may take: one per `Fn::If` branch,
 * lists flattened. References and other intrinsics whose text is wholly unknown give nothing.
 */
export function policyValues(node: DocNode | undefined, depth = 0): PolicyValue[] {
  if (node === undefined || depth > MAX_DEPTH) return [];
  if (isSeq(node)) return node.items.flatMap((item) => policyValues(item, depth + 1));
  if (isScalar(node)) {
    if (typeof node.value !== 'string') return [];
    const written = node.value.trim();
    const text = replaceVariables(written, undefined);
    const value: PolicyValue = { text, literal: !text.includes(UNKNOWN_TEXT), written, node };
    if (value.literal) value.scalar = node;
    return [value];
  }
  switch (intrinsicName(node)) {
    case 'Fn::If': {
      const branches = get(node, 'Fn::If');
      return isSeq(branches) ? branches.items.slice(1, 3).flatMap((branch) => policyValues(branch, depth + 1)) : [];
    }
    case 'Fn::Sub':
      return subValue(get(node, 'Fn::Sub'));
    case 'Fn::Join': {
      const value = joinValue(node, get(node, 'Fn::Join'));
      return value ? [value] : [];
    }
    default:
      // `!Ref AWS::NoValue` is no value at all; other references are unknown until deploy.
      return [];
  }
}

/** `!Sub "text"` or `!Sub ["text", { Var: value }]`: variables with a literal value are filled in. */
function subValue(argument: DocNode | undefined): PolicyValue[] {
  const template = isSeq(argument) ? argument.items[0] : argument;
  if (!isScalar(template) || typeof template.value !== 'string') return [];
  const variables = isSeq(argument) && isMap(argument.items[1]) ? argument.items[1] : undefined;
  const written = template.value.trim();
  const text = replaceVariables(written, (name) => {
    const value = get(variables, name);
    return isScalar(value) && typeof value.value === 'string' && !value.value.includes('${') ? value.value : undefined;
  });
  return [{ text, literal: !text.includes(UNKNOWN_TEXT), written, node: template }];
}

/** `!Join [delimiter, [parts…]]`: literal parts as written, any other part unknown. */
function joinValue(node: DocNode, argument: DocNode | undefined): PolicyValue | undefined {
  if (!isSeq(argument)) return undefined;
  const [delimiter, parts] = argument.items;
  if (!isScalar(delimiter) || !isSeq(parts)) return undefined;
  const separator = delimiter.value === null ? '' : String(delimiter.value);
  const known = (part: DocNode) => (isScalar(part) && part.value !== null ? String(part.value) : undefined);
  const text = parts.items.map((part) => replaceVariables(known(part) ?? UNKNOWN_TEXT, undefined)).join(separator);
  const written = parts.items.map((part) => known(part) ?? '…').join(separator);
  return { text, literal: !text.includes(UNKNOWN_TEXT), written, node };
}

/**
 * Replaces each `${…}` (nested ones included, as serverless writes `${self:custom.${sls:stage}}`)
 * by its literal value when `lookup` knows one, else by {@link UNKNOWN_TEXT}. IAM policy variables
 * (`${aws:username}`) are specific values too, so they read as unknown rather than as a wildcard.
 */
function replaceVariables(text: string, lookup: ((name: string) => string | undefined) | undefined): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf('${', index);
    if (start < 0) break;
    let depth = 0;
    let end = -1;
    for (let cursor = start; cursor < text.length; cursor++) {
      if (text.startsWith('${', cursor)) {
        depth++;
        cursor++;
      } else if (text[cursor] === '}' && --depth === 0) {
        end = cursor;
        break;
      }
    }
    if (end < 0) break;
    const name = text.slice(start + 2, end);
    result += text.slice(index, start) + (lookup?.(name) ?? UNKNOWN_TEXT);
    index = end + 1;
  }
  return result + text.slice(index);
}

/**
 * Per model, the functions that run with each statement, in model order. Rules ask once per
 * statement (and per finding), and scanning every function's statements each time grew with
 * functions squared; a model is never changed once built.
 */
const functionsByStatement = new WeakMap<ProjectModel, Map<PolicyStatement, FunctionModel[]>>();

/** The functions that run with a statement: those whose `statements` include it. */
export function functionsWithStatement(model: ProjectModel, statement: PolicyStatement): FunctionModel[] {
  let index = functionsByStatement.get(model);
  if (!index) {
    index = new Map();
    for (const fn of model.functions) {
      for (const held of fn.statements) {
        const list = index.get(held);
        if (!list) index.set(held, [fn]);
        else if (list[list.length - 1] !== fn) list.push(fn);
      }
    }
    functionsByStatement.set(model, index);
  }
  return [...(index.get(statement) ?? [])];
}

/**
 * Related locations for a statement's finding: each function that runs with it (at its name), or
 * when no function does, the role or policy that holds it. A standalone policy file is its own
 * owner, so pointing at it adds nothing.
 */
export function statementRelated(ctx: RuleContext, statement: PolicyStatement): RelatedLocation[] {
  const functions = functionsWithStatement(ctx.model, statement);
  if (functions.length > 0) {
    return functions.flatMap((fn) => {
      const node = fn.nameNode ?? fn.node;
      return node ? [ctx.related({ file: fn.file, range: node.range }, `granted to function ${fn.name}`)] : [];
    });
  }
  const owner = statement.owner;
  if (!owner.node || owner.kind === 'policy-file') return [];
  // The key naming the owner (`WorkerRole:`) reads better than its whole block.
  const range = (statement.file === ctx.file.path ? keysByValue(ctx.file).get(owner.node) : undefined)?.range ?? owner.node.range;
  return [ctx.related({ file: statement.file, range }, `granted to ${describeOwner(owner)}`)];
}

function describeOwner(owner: PolicyOwner): string {
  switch (owner.kind) {
    case 'serverless-provider-role':
      return 'the provider role';
    case 'serverless-function-role':
    case 'sam-function-policies':
      return `function ${owner.name}`;
    case 'cloudformation-role':
      return `role ${owner.name}`;
    case 'cloudformation-policy':
      return `policy ${owner.name}`;
    case 'resource-policy':
      return `the resource policy of ${owner.name}`;
    case 'policy-file':
      return owner.name;
  }
}

/** A short list for a message: `a, b and c`, or `a, b, c and 4 more` past `limit`. */
export function listForMessage(items: readonly string[], limit = 3): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length > limit) return `${items.slice(0, limit).join(', ')} and ${items.length - limit} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

/** `*` or a whole service (`s3:*`): `iam/wildcard-action` reports these, the partial rules do not. */
const WHOLE_WILDCARD = /^(\*|[a-z0-9-]+:\*)$/i;

export interface PartialWildcard {
  value: PolicyValue;
  /** The existing actions the pattern grants, sorted by service then name. */
  grants: ActionInfo[];
}

/**
 * The partial wildcards (`s3:Get*`, `dynamodb:*Item`) an `Allow … Action` statement grants
 * through, each with what it expands to. A pattern that matches nothing is `iam/unknown-action`'s,
 * and a SAM policy template's actions are AWS's text, so neither is returned.
 */
export function partialWildcards(statement: PolicyStatement): PartialWildcard[] {
  if (!statement.isAllow || statement.actionKey !== 'Action' || statement.template) return [];
  const result: PartialWildcard[] = [];
  for (const value of statement.actions.flatMap((action) => policyValues(action))) {
    if (!value.literal || !hasWildcard(value.text) || WHOLE_WILDCARD.test(value.text)) continue;
    const grants = expandActionInfo(value.text);
    if (grants.length > 0) result.push({ value, grants });
  }
  return result;
}

/** `12 actions` / `1 action`. */
export function countActions(count: number): string {
  return count === 1 ? '1 action' : `${count} actions`;
}

/**
 * How many of the actions fall in each access level, most powerful first: `3 Write, 12 Read`;
 * `all Read` when they share one level, `Read` for a single action.
 */
export function describeAccessLevels(actions: readonly ActionInfo[]): string {
  const counts = [...ACCESS_LEVELS]
    .reverse()
    .map((level) => [level, actions.filter((action) => action.accessLevel === level).length] as const)
    .filter(([, count]) => count > 0);
  const [only] = counts;
  if (counts.length === 1 && only) return only[1] === 1 ? only[0] : `all ${only[0]}`;
  return counts.map(([level, count]) => `${count} ${level}`).join(', ');
}
