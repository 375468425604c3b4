/**
 * Command-line arguments → validated options. Parsing is `node:util` `parseArgs` in strict mode, so
 * a misspelt option is an error rather than a silently ignored flag that leaves CI green.
 */
import { parseArgs } from 'node:util';
import { parseFileSize, SEVERITIES, type Severity } from '../../rules/index';
import { CliError } from './errors';
import { TOOL_NAME } from './version';

export const FORMATS = ['text', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliOptions {
  paths: string[];
  format: Format;
  fix: boolean;
  /** `--fix-suggestions`: also apply each finding's first suggestion (implies `--fix`). */
  fixSuggestions: boolean;
  config?: string;
  severity: Severity;
  maxWarnings?: number;
  output?: string;
  /** `--max-file-size`: larger files are not analysed (bytes; overrides the configuration file). */
  maxFileBytes?: number;
  /** `--print-policy <function>`: print that function's least-privilege policy instead of checking. */
  printPolicy?: string;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: ${TOOL_NAME} [options] [paths...]

Finds injection, hardcoded secrets and over-broad IAM in serverless handlers and the
templates that deploy them. Each path is a file or a folder (default: the current folder).

Options:
  -f, --format <text|json|sarif>   output format (default: text)
      --fix                        apply automatic fixes, then report what remains
      --fix-suggestions            also apply each finding's first suggestion (prepared
                                   statements, scoped policies …), re-checking after each
                                   change; review the diff: suggestions may change behaviour
  -c, --config <file>              use this configuration file for every path instead of
                                   the nearest .serverless-security-lint.yml
      --severity <error|warning|info>
                                   lowest severity that fails the run (default: error)
      --max-warnings <n>           also fail when there are more than n warnings
      --max-file-size <size>       do not analyse larger files: bytes, or a number with
                                   KB or MB (default: maxFileSize from the configuration
                                   file, else 2MB)
  -o, --output <file>              write the report to a file instead of stdout
      --print-policy <function>    print the least-privilege policy of a function (its
                                   name, or <template>#<name>) in its template's syntax,
                                   or as JSON with --format json, instead of checking
  -h, --help                       show this help
  -v, --version                    show the version

Exit codes:
  0  nothing at or above the failing severity (and no more than --max-warnings warnings)
  1  findings at or above the failing severity, or too many warnings
  2  a usage, configuration, file or internal error
`;

/** Throws `CliError` with a one-line message for unknown options and bad values. */
export function parseArguments(argv: readonly string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'fix-suggestions': { type: 'boolean' },
        config: { type: 'string', short: 'c' },
        severity: { type: 'string' },
        'max-warnings': { type: 'string' },
        'max-file-size': { type: 'string' },
        output: { type: 'string', short: 'o' },
        'print-policy': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new CliError(describeParseError(error));
  }
  const { values, positionals } = parsed;

  const format = values.format ?? 'text';
  if (!isOneOf(FORMATS, format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`);

  const severity = values.severity ?? 'error';
  if (!isOneOf(SEVERITIES, severity)) {
    throw new CliError(`--severity must be one of ${SEVERITIES.join(', ')} (got "${severity}")`);
  }

  let maxWarnings: number | undefined;
  const maxWarningsText = values['max-warnings'];
  if (maxWarningsText !== undefined) {
    if (!/^\d+$/.test(maxWarningsText)) {
      throw new CliError(`--max-warnings must be a whole number of 0 or more (got "${maxWarningsText}")`);
    }
    maxWarnings = Number(maxWarningsText);
  }

  let maxFileBytes: number | undefined;
  if (values['max-file-size'] !== undefined) {
    const size = parseFileSize(values['max-file-size']);
    if (typeof size === 'string') throw new CliError(`--max-file-size: ${size}`);
    maxFileBytes = size;
  }

  if (values.config === '') throw new CliError('--config needs a file name');
  if (values.output === '') throw new CliError('--output needs a file name');
  if (values['print-policy'] === '') throw new CliError('--print-policy needs a function name');
  if (values['print-policy'] !== undefined && format === 'sarif') throw new CliError('--print-policy prints text or json, not sarif');
  if (values['print-policy'] !== undefined && values.fix) throw new CliError('--print-policy cannot be combined with --fix');
  if (values['print-policy'] !== undefined && values['fix-suggestions']) throw new CliError('--print-policy cannot be combined with --fix-suggestions');

  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format,
    fix: (values.fix ?? false) || (values['fix-suggestions'] ?? false),
    fixSuggestions: values['fix-suggestions'] ?? false,
    ...(values.config !== undefined ? { config: values.config } : {}),
    severity,
    ...(maxWarnings !== undefined ? { maxWarnings } : {}),
    ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
    ...(values.output !== undefined ? { output: values.output } : {}),
    ...(values['print-policy'] !== undefined ? { printPolicy: values['print-policy'] } : {}),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function isOneOf<T extends string>(allowed: readonly T[], value: string): value is T {
  return (allowed as readonly string[]).includes(value);
}

/**
 * parseArgs' own messages run to several sentences with advice about `--`; keep the part that
 * names the problem so stderr stays one line.
 */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec(message)?.[1];
    return option ? `unknown option ${option}` : firstSentence(message);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const missing = /^Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument missing/.exec(message);
    if (missing) return `${missing[1]} needs a value`;
    const extra = /^Option '(?:-\w, )?(--[\w-]+)' does not take an argument/.exec(message);
    if (extra) return `${extra[1]} does not take a value`;
    // `--max-warnings -1`: parseArgs will not take a value that looks like an option.
    const ambiguous = /^Option '(?:-\w, )?(--[\w-]+)' argument is ambiguous/.exec(message);
    if (ambiguous) return `${ambiguous[1]} needs a value (write ${ambiguous[1]}=VALUE for one starting with "-")`;
  }
  return firstSentence(message);
}

function firstSentence(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  const end = line.indexOf('. ');
  return end >= 0 ? line.slice(0, end) : line.replace(/\.$/, '');
}
