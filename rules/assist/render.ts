/**
 * Writes a value in the syntax of the document and the spot it goes in: a CloudFormation
 * reference is `!GetAtt Table.Arn` in a SAM template, `Fn::GetAtt: [Table, Arn]` in a
 * serverless.yml list and `{ "Fn::GetAtt": ["Table", "Arn"] }` in JSON. Every insert text is in
 * VS Code snippet syntax, so literal `$`, `}` and `\` are escaped.
 */
import type { Range } from '../engine/types';
import type { CursorContext } from './context';

/**
 * - `cloudformation`: SAM and CloudFormation, where short tags and `Fn::Sub` over logical ids work;
 * - `serverless`: serverless.yml, where `${…}` is the framework's own variable syntax, so
 *   references are written as long-form maps and `Fn::Join` instead of `Fn::Sub`;
 * - `plain`: a policy file or an unknown document, where only plain strings mean anything.
 */
export type Dialect = 'cloudformation' | 'serverless' | 'plain';

export type ValueForm =
  /** A scalar; `text` is snippet syntax. `quoted` asks for quotes in YAML (ARNs, for readability). */
  | { kind: 'scalar'; text: string; quoted: boolean }
  /** An `Fn::Sub` template; `text` is snippet syntax with CloudFormation's `${…}` escaped. */
  | { kind: 'sub'; text: string }
  | { kind: 'getAtt'; resource: string; attribute: string }
  | { kind: 'ref'; resource: string }
  /** The attribute of a resource followed by literal text (`${Bucket.Arn}/*`). */
  | { kind: 'attributeWithSuffix'; resource: string; attribute: string; suffix: string };

export interface Placement {
  insertText: string;
  range: Range;
  /** The value as it will read in the document (no snippet escapes, no `- ` before it): a label. */
  display: string;
}

/** Escapes literal text for VS Code snippet syntax. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (character) => `\\${character}`);
}

/**
 * The insert text and the range it replaces for `form` at the cursor. `listItem` says the key's
 * value is a list, so a value on a fresh line below the key starts with `- `.
 */
export function place(form: ValueForm, context: CursorContext, dialect: Dialect, listItem: boolean): Placement {
  const token = context.token;
  let range = token.range;
  let text: string;
  if (form.kind === 'scalar' && token.quote) {
    text = form.text;
  } else {
    if (token.quote) {
      // A tag or a map cannot sit inside quotes: the quotes go too.
      range = { start: range.start - 1, end: token.closingQuote !== undefined ? token.closingQuote + 1 : range.end };
    }
    text = context.language === 'json' ? jsonValue(form, dialect) : yamlValue(form, dialect, context.style === 'inline' || context.style === 'flow');
  }
  const display = unescapeSnippet(text);
  if (context.language === 'yaml') {
    if (context.style === 'block' && listItem) text = `- ${text}`;
    if (token.needsSpace) text = ` ${text}`;
  }
  return { insertText: text, range, display };
}

/** The literal text of snippet text that holds no placeholders. */
function unescapeSnippet(text: string): string {
  return text.replace(/\\([\\$}])/g, '$1');
}

function yamlValue(form: ValueForm, dialect: Dialect, flow: boolean): string {
  const q = (text: string): string => `"${text}"`;
  if (form.kind === 'scalar') return form.quoted ? q(form.text) : form.text;
  const resource = form.kind === 'sub' ? '' : escapeSnippet(form.resource);
  if (dialect !== 'serverless') {
    switch (form.kind) {
      case 'sub':
        return `!Sub ${q(form.text)}`;
      case 'getAtt':
        return `!GetAtt ${resource}.${escapeSnippet(form.attribute)}`;
      case 'ref':
        return `!Ref ${resource}`;
      case 'attributeWithSuffix':
        return `!Sub ${q(`\\\${${resource}.${escapeSnippet(form.attribute)}\\}${escapeSnippet(form.suffix)}`)}`;
    }
  }
  // serverless.yml: a block map after `- `, a flow map where only a one-line value fits.
  const map = (key: string, value: string): string => (flow ? `{ ${q(key)}: ${value} }` : `${key}: ${value}`);
  switch (form.kind) {
    case 'sub':
      return map('Fn::Sub', q(form.text));
    case 'getAtt':
      return map('Fn::GetAtt', `[${resource}, ${escapeSnippet(form.attribute)}]`);
    case 'ref':
      return map('Ref', resource);
    case 'attributeWithSuffix':
      return map('Fn::Join', `["", [{ "Fn::GetAtt": [${resource}, ${escapeSnippet(form.attribute)}] }, ${q(escapeSnippet(form.suffix))}]]`);
  }
}

function jsonValue(form: ValueForm, dialect: Dialect): string {
  const q = (text: string): string => `"${text}"`;
  if (form.kind === 'scalar') return q(form.text);
  const resource = form.kind === 'sub' ? '' : q(escapeSnippet(form.resource));
  switch (form.kind) {
    case 'sub':
      return `{ "Fn::Sub": ${q(form.text)} }`;
    case 'getAtt':
      return `{ "Fn::GetAtt": [${resource}, ${q(escapeSnippet(form.attribute))}] }`;
    case 'ref':
      return `{ "Ref": ${resource} }`;
    case 'attributeWithSuffix':
      if (dialect === 'serverless') {
        return `{ "Fn::Join": ["", [{ "Fn::GetAtt": [${resource}, ${q(escapeSnippet(form.attribute))}] }, ${q(escapeSnippet(form.suffix))}]] }`;
      }
      return `{ "Fn::Sub": ${q(`\\\${${escapeSnippet(form.resource)}.${escapeSnippet(form.attribute)}\\}${escapeSnippet(form.suffix)}`)} }`;
  }
}
