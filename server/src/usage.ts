/**
 * Command-line handling for the standalone server. vscode-languageserver picks its transport from
 * the arguments and throws an unhelpful "Connection input stream is not set" without one, so we
 * check first and say how to start it.
 */

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket', '--pipe'];

export function usage(): string {
  return [
    'Usage: serverless-security-lint-server --stdio',
    '',
    'The Serverless Security Lint language server. Editors start it and talk to it over a',
    'transport; it is not meant to be run by hand.',
    '',
    'Transports:',
    '  --stdio              JSON-RPC over standard input and output (for most editors)',
    '  --node-ipc           Node IPC (used by the VS Code extension)',
    '  --socket=<port>      a TCP socket on localhost',
    '  --pipe=<name>        a named pipe',
    '',
    'Options:',
    '  --clientProcessId=<pid>  exit when that process exits',
    '  -h, --help               show this help',
    '',
  ].join('\n');
}

/** The error to print when no transport is given, or undefined when one is. */
export function transportError(args: readonly string[]): string | undefined {
  const hasTransport = args.some((arg) => TRANSPORTS.some((transport) => arg === transport || arg.startsWith(`${transport}=`)));
  return hasTransport ? undefined : 'serverless-security-lint-server: no transport given.';
}
