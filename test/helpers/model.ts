/**
 * Helpers for tests of the project model (test/engine/model-*.test.ts).
 */
import assert from 'node:assert/strict';
import { Project } from '../../rules/engine/project';
import { stringValue, type DocNode } from '../../rules/parse/document';
import type { FunctionModel, ProjectModel } from '../../rules/model/types';

/** The model of a project given as a map of path → text. */
export function modelOf(files: Record<string, string>): ProjectModel {
  return new Project(Object.entries(files)).model;
}

/** The function of that name in the model; fails the test when there is none. */
export function fn(model: ProjectModel, name: string): FunctionModel {
  const found = model.functions.find((candidate) => candidate.name === name);
  assert.ok(found, `function ${name} is in the model`);
  return found;
}

/** The string value of each node (undefined for a node that is not a scalar). */
export const scalars = (nodes: DocNode[]): (string | undefined)[] => nodes.map((node) => stringValue(node));

/** Every action of every statement of a function's policies, in order. */
export const actionsOf = (model: FunctionModel): (string | undefined)[] => model.statements.flatMap((statement) => scalars(statement.actions));
