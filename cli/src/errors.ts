/**
 * A problem the user has to fix before a run can give a trustworthy answer: a bad option, a path
 * that does not exist, a file that cannot be read or written, a broken configuration. The CLI
 * prints its message as one line on stderr and exits with 2, so CI never mistakes "could not
 * check" for "nothing found".
 */
export class CliError extends Error {}

/** The errno code of a Node file-system error (`ENOENT`, `EACCES` …), or the message. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}
