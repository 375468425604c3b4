/**
 * The VS Code side of Serverless Security Lint. It starts the bundled language server, tells it
 * which files to watch and wires a few commands to it. Detection, fixes and settings all live in
 * the server (STYLE.md §8), so editors other than VS Code get the same behaviour.
 */
import * as vscode from 'vscode';
import {
  ExecuteCommandRequest,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
  type VersionedTextDocumentIdentifier,
} from 'vscode-languageclient/node';
import { Commands, SETTINGS_SECTION, STATUS_NOTIFICATION, type StatusParams } from '../../protocol';
import { showLeastPrivilegePolicy } from './least-privilege-policy';
import { showRuleDocumentation } from './rule-docs';
import { StatusItem } from './status';

const DISPLAY_NAME = 'Serverless Security Lint';

/** Handler code may be unsaved; templates are only meaningful next to the code they deploy. */
const HANDLER_LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
const TEMPLATE_LANGUAGES = ['yaml', 'json', 'jsonc'];

/** Plain filters, so the same value serves the language client and `vscode.languages.match`. */
const DOCUMENT_SELECTOR: { scheme: string; language: string }[] = [
  ...HANDLER_LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  ...TEMPLATE_LANGUAGES.map((language) => ({ scheme: 'file', language })),
];

/**
 * Files whose changes on disk (git checkout, code generation, another editor) change findings in
 * other files: templates name handlers and roles, handlers decide which IAM actions are needed.
 */
const WATCHED_GLOBS = [
  '**/{serverless.yml,serverless.yaml,serverless.json,template.yaml,template.yml,function.json,local.settings.json,host.json}',
  '**/*.{js,cjs,mjs,ts,cts,mts,jsx,tsx,json,yml,yaml}',
  '**/.serverless-security-lint.{yml,yaml,json}',
];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel(DISPLAY_NAME, { log: true });
  const status = new StatusItem(Commands.scanWorkspace);
  context.subscriptions.push(outputChannel, status);

  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'server', 'out', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };

  const watchers = WATCHED_GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
  context.subscriptions.push(...watchers);

  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    synchronize: { fileEvents: watchers },
    // Pull diagnostics: the client keeps one request per document in flight and re-asks as the
    // text moves on, so the server does not have to debounce (STYLE.md §9).
    diagnosticPullOptions: { onChange: true, onSave: true },
    outputChannel,
  };

  const languageClient = new LanguageClient(SETTINGS_SECTION, DISPLAY_NAME, serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    languageClient.onNotification(STATUS_NOTIFICATION, (params: StatusParams) => status.update(params)),
    vscode.commands.registerCommand(Commands.scanWorkspace, () => scanWorkspace(languageClient, outputChannel)),
    vscode.commands.registerCommand(Commands.fixAll, () => fixAll(languageClient, outputChannel)),
    vscode.commands.registerCommand(Commands.showLeastPrivilegePolicy, () => showLeastPrivilegePolicy(languageClient, outputChannel)),
    vscode.commands.registerCommand(Commands.showRuleDocumentation, (ruleId?: unknown) =>
      showRuleDocumentation(context.extensionUri, ruleId, outputChannel),
    ),
  );

  status.update({ state: 'analysing', message: 'Starting the language server' });
  try {
    await languageClient.start();
    status.update({ state: 'ok', message: 'Ready' });
  } catch (error) {
    // Routine failures go to the output channel and the status item, not to a pop-up.
    outputChannel.error(`The language server did not start: ${describe(error)}`);
    status.update({ state: 'error', message: 'The language server did not start; see the output' });
  }
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

async function scanWorkspace(languageClient: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  if (!languageClient.isRunning()) {
    void vscode.window.showWarningMessage(`${DISPLAY_NAME}: the language server is not running.`);
    return;
  }
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Scanning the workspace for security issues' },
    async () => {
      try {
        await languageClient.sendRequest(ExecuteCommandRequest.type, {
          command: Commands.runScanWorkspace,
          arguments: [],
        });
      } catch (error) {
        output.error(`Scanning the workspace failed: ${describe(error)}`);
        void vscode.window.showErrorMessage(`${DISPLAY_NAME}: scanning the workspace failed; see the output.`);
      }
    },
  );
}

async function fixAll(languageClient: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (document === undefined || vscode.languages.match(DOCUMENT_SELECTOR, document) === 0) {
    void vscode.window.showInformationMessage(`${DISPLAY_NAME}: open a handler or template file to fix.`);
    return;
  }
  if (!languageClient.isRunning()) {
    void vscode.window.showWarningMessage(`${DISPLAY_NAME}: the language server is not running.`);
    return;
  }
  // The version lets the server refuse edits computed for text that has since changed.
  const textDocument: VersionedTextDocumentIdentifier = {
    uri: languageClient.code2ProtocolConverter.asUri(document.uri),
    version: document.version,
  };
  try {
    await languageClient.sendRequest(ExecuteCommandRequest.type, {
      command: Commands.applyFixAll,
      arguments: [textDocument],
    });
  } catch (error) {
    output.error(`Fixing ${document.uri.toString()} failed: ${describe(error)}`);
    void vscode.window.showErrorMessage(`${DISPLAY_NAME}: applying the fixes failed; see the output.`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
