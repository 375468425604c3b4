/**
 * Reads IAM policy documents and statement lists, in whatever shape the templates write them,
 * into PolicyStatement[]. Shapes that do not fit (a scalar where a statement belongs, a missing
 * `Statement`) are skipped, never an error: the linter must keep going on half-written templates.
 */
import type { FilePath } from '../engine/types';
import {
  asList,
  get,
  intrinsicName,
  isMap,
  isScalar,
  isSeq,
  stringValue,
  type DocNode,
  type MapNode,
} from '../parse/document';
import type { PolicyDocument, PolicyOwner, PolicyStatement } from './types';

/**
 * A policy document (a map with `Statement`) or a bare statement list (serverless
 * `iamRoleStatements`): the statements it holds, in source order.
 */
export function readPolicyDocument(file: FilePath, node: DocNode, owner: PolicyOwner): PolicyDocument {
  // A map is a document: only its `Statement` holds statements (a document without one grants
  // nothing). A list is serverless's bare statement list.
  const statementsNode = isMap(node) && intrinsicName(node) === undefined ? get(node, 'Statement') : node;
  return { file, node, owner, statements: readStatements(file, statementsNode, owner) };
}

/** Every statement map in a `Statement` value: a map, a list, or `Fn::If` branches of either. */
export function readStatements(file: FilePath, node: DocNode | undefined, owner: PolicyOwner): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const map of statementMaps(node, 0)) statements.push(readStatement(file, map, owner));
  return statements;
}

/** True when a map looks like a policy document rather than some other block. */
export function isPolicyDocument(node: DocNode | undefined): node is MapNode {
  const statement = get(node, 'Statement');
  return isMap(statement) || isSeq(statement);
}

function statementMaps(node: DocNode | undefined, depth: number): MapNode[] {
  // Depth bound: `Fn::If` may nest, but a pathological template must not recurse without end.
  if (node === undefined || depth > 16) return [];
  if (isSeq(node)) return node.items.flatMap((item) => statementMaps(item, depth + 1));
  if (!isMap(node)) return [];
  const intrinsic = intrinsicName(node);
  if (intrinsic === 'Fn::If') {
    // `!If [Condition, whenTrue, whenFalse]`: either branch may be deployed, so both count.
    const branches = get(node, 'Fn::If');
    if (!isSeq(branches)) return [];
    return branches.items.slice(1, 3).flatMap((branch) => statementMaps(branch, depth + 1));
  }
  // `!Ref AWS::NoValue` and other intrinsics stand for no statement we can read.
  if (intrinsic !== undefined) return [];
  return [node];
}

function readStatement(file: FilePath, node: MapNode, owner: PolicyOwner): PolicyStatement {
  const effectNode = get(node, 'Effect');
  const effect = isScalar(effectNode) ? effectNode : undefined;
  const statement: PolicyStatement = {
    file,
    node,
    isAllow: stringValue(effect) === 'Allow',
    actions: [],
    resources: [],
    owner,
  };
  if (effect) statement.effect = effect;
  const action = get(node, 'Action');
  const notAction = get(node, 'NotAction');
  if (action !== undefined) {
    statement.actionKey = 'Action';
    statement.actions = asList(action);
  } else if (notAction !== undefined) {
    statement.actionKey = 'NotAction';
    statement.actions = asList(notAction);
  }
  const resource = get(node, 'Resource');
  const notResource = get(node, 'NotResource');
  if (resource !== undefined) {
    statement.resourceKey = 'Resource';
    statement.resources = asList(resource);
  } else if (notResource !== undefined) {
    statement.resourceKey = 'NotResource';
    statement.resources = asList(notResource);
  }
  const principal = get(node, 'Principal');
  if (principal !== undefined) statement.principal = principal;
  const condition = get(node, 'Condition');
  if (condition !== undefined) statement.condition = condition;
  return statement;
}
