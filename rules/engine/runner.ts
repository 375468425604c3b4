/**
 * Runs rules over the files of a project. Each rule runs per file inside its own try/catch: a crash
 * becomes one `internal-error` finding naming the rule, and the other rules go on.
 */
import { ALL_RULES } from '../checks/index';
import type { SourceFile } from '../parse/source-file';
import { formatMessage, toFix, type FindingDraft, type Rule, type RuleContext } from './define-rule';
import { EMPTY_CONFIG, formatFileSize, type LintConfig } from './config';
import type { Project } from './project';
import { applySuppressions } from './suppression';
import type { FilePath, Finding, Range, RuleInput, Severity } from './types';

/** Engine-level findings that are not produced by a rule module. */
export const PARSE_ERROR = 'parse-error';
export const INTERNAL_ERROR = 'internal-error';

export const ENGINE_FINDINGS: Record<string, { summary: string; severity: Severity }> = {
  [PARSE_ERROR]: { summary: 'The file could not be parsed, so it was not analysed', severity: 'error' },
  [INTERNAL_ERROR]: { summary: 'A rule failed on this file; the other rules still ran', severity: 'warning' },
};

export interface LintOptions {
  config?: LintConfig;
  /** The rules to run; all registered rules by default. */
  rules?: readonly Rule[];
  /** Told about every rule crash (the finding is produced either way). */
  onInternalError?(error: unknown, ruleId: string, file: FilePath): void;
  /** Checked between rules; when it returns true the run stops and returns what it has. */
  isCancelled?(): boolean;
  /** The date rules judge dated facts by; the host's current date by default. */
  now?: Date;
  /**
   * Files larger than this many UTF-8 bytes are not parsed or analysed; they get one `parse-error`
   * finding saying so. The configuration's `maxFileBytes`, else {@link DEFAULT_MAX_FILE_BYTES}.
   */
  maxFileBytes?: number;
}

/**
 * 2 MB, the same bound as the hosts' file discovery: larger files are bundles or data, and
 * parsing one (a 10 MB single-line bundle, say) would hold a keystroke's analysis for seconds.
 */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The findings whose primary location is `path`, sorted by position. */
export function lintFile(project: Project, path: FilePath, options: LintOptions = {}): Finding[] {
  const tooLarge = sizeFinding(project.text(path), path, options.maxFileBytes ?? options.config?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (tooLarge) return [tooLarge];
  const file = project.sourceFile(path);
  if (!file) return [];
  if (file.parseError) {
    return [
      {
        ruleId: PARSE_ERROR,
        severity: 'error',
        messageId: 'parseError',
        data: { message: file.parseError.message },
        message: file.parseError.message,
        file: path,
        range: file.parseError.range,
        related: [],
        fixes: [],
      },
    ];
  }

  const config = options.config ?? EMPTY_CONFIG;
  const inputs = inputsOf(project, file);
  const findings: Finding[] = [];
  for (const rule of options.rules ?? ALL_RULES) {
    if (options.isCancelled?.()) break;
    const setting = config.rules[rule.id];
    if (setting?.severity === 'off') continue;
    if (!rule.appliesTo.some((input) => inputs.has(input))) continue;
    const severity = setting?.severity ?? rule.severity;
    const context = createContext(project, file, rule, setting?.options, options.now ?? new Date());
    try {
      for (const draft of rule.check(context)) {
        findings.push(toFinding(rule, draft, severity, path));
      }
    } catch (error) {
      options.onInternalError?.(error, rule.id, path);
      findings.push(internalError(rule.id, path, error));
    }
  }
  // A rule reports in the file it checks; anything else would be lost by per-file callers.
  const own = findings.filter((finding) => finding.file === path);
  own.sort(compareFindings);
  return applySuppressions(file, own);
}

/** Checked before parsing, so a huge file costs a byte count, not a parse. */
function sizeFinding(text: string | undefined, path: FilePath, limit: number): Finding | undefined {
  // UTF-8 takes at most three bytes per UTF-16 unit: most files are cleared without counting.
  if (text === undefined || text.length * 3 <= limit) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= limit) return undefined;
  const message =
    `File too large to analyse (${bytes} bytes; the limit is ${formatFileSize(limit)}). Raise it with maxFileSize in ` +
    '.serverless-security-lint.yml, the serverlessSecurityLint.maxFileSize setting or --max-file-size.';
  return {
    ruleId: PARSE_ERROR,
    severity: 'error',
    messageId: 'fileTooLarge',
    data: { message, bytes: String(bytes), limit: String(limit) },
    message,
    file: path,
    range: { start: 0, end: 0 },
    related: [],
    fixes: [],
  };
}

/** What kinds of input a file is, for `Rule.appliesTo`. */
function inputsOf(project: Project, file: SourceFile): Set<RuleInput> {
  const inputs = new Set<RuleInput>(['text']);
  if (file.language === 'javascript') inputs.add('javascript');
  if (project.model.template(file.path)) inputs.add('template');
  return inputs;
}

function createContext(project: Project, file: SourceFile, rule: Rule, options: unknown, now: Date): RuleContext {
  return {
    file,
    now,
    get model() {
      return project.model;
    },
    sourceFile: (path) => (path === file.path ? project.sourceFile(path) : project.stableSourceFile(path)),
    fileText: (path) => (path === file.path ? project.text(path) : project.stableText(path)),
    revision: project.revision,
    options,
    related: (location, message) => ({
      file: location.file ?? file.path,
      range: toRange(location.range),
      message,
    }),
    ruleId: rule.id,
  };
}

function toFinding(rule: Rule, draft: FindingDraft, severity: Severity, path: FilePath): Finding {
  const range = draft.range ?? (draft.node ? toRange(draft.node.range) : undefined);
  if (!range) throw new Error(`rule ${rule.id} reported "${draft.messageId}" without a range or node`);
  const template = rule.messages[draft.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} has no message "${draft.messageId}"`);
  const data = draft.data ?? {};
  const file = draft.file ?? path;
  const fixes = [
    ...(draft.fix ? [toFix(rule, draft.fix, 'fix', file)] : []),
    ...(draft.suggest ?? []).map((suggestion) => toFix(rule, suggestion, 'suggestion', file)),
  ];
  return {
    ruleId: rule.id,
    severity,
    messageId: draft.messageId,
    data,
    message: formatMessage(template, data),
    file,
    range,
    related: draft.related ?? [],
    fixes,
  };
}

function internalError(ruleId: string, path: FilePath, error: unknown): Finding {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ruleId: INTERNAL_ERROR,
    severity: 'warning',
    messageId: 'ruleCrashed',
    data: { rule: ruleId, reason },
    message: `Rule ${ruleId} failed on this file and was skipped: ${reason}`,
    file: path,
    range: { start: 0, end: 0 },
    related: [],
    fixes: [],
  };
}

/** Accepts the engine's `{ start, end }` and ESTree's `[start, end]`. */
export function toRange(range: Range | readonly [number, number]): Range {
  return Array.isArray(range) ? { start: range[0], end: range[1] } : (range as Range);
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.range.start - b.range.start ||
    a.range.end - b.range.end ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}
