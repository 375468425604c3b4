/**
 * Settings, pulled from the client per resource through `workspace/configuration` (section
 * `serverlessSecurityLint`) and cached per URI until `workspace/didChangeConfiguration`. The
 * client never pushes them (STYLE.md §8). Clients without `workspace/configuration` get the
 * defaults, or what they last sent in `didChangeConfiguration`.
 */
import { DEFAULT_SETTINGS, type Settings } from '../../protocol/index';
import { parseFileSize, RULES_BY_ID, type LintConfig, type RuleSetting } from '../../rules/index';
import type { Logger } from './logger';

/** Asks the client for the section's value for one resource. */
export type FetchSettings = (scopeUri: string | undefined) => Promise<unknown>;

const RULE_LEVELS = new Set(['error', 'warning', 'info', 'off']);
const MAX_DEBOUNCE_MS = 10_000;

export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private readonly resolved = new Map<string, Settings>();
  private pushed: Settings = DEFAULT_SETTINGS;
  /** Bumped on every change, so cached analysis results know they are stale. */
  epoch = 0;

  /** `fetch` is undefined when the client cannot answer `workspace/configuration`. */
  constructor(
    private readonly fetch: FetchSettings | undefined,
    private readonly logger: Logger,
  ) {}

  /** The settings for a resource (document or folder URI). Never rejects. */
  get(scopeUri: string | undefined): Promise<Settings> {
    if (!this.fetch) return Promise.resolve(this.pushed);
    const key = scopeUri ?? '';
    let pending = this.cache.get(key);
    if (!pending) {
      const epoch = this.epoch;
      pending = this.fetch(scopeUri).then(
        (raw) => readSettings(raw, this.logger),
        (error: unknown) => {
          this.logger.warn(`Could not read the settings for ${key || 'the workspace'}; using the defaults: ${String(error)}`);
          return DEFAULT_SETTINGS;
        },
      );
      pending.then((settings) => {
        // A change may have cleared the cache while the request was in flight.
        if (this.epoch === epoch) this.resolved.set(key, settings);
      }, () => undefined);
      this.cache.set(key, pending);
    }
    return pending;
  }

  /** The cached settings, without asking the client: for timers that cannot wait. */
  peek(scopeUri: string | undefined): Settings {
    if (!this.fetch) return this.pushed;
    return this.resolved.get(scopeUri ?? '') ?? DEFAULT_SETTINGS;
  }

  /** `workspace/didChangeConfiguration`: drop everything; keep pushed values for old clients. */
  changed(pushedSection: unknown): void {
    this.cache.clear();
    this.resolved.clear();
    if (!this.fetch && pushedSection !== undefined) this.pushed = readSettings(pushedSection, this.logger);
    this.epoch++;
  }

  /** Forget one resource (a closed document). */
  forget(scopeUri: string): void {
    this.cache.delete(scopeUri);
    this.resolved.delete(scopeUri);
  }
}

/**
 * Validates the section at the boundary: anything malformed falls back to the default for that
 * key, with a log line, so one typo in settings.json never stops the analysis.
 */
export function readSettings(raw: unknown, logger: Logger): Settings {
  if (!isRecord(raw)) return DEFAULT_SETTINGS;
  const settings: Settings = { ...DEFAULT_SETTINGS, rules: {} };

  if (typeof raw.enable === 'boolean') settings.enable = raw.enable;
  else if (raw.enable !== undefined) logger.warn('serverlessSecurityLint.enable must be true or false; using true');

  if (typeof raw.debounceMs === 'number' && Number.isFinite(raw.debounceMs) && raw.debounceMs >= 0) {
    settings.debounceMs = Math.min(raw.debounceMs, MAX_DEBOUNCE_MS);
  } else if (raw.debounceMs !== undefined) {
    logger.warn(`serverlessSecurityLint.debounceMs must be a number of milliseconds; using ${DEFAULT_SETTINGS.debounceMs}`);
  }

  if (raw.maxFileSize !== undefined && raw.maxFileSize !== null && raw.maxFileSize !== '') {
    const size = parseFileSize(raw.maxFileSize);
    if (typeof size === 'number') settings.maxFileBytes = size;
    else logger.warn(`serverlessSecurityLint.maxFileSize: ${size}; using the configuration file's limit or the default`);
  }

  if (isRecord(raw.rules)) {
    for (const [id, level] of Object.entries(raw.rules)) {
      if (typeof level !== 'string' || !RULE_LEVELS.has(level)) {
        logger.warn(`serverlessSecurityLint.rules["${id}"] must be error, warning, info or off; ignored`);
        continue;
      }
      if (!RULES_BY_ID.has(id)) {
        logger.warn(`serverlessSecurityLint.rules names an unknown rule "${id}"; ignored`);
        continue;
      }
      settings.rules[id] = level as Settings['rules'][string];
    }
  } else if (raw.rules !== undefined && raw.rules !== null) {
    logger.warn('serverlessSecurityLint.rules must map rule ids to a severity; ignored');
  }
  return settings;
}

const merged = new WeakMap<LintConfig, WeakMap<Settings, LintConfig>>();

/**
 * The configuration a file is linted with: the settings' severities and size limit under the
 * configuration file's, because the file is shared with the CLI and CI and must mean the same
 * everywhere. Memoised per pair so repeated analyses do not allocate.
 */
export function effectiveConfig(config: LintConfig, settings: Settings): LintConfig {
  const ids = Object.keys(settings.rules);
  const maxFileBytes = config.maxFileBytes ?? settings.maxFileBytes;
  if (ids.length === 0 && maxFileBytes === config.maxFileBytes) return config;
  let bySettings = merged.get(config);
  if (!bySettings) {
    bySettings = new WeakMap();
    merged.set(config, bySettings);
  }
  let result = bySettings.get(settings);
  if (!result) {
    const rules: Record<string, RuleSetting> = {};
    for (const id of ids) {
      const level = settings.rules[id];
      if (level !== undefined) rules[id] = { severity: level };
    }
    result = { ...config, rules: { ...rules, ...config.rules }, ...(maxFileBytes !== undefined ? { maxFileBytes } : {}) };
    bySettings.set(settings, result);
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
