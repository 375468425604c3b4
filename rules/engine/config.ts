/**
 * The configuration file `.serverless-security-lint.yml` (or `.yaml`, `.json`), shared by the editor
 * and the CLI:
 *
 * ```yaml
 * rules:
 *   iam/wildcard-action: warning          # error | warning | info | off
 *   injection/command: [error, { … }]     # severity plus the rule's options
 * ignore:
 *   - "generated/**"                      # globs relative to the config file's folder
 * maxFileSize: 4MB                        # larger files are not analysed (default 2MB)
 * ```
 *
 * Parsing validates the shape and every rule id, so a typo is a clear error, not a silent no-op.
 */
import picomatch from 'picomatch';
import { parse as parseYamlText } from 'yaml';
import { SEVERITIES, type Severity } from './types';

export const CONFIG_FILE_NAMES = [
  '.serverless-security-lint.yml',
  '.serverless-security-lint.yaml',
  '.serverless-security-lint.json',
] as const;

export interface RuleSetting {
  severity: Severity | 'off';
  options?: unknown;
}

export interface LintConfig {
  rules: Record<string, RuleSetting>;
  /** Globs, relative to `root`, of files never analysed. */
  ignore: string[];
  /** The folder the configuration was found in (POSIX), `''` for the scan root. */
  root: string;
  /** `maxFileSize`: files larger than this many UTF-8 bytes are not analysed. */
  maxFileBytes?: number;
}

export const EMPTY_CONFIG: LintConfig = { rules: {}, ignore: [], root: '' };

export type ConfigResult = { config: LintConfig; error?: undefined } | { config?: undefined; error: string };

/**
 * Reads a configuration file's text. `knownRuleIds` are the ids a setting may name; `root` is the
 * folder holding the file.
 */
export function parseConfig(text: string, fileName: string, knownRuleIds: ReadonlySet<string>, root = ''): ConfigResult {
  let raw: unknown;
  try {
    raw = fileName.endsWith('.json') ? JSON.parse(stripBom(text)) : parseYamlText(stripBom(text));
  } catch (error) {
    return { error: `${fileName}: cannot be parsed: ${firstLine(error instanceof Error ? error.message : String(error))}` };
  }
  if (raw === null || raw === undefined) return { config: { ...EMPTY_CONFIG, root } };
  if (!isRecord(raw)) return { error: `${fileName}: the configuration must be a map with "rules" and "ignore"` };

  const unknownKeys = Object.keys(raw).filter((key) => key !== 'rules' && key !== 'ignore' && key !== 'maxFileSize');
  if (unknownKeys.length > 0) {
    return { error: `${fileName}: unknown key "${unknownKeys[0]}" (expected "rules", "ignore" or "maxFileSize")` };
  }
  let maxFileBytes: number | undefined;
  if (raw.maxFileSize !== undefined && raw.maxFileSize !== null) {
    const size = parseFileSize(raw.maxFileSize);
    if (typeof size === 'string') return { error: `${fileName}: "maxFileSize": ${size}` };
    maxFileBytes = size;
  }

  const rules: Record<string, RuleSetting> = {};
  if (raw.rules !== undefined && raw.rules !== null) {
    if (!isRecord(raw.rules)) return { error: `${fileName}: "rules" must be a map of rule id to severity` };
    for (const [id, value] of Object.entries(raw.rules)) {
      if (!knownRuleIds.has(id)) return { error: `${fileName}: unknown rule "${id}" in "rules"` };
      const setting = readRuleSetting(value);
      if (typeof setting === 'string') return { error: `${fileName}: rule "${id}": ${setting}` };
      rules[id] = setting;
    }
  }

  const ignore: string[] = [];
  if (raw.ignore !== undefined && raw.ignore !== null) {
    if (!Array.isArray(raw.ignore) || !raw.ignore.every((glob) => typeof glob === 'string')) {
      return { error: `${fileName}: "ignore" must be a list of glob strings` };
    }
    ignore.push(...raw.ignore);
  }
  return { config: { rules, ignore, root, ...(maxFileBytes !== undefined ? { maxFileBytes } : {}) } };
}

/** A limit as `parseFileSize` reads it back: `2MB`, `512KB`, or bytes when neither divides it. */
export function formatFileSize(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)}MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024}KB`;
  return `${bytes} bytes`;
}

/** The largest `maxFileSize` accepted: beyond it one file would hold an analysis for seconds. */
export const MAX_FILE_SIZE_CEILING = 64 * 1024 * 1024;

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 * 1024 };

/**
 * A file size limit as written in the configuration file, the editor setting or `--max-file-size`:
 * a whole number of bytes, or a number followed by KB or MB (1 KB = 1024 bytes), as in `"2MB"` or
 * `"512KB"`. Returns the bytes, or a sentence saying what is wrong.
 */
export function parseFileSize(value: unknown): number | string {
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value) ?? String(value);
  const expected = 'expected a number of bytes, or a number followed by KB or MB such as "2MB"';
  let bytes: number;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return `${shown} is not a whole number of bytes; ${expected}`;
    bytes = value;
  } else if (typeof value === 'string') {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([kKmM]?[bB]?)\s*$/.exec(value);
    const unit = SIZE_UNITS[match?.[2]?.toLowerCase() ?? ''];
    if (!match || unit === undefined) return `${shown} is not a size; ${expected}`;
    bytes = Math.round(Number(match[1]) * unit);
  } else {
    return `${shown} is not a size; ${expected}`;
  }
  if (bytes < 1024) return `${shown} is too small; the smallest limit is 1KB`;
  if (bytes > MAX_FILE_SIZE_CEILING) return `${shown} is too large; the largest limit is 64MB`;
  return bytes;
}

const SETTING_VALUES = `one of ${[...SEVERITIES, 'off'].join(', ')}`;

function readRuleSetting(value: unknown): RuleSetting | string {
  if (typeof value === 'string') {
    return isSeverityOrOff(value) ? { severity: value } : `"${value}" is not ${SETTING_VALUES}`;
  }
  if (value === false) return { severity: 'off' };
  if (Array.isArray(value)) {
    const [severity, options, ...rest] = value as unknown[];
    if (rest.length > 0) return 'expected [severity] or [severity, options]';
    if (typeof severity !== 'string' || !isSeverityOrOff(severity)) return `the first item must be ${SETTING_VALUES}`;
    return options === undefined ? { severity } : { severity, options };
  }
  if (isRecord(value)) {
    const severity = value.severity;
    if (typeof severity !== 'string' || !isSeverityOrOff(severity)) return `"severity" must be ${SETTING_VALUES}`;
    return value.options === undefined ? { severity } : { severity, options: value.options };
  }
  return `expected ${SETTING_VALUES}, [severity, options] or { severity, options }`;
}

function isSeverityOrOff(value: string): value is Severity | 'off' {
  return value === 'off' || (SEVERITIES as readonly string[]).includes(value);
}

/** True when `path` (POSIX, relative to the config's root) matches an ignore glob. */
export function isIgnored(config: LintConfig, relativePath: string): boolean {
  if (config.ignore.length === 0) return false;
  const matcher = matcherFor(config);
  return matcher(relativePath);
}

const matchers = new WeakMap<LintConfig, (path: string) => boolean>();

function matcherFor(config: LintConfig): (path: string) => boolean {
  let matcher = matchers.get(config);
  if (!matcher) {
    matcher = picomatch(config.ignore, { dot: true });
    matchers.set(config, matcher);
  }
  return matcher;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function firstLine(message: string): string {
  return message.split(/\r?\n/, 1)[0] ?? message;
}
