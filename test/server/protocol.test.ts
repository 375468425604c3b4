/**
 * LSP protocol tests: the bundled server as a child process over `--stdio`, driven by a real
 * JSON-RPC client. Positions are asserted as 0-based LSP ranges; related locations are compared
 * with the engine's own findings for the same files, converted here, so the test checks the
 * server's conversion rather than restating each rule.
 */
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  DocumentDiagnosticRequest,
  ErrorCodes,
  FileChangeType,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  PublishDiagnosticsNotification,
  ResponseError,
  TextDocumentSyncKind,
  type CodeAction,
  type Command,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type PublishDiagnosticsParams,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { Commands, FIX_ALL_CODE_ACTION_KIND, type ScanWorkspaceResult } from '../../protocol/index';
import { LineIndex, lintFile, Project, RULES_BY_ID, type Finding } from '../../rules/index';
import { toPosix } from '../../host/discover';
import { ensureBundle, LspSession, rangeOf, TempWorkspace, within } from './lsp-session';

const SERVERLESS_YML = `service: orders
provider:
  name: aws
  runtime: nodejs24.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action: "s3:*"
          Resource: "arn:aws:s3:::orders-bucket/*"
functions:
  list:
    handler: src/list.handler
    events:
      - httpApi: { path: /orders, method: get, authorizer: { type: aws_iam } }
`;

const HANDLER_JS = `const { exec } = require('child_process');

exports.handler = async (event) => {
  exec('ls ' + event.body);
  return { statusCode: 200 };
};
`;

const KEYS_JS = `const region = 'eu-west-1';
  const accessKeyId = 'AKIA2E0A8F3B244C9986';
module.exports = { region, accessKeyId };
`;

const FILES = {
  'serverless.yml': SERVERLESS_YML,
  'src/list.js': HANDLER_JS,
  'src/keys.js': KEYS_JS,
};

/** The engine's findings for one file of `files`, laid out under `workspace` as the server sees them. */
function engineFindings(workspace: TempWorkspace, files: Record<string, string>, name: string): Finding[] {
  const project = new Project(Object.entries(files).map(([file, text]) => [toPosix(workspace.path(file)), text] as const));
  return lintFile(project, toPosix(workspace.path(name)));
}

function toLsp(text: string, range: { start: number; end: number }) {
  const lines = new LineIndex(text);
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

function only<T>(items: readonly T[], what: string): T {
  assert.equal(items.length, 1, `expected exactly one ${what}, got ${items.length}: ${JSON.stringify(items, null, 2)}`);
  return items[0]!;
}

function isCodeAction(action: CodeAction | Command): action is CodeAction {
  return typeof (action as CodeAction).title === 'string' && typeof (action as Command).command !== 'string';
}

/** Applies LSP text edits to a text (edits must not overlap). */
function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + result.slice(lines.offsetAt(edit.range.end));
  }
  return result;
}

describe('language server protocol', function () {
  this.timeout(30_000);

  before(function () {
    this.timeout(180_000);
    ensureBundle();
  });

  describe('pull mode', () => {
    let workspace: TempWorkspace;
    let session: LspSession;

    before(async () => {
      workspace = new TempWorkspace(FILES);
      session = await LspSession.start({ workspace, pull: true });
    });

    after(async () => {
      await session?.dispose();
      workspace?.dispose();
    });

    it('advertises its capabilities', () => {
      const capabilities = session.initializeResult?.capabilities;
      assert.ok(capabilities, 'no initialize result');
      assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
      assert.deepEqual(capabilities.codeActionProvider, {
        codeActionKinds: ['quickfix', FIX_ALL_CODE_ACTION_KIND],
        resolveProvider: false,
      });
      assert.deepEqual(capabilities.executeCommandProvider, { commands: [Commands.applyFixAll, Commands.runScanWorkspace, Commands.runLeastPrivilegePolicy] });
      assert.deepEqual(capabilities.diagnosticProvider, {
        identifier: 'serverless-security-lint',
        interFileDependencies: true,
        workspaceDiagnostics: false,
      });
      assert.deepEqual(capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
      assert.equal(session.initializeResult?.serverInfo?.name, 'serverless-security-lint');
    });

    it('reports the "s3:*" scalar of serverless.yml with code, docs link and source', async () => {
      const uri = workspace.uri('serverless.yml');
      await session.open(uri, SERVERLESS_YML);
      const diagnostic = only(await session.pull(uri), 'diagnostic');
      assert.deepEqual(diagnostic.range, rangeOf(SERVERLESS_YML, '"s3:*"'));
      assert.deepEqual(diagnostic.range, { start: { line: 8, character: 18 }, end: { line: 8, character: 24 } });
      assert.equal(diagnostic.code, 'iam/wildcard-action');
      assert.equal(diagnostic.severity, 1);
      assert.equal(diagnostic.source, 'serverless-security-lint');
      assert.equal(diagnostic.codeDescription?.href, RULES_BY_ID.get('iam/wildcard-action')?.docs.url);
      assert.match(diagnostic.codeDescription?.href ?? '', /docs\/rules\/iam\/wildcard-action\.md$/);
      assert.deepEqual(Object.keys(diagnostic.data as object).sort(), ['key', 'ruleId']);
      assert.equal((diagnostic.data as { ruleId: string }).ruleId, 'iam/wildcard-action');
    });

    it('reports event data reaching exec in a handler, with the taint path as related information', async () => {
      const uri = workspace.uri('src/list.js');
      await session.open(uri, HANDLER_JS);
      const diagnostic = only(await session.pull(uri), 'diagnostic');
      assert.equal(diagnostic.code, 'injection/command');
      assert.deepEqual(diagnostic.range, rangeOf(HANDLER_JS, `'ls ' + event.body`));

      const finding = only(engineFindings(workspace, FILES, 'src/list.js'), 'engine finding');
      assert.ok(finding.related.length > 0, 'the engine gives the event source as a related location');
      const expected = finding.related.map((related) => ({
        location: { uri: pathToFileURL(related.file).href, range: toLsp(FILES['src/list.js'], related.range) },
        message: related.message,
      }));
      assert.deepEqual(diagnostic.relatedInformation, expected);
      assert.equal(diagnostic.relatedInformation?.[0]?.location.uri, uri);
    });

    it('answers "unchanged" when nothing changed since the last result', async () => {
      const uri = workspace.uri('src/list.js');
      const first = await session.request<DocumentDiagnosticReport>(DocumentDiagnosticRequest.method, { textDocument: { uri } }, 'a first pull');
      assert.equal(first.kind, 'full');
      const second = await session.request<DocumentDiagnosticReport>(
        DocumentDiagnosticRequest.method,
        { textDocument: { uri }, previousResultId: first.resultId },
        'a second pull',
      );
      assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
    });

    it('asks the client to re-pull open documents when a template changes', async () => {
      const uri = workspace.uri('serverless.yml');
      const refreshed = session.nextRefresh('a workspace/diagnostic/refresh after editing serverless.yml');
      await session.change(uri, SERVERLESS_YML.replace('path: /orders,', 'path: /orders/{id},'));
      await refreshed;
      await session.change(uri, SERVERLESS_YML);
    });

    it('offers a suppression comment, and applying it hides the finding', async () => {
      const uri = workspace.uri('src/keys.js');
      await session.open(uri, KEYS_JS);
      const diagnostic = only(await session.pull(uri), 'diagnostic');
      assert.equal(diagnostic.code, 'secrets/aws-access-key');
      assert.deepEqual(diagnostic.range, rangeOf(KEYS_JS, 'AKIA2E0A8F3B244C9986'));

      const actions = await session.codeActions(uri, diagnostic.range, [diagnostic]);
      const suppress = actions.filter(isCodeAction).find((action) => action.title === 'Suppress secrets/aws-access-key on this line');
      assert.ok(suppress, `no suppression action among ${JSON.stringify(actions.map((action) => action.title))}`);
      assert.equal(suppress.kind, 'quickfix');
      assert.deepEqual(suppress.diagnostics, [diagnostic]);
      const insertion = { line: 1, character: 0 };
      assert.deepEqual(suppress.edit, {
        documentChanges: [
          {
            textDocument: { uri, version: 1 },
            edits: [
              {
                range: { start: insertion, end: insertion },
                newText: '  // serverless-security-lint-disable-next-line secrets/aws-access-key\n',
              },
            ],
          },
        ],
      });

      const change = suppress.edit?.documentChanges?.[0] as TextDocumentEdit;
      const suppressed = applyTextEdits(KEYS_JS, change.edits as TextEdit[]);
      await session.change(uri, suppressed);
      assert.deepEqual(await session.pull(uri), []);
      await session.change(uri, KEYS_JS);
    });

    it('clears the diagnostics when an edit removes the key', async () => {
      const uri = workspace.uri('src/keys.js');
      only(await session.pull(uri), 'diagnostic before the edit');
      const keyRange = rangeOf(KEYS_JS, 'AKIA2E0A8F3B244C9986');
      await session.edit(uri, keyRange, 'process.env.KEY_ID');
      assert.deepEqual(await session.pull(uri), []);
    });

    it('offers no fix-all edit when no finding has an automatic fix', async () => {
      const uri = workspace.uri('serverless.yml');
      const actions = await session.codeActions(uri, rangeOf(SERVERLESS_YML, 'service'), [], [FIX_ALL_CODE_ACTION_KIND]);
      assert.deepEqual(actions, []);
    });

    it('reports a broken YAML file as one parse error at the parser position', async () => {
      // `runtime` is indented one column less than `handler`: not a key of either map.
      const broken = 'service: broken\nfunctions:\n  hello:\n    handler: src/hello.handler\n   runtime: nodejs20.x\n';
      const uri = workspace.uri('broken/serverless.yml');
      await session.open(uri, broken);
      const diagnostic = only(await session.pull(uri), 'diagnostic');
      assert.equal(diagnostic.code, 'parse-error');
      assert.equal(diagnostic.severity, 1);
      assert.equal(diagnostic.source, 'serverless-security-lint');
      const finding = only(engineFindings(workspace, { 'broken/serverless.yml': broken }, 'broken/serverless.yml'), 'engine finding');
      assert.deepEqual(diagnostic.range, toLsp(broken, finding.range));
      assert.deepEqual(diagnostic.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 1 } });
    });

    it('answers a cancelled pull with RequestCancelled', async () => {
      // A document never pulled before: its settings request makes the server wait on us, so the
      // cancel is certainly seen before the analysis ends.
      const uri = workspace.uri('src/cancelled.js');
      await session.open(uri, KEYS_JS);
      const source = new CancellationTokenSource();
      const pending = session.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, source.token);
      source.cancel();
      const error = await within(
        pending.then(
          () => undefined,
          (reason: unknown) => reason,
        ),
        'the answer to the cancelled pull',
      );
      assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
      assert.equal(error.code, LSPErrorCodes.RequestCancelled);
      assert.notEqual(error.code, ErrorCodes.InternalError);
    });
  });

  describe('push mode', () => {
    let workspace: TempWorkspace;
    let session: LspSession;

    before(async () => {
      workspace = new TempWorkspace(FILES);
      session = await LspSession.start({ workspace, pull: false, settings: { debounceMs: 10 } });
    });

    after(async () => {
      await session?.dispose();
      workspace?.dispose();
    });

    it('has no diagnostic provider for a client without pull support', () => {
      assert.equal(session.initializeResult?.capabilities.diagnosticProvider, undefined);
    });

    it('publishes for the opened version, then for each new version, and clears on close', async () => {
      const uri = workspace.uri('src/keys.js');
      const opened = session.nextPublish(uri, () => true, 'diagnostics published after didOpen');
      await session.open(uri, KEYS_JS);
      const first = await opened;
      assert.equal(first.version, 1);
      const diagnostic: Diagnostic = only(first.diagnostics, 'diagnostic');
      assert.equal(diagnostic.code, 'secrets/aws-access-key');
      assert.deepEqual(diagnostic.range, rangeOf(KEYS_JS, 'AKIA2E0A8F3B244C9986'));

      const changed = session.nextPublish(uri, (params) => params.version === 2, 'diagnostics for version 2');
      await session.change(uri, KEYS_JS.replace("'AKIA2E0A8F3B244C9986'", 'process.env.KEY_ID'));
      assert.deepEqual((await changed).diagnostics, []);

      const cleared = session.nextPublish(uri, (params) => params.version === undefined, 'the empty publish on close');
      await session.close(uri);
      assert.deepEqual((await cleared).diagnostics, []);
    });

    it('never publishes an older version after a newer one', async () => {
      const uri = workspace.uri('src/keys.js');
      const seen: number[] = [];
      const last = session.nextPublish(
        uri,
        (params) => {
          seen.push(params.version ?? -1);
          return params.version === 3;
        },
        'diagnostics for the last of three quick versions',
      );
      await session.open(uri, KEYS_JS);
      await session.change(uri, `${KEYS_JS}// 2\n`);
      await session.change(uri, `${KEYS_JS}// 3\n`);
      const published = await last;
      assert.equal(only(published.diagnostics, 'diagnostic').code, 'secrets/aws-access-key');
      // An early version may be published before the server has read the next change; what must
      // never happen is a result for an older version arriving after a newer one.
      const sorted = [...seen].sort((a, b) => a - b);
      assert.deepEqual(seen, sorted, `published for versions ${seen.join(', ')}: an older version came after a newer one`);
      await session.close(uri);
    });

    it('analyses files that were never opened when the workspace is scanned', async () => {
      const uri = workspace.uri('src/list.js');
      const published = session.nextPublish(uri, (params) => params.diagnostics.length > 0, 'scan diagnostics for the unopened handler');
      const result = await session.executeCommand<ScanWorkspaceResult>(Commands.runScanWorkspace, [], 'the scan command');
      assert.equal(result.cancelled, false);
      assert.ok(result.files >= 3, `scanned ${result.files} files`);
      const params = await published;
      assert.equal(params.version, undefined);
      const diagnostic = only(params.diagnostics, 'diagnostic');
      assert.equal(diagnostic.code, 'injection/command');
      assert.deepEqual(diagnostic.range, rangeOf(HANDLER_JS, `'ls ' + event.body`));
    });
  });

  describe('workspace scan in pull mode', () => {
    let workspace: TempWorkspace;
    let session: LspSession;

    before(async () => {
      workspace = new TempWorkspace(FILES);
      session = await LspSession.start({ workspace, pull: true });
    });

    after(async () => {
      await session?.dispose();
      workspace?.dispose();
    });

    it('publishes for unopened files only, and hands a file over to pull when it is opened', async () => {
      const template = workspace.uri('serverless.yml');
      const handler = workspace.uri('src/list.js');
      await session.open(template, SERVERLESS_YML);
      only(await session.pull(template), 'template diagnostic');

      const published = session.record<PublishDiagnosticsParams>(PublishDiagnosticsNotification.method);
      const result = await session.executeCommand<ScanWorkspaceResult>(Commands.runScanWorkspace, [], 'the scan command');
      published.stop();
      // Notifications sent before the response arrive before it: the record is complete.
      assert.deepEqual(result, { files: 3, findings: 3, cancelled: false });
      assert.deepEqual(published.items.map((params) => params.uri).sort(), [workspace.uri('src/keys.js'), handler].sort());
      const scanned = published.items.find((params) => params.uri === handler);
      assert.equal(only(scanned?.diagnostics ?? [], 'scanned handler diagnostic').code, 'injection/command');

      // Opening it: the pushed result is cleared, or Problems would show it twice.
      const cleared = session.nextPublish(handler, (params) => params.diagnostics.length === 0, 'the scan result cleared on open');
      await session.open(handler, HANDLER_JS);
      await cleared;
      assert.equal(only(await session.pull(handler), 'pulled handler diagnostic').code, 'injection/command');

      // Closing it: the scan result comes back.
      const restored = session.nextPublish(handler, (params) => params.diagnostics.length === 1, 'the scan result back after close');
      await session.close(handler);
      assert.equal((await restored).version, undefined);
    });
  });

  describe('configuration file', () => {
    let workspace: TempWorkspace;
    let session: LspSession;

    before(async () => {
      workspace = new TempWorkspace({ ...FILES, '.serverless-security-lint.yml': 'rules:\n  secrets/no-such-rule: error\n' });
      session = await LspSession.start({ workspace, pull: true });
    });

    after(async () => {
      await session?.dispose();
      workspace?.dispose();
    });

    it('reports a bad configuration in the status and shows no findings', async () => {
      const uri = workspace.uri('src/keys.js');
      const failed = session.nextStatus((status) => status.state === 'error', 'an error status for the bad configuration');
      await session.open(uri, KEYS_JS);
      assert.deepEqual(await session.pull(uri), []);
      const status = await failed;
      assert.match(status.message, /secrets\/no-such-rule/);
    });

    it('recovers when the configuration file is fixed', async () => {
      const uri = workspace.uri('src/keys.js');
      const recovered = session.nextStatus((status) => status.state === 'ok', 'the ok status after fixing the configuration');
      workspace.write('.serverless-security-lint.yml', 'rules:\n  secrets/aws-access-key: warning\n');
      await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: workspace.uri('.serverless-security-lint.yml'), type: FileChangeType.Changed }],
      });
      // The change is handled asynchronously: pull until the new configuration shows.
      let diagnostics: Diagnostic[] = [];
      await within(
        (async () => {
          while (diagnostics.length === 0) diagnostics = await session.pull(uri);
        })(),
        'diagnostics under the fixed configuration',
      );
      const diagnostic = only(diagnostics, 'diagnostic');
      assert.equal(diagnostic.code, 'secrets/aws-access-key');
      assert.equal(diagnostic.severity, 2, 'the configuration file sets the rule to warning');
      await recovered;
    });
  });
});
