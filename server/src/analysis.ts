/**
 * Runs the engine over one file, in steps: parse, project model, then one rule at a time, yielding
 * to the event loop in between so that a cancel notification or a newer edit is seen while the
 * analysis is still running (Node only reads messages when the loop is free; STYLE.md §9).
 *
 * Results are cached per (file, document version) together with the project generation and the
 * settings/configuration epochs they were computed under: code actions read exactly the findings
 * their diagnostics came from, and a repeated pull of unchanged state costs nothing.
 */
import { ConfigError, relativeToConfig } from '../../host/config-lookup';
import { ALL_RULES, isIgnored, lintFile, type Finding, type LintConfig, type Rule } from '../../rules/index';
import type { Settings } from '../../protocol/index';
import { describeError, type Logger } from './logger';
import { effectiveConfig, type SettingsStore } from './settings';
import type { StatusReporter } from './status';
import type { WorkspaceIndex } from './workspace';

export interface AnalysisEntry {
  file: string;
  /** The document version analysed; undefined for a file that was not open. */
  version: number | undefined;
  generation: number;
  settingsEpoch: number;
  configEpoch: number;
  findings: Finding[];
  /** Sent as the pull report's `resultId`; unchanged state answers `unchanged`. */
  resultId: string;
}

export type AnalysisResult =
  | { kind: 'done'; entry: AnalysisEntry }
  /** The caller's token was cancelled. */
  | { kind: 'cancelled' }
  /** The texts it read changed while it ran; its findings would mix two states. */
  | { kind: 'outdated' };

export interface AnalyseOptions {
  /** The document version being analysed; undefined for a file that is not open. */
  version: number | undefined;
  /** The resource whose settings apply: the document URI, or the folder of an unopened file. */
  scopeUri: string | undefined;
  isCancelled(): boolean;
  /**
   * `project` (the default): any change in the project makes the run outdated, as a template
   * edit changes a handler's findings. `file`: only a change of this file does; the workspace
   * scan uses it so that typing in one editor does not restart every file of the scan.
   */
  outdatedWhen?: 'project' | 'file';
}

/** Yield after this much uninterrupted work, so cancellation stays responsive. */
const YIELD_AFTER_MS = 5;

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class Analyser {
  private readonly cache = new Map<string, AnalysisEntry>();
  private nextResultId = 1;
  /** Rule crashes already logged, by rule and reason: a crash repeats on every keystroke. */
  private readonly loggedCrashes = new Set<string>();

  constructor(
    private readonly workspace: WorkspaceIndex,
    private readonly settings: SettingsStore,
    private readonly status: StatusReporter,
    private readonly logger: Logger,
    private readonly rules: readonly Rule[] = ALL_RULES,
  ) {}

  /** The cached result for exactly this version of the file and the current project state. */
  cached(file: string, version: number | undefined): AnalysisEntry | undefined {
    const entry = this.cache.get(file);
    if (!entry || entry.version !== version || !this.isCurrent(entry)) return undefined;
    return entry;
  }

  /** Drops a file's cached result (closed or deleted). */
  forget(file: string): void {
    this.cache.delete(file);
  }

  /** Analyses a file of the workspace index. Never rejects. */
  async analyse(file: string, options: AnalyseOptions): Promise<AnalysisResult> {
    const hit = this.cached(file, options.version);
    if (hit) return { kind: 'done', entry: hit };

    const start = this.snapshot(file);
    let settings: Settings;
    try {
      settings = await this.settings.get(options.scopeUri);
    } catch (error) {
      this.logger.error(`Reading settings failed: ${describeError(error)}`);
      return { kind: 'done', entry: this.store(file, options.version, start, []) };
    }
    const check = (): AnalysisResult | undefined => {
      if (options.isCancelled()) return { kind: 'cancelled' };
      if (this.moved(file, start, options.outdatedWhen ?? 'project')) return { kind: 'outdated' };
      return undefined;
    };
    const early = check();
    if (early) return early;

    let findings: Finding[];
    try {
      const result = await this.run(file, settings, check);
      if (!Array.isArray(result)) return result;
      findings = result;
    } catch (error) {
      // Never leave the previous diagnostics standing for a file we failed to analyse.
      this.logger.error(`Analysing ${file} failed: ${describeError(error)}`);
      findings = [];
    }
    return { kind: 'done', entry: this.store(file, options.version, start, findings) };
  }

  /**
   * For `lintFile`: a rule crash is logged with its stack, once per rule and reason (the finding
   * is produced on every run either way).
   */
  readonly onInternalError = (error: unknown, ruleId: string, path: string): void => {
    const key = `${ruleId}\0${error instanceof Error ? error.message : String(error)}`;
    if (this.loggedCrashes.has(key)) return;
    this.loggedCrashes.add(key);
    this.logger.error(`Rule ${ruleId} crashed on ${path}; the other rules still ran. The same crash is not logged again.\n${describeError(error)}`);
  };

  /**
   * The configuration a file is linted with, or undefined when it is not linted at all (disabled,
   * excluded, ignored, or its configuration file is broken: logged and shown in the status item).
   */
  async lintConfigFor(file: string, scopeUri: string | undefined): Promise<LintConfig | undefined> {
    return this.prepare(file, await this.settings.get(scopeUri));
  }

  private prepare(file: string, settings: Settings): LintConfig | undefined {
    if (!settings.enable || !this.workspace.project.has(file) || this.workspace.isExcluded(file)) return undefined;
    let config: LintConfig;
    try {
      config = this.workspace.configFor(file);
    } catch (error) {
      // A bad configuration file: say so in the log and the status item, and show nothing
      // rather than findings computed with the wrong rules.
      const message = error instanceof ConfigError ? error.message : describeError(error);
      this.logger.error(`Configuration error for ${file}: ${message}`);
      this.status.fileFailed(file, message);
      return undefined;
    }
    this.status.fileSucceeded(file);
    if (isIgnored(config, relativeToConfig(config, file))) return undefined;
    return effectiveConfig(config, settings);
  }

  private async run(
    file: string,
    settings: Settings,
    check: () => AnalysisResult | undefined,
  ): Promise<Finding[] | AnalysisResult> {
    const { project } = this.workspace;
    const lintConfig = this.prepare(file, settings);
    if (!lintConfig) return [];
    const onInternalError = this.onInternalError;
    // Phase 1: parse (cached per text by the project). A file over the size limit is refused
    // before parsing, and it or a file that does not parse gets its one finding here, not one per rule.
    if (!project.has(file)) return [];
    const refused = lintFile(project, file, { config: lintConfig, rules: [], onInternalError });
    if (refused.length > 0) return refused;
    await yieldToEventLoop();
    const afterParse = check();
    if (afterParse) return afterParse;

    // Phase 2: the project model (rebuilt lazily after a template change).
    void project.model;
    await yieldToEventLoop();
    const afterModel = check();
    if (afterModel) return afterModel;

    // Phase 3: the rules, one at a time, so a cancel is seen between them.
    const findings: Finding[] = [];
    let lastYield = Date.now();
    for (const rule of this.rules) {
      const stop = check();
      if (stop) return stop;
      findings.push(...lintFile(project, file, { config: lintConfig, rules: [rule], onInternalError, isCancelled: () => check() !== undefined }));
      if (Date.now() - lastYield >= YIELD_AFTER_MS) {
        await yieldToEventLoop();
        lastYield = Date.now();
      }
    }
    const stop = check();
    if (stop) return stop;
    return findings.sort(compareFindings);
  }

  private snapshot(file: string): Snapshot {
    return {
      generation: this.workspace.generation,
      settingsEpoch: this.settings.epoch,
      configEpoch: this.workspace.configEpoch,
      text: this.workspace.project.text(file),
    };
  }

  private moved(file: string, start: Snapshot, when: 'project' | 'file'): boolean {
    if (start.settingsEpoch !== this.settings.epoch || start.configEpoch !== this.workspace.configEpoch) return true;
    if (when === 'project') return start.generation !== this.workspace.generation;
    return start.text !== this.workspace.project.text(file);
  }

  private isCurrent(entry: AnalysisEntry): boolean {
    return (
      entry.generation === this.workspace.generation &&
      entry.settingsEpoch === this.settings.epoch &&
      entry.configEpoch === this.workspace.configEpoch
    );
  }

  private store(file: string, version: number | undefined, start: Snapshot, findings: Finding[]): AnalysisEntry {
    const entry: AnalysisEntry = {
      file,
      version,
      generation: start.generation,
      settingsEpoch: start.settingsEpoch,
      configEpoch: start.configEpoch,
      findings,
      resultId: String(this.nextResultId++),
    };
    this.cache.set(file, entry);
    return entry;
  }
}

interface Snapshot {
  generation: number;
  settingsEpoch: number;
  configEpoch: number;
  text: string | undefined;
}

/** Position order, as the engine sorts a single run (the rules here run one by one). */
function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start - b.range.start ||
    a.range.end - b.range.end ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}
