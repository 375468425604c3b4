/**
 * The command line around `run`: arguments in, report and exit code out. Streams and environment
 * are passed in so the whole command can run in-process.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CliError, describeFsError } from './errors';
import { formatResult } from './format/index';
import { parseArguments, USAGE, type CliOptions } from './options';
import { runPrintPolicy } from './print-policy';
import { run, type RunOptions } from './run';
import { TOOL_NAME, TOOL_VERSION } from './version';

export interface CliIo {
  cwd: string;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}

/** Runs the command; resolves to the exit code (0 clean, 1 findings fail, 2 could not check). */
export async function runCli(argv: readonly string[], io: CliIo, extra: Pick<RunOptions, 'rules'> = {}): Promise<number> {
  const fail = (message: string): number => {
    io.stderr.write(`${TOOL_NAME}: ${message}\n`);
    return 2;
  };

  let options: CliOptions;
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (error instanceof CliError) return fail(`${error.message} (see --help)`);
    throw error;
  }
  if (options.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (options.printPolicy !== undefined) return runPrintPolicy(options, options.printPolicy, io);

  try {
    const result = await run({
      cwd: io.cwd,
      paths: options.paths,
      fix: options.fix,
      fixSuggestions: options.fixSuggestions,
      severity: options.severity,
      ...(options.config !== undefined ? { config: options.config } : {}),
      ...(options.maxWarnings !== undefined ? { maxWarnings: options.maxWarnings } : {}),
      ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}),
      ...extra,
    });
    for (const notice of result.notices) io.stderr.write(`${TOOL_NAME}: warning: ${notice}\n`);
    for (const error of result.internalErrors) {
      io.stderr.write(`${TOOL_NAME}: internal error: rule ${error.ruleId} failed on ${error.file}: ${error.message}\n`);
    }
    const color = options.output === undefined && useColor(io);
    const report = formatResult(options.format, result, { color });
    if (options.output !== undefined) {
      const target = path.resolve(io.cwd, options.output);
      try {
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, report, 'utf8');
      } catch (error) {
        throw new CliError(`cannot write ${options.output}: ${describeFsError(error)}`);
      }
    } else {
      io.stdout.write(report);
    }
    return result.exitCode;
  } catch (error) {
    if (error instanceof CliError) return fail(error.message);
    // A bug of ours: say so, with the stack, and never exit 0 or 1 as if the check had run.
    return fail(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
}

/** Colour only on a terminal, unless NO_COLOR (https://no-color.org) or FORCE_COLOR say otherwise. */
function useColor(io: CliIo): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return io.stdout.isTTY === true;
}
