/**
 * `textDocument/completion`: the engine's assist (`rules/assist`) computes plain items from the
 * document's text; this module only converts offsets to positions and items to LSP.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Position,
  type Range,
  type TextDocuments,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt, type AssistCompletionItem, type AssistItemKind } from '../../rules/assist/index';
import type { Project } from '../../rules/index';
import { describeError, type Logger } from './logger';
import type { SettingsStore } from './settings';
import type { WorkspaceIndex } from './workspace';

/**
 * `:` opens a service's actions (`s3:`) and follows `authorizer`/`Auth`/`authLevel`; quotes open
 * JSON strings and handler string literals.
 */
export const COMPLETION_TRIGGER_CHARACTERS = [':', '"', "'"];

/** Reopens the suggestions once a service prefix is inserted, so its actions follow at once. */
const TRIGGER_SUGGEST = { title: 'Suggest actions', command: 'editor.action.triggerSuggest' };

const KINDS: Record<AssistItemKind, CompletionItemKind> = {
  service: CompletionItemKind.Module,
  action: CompletionItemKind.Function,
  resource: CompletionItemKind.Reference,
  arn: CompletionItemKind.Constant,
  value: CompletionItemKind.EnumMember,
  block: CompletionItemKind.Snippet,
};

/** What the completion and hover handlers read; filled in once the client has initialised. */
export interface AssistContext {
  documents: TextDocuments<TextDocument>;
  workspace: WorkspaceIndex;
  settings: SettingsStore;
  logger: Logger;
  capabilities: ClientCapabilities;
}

/**
 * An open document the assist may answer for (analysable, not switched off by the settings), as
 * it was when the request came: the request's position refers to that text, and an edit may
 * arrive while the settings are fetched.
 */
export async function assistTarget(uri: string, context: AssistContext): Promise<{ document: TextDocument; path: string } | undefined> {
  const open = context.documents.get(uri);
  const path = context.workspace.pathOf(uri);
  if (!open || path === undefined) return undefined;
  const document = TextDocument.create(open.uri, open.languageId, open.version, open.getText());
  const settings = await context.settings.get(uri);
  return settings.enable ? { document, path } : undefined;
}

/** The `textDocument/completion` handler. Logs and answers nothing when anything fails. */
export async function provideCompletions(params: CompletionParams, context: AssistContext): Promise<CompletionList | null> {
  try {
    const target = await assistTarget(params.textDocument.uri, context);
    if (!target) return null;
    const insertReplace = context.capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport === true;
    return completionList(target.document, target.path, context.workspace.project, params.position, { insertReplace });
  } catch (error) {
    context.logger.error(`Computing completions failed: ${describeError(error)}`);
    return null;
  }
}

export interface CompletionOptions {
  /** The client accepts `InsertReplaceEdit` (insert up to the cursor, or replace the whole word). */
  insertReplace: boolean;
}

/**
 * The completion list at `position`. `path` is the document's engine path; `project` holds the
 * workspace's parsed files (used when its copy of the document is current).
 */
export function completionList(
  document: TextDocument,
  path: string,
  project: Project,
  position: Position,
  options: CompletionOptions,
): CompletionList {
  const text = document.getText();
  const offset = document.offsetAt(position);
  const result = completionsAt({ path, text, offset, project });
  return {
    isIncomplete: result.isIncomplete,
    items: result.items.map((item) => toCompletionItem(item, document, offset, options)),
  };
}

export function toCompletionItem(item: AssistCompletionItem, document: TextDocument, offset: number, options: CompletionOptions): CompletionItem {
  // The range must hold the cursor (LSP): clamp a range computed around it.
  const start = Math.min(item.range.start, offset);
  const end = Math.max(item.range.end, offset);
  const replace: Range = { start: document.positionAt(start), end: document.positionAt(end) };
  const cursor = document.positionAt(offset);
  const result: CompletionItem = {
    label: item.label,
    kind: KINDS[item.kind],
    textEdit: options.insertReplace && end > offset ? { newText: item.insertText, insert: { start: replace.start, end: cursor }, replace } : { newText: item.insertText, range: replace },
    insertTextFormat: item.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Multi-line inserts carry their own indentation.
    insertTextMode: InsertTextMode.asIs,
  };
  if (item.detail !== undefined) result.detail = item.detail;
  if (item.documentation !== undefined) result.documentation = { kind: MarkupKind.Markdown, value: item.documentation };
  if (item.filterText !== undefined) result.filterText = item.filterText;
  if (item.sortText !== undefined) result.sortText = item.sortText;
  if (item.retrigger) result.command = TRIGGER_SUGGEST;
  if (item.additionalEdits) {
    result.additionalTextEdits = item.additionalEdits.map((edit) => ({
      range: { start: document.positionAt(edit.range.start), end: document.positionAt(edit.range.end) },
      newText: edit.text,
    }));
  }
  return result;
}
