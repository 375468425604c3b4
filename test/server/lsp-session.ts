/**
 * A real LSP client for protocol tests: starts the bundled server (`server/out/server.js`) as a
 * child process over `--stdio` and talks JSON-RPC to it. Every wait is bounded and fails with a
 * message naming what was awaited plus the server's recent log, never a bare mocha timeout.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  CodeActionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { STATUS_NOTIFICATION, type Settings, type StatusParams } from '../../protocol/index';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Overridable to test another build (a packaged one, say). */
export const SERVER_BUNDLE = process.env.SERVERLESS_SECURITY_LINT_SERVER ?? path.join(ROOT, 'server', 'out', 'server.js');
/** What the bundle is built from: a change in any of them makes it stale. */
const SOURCES = ['server/src', 'rules', 'host', 'protocol', 'package.json', 'esbuild.mjs'];

export const WAIT_MS = 10_000;

/**
 * Builds the bundle when it is missing or older than a source it contains. `npm test` builds
 * first, so this only matters when the server tests are run on their own.
 */
export function ensureBundle(): void {
  if (process.env.SERVERLESS_SECURITY_LINT_SERVER) return;
  const built = fs.existsSync(SERVER_BUNDLE) ? fs.statSync(SERVER_BUNDLE).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map((source) => newestMtime(path.join(ROOT, source))));
  if (built >= newest) return;
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'pipe', timeout: 120_000 });
}

function newestMtime(entry: string): number {
  const stats = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

/** Rejects with `what` when `promise` takes longer than `ms`. */
export async function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS, context?: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}${context ? `\n${context()}` : ''}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A workspace folder on disk, removed by `dispose`. */
export class TempWorkspace {
  readonly root: string;

  constructor(files: Record<string, string>) {
    this.root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ssl-server-')));
    for (const [name, text] of Object.entries(files)) this.write(name, text);
  }

  path(name: string): string {
    return path.join(this.root, name);
  }

  uri(name: string): string {
    return pathToFileURL(this.path(name)).href;
  }

  write(name: string, text: string): void {
    const file = this.path(name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export interface SessionOptions {
  workspace: TempWorkspace;
  /** Advertise pull diagnostics (`textDocument.diagnostic`); push otherwise. */
  pull: boolean;
  /** What `workspace/configuration` answers for the settings section (raw values, as a user writes them). */
  settings?: Partial<Settings> & Record<string, unknown>;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
}

type Listener = (method: string, params: unknown) => void;

export class LspSession {
  readonly connection: ProtocolConnection;
  initializeResult: InitializeResult | undefined;
  /** `workspace/diagnostic/refresh` requests received. */
  refreshes = 0;
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  private readonly logs: string[] = [];
  private stderr = '';
  private readonly listeners = new Set<Listener>();
  private exited = false;
  private disposing = false;
  /** Rejects when the server exits on its own, so waits fail at once with its stderr. */
  private readonly died: Promise<never>;
  private readonly versions = new Map<string, number>();

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly options: SessionOptions,
  ) {
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.died = new Promise<never>((_, reject) => {
      child.on('exit', (code, signal) => {
        this.exited = true;
        if (!this.disposing) reject(new Error(`the server exited (code ${code}, signal ${signal})\n${this.describe()}`));
      });
    });
    this.died.catch(() => undefined); // observed through the waits that race it
    const settings = { enable: true, rules: {}, debounceMs: 20, ...options.settings };
    this.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      this.emit(DiagnosticRefreshRequest.method, undefined);
    });
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      this.appliedEdits.push(params);
      return { applied: true };
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.emit(PublishDiagnosticsNotification.method, params));
    this.connection.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => this.emit(STATUS_NOTIFICATION, params));
    this.connection.listen();
  }

  static async start(options: SessionOptions): Promise<LspSession> {
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], {
      cwd: options.workspace.root,
      stdio: 'pipe',
      ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    });
    const session = new LspSession(child, options);
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        workspaceEdit: { documentChanges: true },
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          dataSupport: true,
        },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      },
      window: { workDoneProgress: true },
    };
    session.initializeResult = await session.request(
      InitializeRequest.type.method,
      {
        processId: process.pid,
        rootUri: pathToFileURL(options.workspace.root).href,
        capabilities,
        workspaceFolders: [{ uri: pathToFileURL(options.workspace.root).href, name: 'test' }],
      },
      'the initialize response',
    );
    await session.connection.sendNotification(InitializedNotification.type, {});
    return session;
  }

  /** Sends a request and awaits its answer, bounded. */
  async request<R>(method: string, params: unknown, what: string, ms = WAIT_MS): Promise<R> {
    return within(Promise.race([this.connection.sendRequest<R>(method, params), this.died]), what, ms, () => this.describe());
  }

  /**
   * The next notification of `method` matching `accept`. Call it BEFORE the action that causes
   * it (keep the promise, act, then await it), so an early notification is not missed.
   */
  next<P>(method: string, accept: (params: P) => boolean, what: string, ms = WAIT_MS): Promise<P> {
    let listener: Listener | undefined;
    const promise = new Promise<P>((resolve) => {
      listener = (received, params) => {
        if (received !== method || !accept(params as P)) return;
        this.listeners.delete(listener!);
        resolve(params as P);
      };
      this.listeners.add(listener);
    });
    return within(Promise.race([promise, this.died]), what, ms, () => this.describe()).finally(() => this.listeners.delete(listener!));
  }

  /** Records every notification of `method` until `stop` is called. */
  record<P>(method: string): { items: P[]; stop(): void } {
    const items: P[] = [];
    const listener: Listener = (received, params) => {
      if (received === method) items.push(params as P);
    };
    this.listeners.add(listener);
    return { items, stop: () => this.listeners.delete(listener) };
  }

  nextPublish(uri: string, accept: (params: PublishDiagnosticsParams) => boolean, what: string): Promise<PublishDiagnosticsParams> {
    return this.next<PublishDiagnosticsParams>(PublishDiagnosticsNotification.method, (params) => params.uri === uri && accept(params), what);
  }

  nextStatus(accept: (params: StatusParams) => boolean, what: string): Promise<StatusParams> {
    return this.next<StatusParams>(STATUS_NOTIFICATION, accept, what);
  }

  nextRefresh(what: string): Promise<unknown> {
    return this.next<unknown>(DiagnosticRefreshRequest.method, () => true, what);
  }

  async open(uri: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: languageIdOf(uri), version: 1, text },
    });
  }

  /** Replaces the whole text (a full-document content change); returns the new version. */
  async change(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
    return version;
  }

  /** An incremental change of one range; returns the new version. */
  async edit(uri: string, range: Range, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range, text }],
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.versions.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Pulls diagnostics and expects a full report. */
  async pull(uri: string): Promise<Diagnostic[]> {
    const report = await this.request<DocumentDiagnosticReport>(
      DocumentDiagnosticRequest.method,
      { textDocument: { uri } },
      `pulled diagnostics for ${path.basename(uri)}`,
    );
    if (report.kind !== 'full') throw new Error(`expected a full report for ${uri}, got ${report.kind}`);
    return report.items;
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<(CodeAction | Command)[]> {
    const result = await this.request<(CodeAction | Command)[] | null>(
      CodeActionRequest.method,
      { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } },
      `code actions for ${path.basename(uri)}`,
    );
    return result ?? [];
  }

  executeCommand<R>(command: string, args: unknown[], what: string, ms = WAIT_MS): Promise<R> {
    return this.request<R>(ExecuteCommandRequest.method, { command, arguments: args }, what, ms);
  }

  /** Every `window/logMessage` text received so far. */
  get logMessages(): readonly string[] {
    return this.logs;
  }

  /** Kills the server process outright (SIGKILL), as a crash would end it, and waits for it to be gone. */
  async kill(): Promise<void> {
    this.disposing = true;
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
      this.child.kill('SIGKILL');
      await within(exited, 'the killed server to exit', WAIT_MS);
    }
    this.connection.dispose();
  }

  /** Shuts the server down politely, then makes sure the process is gone. */
  async dispose(): Promise<void> {
    this.disposing = true;
    try {
      if (!this.exited) {
        await within(this.connection.sendRequest(ShutdownRequest.type), 'the shutdown response', 3000);
        await this.connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // A server that does not answer is killed below.
    } finally {
      this.connection.dispose();
      if (!this.exited) this.child.kill();
    }
  }

  private emit(method: string, params: unknown): void {
    for (const listener of [...this.listeners]) listener(method, params);
  }

  private describe(): string {
    const logs = this.logs.slice(-15).join('\n');
    return `server ${this.exited ? 'has exited' : 'is running'} (${this.options.pull ? 'pull' : 'push'} mode)\n--- server log ---\n${logs}\n--- stderr ---\n${this.stderr.slice(-2000)}`;
  }
}

function languageIdOf(uri: string): string {
  if (/\.ya?ml$/.test(uri)) return 'yaml';
  if (/\.json$/.test(uri)) return 'json';
  if (/\.tsx?$/.test(uri)) return 'typescript';
  return 'javascript';
}

/** The 0-based LSP range of the first occurrence of `needle` in `text` (after `after`, if given). */
export function rangeOf(text: string, needle: string, after = ''): Range {
  const from = after ? text.indexOf(after) : 0;
  const start = text.indexOf(needle, from < 0 ? 0 : from);
  if (start < 0) throw new Error(`"${needle}" is not in the text`);
  return { start: positionOf(text, start), end: positionOf(text, start + needle.length) };
}

export function positionOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length - 1, character: (before[before.length - 1] ?? '').length };
}
