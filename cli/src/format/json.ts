/**
 * The machine format: one flat array of findings, sorted, with 1-based positions. Field order is
 * fixed so that committed expected-findings files diff cleanly.
 */
import type { ReportedFinding, ReportedLocation, RunResult } from '../report';

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  messageId: string;
  data: Record<string, string>;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  related: ({ file: string; message: string } & Position)[];
  fixes: { kind: string; title: string }[];
  suppressed?: { kind: 'inSource'; justification?: string } & Position;
}

interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function toJsonFindings(result: RunResult): JsonFinding[] {
  return result.findings.map(toJsonFinding);
}

export function formatJson(result: RunResult): string {
  return `${JSON.stringify(toJsonFindings(result), null, 2)}\n`;
}

function toJsonFinding(finding: ReportedFinding): JsonFinding {
  const json: JsonFinding = {
    file: finding.file,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    messageId: finding.messageId,
    data: finding.data,
    ...position(finding),
    related: finding.related.map((related) => ({ file: related.file, ...position(related), message: related.message })),
    fixes: finding.fixes.map((fix) => ({ kind: fix.kind, title: fix.title })),
  };
  if (finding.suppressed) {
    json.suppressed = {
      kind: finding.suppressed.kind,
      ...(finding.suppressed.justification !== undefined ? { justification: finding.suppressed.justification } : {}),
      ...position(finding.suppressed.location),
    };
  }
  return json;
}

function position(location: ReportedLocation): Position {
  const { line, column, endLine, endColumn } = location.region;
  return { line, column, endLine, endColumn };
}
