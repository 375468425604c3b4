/**
 * Text helpers for tests that inline file contents as template literals.
 */
import type { Range } from '../../rules/engine/types';

/**
 * Removes the indentation a template literal picks up from the test code around it: the first
 * line break, the common leading whitespace of the non-blank lines, and the trailing blank line.
 * Usable as a tag (`dedent\`…\``) or on a plain string. Interpolated values are inserted after
 * the indentation is computed from the literal parts, so they keep their own indentation.
 */
export function dedent(strings: TemplateStringsArray | string, ...values: unknown[]): string {
  const parts = typeof strings === 'string' ? [strings] : strings.map((cooked, index) => cooked ?? strings.raw[index] ?? '');
  // Join with a marker so interpolated values do not take part in the indentation count.
  const marker = '\u0000';
  const lines = parts
    .join(marker)
    .replace(/^[ \t]*\r?\n/, '')
    .replace(/\r?\n[ \t]*$/, '')
    .split('\n');
  const indentOf = (line: string): number => /^[ \t]*/.exec(line)?.[0].length ?? 0;
  const indents = lines.filter((line) => line.trim() !== '').map(indentOf);
  const indent = indents.length === 0 ? 0 : Math.min(...indents);
  const text = lines.map((line) => line.slice(Math.min(indent, indentOf(line)))).join('\n');
  let index = 0;
  // Files on disk end with a newline; so do the texts tests build.
  return `${text.replace(/\u0000/g, () => String(values[index++]))}\n`;
}

/** The source text a node or range covers: what an editor would underline. */
export function textAt(text: string, located: { range: { start: number; end: number } }): string {
  return text.slice(located.range.start, located.range.end);
}

/** The range of every whole-word occurrence of `word` in `text`, in order: what a test rule reports. */
export function occurrences(text: string, word: string): Range[] {
  const ranges: Range[] = [];
  const pattern = new RegExp(`\\b${word}\\b`, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    ranges.push({ start: match.index, end: match.index + match[0].length });
  }
  return ranges;
}
