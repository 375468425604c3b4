/**
 * The engine's public surface for the CLI, the language server and the tests.
 */
export { ALL_RULES } from './checks/index';
export { CONFIG_FILE_NAMES, EMPTY_CONFIG, formatFileSize, isIgnored, MAX_FILE_SIZE_CEILING, parseConfig, parseFileSize } from './engine/config';
export type { ConfigResult, LintConfig, RuleSetting } from './engine/config';
export { DOCS_BASE_URL, formatMessage } from './engine/define-rule';
export type { Rule } from './engine/define-rule';
export { applyEdits, fixFile, selectNonOverlapping } from './engine/fixes';
export type { FixAllResult } from './engine/fixes';
export { LineIndex, toOneBased } from './engine/positions';
export type { OneBasedRange, Position } from './engine/positions';
export { Project } from './engine/project';
export { ENGINE_FINDINGS, INTERNAL_ERROR, lintFile, PARSE_ERROR } from './engine/runner';
export type { LintOptions } from './engine/runner';
export { DIRECTIVE, suppressionEdit } from './engine/suppression';
export * from './engine/types';
export { languageOf } from './parse/source-file';
export type { SourceFile } from './parse/source-file';

import { ALL_RULES } from './checks/index';
import type { Rule } from './engine/define-rule';

/** Every rule by id. */
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(ALL_RULES.map((rule) => [rule.id, rule]));
