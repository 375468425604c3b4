/**
 * Builds the project model from every parsed template of a project.
 */
import type { FilePath } from '../engine/types';
import type { SourceFile } from '../parse/source-file';
import type { ProjectModel } from './types';

export interface ModelInput {
  /** Every path in the project (handlers are resolved against these, parsed or not). */
  paths: ReadonlySet<FilePath>;
  /** The parsed file at a path (cached by the caller). */
  sourceFile(path: FilePath): SourceFile | undefined;
}

export function buildProjectModel(input: ModelInput): ProjectModel {
  void input;
  return {
    templates: [],
    functions: [],
    roles: [],
    policies: [],
    template: () => undefined,
    statementsIn: () => [],
    functionsForHandler: () => [],
  };
}
