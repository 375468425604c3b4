/**
 * The shape of a rule. One module per rule under `rules/checks/<family>/<name>.ts`, one default
 * export made with `defineRule`. A rule's `check` is pure: it reads its context and returns
 * findings; it never reads settings, the clock, the environment or the disk.
 */
import type { DocNode } from '../parse/document';
import type { SourceFile } from '../parse/source-file';
import type { ProjectModel } from '../model/types';
import type { FilePath, Fix, FixKind, Location, Range, RelatedLocation, RuleFamily, RuleInput, Severity } from './types';

export const DOCS_BASE_URL = 'https://github.com/serverless-security-lint/serverless-security-lint/blob/main/docs/rules/';

export interface RuleDocs {
  /** One sentence; the first line of the rule's docs page repeats it. */
  summary: string;
  /** CWE ids such as `CWE-78`, shown as SARIF tags. */
  cwe?: string[];
}

/** A fix or suggestion as a rule writes it: message key, data and edits. */
export interface FixDraft<M extends string = string> {
  messageId: M;
  data?: Record<string, string>;
  edits: { file?: FilePath; range: Range; text: string }[];
}

export interface FindingDraft<M extends string = string> {
  messageId: M;
  data?: Record<string, string>;
  /** Where the finding is underlined: a range in `file`, or a node that carries its range. */
  range?: Range;
  node?: { range: Range } | DocNode | { range: [number, number] };
  /** Defaults to the file being checked. */
  file?: FilePath;
  related?: RelatedLocation[];
  /** An edit that keeps behaviour; applied by fix-all and `--fix`. */
  fix?: FixDraft<M>;
  /** Edits the user picks one at a time. */
  suggest?: FixDraft<M>[];
}

export interface RuleContext {
  /** The file being checked. */
  file: SourceFile;
  /** Every template, function, role and statement of the project. */
  model: ProjectModel;
  /** Another file of the project, parsed (cached), when it exists. */
  sourceFile(path: FilePath): SourceFile | undefined;
  /**
   * Another file's text as the other files see it (the text of its last parse that parsed while
   * it is half-typed), without parsing it. Absent in contexts built by hand: use `sourceFile`.
   */
  fileText?(path: FilePath): string | undefined;
  /** The project's text revision: the same number means no file was added, changed or deleted. */
  revision?: number;
  /** The rule's options from the configuration, as given (validated by the rule). */
  options: unknown;
  /**
   * The date to judge dated facts by (a runtime's end of support). Rules read it here, never from
   * the clock, so a test can pin it.
   */
  now: Date;
  related(location: Location | { file?: FilePath; range: Range | [number, number] }, message: string): RelatedLocation;
  /** Internal: used by the runner to turn drafts into findings. */
  readonly ruleId: string;
}

export interface Rule<M extends string = string> {
  id: string;
  family: RuleFamily;
  severity: Severity;
  docs: RuleDocs & { url: string };
  messages: Record<M, string>;
  fixable: 'none' | FixKind;
  appliesTo: RuleInput[];
  check(context: RuleContext): FindingDraft<M>[];
}

export type RuleDefinition<M extends string> = Omit<Rule<M>, 'docs'> & { docs: RuleDocs };

export function defineRule<M extends string>(definition: RuleDefinition<M>): Rule<M> {
  return { ...definition, docs: { ...definition.docs, url: `${DOCS_BASE_URL}${definition.id}.md` } };
}

/** Fills `{placeholders}` of a message template. Unknown placeholders stay as written. */
export function formatMessage(template: string, data: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => data[name] ?? whole);
}

/** A fix draft made concrete for one file. */
export function toFix<M extends string>(rule: Rule<M>, draft: FixDraft<M>, kind: FixKind, file: FilePath): Fix {
  const data = draft.data ?? {};
  return {
    kind,
    messageId: draft.messageId,
    title: formatMessage(rule.messages[draft.messageId], data),
    edits: draft.edits.map((edit) => ({ file: edit.file ?? file, range: edit.range, text: edit.text })),
  };
}
