/**
 * Finding → LSP `Diagnostic`. The engine's half-open UTF-16 offsets become 0-based LSP positions
 * here and nowhere else (STYLE.md §2, Positions).
 */
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Position,
  type Range,
} from 'vscode-languageserver/node';
import { RULES_BY_ID, type Finding, type Range as OffsetRange, type Severity } from '../../rules/index';

export const DIAGNOSTIC_SOURCE = 'serverless-security-lint';

/** What a diagnostic carries back to the server, so a code action finds its finding. */
export interface DiagnosticData {
  ruleId: string;
  key: string;
}

/** Anything that turns an offset into a position: a `TextDocument` or the engine's `LineIndex`. */
export interface PositionSource {
  positionAt(offset: number): Position;
}

/** Where a file's positions come from and which URI names it; undefined when it is unknown. */
export type FileLocator = (file: string) => { uri: string; positions: PositionSource } | undefined;

export function toLspRange(positions: PositionSource, range: OffsetRange): Range {
  return { start: positions.positionAt(range.start), end: positions.positionAt(range.end) };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * Identifies a finding within one analysis of a file: rule, range and message. Stable across
 * re-analyses of the same text, so a diagnostic shown from one pull still finds its finding in
 * the next.
 */
export function findingKey(finding: Finding): string {
  return `${finding.ruleId}:${finding.range.start}:${finding.range.end}:${hash(finding.messageId + '\0' + finding.message)}`;
}

/** The diagnostics of one file's findings; suppressed findings are not shown. */
export function toDiagnostics(findings: readonly Finding[], positions: PositionSource, locate: FileLocator): Diagnostic[] {
  return findings.filter((finding) => !finding.suppressed).map((finding) => toDiagnostic(finding, positions, locate));
}

export function toDiagnostic(finding: Finding, positions: PositionSource, locate: FileLocator): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(positions, finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data: { ruleId: finding.ruleId, key: findingKey(finding) } satisfies DiagnosticData,
  };
  const url = RULES_BY_ID.get(finding.ruleId)?.docs.url;
  if (url !== undefined) diagnostic.codeDescription = { href: url };
  const related: DiagnosticRelatedInformation[] = [];
  for (const location of finding.related) {
    // A location in a file the index no longer has cannot be shown; the finding still is.
    const target = locate(location.file);
    if (!target) continue;
    related.push({
      location: { uri: target.uri, range: toLspRange(target.positions, location.range) },
      message: location.message,
    });
  }
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** Reads `Diagnostic.data` back, validating it: it made a round trip through the client. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data: unknown = diagnostic.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const { ruleId, key } = data as Record<string, unknown>;
  return typeof ruleId === 'string' && typeof key === 'string' ? { ruleId, key } : undefined;
}

/** FNV-1a, enough to tell two messages of one rule at one range apart. */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return (value >>> 0).toString(36);
}
