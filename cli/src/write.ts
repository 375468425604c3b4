/**
 * `--fix-suggestions` and writing `--fix` results. Each file is written to a temporary file in its own folder and renamed
 * over the original: a rename within one file system is atomic, so a crash or a full disk never
 * leaves a half-written handler or template behind.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, lintFile, PARSE_ERROR, Project, type LintOptions, type TextEdit } from '../../rules/index';

export async function writeFileAtomically(file: string, text: string): Promise<void> {
  // Write through a symlink to its target; renaming over the link would replace it with a copy.
  const target = await fs.realpath(file);
  const { mode } = await fs.stat(target);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    // writeFile's mode is filtered by the umask; keep exactly the original permissions.
    await fs.chmod(temporary, mode & 0o7777);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** At most this many passes of `--fix-suggestions`; each pass changes each file at most once. */
export const MAX_SUGGESTION_PASSES = 50;

/**
 * `--fix-suggestions`: for each file, apply the first change offered by its first unsuppressed
 * finding that offers one (its `fix` if it has one, else its first suggestion), re-analyse, and
 * repeat until nothing changes or `MAX_SUGGESTION_PASSES` passes have run. Returns how many
 * changes were applied; the project is updated in place.
 *
 * One change per file per pass: suggestions are computed each on its own from the same text, and
 * two of them may not combine (both adding the same import, both naming a parameter `:p1`), so the
 * second is recomputed from the text the first left. A change whose edits touch a file already
 * changed in the pass waits for the next pass, and a change that would give a file a text it
 * already had is skipped, so the loop never undoes itself or cycles.
 */
export function applySuggestions(project: Project, files: readonly string[], optionsFor: (file: string) => LintOptions): number {
  const seen = new Set<string>();
  for (const file of project.paths) seen.add(`${file}\0${project.text(file) ?? ''}`);
  let applied = 0;
  for (let pass = 0; pass < MAX_SUGGESTION_PASSES; pass++) {
    const touched = new Set<string>();
    let progressed = false;
    for (const file of files) {
      if (touched.has(file)) continue;
      for (const finding of lintFile(project, file, optionsFor(file))) {
        if (finding.suppressed) continue;
        const change = finding.fixes.find((fix) => fix.kind === 'fix') ?? finding.fixes[0];
        const next = change && textsAfter(project, change.edits);
        if (!next || [...next.keys()].some((target) => touched.has(target))) continue;
        if ([...next].some(([target, text]) => seen.has(`${target}\0${text}`))) continue;
        const previous = new Map([...next.keys()].map((target) => [target, project.text(target) ?? ''] as const));
        for (const [target, text] of next) {
          project.setFile(target, text);
          seen.add(`${target}\0${text}`);
        }
        // A change that leaves a file that no longer parses is taken back, never written.
        if ([...next.keys()].some((target) => !parses(project, target) && parsedBefore(previous, target))) {
          for (const [target, text] of previous) project.setFile(target, text);
          continue;
        }
        for (const target of next.keys()) touched.add(target);
        applied++;
        progressed = true;
        break;
      }
    }
    if (!progressed) break;
  }
  return applied;
}

function parses(project: Project, file: string): boolean {
  return !lintFile(project, file, { rules: [] }).some((finding) => finding.ruleId === PARSE_ERROR);
}

function parsedBefore(previous: Map<string, string>, file: string): boolean {
  const text = previous.get(file);
  return text !== undefined && parses(new Project([[file, text]]), file);
}

/** The new text of each file the edits change, or undefined when one is not in the project. */
function textsAfter(project: Project, edits: readonly TextEdit[]): Map<string, string> | undefined {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const texts = new Map<string, string>();
  for (const [file, fileEdits] of byFile) {
    const text = project.text(file);
    if (text === undefined) return undefined;
    let next: string;
    try {
      next = applyEdits(text, fileEdits);
    } catch {
      return undefined; // overlapping edits within one change: never applied
    }
    if (next !== text) texts.set(file, next);
  }
  return texts.size > 0 ? texts : undefined;
}
