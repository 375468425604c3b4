/**
 * Which files a run reads and which it reports on.
 *
 * Everything under the given paths forms one project, so a template and the handlers it deploys
 * are linked. A handler's template is often above it (`src/upload.js` ← `serverless.yml`), so the
 * project also takes in the nearest folder above a given path that holds a template; those extra
 * files are context only and are never reported on.
 */
import fg from 'fast-glob';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_IGNORES, discoverFiles, MAX_FILE_BYTES, SCANNED_PATTERNS, toPosix } from '../../host/discover';
import { relativeToConfig } from '../../host/config-lookup';
import { isIgnored, type LintConfig } from '../../rules/index';
import { CliError, describeFsError } from './errors';

/** File names that mark the root of a deployable app: its templates sit there. */
const APP_ROOT_MARKERS = [
  'serverless.yml',
  'serverless.yaml',
  'serverless.json',
  'template.yaml',
  'template.yml',
  'template.json',
  'host.json', // Azure Functions app root
];

export interface Collected {
  /** Absolute POSIX paths reported on, sorted. */
  reported: string[];
  /** Absolute POSIX paths loaded only so templates and handlers link, sorted. */
  context: string[];
  /** Explicitly named files skipped because the configuration ignores them. */
  ignoredExplicit: string[];
}

export async function collectFiles(
  cwd: string,
  paths: readonly string[],
  configFor: (file: string) => LintConfig,
  /** `--max-file-size`: wins over each file's configuration, as in the analysis. */
  maxFileBytes?: number,
): Promise<Collected> {
  // A folder scan leaves out what the analysis would refuse anyway, by the same limit.
  const maxBytesFor = (file: string): number => maxFileBytes ?? configFor(file).maxFileBytes ?? MAX_FILE_BYTES;
  const reported = new Set<string>();
  const explicit = new Set<string>();
  const scannedFolders: string[] = [];
  const appRoots = new Set<string>();
  const neighbourFolders = new Set<string>();

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stats;
    try {
      stats = await fs.stat(absolute);
    } catch (error) {
      const code = describeFsError(error);
      throw new CliError(
        code === 'ENOENT' || code === 'ENOTDIR' ? `no such file or folder: ${given}` : `cannot access ${given}: ${code}`,
      );
    }
    if (stats.isDirectory()) {
      scannedFolders.push(toPosix(absolute));
      for (const file of await discoverFiles(absolute, maxBytesFor)) reported.add(file);
      const root = findAppRoot(absolute);
      if (root) appRoots.add(root);
    } else {
      const file = toPosix(absolute);
      reported.add(file);
      explicit.add(file);
      const root = findAppRoot(path.dirname(absolute));
      // Without an app root, the file's own folder is the best guess at what it belongs with.
      if (root) appRoots.add(root);
      else neighbourFolders.add(path.dirname(absolute));
    }
  }

  const context = new Set<string>();
  for (const root of appRoots) {
    // A root inside a folder that was scanned anyway adds nothing.
    if (scannedFolders.some((folder) => isInside(toPosix(root), folder))) continue;
    for (const file of await discoverFiles(root, maxBytesFor)) context.add(file);
  }
  for (const folder of neighbourFolders) {
    if (scannedFolders.some((scanned) => isInside(toPosix(folder), scanned))) continue;
    for (const file of await discoverFolderFiles(folder, maxBytesFor)) context.add(file);
  }

  const keep = (file: string): boolean => {
    const config = configFor(file);
    return !isIgnored(config, relativeToConfig(config, file));
  };
  const ignoredExplicit = [...explicit].filter((file) => !keep(file)).sort();
  const reportedKept = [...reported].filter(keep).sort();
  const contextKept = [...context].filter((file) => !reported.has(file) && keep(file)).sort();
  return { reported: reportedKept, context: contextKept, ignoredExplicit };
}

/**
 * The nearest folder at or above `start` holding a template. The search stops at a repository
 * root (`.git`), so a stray template in a parent checkout is never pulled in.
 */
export function findAppRoot(start: string): string | undefined {
  for (let folder = start; ; ) {
    if (APP_ROOT_MARKERS.some((name) => existsSync(path.join(folder, name)))) return folder;
    if (existsSync(path.join(folder, '.git'))) return undefined;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/**
 * The files directly in one folder. Not recursive: a lone file's folder may be a home or temp
 * folder, and walking all of it would cost far more than the file it serves.
 */
async function discoverFolderFiles(folder: string, maxBytesFor: (file: string) => number): Promise<string[]> {
  const entries = await fg(SCANNED_PATTERNS, {
    cwd: folder,
    absolute: true,
    dot: true,
    onlyFiles: true,
    deep: 1,
    followSymbolicLinks: false,
    ignore: DEFAULT_IGNORES,
    stats: true,
    suppressErrors: true,
  });
  return entries.map((entry) => ({ file: toPosix(entry.path), size: entry.stats?.size ?? 0 })).filter(({ file, size }) => size <= maxBytesFor(file)).map(({ file }) => file);
}

function isInside(file: string, folder: string): boolean {
  const relative = path.posix.relative(folder, file);
  return relative === '' || (relative !== '..' && !relative.startsWith('../') && !path.posix.isAbsolute(relative));
}
