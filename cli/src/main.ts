/**
 * The `serverless-security-lint` command. Bundled to `cli/out/main.js`; everything but wiring the
 * process lives in `cli.ts` and `run.ts`.
 */
import { runCli } from './cli';

// `head` closing the pipe is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    // Setting exitCode instead of calling exit() lets a long report finish flushing to a pipe.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`serverless-security-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
