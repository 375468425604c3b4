/**
 * Finding the files to analyse on disk, for the CLI and the language server's workspace index.
 * The engine itself never touches the disk; this is the host side.
 */
import fg from 'fast-glob';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Everything we read: handlers, templates, policy and settings files, dotenv files. */
export const SCANNED_PATTERNS = [
  '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}',
  '**/*.{yml,yaml,json,template}',
  '**/.env',
  '**/.env.*',
];

/** Folders of dependencies, build output and tool state: never the user's source. */
export const DEFAULT_IGNORES = [
  '**/node_modules/**',
  '**/.git/**',
  '**/.serverless/**',
  '**/.aws-sam/**',
  '**/cdk.out/**',
  '**/coverage/**',
  '**/.vscode-test/**',
  '**/*.min.js',
  '**/*.d.ts',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
];

/**
 * Folders whose name starts with a dot hold tool state and generated copies (`.serverless`,
 * `.aws-sam`, `.esbuild`, `.webpack`, `.next`, `.cache`, `.vscode-test`, benchmark and test
 * workspaces), not the sources a person edits. A scan of a folder does not walk into them, as
 * ESLint did before flat config and as most code search tools do; dot *files* such as `.env` are
 * still read. Unlike {@link DEFAULT_IGNORES} this only steers the walk: a file inside a dot folder
 * that is named on the command line or opened in the editor is analysed, and naming the dot
 * folder itself scans it.
 */
export const SKIPPED_WHEN_WALKING = ['**/.*/**'];

/**
 * True when a folder, given relative to the root being scanned (POSIX), is one the walk skips:
 * it or a folder above it is a dot folder. The root itself (`''`) is never skipped.
 */
export function isSkippedFolder(relativeFolder: string): boolean {
  return relativeFolder.split('/').some((name) => name.startsWith('.') && name !== '.' && name !== '..');
}

/** Larger files are bundles or data, not code a person wrote. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Absolute POSIX paths of the files to analyse under `root`, sorted: the scanned kinds of file,
 * minus {@link DEFAULT_IGNORES}, folders skipped by {@link SKIPPED_WHEN_WALKING} below `root`, and
 * files over their size limit ({@link MAX_FILE_BYTES} unless `maxBytesFor` says otherwise).
 */
export async function discoverFiles(root: string, maxBytesFor: (file: string) => number = () => MAX_FILE_BYTES): Promise<string[]> {
  const entries = await fg(SCANNED_PATTERNS, {
    cwd: root,
    absolute: true,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: [...DEFAULT_IGNORES, ...SKIPPED_WHEN_WALKING],
    stats: true,
    suppressErrors: true,
  });
  return entries
    .map((entry) => ({ file: toPosix(entry.path), size: entry.stats?.size ?? 0 }))
    .filter(({ file, size }) => size <= maxBytesFor(file))
    .map(({ file }) => file)
    .sort();
}

/** Reads a file as UTF-8 text. */
export async function readText(file: string): Promise<string> {
  return fs.readFile(file, 'utf8');
}

export function toPosix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}
