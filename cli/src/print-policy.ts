/**
 * `--print-policy <function>`: reads the same files a check of the paths would, and prints the
 * least-privilege policy of the named function in the syntax of its template (text), or as JSON
 * (`--format json`). Nothing is linted and nothing is written.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ConfigError, ConfigLookup, loadConfigFile } from '../../host/config-lookup';
import { readText, toPosix } from '../../host/discover';
import { Project, type LintConfig } from '../../rules/index';
import { findFunction, functionPolicy, type FunctionPolicy } from '../../rules/fixes/least-privilege-policy';
import type { CliIo } from './cli';
import { collectFiles } from './collect';
import { CliError, describeFsError } from './errors';
import type { CliOptions } from './options';
import { TOOL_NAME } from './version';

export interface PrintPolicyOptions {
  cwd: string;
  paths: readonly string[];
  /** The function's name, or `<template>#<name>`. */
  name: string;
  config?: string;
}

export interface PrintedPolicy {
  policy: FunctionPolicy;
  /** The template's path relative to `cwd`. */
  template: string;
}

/**
 * The command for `--print-policy`: 0 with the policy on stdout (or in `--output`), 2 with one
 * line on stderr when the function is unknown or ambiguous or a file cannot be read. Notes about
 * what the policy may miss go to stderr when the output is JSON, which has no comments.
 */
export async function runPrintPolicy(options: CliOptions, name: string, io: CliIo): Promise<number> {
  try {
    const printed = await printPolicy({ cwd: io.cwd, paths: options.paths, name, ...(options.config !== undefined ? { config: options.config } : {}) });
    const text = options.format === 'json' ? policyJson(printed) : printed.policy.text;
    if (printed.policy.language === 'json' || options.format === 'json') {
      for (const note of printed.policy.notes) io.stderr.write(`${TOOL_NAME}: note: ${note}\n`);
    }
    if (options.output !== undefined) {
      const target = path.resolve(io.cwd, options.output);
      try {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, text, 'utf8');
      } catch (error) {
        throw new CliError(`cannot write ${options.output}: ${describeFsError(error)}`);
      }
    } else {
      io.stdout.write(text);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr.write(`${TOOL_NAME}: ${error.message}\n`);
    return 2;
  }
}

/** Throws `CliError` for an unknown or ambiguous function and for unreadable files. */
export async function printPolicy(options: PrintPolicyOptions): Promise<PrintedPolicy> {
  const cwd = toPosix(path.resolve(options.cwd));
  const configFor = configSource(cwd, options.config);
  const collected = await collectFiles(cwd, options.paths, configFor);
  const project = new Project();
  const relative = (file: string) => toPosix(path.relative(cwd, file)) || file;
  const files = [...collected.reported, ...collected.context];
  const texts = await Promise.all(
    files.map((file) =>
      readText(file).catch((error: unknown) => {
        throw new CliError(`cannot read ${relative(file)}: ${describeFsError(error)}`);
      }),
    ),
  );
  files.forEach((file, index) => project.setFile(file, texts[index] ?? ''));
  const found = findFunction(project.model, options.name, relative);
  if (found.kind === 'error') throw new CliError(found.message);
  const policy = functionPolicy(project.model, (file) => project.sourceFile(file), found.fn, relative);
  return { policy, template: relative(policy.file) };
}

/** `--format json`: the policy as data, with what it may miss. */
export function policyJson(printed: PrintedPolicy): string {
  const { policy } = printed;
  const report = {
    function: policy.function,
    template: printed.template,
    format: policy.format,
    complete: policy.complete,
    scoped: policy.scoped,
    notes: policy.notes,
    policy: { Version: '2012-10-17', Statement: policy.statements },
  };
  return JSON.stringify(report, null, 2) + '\n';
}

function configSource(cwd: string, explicit: string | undefined): (file: string) => LintConfig {
  try {
    if (explicit !== undefined) {
      const config = loadConfigFile(path.resolve(cwd, explicit));
      return () => config;
    }
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
  const lookup = new ConfigLookup();
  return (file) => {
    try {
      return lookup.configFor(file);
    } catch (error) {
      if (error instanceof ConfigError) throw new CliError(error.message);
      throw error;
    }
  };
}
