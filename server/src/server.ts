/**
 * The language server's entry: the connection, the open documents, and thin handlers over the
 * workspace index and the engine (see server/README.md for the pieces).
 *
 * Started by the VS Code client over IPC (`--node-ipc`), and by other editors through
 * `serverless-security-lint-server --stdio`.
 */
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  Message,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type CodeAction,
  type InitializeParams,
  type InitializeResult,
  type ResponseMessage,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRequire } from 'node:module';
import { version } from '../../package.json';
import { Commands, FIX_ALL_CODE_ACTION_KIND, SETTINGS_SECTION } from '../../protocol/index';
import { SCANNED_PATTERNS } from '../../host/discover';
import { ALL_RULES, CONFIG_FILE_NAMES, type Rule } from '../../rules/index';
import { Analyser } from './analysis';
import { fixAllAction, isRequested, quickFixes, type EditContext } from './code-actions';
import { COMPLETION_TRIGGER_CHARACTERS, provideCompletions, type AssistContext } from './completion';
import { applyFixAll, leastPrivilegePolicy, scanWorkspace, type CommandContext } from './commands';
import { DiagnosticProvider } from './diagnostic-provider';
import { provideHover } from './hover';
import { describeError, type Logger } from './logger';
import { SettingsStore } from './settings';
import { statusSender, StatusReporter } from './status';
import { transportError, usage } from './usage';
import { WorkspaceIndex, type FileChangeKind } from './workspace';

const SERVER_NAME = 'serverless-security-lint';
const SERVER_VERSION: string = version;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(usage());
  process.exit(0);
}
const missingTransport = transportError(process.argv.slice(2));
if (missingTransport) {
  process.stderr.write(`${missingTransport}\n\n${usage()}`);
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all, {
  connectionStrategy: {
    // A code-action request cancelled while still queued is answered empty: the client has moved on.
    cancelUndispatched: (message: Message) => {
      if (!Message.isRequest(message) || message.method !== 'textDocument/codeAction') return undefined;
      const response: ResponseMessage = { jsonrpc: message.jsonrpc, id: message.id, result: null };
      return response;
    },
  },
});

const logger: Logger = connection.console;
const documents = new TextDocuments(TextDocument);
const workspace = new WorkspaceIndex(logger);
const status = new StatusReporter(statusSender((method, params) => void connection.sendNotification(method, params)));

// Filled in by `initialize`: what the server does depends on what the client can do.
let settings: SettingsStore;
let analyser: Analyser;
let provider: DiagnosticProvider;
let editContext: EditContext;
let commandContext: CommandContext;
let capabilities: ClientCapabilities = {};
let startupFolders: WorkspaceFolder[] = [];

connection.onInitialize((params: InitializeParams): InitializeResult => {
  capabilities = params.capabilities;
  const pull = capabilities.textDocument?.diagnostic !== undefined;
  const canAskConfiguration = capabilities.workspace?.configuration === true;
  const canRefresh = capabilities.workspace?.diagnostics?.refreshSupport === true;

  settings = new SettingsStore(
    canAskConfiguration
      ? async (scopeUri) => {
          const [value] = (await connection.workspace.getConfiguration([{ ...(scopeUri ? { scopeUri } : {}), section: SETTINGS_SECTION }])) as unknown[];
          return value;
        }
      : undefined,
    logger,
  );
  analyser = new Analyser(workspace, settings, status, logger, [...ALL_RULES, ...testRules()]);
  provider = new DiagnosticProvider(
    {
      mode: pull ? 'pull' : 'push',
      publish: (diagnostics) => void connection.sendDiagnostics(diagnostics),
      refresh: canRefresh ? () => connection.languages.diagnostics.refresh() : undefined,
    },
    documents,
    workspace,
    analyser,
    settings,
    logger,
  );
  editContext = {
    workspace,
    documents,
    useDocumentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
  };
  commandContext = {
    ...editContext,
    analyser,
    provider,
    status,
    logger,
    applyEdit: (edit) => connection.workspace.applyEdit(edit),
  };
  startupFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);

  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_CODE_ACTION_KIND], resolveProvider: false },
      executeCommandProvider: { commands: [Commands.applyFixAll, Commands.runScanWorkspace, Commands.runLeastPrivilegePolicy] },
      completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: false },
      hoverProvider: true,
      ...(pull
        ? { diagnosticProvider: { identifier: SERVER_NAME, interFileDependencies: true, workspaceDiagnostics: false } }
        : {}),
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
});

connection.onInitialized(() => {
  void registerForChanges();
  void indexStartupFolders();
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      void (async () => {
        try {
          for (const folder of event.removed) workspace.removeFolder(folder.uri);
          for (const folder of event.added) await workspace.addFolder(folder);
          provider.everythingChanged();
        } catch (error) {
          logger.error(`Updating the workspace folders failed: ${describeError(error)}`);
        }
      })();
    });
  }
});

/** Configuration changes, and the files the index mirrors, when the client lets us register. */
async function registerForChanges(): Promise<void> {
  try {
    if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
      await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
    }
    // The server owns what it watches, so any editor keeps unopened files current.
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      const globs = [...SCANNED_PATTERNS, ...CONFIG_FILE_NAMES.map((name) => `**/${name}`)];
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: globs.map((globPattern) => ({ globPattern })),
      });
    }
  } catch (error) {
    logger.warn(`Registering for change notifications failed: ${describeError(error)}`);
  }
}

async function indexStartupFolders(): Promise<void> {
  status.busy('Indexing the workspace');
  try {
    const count = await workspace.indexInitialFolders(startupFolders);
    logger.info(`Serverless Security Lint ${SERVER_VERSION}: ${count} files indexed, ${provider.mode} diagnostics`);
  } catch (error) {
    logger.error(`Indexing the workspace failed: ${describeError(error)}`);
  } finally {
    // Requests wait for this point, so nothing was analysed against a partial index.
    status.busy(undefined);
  }
}

/** `onDidOpen` fires just before the first `onDidChangeContent`; an open is analysed at once, not debounced. */
const opening = new Set<string>();

documents.onDidOpen(({ document }) => opening.add(document.uri));

documents.onDidChangeContent(({ document }) =>
  guard('didChange', () => {
    const opened = opening.delete(document.uri);
    const update = workspace.documentChanged(document.uri, document.languageId, document.getText());
    if (opened) provider.documentOpened(document.uri, update?.changed ? update.path : undefined);
    else if (update?.changed) provider.documentChanged(document.uri, update.path);
  }),
);

documents.onDidClose(({ document }) =>
  guard('didClose', () => {
    const file = workspace.pathOf(document.uri);
    provider.documentClosed(document.uri, file);
    settings.forget(document.uri);
    if (file !== undefined) status.forget(file);
    void workspace.documentClosed(document.uri).then(
      (changed) => {
        if (changed !== undefined) provider.projectChanged([changed]);
      },
      (error: unknown) => logger.error(`Closing ${document.uri} failed: ${describeError(error)}`),
    );
  }),
);

connection.onDidChangeWatchedFiles((params) => {
  void (async () => {
    try {
      await workspace.whenReady();
      let configChanged = false;
      const changed: string[] = [];
      for (const change of params.changes) {
        const outcome = await workspace.fileChanged(change.uri, changeKind(change.type));
        configChanged ||= outcome.configChanged;
        changed.push(...outcome.changed);
      }
      if (configChanged) provider.everythingChanged();
      else if (changed.length > 0) provider.projectChanged(changed);
    } catch (error) {
      logger.error(`Handling file changes failed: ${describeError(error)}`);
    }
  })();
});

connection.onDidChangeConfiguration((params) =>
  guard('didChangeConfiguration', () => {
    const pushed: unknown = (params.settings as Record<string, unknown> | null | undefined)?.[SETTINGS_SECTION];
    settings.changed(pushed);
    provider.everythingChanged();
  }),
);

connection.languages.diagnostics.on((params, token) => provider.pull(params, token));

connection.onCodeAction(async (params, token) => {
  try {
    const uri = params.textDocument.uri;
    const document = documents.get(uri);
    if (!document) return [];
    const version = document.version;
    const wantsQuickFixes = isRequested(params.context.only, CodeActionKind.QuickFix);
    const wantsFixAll = params.context.only !== undefined && isRequested(params.context.only, FIX_ALL_CODE_ACTION_KIND);
    const actions: CodeAction[] = [];
    if (wantsQuickFixes && params.context.diagnostics.length > 0) {
      const entry = await provider.findingsFor(uri, version, token);
      // If the text moved on while we looked, the edits would land in the wrong place: offer nothing.
      if (entry && documents.get(uri)?.version === version) actions.push(...quickFixes(uri, version, entry, params.context, editContext));
    }
    if (wantsFixAll && !token.isCancellationRequested) {
      const file = workspace.pathOf(uri);
      const config = file === undefined ? undefined : await analyser.lintConfigFor(file, uri);
      if (file !== undefined && config && documents.get(uri)?.version === version) {
        const action = fixAllAction(file, { config, onInternalError: analyser.onInternalError }, editContext);
        if (action) actions.push(action);
      }
    }
    return actions;
  } catch (error) {
    logger.error(`Computing code actions failed: ${describeError(error)}`);
    return [];
  }
});

// Completion and hover read the open document's text; `settings` is set by `initialize`.
const assistContext = (): AssistContext => ({ documents, workspace, settings, logger, capabilities });
connection.onCompletion((params) => provideCompletions(params, assistContext()));
connection.onHover((params) => provideHover(params, assistContext()));

connection.onExecuteCommand(async (params, token, workDone) => {
  try {
    switch (params.command) {
      case Commands.applyFixAll:
        return await applyFixAll(params.arguments, commandContext);
      case Commands.runScanWorkspace:
        return await scanWorkspace(commandContext, token, workDone);
      case Commands.runLeastPrivilegePolicy:
        return await leastPrivilegePolicy(params.arguments, commandContext);
      default:
        logger.warn(`Unknown command ${params.command}`);
        return null;
    }
  } catch (error) {
    logger.error(`Command ${params.command} failed: ${describeError(error)}`);
    return null;
  }
});

connection.onShutdown(() => provider?.dispose());

/**
 * Extra rules for the server's own tests (a rule that throws, say), from the CommonJS module named
 * by `SERVERLESS_SECURITY_LINT_TEST_RULES`, exporting `rules`. Read only when `NODE_ENV` is `test`,
 * so a stray variable in a user's environment never loads code into the server.
 */
function testRules(): Rule[] {
  const modulePath = process.env.SERVERLESS_SECURITY_LINT_TEST_RULES;
  if (modulePath === undefined || process.env.NODE_ENV !== 'test') return [];
  try {
    const loaded: unknown = createRequire(__filename)(modulePath);
    const rules: unknown = (loaded as { rules?: unknown } | null)?.rules;
    if (!Array.isArray(rules) || !rules.every((rule) => typeof (rule as Rule | null)?.id === 'string' && typeof (rule as Rule).check === 'function')) {
      logger.error(`${modulePath} must export "rules", a list of rules; no test rules loaded`);
      return [];
    }
    logger.warn(`Test rules loaded from ${modulePath}: ${rules.map((rule: Rule) => rule.id).join(', ')}`);
    return rules as Rule[];
  } catch (error) {
    logger.error(`Loading test rules from ${modulePath} failed: ${describeError(error)}`);
    return [];
  }
}

/** Notification handlers must never throw: the connection would log and drop the message. */
function guard(what: string, action: () => void): void {
  try {
    action();
  } catch (error) {
    logger.error(`${what} failed: ${describeError(error)}`);
  }
}

function changeKind(type: FileChangeType): FileChangeKind {
  return type === FileChangeType.Created ? 'created' : type === FileChangeType.Deleted ? 'deleted' : 'changed';
}

// The server runs on every keystroke: a bug in one path is logged, it must not end the session.
process.on('unhandledRejection', (reason) => logger.error(`Unhandled rejection: ${describeError(reason)}`));
process.on('uncaughtException', (error) => logger.error(`Uncaught exception: ${describeError(error)}`));

documents.listen(connection);
connection.listen();
