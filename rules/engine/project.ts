/**
 * A project: the texts of its files, their parse trees (cached per text) and the project model
 * (rebuilt lazily when a YAML or JSON file changes). The engine's only state; it never reads disk:
 * callers hand it texts.
 */
import { buildProjectModel } from '../model/index';
import type { ProjectModel } from '../model/types';
import { parseSourceFile } from '../parse/index';
import { languageOf, type SourceFile } from '../parse/source-file';
import type { FilePath } from './types';

interface Entry {
  text: string;
  parsed?: SourceFile;
}

export class Project {
  private readonly entries = new Map<FilePath, Entry>();
  private cachedModel: ProjectModel | undefined;
  private pathSet: Set<FilePath> | undefined;

  constructor(files?: Iterable<readonly [FilePath, string]>) {
    if (files) for (const [path, text] of files) this.setFile(path, text);
  }

  /** Adds or replaces a file. Returns false when the text did not change. */
  setFile(path: FilePath, text: string): boolean {
    const existing = this.entries.get(path);
    if (existing && existing.text === text) return false;
    this.entries.set(path, { text });
    if (!existing) this.pathSet = undefined;
    if (!existing || affectsModel(path)) this.cachedModel = undefined;
    return true;
  }

  deleteFile(path: FilePath): boolean {
    if (!this.entries.delete(path)) return false;
    this.pathSet = undefined;
    this.cachedModel = undefined;
    return true;
  }

  has(path: FilePath): boolean {
    return this.entries.has(path);
  }

  text(path: FilePath): string | undefined {
    return this.entries.get(path)?.text;
  }

  get paths(): ReadonlySet<FilePath> {
    this.pathSet ??= new Set(this.entries.keys());
    return this.pathSet;
  }

  /** The parsed file, parsed once per text. */
  sourceFile(path: FilePath): SourceFile | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    entry.parsed ??= parseSourceFile(path, entry.text);
    return entry.parsed;
  }

  get model(): ProjectModel {
    this.cachedModel ??= buildProjectModel({ paths: this.paths, sourceFile: (path) => this.sourceFile(path) });
    return this.cachedModel;
  }
}

/** Templates are YAML or JSON; a change to any other file leaves the model as it was. */
function affectsModel(path: FilePath): boolean {
  const language = languageOf(path);
  return language === 'yaml' || language === 'json';
}
