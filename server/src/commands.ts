/**
 * `workspace/executeCommand`: text-editing commands run in the server so every LSP editor gets
 * them (STYLE.md §8).
 *
 * - `Commands.applyFixAll` `[{ uri, version }]`: every automatic fix of the document, sent back
 *   through `workspace/applyEdit`; refused when the document moved past `version`.
 * - `Commands.runScanWorkspace` `[]`: analyses every indexed file and publishes the findings of
 *   files that are not open, so they reach Problems; answers a `ScanWorkspaceResult`.
 */
import type {
  ApplyWorkspaceEditParams,
  ApplyWorkspaceEditResult,
  CancellationToken,
  TextDocuments,
  WorkDoneProgressReporter,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ScanWorkspaceResult } from '../../protocol/index';
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

function readDocumentArgument(value: unknown): { uri: string; version?: number } | undefined {
  if (typeof value === 'string') return { uri: value };
  if (typeof value !== 'object' || value === null) return undefined;
  const { uri, version } = value as Record<string, unknown>;
  if (typeof uri !== 'string') return undefined;
  return typeof version === 'number' ? { uri, version } : { uri };
}
