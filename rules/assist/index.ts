/**
 * Completion and hover for serverless templates, IAM policies and handler code: pure functions
 * from a document's text and the cursor to plain data (see `types.ts`). The language server
 * converts the result to LSP; nothing here depends on the editor.
 */
import { languageOf } from '../parse/source-file';
import { actionCompletions, actionHoverMarkdown } from './actions';
import { authCompletions } from './auth';
import { lastKey, type CursorContext } from './context';
import { javascriptCompletions } from './javascript';
import { jsonContext } from './json-context';
import { resourceCompletions } from './resources';
import { TemplateFacts, type AssistInput } from './template';
import type { AssistCompletionList, AssistHover } from './types';
import { yamlContext } from './yaml-context';

export type { AssistInput } from './template';
export type { AssistCompletionItem, AssistCompletionList, AssistHover, AssistItemKind } from './types';

const ACTION_KEYS: ReadonlySet<string> = new Set(['Action', 'NotAction']);
const RESOURCE_KEYS: ReadonlySet<string> = new Set(['Resource', 'NotResource']);
/** Keys only an IAM statement has, so `Resource` in a Step Functions state is left alone. */
const STATEMENT_KEYS: ReadonlySet<string> = new Set(['Effect', 'Action', 'NotAction', 'Sid', 'Principal', 'NotPrincipal', 'Condition']);

/** The completions at the cursor. Never throws on user text; an unknown spot gives no items. */
export function completionsAt(input: AssistInput): AssistCompletionList {
  const empty: AssistCompletionList = { items: [], isIncomplete: false };
  const language = languageOf(input.path);
  if (language === 'javascript') return { items: javascriptCompletions(input.text, input.offset), isIncomplete: false };
  const context = contextAt(input);
  if (!context) return empty;
  const value = valueKey(context);
  if (value && ACTION_KEYS.has(value.key)) {
    return actionCompletions(context, context.valuesOf(value.depth, value.key) ?? []);
  }
  if (value && RESOURCE_KEYS.has(value.key) && isStatement(context, value.depth)) {
    const facts = new TemplateFacts(input);
    const actions = context.valuesOf(value.depth, 'Action') ?? [];
    return { items: resourceCompletions(context, facts.format, facts.resources(), actions), isIncomplete: false };
  }
  const auth = authCompletions(context, new TemplateFacts(input), input.text);
  return auth ? { items: auth, isIncomplete: false } : empty;
}

/** The hover at the cursor: what an IAM action (or wildcard) in an `Action` list grants. */
export function hoverAt(input: AssistInput): AssistHover | undefined {
  const context = contextAt(input);
  if (!context) return undefined;
  const value = valueKey(context);
  if (!value || !ACTION_KEYS.has(value.key) || context.token.text === '') return undefined;
  const markdown = actionHoverMarkdown(context.token.text);
  return markdown === undefined ? undefined : { range: context.token.range, markdown };
}

function contextAt(input: AssistInput): CursorContext | undefined {
  const language = languageOf(input.path);
  if (language === 'yaml') return yamlContext(input.text, input.offset);
  if (language === 'json') return jsonContext(input.text, input.offset);
  return undefined;
}

/**
 * The key whose value the cursor is in: the last key of the path when the cursor is in its
 * value, or in an element of its list. Not when the cursor is in a key.
 */
function valueKey(context: CursorContext): { key: string; depth: number } | undefined {
  if (context.style === 'key') return undefined;
  const last = lastKey(context.path);
  if (!last) return undefined;
  const depth = context.path.length - 1;
  if (last.depth === depth) return context.style === 'item' || context.style === 'flow' ? undefined : last;
  if (last.depth === depth - 1 && context.path[depth] === '[]') return context.style === 'block' || context.style === 'inline' ? undefined : last;
  return undefined;
}

function isStatement(context: CursorContext, depth: number): boolean {
  return context.keysOf(depth).some((key) => STATEMENT_KEYS.has(key));
}
