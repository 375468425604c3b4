/**
 * What IAM statements of the project model grant, read the way IAM reads them, for rules that
 * judge policies as a whole (privilege escalation, managed policies, public principals, shared
 * roles): the literal text of a value that may be an intrinsic, which action entry grants an
 * action (wildcards and `NotAction` included), whether a statement covers every resource, and
 * who holds a role.
 */
import type { FunctionModel, PolicyDocument, PolicyStatement, RoleModel } from '../model/types';
import {
  entryOf,
  get,
  intrinsicName,
  isMap,
  isScalar,
  isSeq,
  stringValue,
  type DocNode,
  type ScalarNode,
} from '../parse/document';
import { isDocumentFile, type SourceFile } from '../parse/source-file';
import { actionInfo, actionMatches } from './iam-data';

/** Stands for a part of a joined value that is only known at deploy time. */
export const UNKNOWN_PART = '${?}';

/**
 * The text a value will have, with what is only known at deploy time left as a `${…}`
 * placeholder: a string scalar as written; `Fn::Sub` with its placeholders kept (`arn:${AWS::Partition}:…`);
 * `Fn::Join` with its literal parts joined and the others as `${?}`. Undefined for anything else
 * (`!Ref`, `!GetAtt`, `!If` …), whose value the rules do not guess.
 */
export function literalText(node: DocNode | undefined): string | undefined {
  if (isScalar(node)) return stringValue(node);
  const intrinsic = intrinsicName(node);
  const argument = intrinsic === undefined ? undefined : get(node, intrinsic);
  if (intrinsic === 'Fn::Sub') return isSeq(argument) ? stringValue(argument.items[0]) : stringValue(argument);
  if (intrinsic === 'Fn::Join' && isSeq(argument)) {
    const delimiter = stringValue(argument.items[0]);
    const parts = argument.items[1];
    if (delimiter === undefined || !isSeq(parts)) return undefined;
    return parts.items.map((part) => literalText(part) ?? UNKNOWN_PART).join(delimiter);
  }
  return undefined;
}

/**
 * The scalar that holds a value's literal text, for underlining: the scalar itself, the string
 * of an `Fn::Sub`, the last literal part of an `Fn::Join` (where an ARN's name ends up).
 */
export function literalScalar(node: DocNode | undefined): ScalarNode | undefined {
  if (isScalar(node)) return node;
  const intrinsic = intrinsicName(node);
  const argument = intrinsic === undefined ? undefined : get(node, intrinsic);
  if (intrinsic === 'Fn::Sub') return isSeq(argument) ? scalarOrUndefined(argument.items[0]) : scalarOrUndefined(argument);
  if (intrinsic === 'Fn::Join' && isSeq(argument)) {
    const parts = argument.items[1];
    if (!isSeq(parts)) return undefined;
    for (let index = parts.items.length - 1; index >= 0; index--) {
      const part = literalScalar(parts.items[index]);
      if (part) return part;
    }
  }
  return undefined;
}

function scalarOrUndefined(node: DocNode | undefined): ScalarNode | undefined {
  return isScalar(node) ? node : undefined;
}

/** True when a text still holds a deploy-time placeholder. */
export function isSymbolicText(text: string): boolean {
  return text.includes('${');
}

/**
 * Every placeholder (`${AWS::Partition}`, `${self:custom.bucket}`) as `${?}`, so that an ARN can
 * be split at its colons: `arn:${AWS::Partition}:iam::aws:policy/X` → `arn:${?}:iam::aws:policy/X`.
 */
export function flattenPlaceholders(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, UNKNOWN_PART);
}

/**
 * The action scalars an action entry may be: the scalar itself, or both branches of an
 * `Fn::If` (either may be deployed). Other intrinsics yield nothing: their value is unknown.
 */
export function actionScalars(node: DocNode, depth = 0): ScalarNode[] {
  if (isScalar(node)) return typeof node.value === 'string' ? [node] : [];
  if (isSeq(node)) return depth > 8 ? [] : node.items.flatMap((item) => actionScalars(item, depth + 1));
  if (intrinsicName(node) === 'Fn::If' && depth <= 8) {
    const branches = get(node, 'Fn::If');
    return isSeq(branches) ? branches.items.slice(1, 3).flatMap((branch) => actionScalars(branch, depth + 1)) : [];
  }
  return [];
}

/** An action entry (or `NotAction` key) that makes a statement grant an action. */
export interface Grant {
  statement: PolicyStatement;
  /** The scalar to underline: the action entry, or the `NotAction` key. */
  node: ScalarNode;
  /** The action pattern as written (`iam:*`), or `NotAction` for a grant by omission. */
  text: string;
  /** True when the grant names the action exactly, without a wildcard or NotAction. */
  exact: boolean;
}

/**
 * How an Allow statement grants `action`: the first action entry that matches it (exact names
 * before wildcards), or for `NotAction` the key itself when no entry excludes it. Undefined for
 * a Deny, or when the statement does not grant the action. Conditions are not evaluated: a
 * conditional grant still counts (the rules report what may be allowed).
 */
export function grantOf(statement: PolicyStatement, action: string): Grant | undefined {
  if (!statement.isAllow || statement.actionKey === undefined) return undefined;
  const scalars = statement.actions.flatMap((entry) => actionScalars(entry));
  if (statement.actionKey === 'NotAction') {
    // An entry we cannot read might exclude the action: only a fully literal list decides.
    if (scalars.length !== statement.actions.length) return undefined;
    if (scalars.some((scalar) => matchesAction(scalar, action))) return undefined;
    const key = entryOf(statement.node, 'NotAction')?.key;
    return key ? { statement, node: key, text: 'NotAction', exact: false } : undefined;
  }
  const matching = scalars.filter((scalar) => matchesAction(scalar, action));
  const exact = matching.find((scalar) => !/[*?]/.test(String(scalar.value)));
  const chosen = exact ?? matching[0];
  return chosen ? { statement, node: chosen, text: String(chosen.value).trim(), exact: exact !== undefined } : undefined;
}

function matchesAction(scalar: ScalarNode, action: string): boolean {
  const text = String(scalar.value).trim();
  return !isSymbolicText(text) && actionMatches(text, action);
}

/**
 * True when a resource value is every resource `action` can act on, or every one of a type it
 * acts on: `*`, `arn:aws:iam::*:role/*` for `iam:PassRole` and `sts:AssumeRole`,
 * `arn:${AWS::Partition}:lambda:*:*:function:*` for `lambda:UpdateFunctionCode`. A resource of
 * another service or type (an instance ARN listed beside a role for `ec2:RunInstances`) does not
 * widen the action, and a placeholder in the resource part names something specific.
 */
export function isAnyResource(node: DocNode, action: string): boolean {
  const written = literalText(node)?.trim();
  if (written === undefined) return false;
  const text = flattenPlaceholders(written);
  if (text === '*') return true;
  const parts = text.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return false;
  const service = parts[2] ?? '';
  const resource = parts.slice(5).join(':');
  const types = actionInfo(action)?.resourceTypes ?? [];
  // Without data about the action, any `type/*` counts.
  if (types.length === 0) return /^(?:[A-Za-z0-9-]+[/:])?\*$/.test(resource);
  return types.some((type) => {
    const format = type.arn.split(':');
    const typeService = format[2] ?? '';
    // `role/${RoleNameWithPath}` → `role/`; `function:${FunctionName}` → `function:`.
    const typePart = format.slice(5).join(':');
    const prefix = typePart.slice(0, Math.max(0, typePart.indexOf('${')));
    const serviceMatches = service === typeService || service === '*' || service === UNKNOWN_PART;
    return serviceMatches && (resource === '*' || resource === `${prefix}*`);
  });
}

/** True when an Allow statement applies `action` to every resource of a type (or `NotResource`). */
export function coversAnyResource(statement: PolicyStatement, action: string): boolean {
  if (statement.resourceKey === 'NotResource') return true;
  return statement.resources.some((resource) => isAnyResource(resource, action));
}

/**
 * True when one of the statements denies `action` on every resource without a condition, so
 * no Allow can grant it. A narrower Deny (a resource, a condition) leaves the grant standing.
 */
export function isDeniedEverywhere(action: string, statements: readonly PolicyStatement[]): boolean {
  return statements.some((statement) => {
    if (stringValue(statement.effect) !== 'Deny' || statement.condition !== undefined) return false;
    if (statement.resourceKey !== 'Resource' || !statement.resources.some((resource) => literalText(resource)?.trim() === '*')) return false;
    const scalars = statement.actions.flatMap((entry) => (isScalar(entry) ? [entry] : []));
    if (scalars.length !== statement.actions.length) return false;
    const matched = scalars.some((scalar) => matchesAction(scalar, action));
    return statement.actionKey === 'NotAction' ? !matched : matched;
  });
}

/** The functions that run as a role. */
export function functionsOfRole(functions: readonly FunctionModel[], role: RoleModel): FunctionModel[] {
  return functions.filter((model) => model.role === role);
}

/**
 * How a message names who holds a role: `function upload` for a role only one function has
 * (SAM's generated role, a serverless per-function role), `the provider role` for the
 * Serverless Framework's service role, else `role WorkerRole`.
 */
export function describeRole(role: RoleModel, functions: readonly FunctionModel[]): string {
  const only = functions.length === 1 ? functions[0] : undefined;
  if (only && only.node !== undefined && role.node === only.node) return `function ${only.name}`;
  if (role.id === `${role.file}#provider`) return 'the provider role';
  return `role ${role.name}`;
}

/** How a message names a policy document that belongs to no role. */
export function describePolicy(policy: PolicyDocument): string {
  switch (policy.owner.kind) {
    case 'policy-file':
      return `the policy in ${policy.owner.name}`;
    case 'cloudformation-policy':
      return `policy ${policy.owner.name}`;
    case 'resource-policy':
      return `the resource policy of ${policy.owner.name}`;
    default:
      return policy.owner.name;
  }
}

/** For every map value of a file's documents, the key it is written under. */
export function keysByValue(file: SourceFile): Map<DocNode, ScalarNode> {
  // Rules ask once per finding; a parsed file never changes, so one walk per file is enough.
  let keys = keysCache.get(file);
  if (keys) return keys;
  keys = new Map<DocNode, ScalarNode>();
  keysCache.set(file, keys);
  if (!isDocumentFile(file)) return keys;
  const stack: DocNode[] = [...file.documents];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isMap(node)) {
      for (const entry of node.entries) {
        keys.set(entry.value, entry.key);
        stack.push(entry.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return keys;
}

const keysCache = new WeakMap<SourceFile, Map<DocNode, ScalarNode>>();
