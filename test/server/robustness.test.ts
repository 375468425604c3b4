/**
 * The server under trouble (issue 9, Robustness), over LSP against the bundled server: a handler
 * half-typed into a parse error, a rule that throws on every run, and a server killed mid-session
 * and started again on the same workspace.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PublishDiagnosticsNotification, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { Commands, type ScanWorkspaceResult } from '../../protocol/index';
import { ensureBundle, LspSession, rangeOf, TempWorkspace } from './lsp-session';

/** A role granting two actions to a function whose code calls only one of them. */
const SERVERLESS_YML = `service: photos
provider:
  name: aws
  runtime: nodejs24.x
  iam:
    role:
      statements:
        - Effect: Allow
          Action:
            - s3:GetObject
            - dynamodb:PutItem
          Resource: arn:aws:s3:::photos/*
functions:
  read:
    handler: src/read.handler
`;

/** Calls S3 GetObject, and hands event data to a module that runs it in a shell. */
const READ_JS = `const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { run } = require('./shell');
const s3 = new S3Client({});

exports.handler = async (event) => {
  run(event.body);
  return s3.send(new GetObjectCommand({ Bucket: 'photos', Key: event.key }));
};
`;

/** The same handler with a closing parenthesis not yet typed. */
const READ_JS_HALF_TYPED = READ_JS.replace('run(event.body);', 'run(event.body;');

const SHELL_JS = `const { exec } = require('child_process');

exports.run = (command) => exec('ls ' + command);
`;

const FILES = { 'serverless.yml': SERVERLESS_YML, 'src/read.js': READ_JS, 'src/shell.js': SHELL_JS };

/** What the tests compare: rule, range and message of each diagnostic, in order. */
function summary(diagnostics: readonly Diagnostic[]): Pick<Diagnostic, 'code' | 'range' | 'message'>[] {
  return diagnostics.map((diagnostic) => ({ code: diagnostic.code, range: diagnostic.range, message: diagnostic.message }));
}

const UNUSED_PUT_ITEM = {
  code: 'iam/unused-permission',
  range: rangeOf(SERVERLESS_YML, 'dynamodb:PutItem'),
  message: '"dynamodb:PutItem" is granted to function read, whose code never calls it; remove it.',
};

const SHELL_INJECTION = {
  code: 'injection/command',
  range: rangeOf(SHELL_JS, `'ls ' + command`),
  message: 'exec runs a shell command built from event.body; pass the value as an argument to execFile without a shell.',
};

describe('server robustness', function () {
  this.timeout(30_000);

  before(function () {
    this.timeout(180_000);
    ensureBundle();
  });

  describe('a half-typed handler', () => {
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

    it('shows its parse error, keeps what it contributed to other files, and recovers when fixed', async () => {
      const template = workspace.uri('serverless.yml');
      const handler = workspace.uri('src/read.js');
      const shell = workspace.uri('src/shell.js');
      await session.open(template, SERVERLESS_YML);
      await session.open(handler, READ_JS);
      await session.open(shell, SHELL_JS);

      // The template's finding depends on the handler's SDK calls (s3:GetObject is used, PutItem
      // is not); the shell module's finding depends on the handler passing event data to it.
      const templateBefore = summary(await session.pull(template));
      assert.deepEqual(templateBefore, [UNUSED_PUT_ITEM]);
      assert.deepEqual(summary(await session.pull(handler)), []);
      assert.deepEqual(summary(await session.pull(shell)), [SHELL_INJECTION]);

      await session.change(handler, READ_JS_HALF_TYPED);
      const parseError = await session.pull(handler);
      assert.deepEqual(summary(parseError), [
        { code: 'parse-error', range: { start: { line: 5, character: 16 }, end: { line: 5, character: 17 } }, message: "')' expected." },
      ]);
      assert.deepEqual(parseError[0]?.range, rangeOf(READ_JS_HALF_TYPED, ';', 'run(event.body'));
      assert.equal(parseError[0]?.severity, 1);
      // Without the last good parse of the handler, s3:GetObject would be reported unused and
      // the injection in the shell module would vanish.
      assert.deepEqual(summary(await session.pull(template)), templateBefore);
      assert.deepEqual(summary(await session.pull(shell)), [SHELL_INJECTION]);

      // Typing on while it still does not parse changes nothing elsewhere either.
      await session.change(handler, READ_JS_HALF_TYPED.replace('Key: event.key', 'Key: event.'));
      assert.equal((await session.pull(handler))[0]?.code, 'parse-error');
      assert.deepEqual(summary(await session.pull(template)), templateBefore);

      await session.change(handler, READ_JS);
      assert.deepEqual(summary(await session.pull(handler)), []);
      assert.deepEqual(summary(await session.pull(template)), [UNUSED_PUT_ITEM]);
      assert.deepEqual(summary(await session.pull(shell)), [SHELL_INJECTION]);
    });

    it('follows a fixed edit that changes what the handler calls', async () => {
      const template = workspace.uri('serverless.yml');
      const handler = workspace.uri('src/read.js');
      // No longer calling S3: both grants are unused, once the new text parses.
      const withoutS3 = READ_JS.replace(`return s3.send(new GetObjectCommand({ Bucket: 'photos', Key: event.key }));`, 'return {};');
      await session.change(handler, withoutS3);
      assert.deepEqual(
        summary(await session.pull(template)).map((each) => each.code),
        ['iam/unused-permission', 'iam/unused-permission'],
      );
      await session.change(handler, READ_JS);
      assert.deepEqual(summary(await session.pull(template)), [UNUSED_PUT_ITEM]);
    });
  });

  describe('a rule that throws', () => {
    let workspace: TempWorkspace;
    let ruleFolder: string;
    let session: LspSession;

    before(async () => {
      workspace = new TempWorkspace(FILES);
      // Outside the workspace, so the index does not analyse it as a handler.
      ruleFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'ssl-test-rules-'));
      const modulePath = path.join(ruleFolder, 'throwing-rule.cjs');
      fs.writeFileSync(
        modulePath,
        `exports.rules = [{
  id: 'test/always-throws',
  family: 'injection',
  severity: 'error',
  docs: { summary: 'Throws on every JavaScript file', url: 'https://example.invalid/always-throws' },
  messages: {},
  fixable: 'none',
  appliesTo: ['javascript'],
  check() { throw new Error('deliberate failure'); },
}];
`,
      );
      session = await LspSession.start({
        workspace,
        pull: true,
        env: { NODE_ENV: 'test', SERVERLESS_SECURITY_LINT_TEST_RULES: modulePath },
      });
    });

    after(async () => {
      await session?.dispose();
      workspace?.dispose();
      fs.rmSync(ruleFolder, { recursive: true, force: true });
    });

    it('keeps answering with the other rules, shows the failure, and logs it once', async () => {
      const shell = workspace.uri('src/shell.js');
      await session.open(shell, SHELL_JS);
      const internalError = {
        code: 'internal-error',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        message: 'Rule test/always-throws failed on this file and was skipped: deliberate failure',
      };
      const first = await session.pull(shell);
      assert.deepEqual(summary(first), [internalError, SHELL_INJECTION]);
      assert.equal(first[0]?.severity, 2);

      // Several edits, each analysed: the rule throws every time.
      for (const suffix of ['\n', '\n// a comment\n', '\n']) {
        const text = SHELL_JS + suffix;
        await session.change(shell, text);
        assert.deepEqual(summary(await session.pull(shell)), [internalError, SHELL_INJECTION]);
      }
      // Another file it crashes on, for the same reason, is no new news either.
      await session.open(workspace.uri('src/read.js'), READ_JS);
      assert.deepEqual(summary(await session.pull(workspace.uri('src/read.js'))), [{ ...internalError }]);

      const crashes = session.logMessages.filter((message) => message.includes('test/always-throws crashed'));
      assert.equal(crashes.length, 1, `expected one logged crash, got ${JSON.stringify(crashes, null, 2)}`);
      assert.match(crashes[0]!, /^Rule test\/always-throws crashed on .*\/src\/shell\.js; the other rules still ran\. The same crash is not logged again\.\nError: deliberate failure\n {4}at /);
      assert.equal(session.logMessages.filter((message) => message.startsWith('Test rules loaded from')).length, 1);
    });
  });

  describe('a test rule variable outside tests', () => {
    it('is ignored unless NODE_ENV is "test"', async () => {
      const workspace = new TempWorkspace(FILES);
      const session = await LspSession.start({
        workspace,
        pull: true,
        env: { NODE_ENV: 'production', SERVERLESS_SECURITY_LINT_TEST_RULES: path.join(workspace.root, 'missing.cjs') },
      });
      try {
        const shell = workspace.uri('src/shell.js');
        await session.open(shell, SHELL_JS);
        assert.deepEqual(summary(await session.pull(shell)), [SHELL_INJECTION]);
        assert.deepEqual(session.logMessages.filter((message) => /test rules/i.test(message)), []);
      } finally {
        await session.dispose();
        workspace.dispose();
      }
    });
  });

  describe('the maxFileSize setting', () => {
    const padded = `const padding = "${'x'.repeat(2000)}";\n`;
    const refusal =
      `File too large to analyse (${padded.length} bytes; the limit is 1KB). Raise it with maxFileSize in ` +
      '.serverless-security-lint.yml, the serverlessSecurityLint.maxFileSize setting or --max-file-size.';

    async function pullWith(files: Record<string, string>, settings: Record<string, unknown>): Promise<{ diagnostics: Diagnostic[]; logs: readonly string[] }> {
      const workspace = new TempWorkspace(files);
      const session = await LspSession.start({ workspace, pull: true, settings });
      try {
        const uri = workspace.uri('src/padded.js');
        await session.open(uri, padded);
        return { diagnostics: await session.pull(uri), logs: session.logMessages };
      } finally {
        await session.dispose();
        workspace.dispose();
      }
    }

    it('refuses a larger document with one diagnostic stating the limit and how to raise it', async () => {
      const { diagnostics } = await pullWith({}, { maxFileSize: '1KB' });
      assert.deepEqual(summary(diagnostics), [
        { code: 'parse-error', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: refusal },
      ]);
    });

    it('gives way to the configuration file', async () => {
      const { diagnostics } = await pullWith({ '.serverless-security-lint.yml': 'maxFileSize: 4KB\n' }, { maxFileSize: '1KB' });
      assert.deepEqual(diagnostics, []);
    });

    it('logs a bad value and keeps the default', async () => {
      const { diagnostics, logs } = await pullWith({}, { maxFileSize: '1 gallon' });
      assert.deepEqual(diagnostics, []);
      assert.ok(
        logs.includes(
          'serverlessSecurityLint.maxFileSize: "1 gallon" is not a size; expected a number of bytes, or a number followed by KB or MB such as "2MB"; using the configuration file\'s limit or the default',
        ),
        `no warning in ${JSON.stringify(logs, null, 2)}`,
      );
    });
  });

  describe('a restart after a crash', () => {
    let workspace: TempWorkspace;
    let session: LspSession | undefined;

    before(() => {
      workspace = new TempWorkspace(FILES);
    });

    after(async () => {
      await session?.dispose();
      workspace?.dispose();
    });

    it('rebuilds the workspace index: cross-file findings come back without opening the files', async () => {
      const first = await LspSession.start({ workspace, pull: true });
      session = first;
      const template = workspace.uri('serverless.yml');
      await first.open(template, SERVERLESS_YML);
      assert.deepEqual(summary(await first.pull(template)), [UNUSED_PUT_ITEM]);
      await first.kill();

      // What VS Code's client does after a crash: a new process on the same folders.
      const second = await LspSession.start({ workspace, pull: true });
      session = second;
      const published = second.record<PublishDiagnosticsParams>(PublishDiagnosticsNotification.method);
      const result = await second.executeCommand<ScanWorkspaceResult>(Commands.runScanWorkspace, [], 'the scan command');
      published.stop();
      assert.deepEqual(result, { files: 3, findings: 2, cancelled: false });
      const byUri = new Map(published.items.map((params) => [params.uri, summary(params.diagnostics)]));
      // The template's finding needs the handler's calls; the shell module's, the handler's event.
      assert.deepEqual(byUri.get(template), [UNUSED_PUT_ITEM]);
      assert.deepEqual(byUri.get(workspace.uri('src/shell.js')), [SHELL_INJECTION]);
      assert.deepEqual(byUri.get(workspace.uri('src/read.js')) ?? [], []);

      // The client re-opens the editors that were open: the pulled result is the same as before.
      await second.open(template, SERVERLESS_YML);
      assert.deepEqual(summary(await second.pull(template)), [UNUSED_PUT_ITEM]);
    });
  });
});
