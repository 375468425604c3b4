/**
 * One CLI run without the process around it: collect files, lint them as one project, apply
 * `--fix`, and return everything the formatters and the exit code need. Tests call this directly.
 */
import * as path from 'node:path';
import { ConfigError, ConfigLookup, loadConfigFile } from '../../host/config-lookup';
import { readText, toPosix } from '../../host/discover';
import {
  ALL_RULES,
  fixFile,
  lintFile,
  Project,
  severityRank,
  type LintConfig,
  type LintOptions,
  type Rule,
  type Severity,
} from '../../rules/index';
import { collectFiles } from './collect';
import { CliError, describeFsError } from './errors';
import { compareReported, countFindings, Reporter, type InternalError, type RunResult, type SeverityCounts } from './report';
import { applySuggestions, writeFileAtomically } from './write';

export type { RunResult } from './report';

export interface RunOptions {
  /** The folder paths are resolved against and reported relative to; `process.cwd()` by default. */
  cwd?: string;
  /** Files and folders to check; `['.']` by default. */
  paths?: readonly string[];
  /** Apply `fix`-kind fixes and write the changed files. */
  fix?: boolean;
  /** Also apply each finding's first suggestion, re-analysing between changes (implies `fix`). */
  fixSuggestions?: boolean;
  /** A configuration file used for every file instead of the nearest one. */
  config?: string;
  /** The lowest severity that fails the run; `error` by default. */
  severity?: Severity;
  /** Fail when more than this many unsuppressed warnings remain. */
  maxWarnings?: number;
  /** Files larger than this many bytes are not analysed; overrides the configuration files. */
  maxFileBytes?: number;
  /** The rules to run; every registered rule by default. Tests inject their own. */
  rules?: readonly Rule[];
  /** The date rules judge dated facts by (runtime end of support); today by default. */
  now?: Date;
  /** Reads a file; `readText` by default. Tests inject failures through it. */
  readFile?: (file: string) => Promise<string>;
}

/** How many files are read at once: enough to keep the disk busy without running out of handles. */
const READ_BATCH = 32;

/** Throws `CliError` for problems the user must fix (missing path, unreadable file, bad config). */
export async function run(options: RunOptions = {}): Promise<RunResult> {
  const cwd = toPosix(path.resolve(options.cwd ?? process.cwd()));
  const configFor = configSource(cwd, options.config);
  const collected = await collectFiles(cwd, options.paths ?? ['.'], configFor, options.maxFileBytes);
  const project = new Project();
  const reporter = new Reporter(cwd, (file) => project.text(file));
  const originals = new Map<string, string>();
  const readFile = options.readFile ?? readText;
  const toRead = [...collected.reported, ...collected.context];
  for (let start = 0; start < toRead.length; start += READ_BATCH) {
    const batch = toRead.slice(start, start + READ_BATCH);
    const texts = await Promise.all(
      batch.map((file) =>
        readFile(file).catch((error: unknown) => {
          throw new CliError(`cannot read ${reporter.relative(file)}: ${describeFsError(error)}`);
        }),
      ),
    );
    batch.forEach((file, i) => {
      const text = texts[i] ?? '';
      originals.set(file, text);
      project.setFile(file, text);
    });
  }

  const internalErrors = new Map<string, InternalError>();
  const lintOptions = (file: string): LintOptions => ({
    config: configFor(file),
    ...(options.rules ? { rules: options.rules } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
    onInternalError(error, ruleId, failedFile) {
      // The fix loop re-lints a file several times; one crash is one error.
      const key = `${ruleId}\0${failedFile}`;
      if (internalErrors.has(key)) return;
      internalErrors.set(key, {
        ruleId,
        file: reporter.relative(failedFile),
        message: error instanceof Error ? error.message : String(error),
      });
    },
  });

  let fix: RunResult['fix'];
  const changedMeanwhile: string[] = [];
  if (options.fix || options.fixSuggestions) {
    let applied = 0;
    for (const file of collected.reported) applied += fixFile(project, file, lintOptions(file)).applied;
    if (options.fixSuggestions) applied += applySuggestions(project, collected.reported, lintOptions);
    const written: string[] = [];
    // A fix may edit another file (a handler's finding fixed in its template); write whatever
    // differs from disk, and nothing that came back to its original text.
    for (const file of [...project.paths].sort()) {
      const text = project.text(file);
      if (text === undefined || text === originals.get(file)) continue;
      // Never overwrite an edit made while the run was analysing: that file keeps its new text.
      const current = await readFile(file).catch(() => undefined);
      if (current !== originals.get(file)) {
        changedMeanwhile.push(reporter.relative(file));
        // Report on what is on disk now.
        if (current !== undefined) project.setFile(file, current);
        continue;
      }
      try {
        await writeFileAtomically(file, text);
      } catch (error) {
        throw new CliError(`cannot write ${reporter.relative(file)}: ${describeFsError(error)}`);
      }
      written.push(reporter.relative(file));
    }
    fix = { applied, written };
  }

  // Lint again after every fix is in: a fix for one file can change another file's findings.
  const findings = collected.reported
    .flatMap((file) => lintFile(project, file, lintOptions(file)))
    .map((finding) => reporter.finding(finding))
    .sort(compareReported);
  const counts = countFindings(findings);
  const errors = [...internalErrors.values()];

  return {
    cwd,
    checkedFiles: collected.reported,
    findings,
    counts,
    rules: options.rules ?? ALL_RULES,
    ...(fix ? { fix } : {}),
    internalErrors: errors,
    notices: [
      ...collected.ignoredExplicit.map((file) => `${reporter.relative(file)} is ignored by the configuration's "ignore" globs and was not checked`),
      ...changedMeanwhile.map((file) => `${file} changed on disk during the run; its fixes were not written`),
    ],
    exitCode:
      errors.length > 0 ? 2 : isFailing(findings, counts, options.severity ?? 'error', options.maxWarnings) ? 1 : 0,
  };
}

function isFailing(
  findings: RunResult['findings'],
  counts: SeverityCounts,
  threshold: Severity,
  maxWarnings: number | undefined,
): boolean {
  if (maxWarnings !== undefined && counts.warnings > maxWarnings) return true;
  const rank = severityRank(threshold);
  return findings.some((finding) => !finding.suppressed && severityRank(finding.severity) >= rank);
}

/** The configuration for each file: the `--config` file for all, or the nearest one upward. */
function configSource(cwd: string, explicit: string | undefined): (file: string) => LintConfig {
  if (explicit !== undefined) {
    const config = asCliError(() => loadConfigFile(path.resolve(cwd, explicit)));
    return () => config;
  }
  const lookup = new ConfigLookup();
  return (file) => asCliError(() => lookup.configFor(file));
}

function asCliError<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}
