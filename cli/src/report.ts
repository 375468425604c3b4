/**
 * What a run found, in the shape every formatter prints: paths relative to the working folder and
 * 1-based line/column ranges, computed once from the final file texts (after `--fix`), so the
 * formatters never see offsets or the project.
 */
import * as path from 'node:path';
import { LineIndex, toOneBased, type Finding, type FixKind, type OneBasedRange, type Rule, type Severity } from '../../rules/index';

export interface ReportedLocation {
  /** POSIX path relative to the working folder (`../` when outside it). */
  file: string;
  /** Absolute POSIX path. */
  absolute: string;
  region: OneBasedRange;
}

export interface ReportedRelated extends ReportedLocation {
  message: string;
}

export interface ReportedEdit extends ReportedLocation {
  text: string;
}

export interface ReportedFix {
  kind: FixKind;
  title: string;
  edits: ReportedEdit[];
}

export interface ReportedSuppression {
  kind: 'inSource';
  justification?: string;
  location: ReportedLocation;
}

export interface ReportedFinding extends ReportedLocation {
  ruleId: string;
  severity: Severity;
  message: string;
  messageId: string;
  data: Record<string, string>;
  related: ReportedRelated[];
  fixes: ReportedFix[];
  suppressed?: ReportedSuppression;
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
  /** Findings marked by a suppression comment; not in the other counts. */
  suppressed: number;
  /** Unsuppressed findings that carry a `fix` that `--fix` would apply. */
  fixable: number;
}

export interface FixSummary {
  /** Fixes applied over every pass and file. */
  applied: number;
  /** Files rewritten, relative to the working folder, sorted. */
  written: string[];
}

export interface InternalError {
  ruleId: string;
  file: string;
  message: string;
}

export interface RunResult {
  /** Absolute POSIX working folder; report paths are relative to it. */
  cwd: string;
  /** Absolute POSIX paths of the files reported on, sorted. */
  checkedFiles: string[];
  /** Every finding in the checked files, suppressed ones included, sorted. */
  findings: ReportedFinding[];
  counts: SeverityCounts;
  /** The rules that ran, for SARIF's rule table. */
  rules: readonly Rule[];
  /** Present when `--fix` was asked for. */
  fix?: FixSummary;
  /** Rule crashes (each also appears as an `internal-error` finding). */
  internalErrors: InternalError[];
  /** Things the user should know that are not findings (an explicitly named file that is ignored). */
  notices: string[];
  exitCode: 0 | 1 | 2;
}

/** Turns engine findings into reported ones; `textOf` gives the final text of a project file. */
export class Reporter {
  private readonly indexes = new Map<string, LineIndex>();

  constructor(
    private readonly cwd: string,
    private readonly textOf: (file: string) => string | undefined,
  ) {}

  relative(file: string): string {
    return path.posix.relative(this.cwd, file) || path.posix.basename(file);
  }

  finding(finding: Finding): ReportedFinding {
    const reported: ReportedFinding = {
      ...this.location(finding.file, finding.range),
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      messageId: finding.messageId,
      data: finding.data,
      related: finding.related.map((related) => ({ ...this.location(related.file, related.range), message: related.message })),
      fixes: finding.fixes.map((fix) => ({
        kind: fix.kind,
        title: fix.title,
        edits: fix.edits.map((edit) => ({ ...this.location(edit.file, edit.range), text: edit.text })),
      })),
    };
    if (finding.suppressed) {
      reported.suppressed = {
        kind: finding.suppressed.kind,
        ...(finding.suppressed.justification !== undefined ? { justification: finding.suppressed.justification } : {}),
        location: this.location(finding.suppressed.location.file, finding.suppressed.location.range),
      };
    }
    return reported;
  }

  private location(file: string, range: { start: number; end: number }): ReportedLocation {
    return { file: this.relative(file), absolute: file, region: toOneBased(this.index(file), range) };
  }

  private index(file: string): LineIndex {
    let index = this.indexes.get(file);
    if (!index) {
      // A location in a file the project does not hold cannot be placed; it clamps to 1:1.
      index = new LineIndex(this.textOf(file) ?? '');
      this.indexes.set(file, index);
    }
    return index;
  }
}

/** Stable order for every output: file, then position, then rule and message. */
export function compareReported(a: ReportedFinding, b: ReportedFinding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.region.line - b.region.line ||
    a.region.column - b.region.column ||
    a.region.endLine - b.region.endLine ||
    a.region.endColumn - b.region.endColumn ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

/** Code-unit order, so output does not depend on the machine's locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countFindings(findings: readonly ReportedFinding[]): SeverityCounts {
  const counts: SeverityCounts = { errors: 0, warnings: 0, infos: 0, suppressed: 0, fixable: 0 };
  for (const finding of findings) {
    if (finding.suppressed) {
      counts.suppressed++;
      continue;
    }
    if (finding.severity === 'error') counts.errors++;
    else if (finding.severity === 'warning') counts.warnings++;
    else counts.infos++;
    if (finding.fixes.some((fix) => fix.kind === 'fix')) counts.fixable++;
  }
  return counts;
}
