/**
 * Inline suppression comments:
 *
 *   // serverless-security-lint-disable-next-line injection/command -- input is an enum
 *   # serverless-security-lint-disable-next-line iam/wildcard-action, iam/wildcard-resource -- reason
 *
 * A suppressed finding is kept and marked (SARIF reports it under `suppressions`), not dropped.
 * Without rule ids the comment suppresses every rule on the next line.
 */
import type { Comment, SourceFile } from '../parse/source-file';
import type { Finding, TextEdit } from './types';

export const DIRECTIVE = 'serverless-security-lint-disable-next-line';

export interface SuppressionDirective {
  /** 0-based line the directive applies to. */
  line: number;
  /** The rule ids named, or undefined for every rule. */
  ruleIds?: Set<string>;
  justification?: string;
  comment: Comment;
}

const DIRECTIVE_PATTERN = new RegExp(`^\\s*${DIRECTIVE}(?:\\s+(.*))?$`, 's');

export function readDirectives(file: SourceFile): SuppressionDirective[] {
  const directives: SuppressionDirective[] = [];
  // Without the directive's name in the text no comment can hold one; the comments of a
  // JavaScript file are then not even collected (see `parseJavaScript`).
  if (!file.text.includes(DIRECTIVE)) return directives;
  for (const comment of file.comments) {
    const match = DIRECTIVE_PATTERN.exec(comment.value.trim());
    if (!match) continue;
    const rest = match[1] ?? '';
    const separator = rest.indexOf('--');
    const idsText = (separator >= 0 ? rest.slice(0, separator) : rest).trim();
    const justification = separator >= 0 ? rest.slice(separator + 2).trim() : undefined;
    const ids = idsText.split(/[\s,]+/).filter((id) => id.length > 0);
    const endLine = file.lines.positionAt(comment.range.end).line;
    directives.push({
      line: endLine + 1,
      ...(ids.length > 0 ? { ruleIds: new Set(ids) } : {}),
      ...(justification ? { justification } : {}),
      comment,
    });
  }
  return directives;
}

/** Marks the findings of `file` that a directive covers. Returns the same array. */
export function applySuppressions(file: SourceFile, findings: Finding[]): Finding[] {
  const directives = readDirectives(file);
  if (directives.length === 0) return findings;
  for (const finding of findings) {
    if (finding.file !== file.path) continue;
    const line = file.lines.positionAt(finding.range.start).line;
    const directive = directives.find(
      (candidate) => candidate.line === line && (!candidate.ruleIds || candidate.ruleIds.has(finding.ruleId)),
    );
    if (!directive) continue;
    finding.suppressed = {
      kind: 'inSource',
      ...(directive.justification ? { justification: directive.justification } : {}),
      location: { file: file.path, range: directive.comment.range },
    };
  }
  return findings;
}

/**
 * The edit that inserts a suppression comment above the finding's line, indented like it.
 * Undefined for files without comments (JSON, plain text).
 */
export function suppressionEdit(file: SourceFile, finding: Finding): TextEdit | undefined {
  const marker = file.language === 'javascript' ? '//' : file.language === 'yaml' ? '#' : undefined;
  if (!marker) return undefined;
  const line = file.lines.positionAt(finding.range.start).line;
  const start = file.lines.lineStart(line);
  const indent = /^[ \t]*/.exec(file.lines.lineText(line))?.[0] ?? '';
  const newline = file.text.includes('\r\n') ? '\r\n' : '\n';
  return {
    file: file.path,
    range: { start, end: start },
    text: `${indent}${marker} ${DIRECTIVE} ${finding.ruleId}${newline}`,
  };
}
