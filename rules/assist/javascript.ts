/**
 * Completion in handler code: the `authLevel` of an Azure Functions v4 HTTP trigger
 * (`app.http('name', { authLevel: '…' })`), read from the line alone since the code around the
 * cursor rarely parses while it is being typed.
 */
import { AZURE_AUTH_LEVELS, renderValues } from './auth';
import type { AssistCompletionItem } from './types';

const AUTH_LEVEL = /\bauthLevel\s*:\s*(['"`]?)([A-Za-z]*)$/;

export function javascriptCompletions(text: string, offset: number): AssistCompletionItem[] {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const match = AUTH_LEVEL.exec(text.slice(lineStart, offset));
  if (!match) return [];
  const quote = match[1] ?? '';
  const typed = match[2] ?? '';
  const start = offset - typed.length;
  let end = offset;
  while (end < text.length && /[A-Za-z]/.test(text[end] ?? '')) end++;
  return renderValues(AZURE_AUTH_LEVELS, { start, end }, quote === '' ? "'" : '');
}
