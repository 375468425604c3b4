/**
 * When diagnostics are computed and how they reach the client.
 *
 * - Pull (the client advertises `textDocument.diagnostic`): the client asks per document and
 *   re-asks as the text moves on; we answer from the (file, version) cache when nothing changed.
 * - Push (other clients): a per-URI debounce, a result is published only if the document is still
 *   at the version analysed, closing a document publishes an empty list.
 * - Cross-file: a template or handler change may change other files' findings: `refresh` (pull)
 *   or re-schedule the open documents (push).
 * - Files reported by the workspace scan that are not open are published (push) in both modes:
 *   with `workspaceDiagnostics: false` that is the only way their findings reach Problems.
 */
import {
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Diagnostic,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticParams,
  type DocumentDiagnosticReport,
  type PublishDiagnosticsParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOf } from '../../rules/index';
import type { AnalysisEntry, AnalysisResult, Analyser } from './analysis';
import { toDiagnostics, type FileLocator, type PositionSource } from './diagnostics';
import { describeError, type Logger } from './logger';
import type { SettingsStore } from './settings';
import type { WorkspaceIndex } from './workspace';

export interface DiagnosticChannel {
  /** Pull mode when the client can ask for diagnostics itself. */
  mode: 'pull' | 'push';
  publish(params: PublishDiagnosticsParams): void;
  /** `workspace/diagnostic/refresh`, when the client supports it. */
  refresh: (() => Promise<void>) | undefined;
}

type PullReport = DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>;

/** A pull whose project keeps changing under it is retried this often before asking the client to retry. */
const PULL_ATTEMPTS = 3;
/** Cross-file refreshes wait for typing to pause: every refresh re-pulls every visible document. */
const REFRESH_DELAY_MS = 300;

export class DiagnosticProvider {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, { cancelled: boolean }>();
  /** URIs the workspace scan published for: kept current while they are not open. */
  private readonly scanned = new Set<string>();
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Unopened files waiting to be re-published, in order; drained by one loop. */
  private readonly background = new Set<string>();
  private draining = false;

  constructor(
    private readonly channel: DiagnosticChannel,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly workspace: WorkspaceIndex,
    private readonly analyser: Analyser,
    private readonly settings: SettingsStore,
    private readonly logger: Logger,
  ) {}

  get mode(): 'pull' | 'push' {
    return this.channel.mode;
  }

  /** `textDocument/diagnostic`. Never rejects. */
  async pull(params: DocumentDiagnosticParams, token: CancellationToken): Promise<PullReport> {
    const uri = params.textDocument.uri;
    try {
      await this.workspace.whenReady();
      for (let attempt = 0; attempt < PULL_ATTEMPTS; attempt++) {
        if (token.isCancellationRequested) return cancelled();
        const version = this.documents.get(uri)?.version;
        const file = this.workspace.pathOf(uri);
        if (file === undefined || !this.workspace.project.has(file)) return { kind: 'full', items: [] };
        const result = await this.analyser.analyse(file, {
          version,
          scopeUri: uri,
          isCancelled: () => token.isCancellationRequested,
        });
        if (result.kind === 'cancelled') return cancelled();
        if (result.kind === 'outdated') {
          // The document itself moved on: the client asks again for the new version.
          if (this.documents.get(uri)?.version !== version) return serverCancelled('The document changed during the analysis');
          continue;
        }
        const { entry } = result;
        if (params.previousResultId !== undefined && params.previousResultId === entry.resultId) {
          return { kind: 'unchanged', resultId: entry.resultId };
        }
        return { kind: 'full', resultId: entry.resultId, items: this.diagnosticsOf(uri, entry) };
      }
      return serverCancelled('The workspace kept changing during the analysis');
    } catch (error) {
      this.logger.error(`Computing diagnostics for ${uri} failed: ${describeError(error)}`);
      return { kind: 'full', items: [] };
    }
  }

  /**
   * The findings of exactly this document version, for code actions: from the cache, or computed
   * now if the project moved on since the last pull. Undefined if the version is not current.
   */
  async findingsFor(uri: string, version: number, token: CancellationToken): Promise<AnalysisEntry | undefined> {
    await this.workspace.whenReady();
    const document = this.documents.get(uri);
    const file = this.workspace.pathOf(uri);
    if (!document || document.version !== version || file === undefined) return undefined;
    const result = await this.analyser.analyse(file, { version, scopeUri: uri, isCancelled: () => token.isCancellationRequested });
    if (result.kind !== 'done' || this.documents.get(uri)?.version !== version) return undefined;
    return result.entry;
  }

  /** A document was opened; `changedFile` is its path when its text differs from the index's. */
  documentOpened(uri: string, changedFile: string | undefined): void {
    if (this.mode === 'push') this.schedule(uri, 0);
    // The pull result takes over from the scan's push result: clear it, or Problems shows both.
    else if (this.scanned.has(uri)) this.channel.publish({ uri, diagnostics: [] });
    if (changedFile !== undefined) this.projectChanged([changedFile], uri);
  }

  /** An open document's text changed (`path` is its engine path). */
  documentChanged(uri: string, file: string): void {
    if (this.mode === 'push') this.schedule(uri);
    this.projectChanged([file], uri);
  }

  documentClosed(uri: string, file: string | undefined): void {
    this.cancel(uri);
    if (file !== undefined) this.analyser.forget(file);
    if (this.scanned.has(uri)) {
      // Back to the disk text: show what the scan would show for it.
      this.schedule(uri, 0);
    } else if (this.mode === 'push') {
      this.channel.publish({ uri, diagnostics: [] });
    }
  }

  /**
   * Texts of `files` changed (edits, disk events). Other files' findings may depend on them:
   * handlers decide which IAM actions a template needs, templates make a file a handler.
   */
  projectChanged(files: readonly string[], changedUri?: string): void {
    for (const file of files) {
      const uri = this.workspace.uriOf(file);
      if (uri !== undefined && uri !== changedUri && this.scanned.has(uri) && !this.documents.get(uri)) this.schedule(uri);
    }
    if (!files.some((file) => languageOf(file) !== 'text')) return; // .env and the like stand alone
    this.revalidateOpenDocuments(changedUri);
  }

  /** Settings or a configuration file changed: every result may differ. */
  everythingChanged(): void {
    this.revalidateOpenDocuments(undefined);
    for (const uri of this.scanned) if (!this.documents.get(uri)) this.schedule(uri);
  }

  /** Publishes the scan's result for a file that is not open (or, in push mode, is). */
  publishScanned(uri: string, entry: AnalysisEntry): void {
    this.scanned.add(uri);
    const document = this.documents.get(uri);
    if (document && this.mode === 'pull') return;
    if (document && document.version !== entry.version) return;
    this.channel.publish({
      uri,
      ...(document ? { version: document.version } : {}),
      diagnostics: this.diagnosticsOf(uri, entry),
    });
  }

  /** Re-validates the open documents (but `exceptUri`): a refresh request (pull) or a re-schedule (push). */
  revalidateOpenDocuments(exceptUri: string | undefined): void {
    const others = this.documents.keys().filter((uri) => uri !== exceptUri);
    if (others.length === 0) return;
    if (this.mode === 'push') {
      for (const uri of others) this.schedule(uri);
      return;
    }
    const refresh = this.channel.refresh;
    if (!refresh) return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      refresh().catch((error: unknown) => this.logger.warn(`Refreshing diagnostics failed: ${describeError(error)}`));
    }, REFRESH_DELAY_MS);
  }

  /** The diagnostics of an analysis, positioned in the text that was analysed. */
  diagnosticsOf(uri: string, entry: AnalysisEntry): Diagnostic[] {
    const positions: PositionSource | undefined = this.documents.get(uri) ?? this.workspace.project.sourceFile(entry.file)?.lines;
    if (!positions) return [];
    return toDiagnostics(entry.findings, positions, this.locator);
  }

  /** Where related locations point: open documents by their URI and text, others from the index. */
  readonly locator: FileLocator = (file) => {
    const uri = this.workspace.uriOf(file);
    if (uri === undefined) return undefined;
    const positions = this.documents.get(uri) ?? this.workspace.project.sourceFile(file)?.lines;
    return positions ? { uri, positions } : undefined;
  };

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.background.clear();
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const run of this.running.values()) run.cancelled = true;
  }

  /**
   * Debounces a publish for an open document; a newer request cancels the one in flight. Files
   * that are not open (scanned ones) go to a queue analysed one at a time, so a settings change
   * does not start an analysis of every scanned file at once.
   */
  private schedule(uri: string, delay?: number): void {
    this.cancel(uri);
    if (!this.documents.get(uri)) {
      this.background.add(uri);
      if (!this.draining) void this.drain();
      return;
    }
    const wait = delay ?? this.settings.peek(uri).debounceMs;
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.publish(uri);
      }, wait),
    );
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      for (let next = first(this.background); next !== undefined; next = first(this.background)) {
        this.background.delete(next);
        await this.publish(next);
      }
    } finally {
      this.draining = false;
    }
  }

  private cancel(uri: string): void {
    this.background.delete(uri);
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    const run = this.running.get(uri);
    if (run) run.cancelled = true;
    this.running.delete(uri);
  }

  private async publish(uri: string): Promise<void> {
    const run = { cancelled: false };
    this.running.set(uri, run);
    try {
      await this.workspace.whenReady();
      const document = this.documents.get(uri);
      // Open documents are pulled by the client in pull mode; closed ones only matter if scanned.
      if (document ? this.mode === 'pull' : !this.scanned.has(uri)) return;
      const file = this.workspace.pathOf(uri);
      if (file === undefined) return;
      if (!this.workspace.project.has(file)) {
        this.channel.publish({ uri, diagnostics: [] });
        return;
      }
      const version = document?.version;
      const result: AnalysisResult = await this.analyser.analyse(file, {
        version,
        scopeUri: document ? uri : this.workspace.folderUriOf(file),
        isCancelled: () => run.cancelled,
        outdatedWhen: document ? 'project' : 'file',
      });
      if (run.cancelled) return;
      if (result.kind === 'outdated') {
        this.schedule(uri);
        return;
      }
      if (result.kind !== 'done') return;
      const now = this.documents.get(uri);
      // Never publish for an older version: the user would see findings at shifted positions.
      if (now?.version !== version) return;
      this.channel.publish({ uri, ...(now ? { version } : {}), diagnostics: this.diagnosticsOf(uri, result.entry) });
    } catch (error) {
      this.logger.error(`Publishing diagnostics for ${uri} failed: ${describeError(error)}`);
    } finally {
      if (this.running.get(uri) === run) this.running.delete(uri);
    }
  }
}

function cancelled(): ResponseError<DiagnosticServerCancellationData> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled', { retriggerRequest: false });
}

/** The server gave up on its own: the client should simply ask again. */
function serverCancelled(message: string): ResponseError<DiagnosticServerCancellationData> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, message, { retriggerRequest: true });
}

function first<T>(set: ReadonlySet<T>): T | undefined {
  for (const item of set) return item;
  return undefined;
}
