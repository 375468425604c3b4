/**
 * Findings → code actions. Each finding offers its fixes (quick fixes, the first `fix` preferred),
 * its suggestions (never preferred: they change behaviour and the user must choose), and a
 * suppression comment. Fix-all (`source.fixAll.serverlessSecurityLint`) applies every `fix` of the
 * file, re-running the rules until stable, and returns small edits.
 */
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionContext,
  type Diagnostic,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Commands, FIX_ALL_CODE_ACTION_KIND } from '../../protocol/index';
import {
  ENGINE_FINDINGS,
  fixFile,
  LineIndex,
  suppressionEdit,
  type Finding,
  type LintOptions,
  type TextEdit as EngineEdit,
} from '../../rules/index';
import type { AnalysisEntry } from './analysis';
import { DIAGNOSTIC_SOURCE, diagnosticData, findingKey } from './diagnostics';
import { minimalEdits, toWorkspaceEdit, type EditTarget, type OffsetEdit } from './text-edits';
import type { WorkspaceIndex } from './workspace';

export const FIX_ALL_TITLE = 'Fix all auto-fixable Serverless Security Lint problems';

export interface EditContext {
  workspace: WorkspaceIndex;
  documents: TextDocuments<TextDocument>;
  /** The client accepts versioned `documentChanges`. */
  useDocumentChanges: boolean;
}

/** True when the request's `only` filter lets actions of `kind` through. */
export function isRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only || only.length === 0) return kind === CodeActionKind.QuickFix;
  return only.some((wanted) => kind === wanted || kind.startsWith(`${wanted}.`));
}

/** The quick fixes for the diagnostics of `context` that came from this analysis of `uri`. */
export function quickFixes(
  uri: string,
  version: number,
  entry: AnalysisEntry,
  context: CodeActionContext,
  edits: EditContext,
): CodeAction[] {
  const byKey = new Map(entry.findings.map((finding) => [findingKey(finding), finding]));
  const fixes: CodeAction[] = [];
  const suggestions: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  const suppressed = new Set<string>();
  let anyFix = false;

  for (const diagnostic of context.diagnostics) {
    const finding = findingOf(diagnostic, byKey);
    if (!finding) continue;
    let preferred = true;
    for (const fix of finding.fixes) {
      const edit = workspaceEditOf(fix.edits, edits);
      if (!edit) continue;
      if (fix.kind === 'fix') {
        anyFix = true;
        fixes.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit, isPreferred: preferred });
        preferred = false;
      } else {
        suggestions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
      }
    }
    const suppression = suppressionAction(finding, diagnostic, edits, suppressed);
    if (suppression) suppressions.push(suppression);
  }

  const actions = [...fixes, ...suggestions, ...suppressions];
  const fixable = entry.findings.filter((finding) => !finding.suppressed && finding.fixes.some((fix) => fix.kind === 'fix'));
  // Worth offering only when there is more than the fix at hand; computed when chosen, so cheap here.
  if (anyFix && fixable.length > 1) {
    actions.push({
      title: 'Fix all auto-fixable problems in this file',
      kind: CodeActionKind.QuickFix,
      command: { title: 'Fix all auto-fixable problems in this file', command: Commands.applyFixAll, arguments: [{ uri, version }] },
    });
  }
  return actions;
}

/** "Suppress <rule> on this line", once per rule and line; none for engine findings or JSON. */
function suppressionAction(finding: Finding, diagnostic: Diagnostic, edits: EditContext, seen: Set<string>): CodeAction | undefined {
  if (ENGINE_FINDINGS[finding.ruleId]) return undefined; // a parse error is fixed, not silenced
  const source = edits.workspace.project.sourceFile(finding.file);
  if (!source) return undefined;
  const line = source.lines.positionAt(finding.range.start).line;
  const key = `${finding.ruleId}@${line}`;
  if (seen.has(key)) return undefined;
  const insertion = suppressionEdit(source, finding);
  if (!insertion) return undefined;
  const edit = workspaceEditOf([insertion], edits);
  if (!edit) return undefined;
  seen.add(key);
  return { title: `Suppress ${finding.ruleId} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function findingOf(diagnostic: Diagnostic, byKey: ReadonlyMap<string, Finding>): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnosticData(diagnostic);
  return data ? byKey.get(data.key) : undefined;
}

/** The `source.fixAll` action for a file, or undefined when nothing applies. */
export function fixAllAction(file: string, options: LintOptions, edits: EditContext): CodeAction | undefined {
  const edit = fixAllEdit(file, options, edits);
  return edit ? { title: FIX_ALL_TITLE, kind: FIX_ALL_CODE_ACTION_KIND, edit } : undefined;
}

/**
 * Every `fix` for `file`, as small edits against the current texts.
 *
 * `fixFile` changes the project it is given. Rather than copying the whole project (which would
 * re-parse every template to rebuild the model), it runs on the index itself and the original
 * texts are put back in `finally`. That is safe because `fixFile` is synchronous: no other
 * handler can run, and so observe the fixed texts, before they are restored; and `setFile` with
 * the original text leaves the project exactly as it was, apart from re-parsing the changed files.
 */
export function fixAllEdit(file: string, options: LintOptions, edits: EditContext): WorkspaceEdit | undefined {
  const { project } = edits.workspace;
  const originals = new Map<string, string>();
  for (const path of project.paths) {
    const text = project.text(path);
    if (text !== undefined) originals.set(path, text);
  }
  let changed: Map<string, string>;
  try {
    changed = fixFile(project, file, options).changed;
  } finally {
    for (const [path, text] of originals) if (project.text(path) !== text) project.setFile(path, text);
  }
  const byFile = new Map<string, OffsetEdit[]>();
  for (const [path, after] of changed) {
    const before = originals.get(path);
    if (before !== undefined) byFile.set(path, minimalEdits(before, after));
  }
  return toWorkspaceEdit(byFile, (path) => editTarget(path, edits, originals.get(path)), edits.useDocumentChanges);
}

function workspaceEditOf(engineEdits: readonly EngineEdit[], edits: EditContext): WorkspaceEdit | undefined {
  const byFile = new Map<string, OffsetEdit[]>();
  for (const edit of engineEdits) {
    const list = byFile.get(edit.file) ?? [];
    list.push({ range: edit.range, text: edit.text });
    byFile.set(edit.file, list);
  }
  return toWorkspaceEdit(byFile, (path) => editTarget(path, edits, undefined), edits.useDocumentChanges);
}

/** Addresses a file: an open document by its version; any other indexed file by its disk text. */
function editTarget(file: string, edits: EditContext, text: string | undefined): EditTarget | undefined {
  const uri = edits.workspace.uriOf(file);
  if (uri === undefined) return undefined;
  const document = edits.documents.get(uri);
  if (document) return { uri, version: document.version, positions: document };
  if (text !== undefined) return { uri, version: null, positions: new LineIndex(text) };
  const lines = edits.workspace.project.sourceFile(file)?.lines;
  return lines ? { uri, version: null, positions: lines } : undefined;
}
