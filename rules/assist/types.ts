/**
 * What completion and hover return: plain data with engine offsets. The language server turns it
 * into LSP items; nothing here knows about the protocol.
 */
import type { Range } from '../engine/types';

export type AssistItemKind =
  | 'service' // an IAM service prefix (`s3:`), leading to its actions
  | 'action' // an IAM action
  | 'resource' // a reference to a resource of the template (`!GetAtt Table.Arn`)
  | 'arn' // an ARN format from the IAM data, with placeholders
  | 'value' // one of a setting's valid values (`aws_iam`, `function`)
  | 'block'; // a small block of settings (an authorizer's map)

export interface AssistCompletionItem {
  label: string;
  kind: AssistItemKind;
  /** One line shown beside the label (the access level, the resource type). */
  detail?: string;
  /** Markdown shown when the item is focused. */
  documentation?: string;
  /** The text to insert; VS Code snippet syntax when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  /** The text the item replaces: from the start of what was typed to the end of the scalar. */
  range: Range;
  /** What the editor matches the typed text against, when not the label. */
  filterText?: string;
  sortText?: string;
  /** Ask for completions again once inserted (a service prefix, then its actions). */
  retrigger?: boolean;
  /** Edits elsewhere on the line, made with the insert (dropping the space a block leaves behind). */
  additionalEdits?: { range: Range; text: string }[];
}

export interface AssistCompletionList {
  items: AssistCompletionItem[];
  /** True when typing on should ask again rather than filter this list (service prefixes). */
  isIncomplete: boolean;
}

export interface AssistHover {
  range: Range;
  markdown: string;
}
