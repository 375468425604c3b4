/**
 * Child processes for the launchers: every process started here is recorded until it ends, and
 * `stopAll()` (called from `finally` and from SIGINT/SIGTERM handlers) ends the ones still
 * running, with their children: each is started as the leader of its own process group, so
 * code-server's extension host and our language server go with it.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

const running = new Set<ChildProcess>();

export interface LoggedOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here, so the console stays readable; printed on failure. */
  logFile: string;
  timeoutMs: number;
  /** "building the .vsix": names the step in error messages. */
  what: string;
}

/** Starts a process in its own process group, recorded for `stopAll()`. */
export function startProcess(command: string, args: readonly string[], options: SpawnOptions, log: WriteStream): ChildProcess {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

/** Runs a command to completion with a deadline; rejects with the tail of its log on failure. */
export async function runLogged(command: string, args: readonly string[], options: LoggedOptions): Promise<void> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  log.write(`$ ${command} ${args.join(' ')}\n`);
  const child = startProcess(command, args, { cwd: options.cwd ?? REPO_ROOT, env: options.env ?? process.env }, log);
  try {
    await new Promise<void>((resolvePromise, reject) => {
      const timer = setTimeout(() => {
        stopProcess(child);
        reject(new Error(`${options.what} did not finish within ${options.timeoutMs / 1000} s; log: ${options.logFile}`));
      }, options.timeoutMs);
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`${options.what} could not start: ${error.message}`));
      });
      child.once('close', (code, signal) => {
        clearTimeout(timer);
        if (code === 0) resolvePromise();
        else reject(new Error(`${options.what} failed (${signal ?? `exit code ${String(code)}`}); log: ${options.logFile}`));
      });
    });
  } finally {
    await new Promise<void>((done) => log.end(done));
  }
}

/** SIGTERM to the process group, SIGKILL if it is still there after `graceMs`. */
export function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      resolvePromise();
      return;
    }
    const pid = child.pid;
    const timer = setTimeout(() => {
      signalGroup(pid, 'SIGKILL');
      resolvePromise();
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      // The leader is gone; make sure nothing it started lingers in its group.
      signalGroup(pid, 'SIGKILL');
      resolvePromise();
    });
    signalGroup(pid, 'SIGTERM');
  });
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((child) => stopProcess(child)));
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}
