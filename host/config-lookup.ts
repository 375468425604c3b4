/**
 * Finds the configuration that applies to a file: the nearest `.serverless-security-lint.yml`
 * (or `.yaml`, `.json`) in its folder or above. Shared by the CLI and the language server.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, CONFIG_FILE_NAMES, EMPTY_CONFIG, parseConfig, type LintConfig } from '../rules/index';
import { toPosix } from './discover';

export class ConfigError extends Error {}

const KNOWN_RULE_IDS: ReadonlySet<string> = new Set(ALL_RULES.map((rule) => rule.id));

/** Reads and validates one configuration file; throws `ConfigError` with a clear message. */
export function loadConfigFile(file: string): LintConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read configuration ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const result = parseConfig(text, file, KNOWN_RULE_IDS, toPosix(path.dirname(path.resolve(file))));
  if (result.error !== undefined) throw new ConfigError(result.error);
  return result.config;
}

/** Caches lookups per folder; drop it when a configuration file changes. */
export class ConfigLookup {
  private readonly byFolder = new Map<string, string | null>();
  private readonly byFile = new Map<string, LintConfig>();

  /** The configuration for a file (absolute path); the empty configuration when there is none. */
  configFor(file: string): LintConfig {
    const configFile = this.findConfigFile(path.dirname(file));
    if (!configFile) return EMPTY_CONFIG;
    let config = this.byFile.get(configFile);
    if (!config) {
      config = loadConfigFile(configFile);
      this.byFile.set(configFile, config);
    }
    return config;
  }

  clear(): void {
    this.byFolder.clear();
    this.byFile.clear();
  }

  private findConfigFile(folder: string): string | null {
    const cached = this.byFolder.get(folder);
    if (cached !== undefined) return cached;
    let found: string | null = null;
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(folder, name);
      if (existsSync(candidate)) {
        found = candidate;
        break;
      }
    }
    if (!found) {
      const parent = path.dirname(folder);
      found = parent === folder ? null : this.findConfigFile(parent);
    }
    this.byFolder.set(folder, found);
    return found;
  }
}

/** The path of `file` relative to the configuration's root, for ignore globs. */
export function relativeToConfig(config: LintConfig, file: string): string {
  return config.root ? path.posix.relative(config.root, toPosix(file)) : toPosix(file);
}
