/**
 * Parses a file by its language. Never throws: a file that does not parse carries `parseError`.
 */
import type { FilePath } from '../engine/types';
import { parseJavaScript } from './javascript';
import { parseJson } from './json';
import { javaScriptNestingError, STACK_OVERFLOW_MESSAGE, yamlNestingError } from './nesting';
import { languageOf, newLineIndex, type Language, type ParseError, type SourceFile } from './source-file';
import { parseYaml } from './yaml';

export { parseJavaScript } from './javascript';
export { parseJson } from './json';
export { parseYaml } from './yaml';

/**
 * Parses `text` as the language its path names (`languageOf`). The parsers themselves do not
 * throw on bad input; the guard here turns a parser bug into a `parseError` at offset 0, so one
 * file never stops a run. Nesting past `MAX_NESTING_DEPTH` is refused before parsing, where it
 * starts (see `nesting.ts`); a stack overflow the pre-check did not foresee says the same plainly.
 */
export function parseSourceFile(path: FilePath, text: string): SourceFile {
  const language = languageOf(path);
  let file: SourceFile;
  try {
    switch (language) {
      case 'javascript': {
        const tooDeep = javaScriptNestingError(text);
        file = tooDeep ? unparsed(path, text, language, tooDeep) : parseJavaScript(path, text);
        break;
      }
      case 'yaml': {
        const tooDeep = yamlNestingError(text);
        file = tooDeep ? unparsed(path, text, language, tooDeep) : parseYaml(path, text);
        break;
      }
      case 'json': {
        const yaml = looksLikeYaml(path, text);
        const tooDeep = yaml ? yamlNestingError(text) : javaScriptNestingError(text);
        file = tooDeep ? unparsed(path, text, language, tooDeep) : yaml ? parseYaml(path, text) : parseJson(path, text);
        break;
      }
      case 'text':
        return { language: 'text', path, text, lines: newLineIndex(text), comments: [] };
    }
  } catch (error) {
    return unparsed(path, text, language, { message: messageOf(error), range: { start: 0, end: 0 } });
  }
  if (file.parseError && isStackOverflow(file.parseError.message)) {
    file.parseError = { message: STACK_OVERFLOW_MESSAGE, range: { start: 0, end: 0 } };
  }
  return file;
}

function unparsed(path: FilePath, text: string, language: Language, parseError: ParseError): SourceFile {
  const base = { path, text, lines: newLineIndex(text), comments: [], parseError };
  if (language === 'javascript') return { ...base, language };
  if (language === 'yaml' || language === 'json') return { ...base, language, documents: [] };
  return { ...base, language: 'text' };
}

function isStackOverflow(message: string): boolean {
  return message.includes('Maximum call stack size exceeded');
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
  if (error instanceof RangeError && isStackOverflow(error.message)) return STACK_OVERFLOW_MESSAGE;
  const message = error instanceof Error ? error.message : String(error);
  return `Unable to parse file: ${message.replace(/\s*\r?\n\s*/g, ' ').trim()}`;
}
