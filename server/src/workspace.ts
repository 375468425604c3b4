/**
 * The workspace index: one engine `Project` holding every analysable file of every workspace
 * folder, so cross-file rules see handlers and templates that are not open. Open documents
 * override the disk text; closing one goes back to the disk text. Watched-file events keep the
 * disk side current.
 *
 * `generation` counts every change of the project's texts; an analysis that started in an older
 * generation is outdated (another file it reads may have changed under it).
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { ConfigLookup } from '../../host/config-lookup';
import { DEFAULT_IGNORES, discoverFiles, isSkippedFolder, MAX_FILE_BYTES, SCANNED_PATTERNS, SKIPPED_WHEN_WALKING } from '../../host/discover';
import { CONFIG_FILE_NAMES, EMPTY_CONFIG, Project, type LintConfig } from '../../rules/index';
import { describeError, type Logger } from './logger';
import { documentPath, fileUriToPath, isVirtualPath, pathToUri } from './uri';

export interface FolderInfo {
  uri: string;
  name: string;
}

export type FileChangeKind = 'created' | 'changed' | 'deleted';

export interface FileChangeOutcome {
  /** A configuration file changed: every result may differ. */
  configChanged: boolean;
  /** Engine paths whose text in the project changed (added, edited or removed). */
  changed: string[];
}

const CONFIG_NAMES: ReadonlySet<string> = new Set(CONFIG_FILE_NAMES);
/** Disk reads in flight at once while indexing: enough to hide latency, few enough for file handles. */
const READ_BATCH = 32;

const isScanned = picomatch(SCANNED_PATTERNS, { dot: true, ignore: [...DEFAULT_IGNORES, ...SKIPPED_WHEN_WALKING] });
const isDefaultIgnored = picomatch(DEFAULT_IGNORES, { dot: true });

export class WorkspaceIndex {
  readonly project = new Project();
  readonly configs = new ConfigLookup();
  /** Bumped on every change of a text in the project. */
  generation = 0;
  /** Bumped when a configuration file changes. */
  configEpoch = 0;

  /** Folder URI → folder path. */
  private readonly folders = new Map<string, string>();
  /** Open document URI → engine path, and back. */
  private readonly openPaths = new Map<string, string>();
  private readonly openUris = new Map<string, string>();
  /** Paths that exist on disk inside a folder (open or not): closing them re-reads the disk. */
  private readonly onDisk = new Set<string>();
  /** Coalesces disk reads: a second event for a path being read re-reads once afterwards. */
  private readonly reads = new Map<string, Promise<void>>();
  private readonly rereads = new Set<string>();

  private readyResolve!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));

  constructor(private readonly logger: Logger) {}

  /** Resolves once the folders known at start-up are indexed. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Indexes the start-up folders; resolves `whenReady` whatever happens. Returns the file count. */
  async indexInitialFolders(folders: readonly FolderInfo[]): Promise<number> {
    try {
      let count = 0;
      for (const folder of folders) count += await this.addFolder(folder);
      return count;
    } finally {
      this.readyResolve();
    }
  }

  async addFolder(folder: FolderInfo): Promise<number> {
    const folderPath = fileUriToPath(folder.uri);
    if (folderPath === undefined) {
      this.logger.warn(`Workspace folder ${folder.uri} is not on the local disk; it is not indexed.`);
      return 0;
    }
    this.folders.set(folder.uri, folderPath);
    const files = await discoverFiles(folderPath);
    await this.readAll(files);
    this.logger.info(`Indexed ${files.length} files in ${folderPath}`);
    return files.length;
  }

  /** Forgets a folder's files, except those still open or inside another folder. Returns changed paths. */
  removeFolder(uri: string): string[] {
    const folderPath = this.folders.get(uri);
    if (folderPath === undefined) return [];
    this.folders.delete(uri);
    const changed: string[] = [];
    for (const file of [...this.onDisk]) {
      if (!isInside(file, folderPath) || this.folderPathOf(file) !== undefined) continue;
      this.onDisk.delete(file);
      if (!this.openUris.has(file) && this.remove(file)) changed.push(file);
    }
    return changed;
  }

  /**
   * An open document's text (on open and on every change). Returns its engine path and whether
   * the project changed, or undefined when the document is not something we analyse.
   */
  documentChanged(uri: string, languageId: string, text: string): { path: string; changed: boolean } | undefined {
    const file = this.openPaths.get(uri) ?? documentPath(uri, languageId);
    if (file === undefined) return undefined;
    this.openPaths.set(uri, file);
    this.openUris.set(file, uri);
    return { path: file, changed: this.set(file, text) };
  }

  /** A document was closed: its disk text comes back, or it leaves the project. Returns the path if the project changed. */
  async documentClosed(uri: string): Promise<string | undefined> {
    const file = this.openPaths.get(uri);
    if (file === undefined) return undefined;
    this.openPaths.delete(uri);
    this.openUris.delete(file);
    if (this.onDisk.has(file)) {
      const before = this.generation;
      await this.refreshFromDisk(file);
      return this.generation !== before ? file : undefined;
    }
    return this.remove(file) ? file : undefined;
  }

  /** A watched-file event. Never rejects. */
  async fileChanged(uri: string, kind: FileChangeKind): Promise<FileChangeOutcome> {
    const outcome: FileChangeOutcome = { configChanged: false, changed: [] };
    const file = fileUriToPath(uri);
    if (file === undefined) return outcome;
    try {
      if (CONFIG_NAMES.has(path.posix.basename(file))) {
        this.configs.clear();
        this.configEpoch++;
        outcome.configChanged = true;
      }
      if (kind === 'deleted') {
        // Deleting a folder is reported once, for the folder: drop everything under it.
        for (const known of [...this.onDisk]) {
          if (known !== file && !isInside(known, file)) continue;
          this.onDisk.delete(known);
          if (!this.openUris.has(known) && this.remove(known)) outcome.changed.push(known);
        }
        return outcome;
      }
      const stats = await fs.stat(file).catch(() => undefined);
      if (stats?.isDirectory()) {
        // A created folder (a checkout, a copy) may be reported without its files.
        const folderPath = this.folderPathOf(file);
        if (folderPath === undefined || isSkippedFolder(path.posix.relative(folderPath, file))) return outcome;
        const files = await discoverFiles(file);
        const before = new Map(files.map((each) => [each, this.project.text(each)]));
        await this.readAll(files);
        for (const [each, text] of before) if (this.project.text(each) !== text) outcome.changed.push(each);
        return outcome;
      }
      if (!this.isIndexable(file)) return outcome;
      const before = this.project.text(file);
      await this.refreshFromDisk(file);
      if (this.project.text(file) !== before) outcome.changed.push(file);
    } catch (error) {
      this.logger.error(`Updating the index for ${uri} failed: ${describeError(error)}`);
    }
    return outcome;
  }

  /** The URI to report a path under: the open document's, or its `file:` URI. */
  uriOf(file: string): string | undefined {
    const open = this.openUris.get(file);
    if (open !== undefined) return open;
    return isVirtualPath(file) ? undefined : pathToUri(file);
  }

  /** The engine path of an open document, or of a `file:` URI. */
  pathOf(uri: string): string | undefined {
    return this.openPaths.get(uri) ?? fileUriToPath(uri);
  }

  isOpen(file: string): boolean {
    return this.openUris.has(file);
  }

  /** Every analysable file on disk, for the workspace scan. */
  diskPaths(): string[] {
    return [...this.onDisk].filter((file) => this.project.has(file)).sort();
  }

  /** The workspace folder URI holding a path: the settings scope for files that are not open. */
  folderUriOf(file: string): string | undefined {
    let best: [string, string] | undefined;
    for (const [uri, folderPath] of this.folders) {
      if (isInside(file, folderPath) && (!best || folderPath.length > best[1].length)) best = [uri, folderPath];
    }
    return best?.[0];
  }

  /** The configuration for a file; throws `ConfigError` for a bad configuration file. */
  configFor(file: string): LintConfig {
    return isVirtualPath(file) ? EMPTY_CONFIG : this.configs.configFor(file);
  }

  /** Dependencies, build output and tool state are never analysed, open or not (as in the CLI). */
  isExcluded(file: string): boolean {
    if (isVirtualPath(file)) return false;
    const folderPath = this.folderPathOf(file);
    const relative = folderPath !== undefined ? path.posix.relative(folderPath, file) : file.replace(/^([A-Za-z]:)?\//, '');
    return isDefaultIgnored(relative);
  }

  private isIndexable(file: string): boolean {
    const folderPath = this.folderPathOf(file);
    return folderPath !== undefined && isScanned(path.posix.relative(folderPath, file));
  }

  private folderPathOf(file: string): string | undefined {
    const uri = this.folderUriOf(file);
    return uri === undefined ? undefined : this.folders.get(uri);
  }

  private async readAll(files: readonly string[]): Promise<void> {
    for (let i = 0; i < files.length; i += READ_BATCH) {
      await Promise.all(files.slice(i, i + READ_BATCH).map((file) => this.refreshFromDisk(file)));
    }
  }

  private refreshFromDisk(file: string): Promise<void> {
    const running = this.reads.get(file);
    if (running) {
      this.rereads.add(file);
      return running;
    }
    const run = (async () => {
      do {
        this.rereads.delete(file);
        await this.readFromDisk(file);
      } while (this.rereads.has(file));
    })().finally(() => this.reads.delete(file));
    this.reads.set(file, run);
    return run;
  }

  private async readFromDisk(file: string): Promise<void> {
    let text: string | undefined;
    try {
      const stats = await fs.stat(file);
      if (stats.isFile() && stats.size <= MAX_FILE_BYTES) text = await fs.readFile(file, 'utf8');
    } catch {
      text = undefined; // gone, or unreadable: treated as absent
    }
    if (text === undefined) {
      this.onDisk.delete(file);
      if (!this.openUris.has(file)) this.remove(file);
      return;
    }
    this.onDisk.add(file);
    // The open document's text is what the user sees; the disk catches up on save.
    if (!this.openUris.has(file)) this.set(file, text);
  }

  private set(file: string, text: string): boolean {
    const changed = this.project.setFile(file, text);
    if (changed) this.generation++;
    return changed;
  }

  private remove(file: string): boolean {
    const changed = this.project.deleteFile(file);
    if (changed) this.generation++;
    return changed;
  }
}

function isInside(file: string, folder: string): boolean {
  const prefix = folder.endsWith('/') ? folder : `${folder}/`;
  return file.startsWith(prefix);
}

