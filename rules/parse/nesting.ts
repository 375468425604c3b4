/**
 * The nesting depth limit. The parsers and the tree walks after them recurse once per level, so
 * absurdly deep nesting (10,000 brackets, say) would exhaust the stack somewhere in the middle of
 * a parse: the error would name no position, and in V8 a regular expression compiled with the
 * stack nearly exhausted can even end the process. A file is therefore measured first, by a
 * single pass that skips strings, comments and regular expressions, and refused at the first
 * opening past {@link MAX_NESTING_DEPTH} levels with a message saying so.
 *
 * The count errs towards fewer levels (unbalanced closers are ignored, text the pass cannot
 * classify counts nothing), so a file the parsers could read is never refused.
 */
import type { ParseError } from './source-file';

/** Far beyond any hand-written code or template, and below where the parsers run out of stack. */
export const MAX_NESTING_DEPTH = 256;

/** The refusal for a file nesting past the limit; `kind` names what nests. */
export function nestingMessage(kind: 'brackets' | 'collections'): string {
  const what = kind === 'brackets' ? 'brackets, braces or parentheses' : 'YAML collections';
  return `Nesting too deep to analyse: level ${MAX_NESTING_DEPTH + 1} of nested ${what} starts here; the limit is ${MAX_NESTING_DEPTH} levels`;
}

/** What a stack overflow inside a parser becomes when the pre-check did not catch the cause. */
export const STACK_OVERFLOW_MESSAGE =
  'Nesting too deep to analyse: the parser ran out of stack (expressions, blocks or collections nested too deeply)';

const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const SPACE = 32;
const TAB = 9;
const SINGLE_QUOTE = 39;
const DOUBLE_QUOTE = 34;
const BACKTICK = 96;
const DOLLAR = 36;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const QUESTION = 63;

/** Words after which a `/` starts a regular expression rather than a division. */
const REGEX_AFTER_WORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await']);

function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === DOLLAR || code > 127;
}

/**
 * JavaScript, TypeScript and JSON: the first `(`, `[` or `{` opening level 257, outside strings,
 * template text, comments and regular expressions.
 */
export function javaScriptNestingError(text: string): ParseError | undefined {
  const length = text.length;
  // One entry per open brace: true for a template literal's `${`, whose `}` resumes the template.
  const braces: boolean[] = [];
  let depth = 0;
  // The last significant code outside comments and strings, for telling a regex from a division.
  let previous = 0;
  let previousEnd = 0;
  let i = 0;
  let inTemplate = false;
  while (i < length) {
    if (inTemplate) {
      const code = text.charCodeAt(i);
      if (code === BACKSLASH) {
        i += 2;
      } else if (code === BACKTICK) {
        inTemplate = false;
        previous = BACKTICK;
        i++;
      } else if (code === DOLLAR && text.charCodeAt(i + 1) === OPEN_BRACE) {
        inTemplate = false;
        braces.push(true);
        depth++;
        if (depth > MAX_NESTING_DEPTH) return { message: nestingMessage('brackets'), range: { start: i, end: i + 2 } };
        previous = OPEN_BRACE;
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    const code = text.charCodeAt(i);
    switch (code) {
      case SPACE:
      case TAB:
      case NEWLINE:
      case CARRIAGE_RETURN:
        i++;
        continue;
      case OPEN_PAREN:
      case OPEN_BRACKET:
      case OPEN_BRACE:
        if (code === OPEN_BRACE) braces.push(false);
        depth++;
        if (depth > MAX_NESTING_DEPTH) return { message: nestingMessage('brackets'), range: { start: i, end: i + 1 } };
        break;
      case CLOSE_PAREN:
      case CLOSE_BRACKET:
        if (depth > 0) depth--;
        break;
      case CLOSE_BRACE:
        if (depth > 0) depth--;
        if (braces.pop() === true) {
          inTemplate = true;
          i++;
          continue;
        }
        break;
      case SINGLE_QUOTE:
      case DOUBLE_QUOTE:
        i = skipQuoted(text, i, code);
        previous = code;
        continue;
      case BACKTICK:
        inTemplate = true;
        i++;
        continue;
      case SLASH: {
        const next = text.charCodeAt(i + 1);
        if (next === SLASH) {
          i = lineEnd(text, i);
          continue;
        }
        if (next === STAR) {
          const end = text.indexOf('*/', i + 2);
          i = end < 0 ? length : end + 2;
          continue;
        }
        if (startsRegex(text, previous, previousEnd)) {
          i = skipRegex(text, i);
          previous = SLASH;
          previousEnd = i;
          continue;
        }
        break;
      }
      default:
        break;
    }
    previous = code;
    i++;
    previousEnd = i;
  }
  return undefined;
}

function startsRegex(text: string, previous: number, previousEnd: number): boolean {
  if (previous === 0) return true;
  if (previous === CLOSE_PAREN || previous === CLOSE_BRACKET || previous === CLOSE_BRACE) return false;
  if (previous === SINGLE_QUOTE || previous === DOUBLE_QUOTE || previous === BACKTICK) return false;
  if (!isWordCode(previous)) return true;
  let start = previousEnd;
  while (start > 0 && isWordCode(text.charCodeAt(start - 1))) start--;
  return REGEX_AFTER_WORDS.has(text.slice(start, previousEnd));
}

/** Past the closing quote, or the end of the line for an unterminated string. */
function skipQuoted(text: string, start: number, quote: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === quote) return i + 1;
    else if (code === NEWLINE) return i;
  }
  return text.length;
}

/** Past a regular expression literal's closing `/` (and its flags), or the end of the line. */
function skipRegex(text: string, start: number): number {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === NEWLINE) return i;
    else if (code === OPEN_BRACKET) inClass = true;
    else if (code === CLOSE_BRACKET) inClass = false;
    else if (code === SLASH && !inClass) {
      let end = i + 1;
      while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
      return end;
    }
  }
  return text.length;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/**
 * YAML: block collections by indentation (plus compact `- - -` sequences on one line) and flow
 * collections by brackets, together; the first line or bracket past the limit. Block scalars,
 * quoted scalars and comments count nothing.
 */
export function yamlNestingError(text: string): ParseError | undefined {
  const indents: number[] = [];
  /** Open flow collections, and the block depth of the line the outermost one began on. */
  let flow = 0;
  let block = 0;
  let blockScalarIndent = -1;
  let lineStart = 0;
  while (lineStart < text.length) {
    const end = lineEnd(text, lineStart);
    let i = lineStart;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const indent = i - lineStart;
    const first = i < end ? text.charCodeAt(i) : NEWLINE;
    const blank = first === NEWLINE || first === CARRIAGE_RETURN || first === HASH;
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      lineStart = end + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (blank) {
      lineStart = end + 1;
      continue;
    }
    if (flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      block = indents.length;
      if (block > MAX_NESTING_DEPTH) return { message: nestingMessage('collections'), range: { start: i, end: i + 1 } };
      // `- - - item`: each dash after the first opens one more sequence on this line.
      let dashes = 0;
      while (i + 1 < end && text.charCodeAt(i) === DASH && text.charCodeAt(i + 1) === SPACE) {
        if (dashes > 0) block++;
        dashes++;
        if (block > MAX_NESTING_DEPTH) return { message: nestingMessage('collections'), range: { start: i, end: i + 1 } };
        i += 2;
        while (i < end && text.charCodeAt(i) === SPACE) i++;
      }
    }
    // Flow collections: a bracket counts where a value may start, or anywhere inside flow.
    let previous = flow > 0 ? COMMA : COLON;
    for (; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === SINGLE_QUOTE || code === DOUBLE_QUOTE) {
        i = skipQuoted(text, i, code) - 1;
        previous = code;
        continue;
      }
      if (code === HASH && (i === lineStart || text.charCodeAt(i - 1) === SPACE || text.charCodeAt(i - 1) === TAB)) break;
      if ((code === OPEN_BRACKET || code === OPEN_BRACE) && (flow > 0 || previous === COLON || previous === DASH || previous === QUESTION)) {
        flow++;
        if (block + flow > MAX_NESTING_DEPTH) return { message: nestingMessage('collections'), range: { start: i, end: i + 1 } };
      } else if ((code === CLOSE_BRACKET || code === CLOSE_BRACE) && flow > 0) {
        flow--;
      }
      if (code !== SPACE && code !== TAB) previous = code;
    }
    if (flow === 0 && isBlockScalarHeader(text.slice(lineStart, end))) blockScalarIndent = indent;
    lineStart = end + 1;
  }
  return undefined;
}

/** Whether a line ends with a block scalar header (`key: |`, `- >-`), not a `|` inside a value. */
function isBlockScalarHeader(line: string): boolean {
  if (!line.includes('|') && !line.includes('>')) return false;
  return /(?:^|[:?-])[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?\r?$/.test(line);
}
