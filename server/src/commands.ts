/**
 * `workspace/executeCommand`: text-editing commands run in the server so every LSP editor gets
 * them (STYLE.md §8).
 *
 * - `Commands.applyFixAll` `[{ uri, version }]`: every automatic fix of the document, sent back
 *   through `workspace/applyEdit`; refused when the document moved past `version`.
 * - `Commands.runScanWorkspace` `[]`: analyses every indexed file and publishes the findings of
 *   files that are not open, so they reach Problems; answers a `ScanWorkspaceResult`.
 * - `Commands.runLeastPrivilegePolicy` `[{ uri, function? }]`: the least-privilege policy of a
 *   function the file defines (a template) or implements (a handler), in its template's syntax;
 *   answers a `LeastPrivilegePolicyResult` (edits nothing).
 */
import * as path from 'node:path';
import type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  CancellationToken,
  TextDocuments,
  WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LeastPrivilegePolicyResult, ScanWorkspaceResult } from '../../protocol/index';
import { functionPolicy } from '../../rules/fixes/least-privilege-policy';
import { yieldToEventLoop, type Analyser, type AnalysisResult } from './analysis';
import { fixAllEdit, FIX_ALL_TITLE, type EditContext } from './code-actions';
import type { DiagnosticProvider } from './diagnostic-provider';
import { describeError, type Logger } from './logger';
import type { StatusReporter } from './status';
import type { WorkspaceIndex } from './workspace';

export interface CommandContext extends EditContext {
  documents: TextDocuments<TextDocument>;
  workspace: WorkspaceIndex;
  analyser: Analyser;
  provider: DiagnosticProvider;
  status: StatusReporter;
  logger: Logger;
  applyEdit(params: ApplyWorkspaceEditParams): Promise<ApplyWorkspaceEditResult>;
}

export interface ApplyFixAllResult {
  applied: boolean;
  /** Why nothing was applied, when nothing was. */
  reason?: string;
}

export async function applyFixAll(args: readonly unknown[] | undefined, context: CommandContext): Promise<ApplyFixAllResult> {
  const target = readDocumentArgument(args?.[0]);
  if (!target) return { applied: false, reason: 'expected a { uri, version } argument' };
  await context.workspace.whenReady();
  const document = context.documents.get(target.uri);
  const file = context.workspace.pathOf(target.uri);
  if (!document || file === undefined) return { applied: false, reason: 'the document is not open' };
  const version = document.version;
  if (target.version !== undefined && target.version !== version) {
    return { applied: false, reason: 'the document changed since the command was issued' };
  }
  const config = await context.analyser.lintConfigFor(file, target.uri);
  if (!config) return { applied: false, reason: 'the document is not analysed' };
  // The settings request yielded: refuse edits computed for a text the user has since changed.
  if (context.documents.get(target.uri)?.version !== version) return { applied: false, reason: 'the document changed' };
  const edit = fixAllEdit(file, { config, onInternalError: context.analyser.onInternalError }, context);
  if (!edit) return { applied: false, reason: 'nothing to fix' };
  const result = await context.applyEdit({ label: FIX_ALL_TITLE, edit });
  if (!result.applied) context.logger.info(`The client did not apply the fixes: ${result.failureReason ?? 'no reason given'}`);
  return result.applied ? { applied: true } : { applied: false, reason: result.failureReason ?? 'the client refused the edit' };
}

export async function scanWorkspace(
  context: CommandContext,
  token: CancellationToken,
  progress: WorkDoneProgressReporter,
): Promise<ScanWorkspaceResult> {
  const { workspace, documents, analyser, provider, status } = context;
  await workspace.whenReady();
  const openFiles = documents
    .keys()
    .map((uri) => workspace.pathOf(uri))
    .filter((file): file is string => file !== undefined);
  const files = [...new Set([...workspace.diskPaths(), ...openFiles])];
  const result: ScanWorkspaceResult = { files: 0, findings: 0, cancelled: false };
  status.busy(`Scanning ${files.length} files`);
  progress.begin('Scanning the workspace', 0, `${files.length} files`, true);
  try {
    for (const [index, file] of files.entries()) {
      if (token.isCancellationRequested) {
        result.cancelled = true;
        break;
      }
      const uri = workspace.uriOf(file);
      if (uri === undefined) continue;
      const document = documents.get(uri);
      let outcome: AnalysisResult = { kind: 'outdated' };
      // A file edited or rewritten on disk mid-analysis is tried again once, then left for later.
      for (let attempt = 0; attempt < 2 && outcome.kind === 'outdated'; attempt++) {
        outcome = await analyser.analyse(file, {
          version: document?.version,
          scopeUri: document ? uri : workspace.folderUriOf(file),
          isCancelled: () => token.isCancellationRequested,
          outdatedWhen: 'file',
        });
      }
      if (outcome.kind !== 'done') continue;
      result.files++;
      result.findings += outcome.entry.findings.filter((finding) => !finding.suppressed).length;
      provider.publishScanned(uri, outcome.entry);
      if (index % 20 === 0) {
        progress.report(Math.round((index / Math.max(files.length, 1)) * 100), `${index}/${files.length} files`);
        await yieldToEventLoop();
      }
    }
  } catch (error) {
    context.logger.error(`Scanning the workspace failed: ${describeError(error)}`);
  } finally {
    progress.done();
    status.busy(undefined);
  }
  // Open documents are pulled by the client: ask it to pull them again, now that the index is fresh.
  if (provider.mode === 'pull') provider.revalidateOpenDocuments(undefined);
  context.logger.info(`Scanned ${result.files} files: ${result.findings} findings${result.cancelled ? ' (cancelled)' : ''}`);
  return result;
}

export async function leastPrivilegePolicy(args: readonly unknown[] | undefined, context: CommandContext): Promise<LeastPrivilegePolicyResult> {
  const argument = args?.[0];
  const uri = typeof argument === 'object' && argument !== null ? (argument as Record<string, unknown>).uri : undefined;
  const wanted = typeof argument === 'object' && argument !== null ? (argument as Record<string, unknown>).function : undefined;
  if (typeof uri !== 'string' || (wanted !== undefined && typeof wanted !== 'string')) {
    return { kind: 'error', message: 'expected a { uri, function? } argument' };
  }
  await context.workspace.whenReady();
  const file = context.workspace.pathOf(uri);
  const project = context.workspace.project;
  if (file === undefined || !project.has(file)) return { kind: 'error', message: 'The file is not analysed.' };
  const model = project.model;
  // The functions the file defines, else those whose handler it is.
  const defined = model.functions.filter((fn) => fn.file === file);
  const candidates = (defined.length > 0 ? defined : model.functionsForHandler(file)).filter((fn) => fn.platform === 'aws');
  if (candidates.length === 0) return { kind: 'error', message: 'No AWS function is defined in this file or has its handler here.' };
  const chosen = wanted === undefined ? (candidates.length === 1 ? candidates[0] : undefined) : candidates.find((fn) => fn.name === wanted);
  if (!chosen) {
    if (wanted !== undefined) return { kind: 'error', message: `No function named "${wanted}" here; the functions are: ${candidates.map((fn) => fn.name).join(', ')}.` };
    return { kind: 'choose', functions: candidates.map((fn) => fn.name).sort() };
  }
  // Paths in the text read from the template's folder, as the template names them.
  const folder = path.posix.dirname(chosen.file);
  const policy = functionPolicy(model, (each) => project.sourceFile(each), chosen, (each) => path.posix.relative(folder, each) || each);
  return { kind: 'policy', function: policy.function, language: policy.language, text: policy.text, notes: policy.notes };
}

function readDocumentArgument(value: unknown): { uri: string; version?: number } | undefined {
  if (typeof value === 'string') return { uri: value };
  if (typeof value !== 'object' || value === null) return undefined;
  const { uri, version } = value as Record<string, unknown>;
  if (typeof uri !== 'string') return undefined;
  return typeof version === 'number' ? { uri, version } : { uri };
}
