/**
 * Parses a file by its language. Never throws: a file that does not parse carries `parseError`.
 */
import type { FilePath } from '../engine/types';
import { parseJavaScript } from './javascript';
import { parseJson } from './json';
import { languageOf, newLineIndex, type SourceFile } from './source-file';
import { parseYaml } from './yaml';

export { parseJavaScript } from './javascript';
export { parseJson } from './json';
export { parseYaml } from './yaml';

/**
 * Parses `text` as the language its path names (`languageOf`). The parsers themselves do not
 * throw on bad input; the guard here turns a parser bug or a stack overflow on absurdly deep
 * nesting into a `parseError` at offset 0, so one file never stops a run.
 */
export function parseSourceFile(path: FilePath, text: string): SourceFile {
  const language = languageOf(path);
  try {
    switch (language) {
      case 'javascript':
        return parseJavaScript(path, text);
      case 'yaml':
        return parseYaml(path, text);
      case 'json':
        return looksLikeYaml(path, text) ? parseYaml(path, text) : parseJson(path, text);
      case 'text':
        return { language: 'text', path, text, lines: newLineIndex(text), comments: [] };
    }
  } catch (error) {
    const parseError = { message: messageOf(error), range: { start: 0, end: 0 } };
    const base = { path, text, lines: newLineIndex(text), comments: [], parseError };
    if (language === 'javascript') return { ...base, language };
    if (language === 'yaml' || language === 'json') return { ...base, language, documents: [] };
    return { ...base, language: 'text' };
  }
}

/**
 * CloudFormation's `.template` extension is used for JSON and YAML alike; a template that does not
 * open with `{` is read as YAML.
 */
function looksLikeYaml(path: FilePath, text: string): boolean {
  if (!path.toLowerCase().endsWith('.template')) return false;
  return !/^\uFEFF?\s*\{/.test(text);
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `Unable to parse file: ${message.replace(/\s*\r?\n\s*/g, ' ').trim()}`;
}
