/**
 * The engine's data types. Everything here is plain data: the CLI, the language server and the
 * tests all consume the same shapes.
 *
 * Positions: a range is a half-open pair of UTF-16 offsets into the file text. Only the edges
 * (CLI, SARIF, LSP, tests) convert to lines and columns, through `engine/positions.ts`.
 */

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Higher is more severe. */
export function severityRank(severity: Severity): number {
  return severity === 'error' ? 3 : severity === 'warning' ? 2 : 1;
}

/** Half-open UTF-16 offsets `[start, end)` into a file's text. */
export interface Range {
  start: number;
  end: number;
}

/** A file path as the engine sees it: POSIX separators, relative to the scan root or absolute. */
export type FilePath = string;

export interface Location {
  file: FilePath;
  range: Range;
}

export interface RelatedLocation extends Location {
  message: string;
}

export interface TextEdit {
  file: FilePath;
  range: Range;
  text: string;
}

/**
 * `fix` keeps behaviour and is applied by fix-all and `--fix`; `suggestion` is offered to the
 * user one at a time and never applied automatically.
 */
export type FixKind = 'fix' | 'suggestion';

export interface Fix {
  kind: FixKind;
  messageId: string;
  title: string;
  edits: TextEdit[];
}

export interface Suppression {
  kind: 'inSource';
  /** The text after `--` in the suppression comment. */
  justification?: string;
  /** The comment that suppresses the finding. */
  location: Location;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  messageId: string;
  data: Record<string, string>;
  message: string;
  file: FilePath;
  range: Range;
  /** The rest of the story: the event source, the role, the call site. */
  related: RelatedLocation[];
  fixes: Fix[];
  suppressed?: Suppression;
}

export type RuleFamily = 'injection' | 'secrets' | 'iam' | 'auth' | 'config' | 'errors' | 'core';

/** What kind of input a rule reads; the runner skips it for other files. */
export type RuleInput = 'javascript' | 'template' | 'text';
