/**
 * Standalone IAM policy documents (policy.json, a trust policy, a policy kept in YAML): a
 * top-level map with `Statement`, usually with `Version`. Nothing in the project says which
 * function they belong to, so they attach to no role.
 */
import type { FilePath } from '../engine/types';
import { get, type DocNode, type MapNode } from '../parse/document';
import { baseName } from './handlers';
import { isPolicyDocument, readPolicyDocument } from './statements';
import type { PolicyDocument } from './types';

/** A policy document that is not also a template (the caller checks templates first). */
export function isIamPolicyFile(root: DocNode): boolean {
  return isPolicyDocument(root) && get(root, 'Resources') === undefined;
}

export function loadIamPolicyFile(file: FilePath, root: MapNode): PolicyDocument {
  return readPolicyDocument(file, root, { kind: 'policy-file', name: baseName(file), node: root });
}
