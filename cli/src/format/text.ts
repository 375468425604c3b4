/**
 * The human format, grouped by file like ESLint's "stylish":
 *
 *   src/upload.js
 *     3:42  error  Command built from event data  injection/command
 *
 *   ✖ 1 problem (1 error, 0 warnings, 0 info)
 *
 * Suppressed findings are not listed; the summary counts them separately.
 */
import { inspect } from 'node:util';
import type { ReportedFinding, RunResult } from '../report';

export interface TextFormatOptions {
  /** ANSI colours; the caller decides (TTY, NO_COLOR, --output). */
  color: boolean;
}

type Style = 'bold' | 'dim' | 'underline' | 'red' | 'yellow' | 'cyan' | 'green';

/**
 * ANSI codes from Node's own table. Not `util.styleText`: across Node versions it decides by itself
 * whether to colour (TTY, NO_COLOR), and that choice belongs to the caller here.
 */
function ansi(styles: Style | Style[], text: string): string {
  return ([] as Style[]).concat(styles).reduceRight((inner, style) => {
    const [open, close] = inspect.colors[style] ?? [0, 0];
    return `\u001b[${open}m${inner}\u001b[${close}m`;
  }, text);
}

export function formatText(result: RunResult, options: TextFormatOptions): string {
  const paint = (style: Style | Style[], text: string): string => (options.color ? ansi(style, text) : text);
  const lines: string[] = [];

  const byFile = new Map<string, ReportedFinding[]>();
  for (const finding of result.findings) {
    if (finding.suppressed) continue;
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }

  for (const [file, findings] of byFile) {
    lines.push(paint('underline', file));
    // Columns are padded within a file so positions, severities and rule ids line up.
    const rows = findings.map((finding) => ({
      position: `${finding.region.line}:${finding.region.column}`,
      severity: finding.severity,
      message: oneLine(finding.message),
      ruleId: finding.ruleId,
    }));
    const width = (pick: (row: (typeof rows)[number]) => string): number => Math.max(...rows.map((row) => pick(row).length));
    const positionWidth = width((row) => row.position);
    const severityWidth = width((row) => row.severity);
    const messageWidth = width((row) => row.message);
    for (const row of rows) {
      lines.push(
        [
          '',
          paint('dim', row.position.padEnd(positionWidth)),
          paint(severityStyle(row.severity), row.severity.padEnd(severityWidth)),
          row.message.padEnd(messageWidth),
          paint('dim', row.ruleId),
        ].join('  '),
      );
    }
    lines.push('');
  }

  const { counts } = result;
  const problems = counts.errors + counts.warnings + counts.infos;
  const suppressed = counts.suppressed > 0 ? `, ${counts.suppressed} suppressed` : '';
  if (problems > 0) {
    const summary =
      `✖ ${plural(problems, 'problem')} ` +
      `(${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}, ${counts.infos} info)${suppressed}`;
    lines.push(paint(['bold', counts.errors > 0 ? 'red' : counts.warnings > 0 ? 'yellow' : 'cyan'], summary));
  } else {
    lines.push(paint(['bold', 'green'], `✔ no problems in ${plural(result.checkedFiles.length, 'file')}${suppressed}`));
  }
  if (result.fix) {
    // A fix that writes back the same text counts as applied in the engine but changed nothing.
    lines.push(
      result.fix.written.length > 0
        ? `Applied ${plural(result.fix.applied, 'fix', 'fixes')}; rewrote ${result.fix.written.join(', ')}`
        : 'No automatic fixes to apply',
    );
  } else if (counts.fixable > 0) {
    lines.push(`${plural(counts.fixable, 'problem')} can be fixed with --fix`);
  }
  return `${lines.join('\n')}\n`;
}

function severityStyle(severity: string): Style {
  return severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'cyan';
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** A message with a line break would break the one-finding-per-line layout. */
function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}
