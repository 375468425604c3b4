/**
 * A file as the engine sees it: its text, its language and the parse result with ranges.
 * Parsing never throws: a file that does not parse carries one `parseError` at the parser's
 * position, and whatever could be recovered.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FilePath, Range } from '../engine/types';
import { LineIndex } from '../engine/positions';
import type { DocNode } from './document';

export type Language = 'javascript' | 'yaml' | 'json' | 'text';

export interface ParseError {
  message: string;
  range: Range;
}

export interface Comment {
  /** The comment's text without its markers (`//`, `/* *\/`, `#`). */
  value: string;
  range: Range;
}

interface SourceFileBase {
  path: FilePath;
  text: string;
  lines: LineIndex;
  comments: Comment[];
  parseError?: ParseError;
}

export interface JavaScriptFile extends SourceFileBase {
  language: 'javascript';
  /** Absent only when the file did not parse. Node ranges are `node.range` = `[start, end)`. */
  ast?: TSESTree.Program;
}

export interface YamlFile extends SourceFileBase {
  language: 'yaml';
  /** One tree per YAML document (`---`), empty documents left out. */
  documents: DocNode[];
}

export interface JsonFile extends SourceFileBase {
  language: 'json';
  /** The single JSON value, when it parsed. */
  documents: DocNode[];
}

export interface TextFile extends SourceFileBase {
  language: 'text';
}

export type SourceFile = JavaScriptFile | YamlFile | JsonFile | TextFile;

export type DocumentFile = YamlFile | JsonFile;

const JAVASCRIPT_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx']);

/** The language the engine reads a path as, by its extension. */
export function languageOf(path: FilePath): Language {
  const lower = path.toLowerCase();
  const dot = lower.lastIndexOf('.');
  const extension = dot >= 0 && dot > lower.lastIndexOf('/') ? lower.slice(dot) : '';
  if (JAVASCRIPT_EXTENSIONS.has(extension)) return 'javascript';
  if (extension === '.yml' || extension === '.yaml') return 'yaml';
  if (extension === '.json' || extension === '.template') return 'json';
  return 'text';
}

export function isDocumentFile(file: SourceFile): file is DocumentFile {
  return file.language === 'yaml' || file.language === 'json';
}

export function newLineIndex(text: string): LineIndex {
  return new LineIndex(text);
}
