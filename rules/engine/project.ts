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
  /**
   * The parse of the last earlier text that parsed, kept while this text has not been parsed or
   * does not parse: what other files read while this one is half-typed (see `stableSourceFile`).
   */
  lastGood?: SourceFile;
}

export class Project {
  private readonly entries = new Map<FilePath, Entry>();
  private cachedModel: ProjectModel | undefined;
  private pathSet: Set<FilePath> | undefined;
  private textRevision = 0;

  constructor(files?: Iterable<readonly [FilePath, string]>) {
    if (files) for (const [path, text] of files) this.setFile(path, text);
  }

  /** Adds or replaces a file. Returns false when the text did not change. */
  setFile(path: FilePath, text: string): boolean {
    const existing = this.entries.get(path);
    if (existing && existing.text === text) return false;
    const lastGood = existing?.parsed && !existing.parsed.parseError ? existing.parsed : existing?.lastGood;
    this.entries.set(path, lastGood ? { text, lastGood } : { text });
    this.textRevision++;
    if (!existing) this.pathSet = undefined;
    if (!existing || affectsModel(path)) this.cachedModel = undefined;
    return true;
  }

  deleteFile(path: FilePath): boolean {
    if (!this.entries.delete(path)) return false;
    this.textRevision++;
    this.pathSet = undefined;
    this.cachedModel = undefined;
    return true;
  }

  /** Changes whenever a file is added, changed or deleted: caches over many files compare it first. */
  get revision(): number {
    return this.textRevision;
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
    if (!entry.parsed.parseError) entry.lastGood = undefined;
    return entry.parsed;
  }

  /**
   * The file as other files see it: its current parse, or, while its text does not parse (a
   * half-typed edit), the parse of its last text that did. The file's own findings come from
   * `sourceFile` and show the parse error; the handlers a template names, the modules a handler
   * imports and the templates behind a handler's permissions keep what they contributed, instead
   * of every finding that depends on them vanishing until the typing is done.
   */
  stableSourceFile(path: FilePath): SourceFile | undefined {
    const current = this.sourceFile(path);
    return current?.parseError ? (this.entries.get(path)?.lastGood ?? current) : current;
  }

  /**
   * The text behind `stableSourceFile`, without parsing: the text of the last good parse while the
   * current text is known not to parse, else the current text.
   */
  stableText(path: FilePath): string | undefined {
    const entry = this.entries.get(path);
    if (!entry) return undefined;
    return entry.parsed?.parseError && entry.lastGood ? entry.lastGood.text : entry.text;
  }

  get model(): ProjectModel {
    this.cachedModel ??= buildProjectModel({ paths: this.paths, sourceFile: (path) => this.stableSourceFile(path) });
    return this.cachedModel;
  }
}

/** Templates are YAML or JSON; a change to any other file leaves the model as it was. */
function affectsModel(path: FilePath): boolean {
  const language = languageOf(path);
  return language === 'yaml' || language === 'json';
}
