/**
 * `textDocument/hover`: what an IAM action in an `Action` list grants, from the engine's assist.
 */
import { MarkupKind, type Hover, type HoverParams, type Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../../rules/assist/index';
import type { Project } from '../../rules/index';
import { assistTarget, type AssistContext } from './completion';
import { describeError } from './logger';

/** The `textDocument/hover` handler. Logs and answers nothing when anything fails. */
export async function provideHover(params: HoverParams, context: AssistContext): Promise<Hover | null> {
  try {
    const target = await assistTarget(params.textDocument.uri, context);
    return target ? hoverFor(target.document, target.path, context.workspace.project, params.position) : null;
  } catch (error) {
    context.logger.error(`Computing a hover failed: ${describeError(error)}`);
    return null;
  }
}

export function hoverFor(document: TextDocument, path: string, project: Project, position: Position): Hover | null {
  const text = document.getText();
  const found = hoverAt({ path, text, offset: document.offsetAt(position), project });
  if (!found) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: found.markdown },
    range: { start: document.positionAt(found.range.start), end: document.positionAt(found.range.end) },
  };
}
