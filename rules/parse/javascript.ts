/**
 * JavaScript and TypeScript parsing with `@typescript-eslint/typescript-estree`.
 */
import { parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { FilePath, Range } from '../engine/types';
import { DIRECTIVE } from '../engine/suppression';
import { newLineIndex, type Comment, type JavaScriptFile, type ParseError } from './source-file';

/**
 * How to parse one file extension. typescript-estree picks TypeScript's script kind from the
 * extension of `filePath` and ignores `jsx` for known extensions, so the file name we pass is what
 * actually switches JSX on or off. We pass a synthetic name rather than the user's path so that
 * the retry without JSX can pick another kind, and so no path ever reaches the parser's
 * file-system-aware code.
 */
interface Attempt {
  fileName: string;
  jsx: boolean;
}

const ATTEMPTS: Readonly<Record<string, readonly Attempt[]>> = {
  // `.ts` must never be parsed as TSX: `<T>value` casts are JSX openings there.
  '.ts': [{ fileName: 'file.ts', jsx: false }],
  '.mts': [{ fileName: 'file.mts', jsx: false }],
  '.cts': [{ fileName: 'file.cts', jsx: false }],
  '.tsx': [{ fileName: 'file.tsx', jsx: true }],
  '.jsx': [{ fileName: 'file.jsx', jsx: true }],
  // Plain `.js` handlers often hold JSX (React SSR in a Lambda) but occasionally a `<T>x` cast or
  // a generic arrow that only parses without JSX; the module extensions keep `.mjs`/`.mts`
  // module detection intact.
  '.js': [
    { fileName: 'file.js', jsx: true },
    { fileName: 'file.ts', jsx: false },
  ],
  '.mjs': [
    { fileName: 'file.mjs', jsx: true },
    { fileName: 'file.mts', jsx: false },
  ],
  '.cjs': [
    { fileName: 'file.cjs', jsx: true },
    { fileName: 'file.cts', jsx: false },
  ],
};

const DEFAULT_ATTEMPTS: readonly Attempt[] = [{ fileName: 'file.ts', jsx: false }];

function attemptsFor(path: FilePath): readonly Attempt[] {
  const lower = path.toLowerCase();
  const dot = lower.lastIndexOf('.');
  if (dot < 0 || dot < lower.lastIndexOf('/')) return DEFAULT_ATTEMPTS;
  return ATTEMPTS[lower.slice(dot)] ?? DEFAULT_ATTEMPTS;
}

/**
 * Parses a JavaScript or TypeScript file. Never throws: a syntax error yields `parseError` at the
 * parser's position, no `ast` and no comments.
 *
 * Offsets are into `text` as given, a leading byte order mark included: typescript-estree keeps
 * TypeScript's positions, which count the BOM.
 *
 * Collecting comments costs typescript-estree a second pass over every token (a quarter of the
 * parse), and the engine only reads them for suppression directives. So they are collected with
 * the tree only when the text holds a directive; otherwise `comments` is filled in when first read,
 * by parsing again. `comments` is then not an enumerable property: copying the file with a spread
 * leaves it out rather than parsing again.
 */
export function parseJavaScript(path: FilePath, text: string): JavaScriptFile {
  const lines = newLineIndex(text);
  const withComments = text.includes(DIRECTIVE);
  let firstError: ParseError | undefined;
  for (const attempt of attemptsFor(path)) {
    try {
      const ast = parseWith(text, attempt, withComments);
      if (withComments) return { language: 'javascript', path, text, lines, comments: commentsOf(ast), ast };
      const file: JavaScriptFile = { language: 'javascript', path, text, lines, comments: [], ast };
      defineLazyComments(file, () => commentsOf(parseWith(text, attempt, true)));
      return file;
    } catch (error) {
      // The first attempt is the file's natural reading, so its error is the one worth showing.
      firstError ??= parseErrorOf(error, text);
    }
  }
  return {
    language: 'javascript',
    path,
    text,
    lines,
    comments: [],
    parseError: firstError ?? { message: 'unable to parse file', range: { start: 0, end: 0 } },
  };
}

function parseWith(text: string, attempt: Attempt, comment: boolean): TSESTree.Program {
  return parse(text, {
    range: true,
    loc: false,
    comment,
    jsx: attempt.jsx,
    filePath: attempt.fileName,
    // The TypeScript version warning would go to stdout, which is the LSP channel in the server.
    loggerFn: false,
  });
}

/** Makes `file.comments` computed on first read (and writable, like the plain property). */
function defineLazyComments(file: JavaScriptFile, collect: () => Comment[]): void {
  const settle = (comments: Comment[]): Comment[] => {
    Object.defineProperty(file, 'comments', { value: comments, writable: true, enumerable: false, configurable: true });
    return comments;
  };
  Object.defineProperty(file, 'comments', {
    get: () => {
      try {
        return settle(collect());
      } catch {
        // The same text with the same options parsed a moment ago; should it not, no comments.
        return settle([]);
      }
    },
    set: settle,
    enumerable: false,
    configurable: true,
  });
}

function commentsOf(ast: TSESTree.Program): Comment[] {
  return (ast.comments ?? []).map((comment) => ({
    value: comment.value,
    range: { start: comment.range[0], end: comment.range[1] },
  }));
}

/** typescript-estree throws a `TSError` whose `location.start.offset` is the parser's position. */
function parseErrorOf(error: unknown, text: string): ParseError {
  const message = error instanceof Error ? error.message : String(error);
  return { message: oneLine(message), range: pointRange(errorOffset(error), text) };
}

function errorOffset(error: unknown): number {
  if (typeof error !== 'object' || error === null || !('location' in error)) return 0;
  const location: unknown = error.location;
  if (typeof location !== 'object' || location === null || !('start' in location)) return 0;
  const start: unknown = location.start;
  if (typeof start !== 'object' || start === null || !('offset' in start)) return 0;
  return typeof start.offset === 'number' ? start.offset : 0;
}

/** One character at `offset` (a whole surrogate pair), or nothing at the end of a line or file. */
function pointRange(offset: number, text: string): Range {
  const start = Math.max(0, Math.min(offset, text.length));
  const code = text.codePointAt(start);
  if (code === undefined || code === 10 || code === 13) return { start, end: start };
  return { start, end: start + (code > 0xffff ? 2 : 1) };
}

function oneLine(message: string): string {
  return message.replace(/\s*\r?\n\s*/g, ' ').trim();
}
