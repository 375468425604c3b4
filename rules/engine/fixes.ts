/**
 * Applying fixes: edits are data until here. Overlapping edits are never applied together; the
 * later one waits for the next pass, which recomputes findings from the new text.
 */
import type { LintOptions } from './runner';
import { lintFile } from './runner';
import type { Project } from './project';
import type { FilePath, Finding, Fix, Range, TextEdit } from './types';

/** Applies non-overlapping edits to one text. Throws on overlap: callers choose edits first. */
export function applyEdits(text: string, edits: readonly { range: Range; text: string }[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.range.start < cursor) throw new Error('overlapping edits');
    result += text.slice(cursor, edit.range.start) + edit.text;
    cursor = edit.range.end;
  }
  return result + text.slice(cursor);
}

/** True when two ranges share a character, or are the same insertion point. */
function overlaps(a: Range, b: Range): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/**
 * Picks, in order, the fixes whose edits overlap nothing picked before. A fix's edits are taken
 * all together or not at all.
 */
export function selectNonOverlapping(fixes: readonly Fix[]): Fix[] {
  const taken: TextEdit[] = [];
  const chosen: Fix[] = [];
  for (const fix of fixes) {
    const clash = fix.edits.some((edit) => taken.some((other) => other.file === edit.file && overlaps(other.range, edit.range)));
    if (clash) continue;
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
}

export interface FixAllResult {
  /** The new text of every file that changed. */
  changed: Map<FilePath, string>;
  /** How many fixes were applied over all passes. */
  applied: number;
  /** The findings left in `path` after the last pass. */
  remaining: Finding[];
}

const MAX_PASSES = 10;

/**
 * Applies every `fix` (never a `suggestion`) for the findings of `path`, re-running the rules until
 * nothing more applies (at most ten passes). The project is updated in place.
 */
export function fixFile(project: Project, path: FilePath, options: LintOptions = {}): FixAllResult {
  const changed = new Map<FilePath, string>();
  let applied = 0;
  let findings = lintFile(project, path, options);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = findings
      .filter((finding) => !finding.suppressed)
      .flatMap((finding) => finding.fixes.filter((fix) => fix.kind === 'fix'));
    const chosen = selectNonOverlapping(fixes);
    if (chosen.length === 0) break;
    const byFile = new Map<FilePath, TextEdit[]>();
    for (const edit of chosen.flatMap((fix) => fix.edits)) {
      byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
    }
    let progressed = false;
    for (const [file, edits] of byFile) {
      const text = project.text(file);
      if (text === undefined) continue;
      const next = applyEdits(text, edits);
      // A fix that writes back the same text would otherwise be "applied" on every pass.
      if (next === text) continue;
      project.setFile(file, next);
      changed.set(file, next);
      progressed = true;
    }
    if (!progressed) break;
    applied += chosen.length;
    findings = lintFile(project, path, options);
  }
  return { changed, applied, remaining: findings };
}
