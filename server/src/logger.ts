/**
 * What the server's modules need to log: the subset of `connection.console` they use, so pure
 * modules can be tested with a recording logger.
 */
export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

/** An error's stack when it has one: the log is where a crash gets diagnosed. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}
