import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, type CliIo } from '../../cli/src/cli';
import { CliError } from '../../cli/src/errors';
import { parseArguments, USAGE } from '../../cli/src/options';
import { appFolders, crashRule, lines, makeTempFolder, TEST_RULES } from './helpers';

interface Captured {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

function capture(cwd: string, options: { isTTY?: boolean; env?: Record<string, string> } = {}): Captured {
  let out = '';
  let err = '';
  return {
    io: {
      cwd,
      stdout: { write: (text: string) => (out += text), ...(options.isTTY !== undefined ? { isTTY: options.isTTY } : {}) },
      stderr: { write: (text: string) => (err += text) },
      env: options.env ?? {},
    },
    stdout: () => out,
    stderr: () => err,
  };
}

describe('cli arguments', () => {
  it('defaults to the current folder, text, threshold error', () => {
    assert.deepEqual(parseArguments([]), {
      paths: ['.'],
      format: 'text',
      fix: false,
      fixSuggestions: false,
      severity: 'error',
      help: false,
      version: false,
    });
  });

  it('reads every option', () => {
    assert.deepEqual(
      parseArguments(['src', '-f', 'sarif', '--fix', '-c', 'lint.yml', '--severity', 'warning', '--max-warnings', '0', '-o', 'out.sarif', 'serverless.yml']),
      {
        paths: ['src', 'serverless.yml'],
        format: 'sarif',
        fix: true,
        fixSuggestions: false,
        config: 'lint.yml',
        severity: 'warning',
        maxWarnings: 0,
        output: 'out.sarif',
        help: false,
        version: false,
      },
    );
    assert.equal(parseArguments(['--format=json']).format, 'json');
  });

  const bad: [string[], string][] = [
    [['--bogus'], 'unknown option --bogus'],
    [['-x'], 'unknown option -x'],
    [['--format'], '--format needs a value'],
    [['--format', 'xml'], '--format must be one of text, json, sarif (got "xml")'],
    [['--severity', 'fatal'], '--severity must be one of error, warning, info (got "fatal")'],
    [['--max-warnings', '-1'], '--max-warnings needs a value (write --max-warnings=VALUE for one starting with "-")'],
    [['--max-warnings=-1'], '--max-warnings must be a whole number of 0 or more (got "-1")'],
    [['--max-warnings', '1.5'], '--max-warnings must be a whole number of 0 or more (got "1.5")'],
    [['--fix=yes'], '--fix does not take a value'],
    [['--config='], '--config needs a file name'],
  ];
  for (const [argv, message] of bad) {
    it(`rejects ${argv.join(' ')}`, () => {
      assert.throws(() => parseArguments(argv), (error: unknown) => {
        assert.ok(error instanceof CliError);
        assert.equal(error.message, message);
        return true;
      });
    });
  }
});

describe('cli command (in-process)', () => {
  const temp = makeTempFolder();
  after(() => temp.remove());
  const app = appFolders(temp.root);

  it('prints usage for --help and exits 0', async () => {
    const captured = capture(temp.root);
    assert.equal(await runCli(['--help'], captured.io), 0);
    assert.equal(captured.stdout(), USAGE);
    assert.match(USAGE, /^Usage: serverless-security-lint \[options\] \[paths\.\.\.\]/);
  });

  it('exits 2 with one line on stderr for a bad option, and prints no report', async () => {
    const captured = capture(temp.root);
    assert.equal(await runCli(['--severity', 'high'], captured.io), 2);
    assert.equal(captured.stderr(), 'serverless-security-lint: --severity must be one of error, warning, info (got "high") (see --help)\n');
    assert.equal(captured.stdout(), '');
  });

  it('writes the report to --output instead of stdout, creating its folder, without colour', async () => {
    const root = app({ 'a.js': lines('DANGER') });
    const captured = capture(root, { isTTY: true });
    assert.equal(await runCli(['-o', 'reports/lint.txt'], captured.io, { rules: TEST_RULES }), 1);
    assert.equal(captured.stdout(), '');
    const report = fs.readFileSync(path.join(root, 'reports/lint.txt'), 'utf8');
    assert.match(report, /^a\.js\n {2}1:1 {2}error {2}DANGER reached from nowhere {2}injection\/test-danger\n/);
    assert.doesNotMatch(report, /\u001b/);
  });

  it('colours a terminal unless NO_COLOR is set', async () => {
    const root = app({ 'a.js': lines('DANGER') });
    const tty = capture(root, { isTTY: true });
    await runCli([], tty.io, { rules: TEST_RULES });
    assert.match(tty.stdout(), /\u001b\[31m/);
    const noColor = capture(root, { isTTY: true, env: { NO_COLOR: '1' } });
    await runCli([], noColor.io, { rules: TEST_RULES });
    assert.doesNotMatch(noColor.stdout(), /\u001b/);
    const pipe = capture(root, { isTTY: false });
    await runCli([], pipe.io, { rules: TEST_RULES });
    assert.doesNotMatch(pipe.stdout(), /\u001b/);
  });

  it('prints JSON that parses', async () => {
    const root = app({ 'a.js': lines('var a;') });
    const captured = capture(root);
    assert.equal(await runCli(['--format', 'json'], captured.io, { rules: TEST_RULES }), 0);
    const parsed = JSON.parse(captured.stdout()) as { ruleId: string }[];
    assert.deepEqual(parsed.map((finding) => finding.ruleId), ['config/test-var']);
  });

  it('passes --severity and --max-warnings through to the exit code', async () => {
    const root = app({ 'a.js': lines('var a;') });
    assert.equal(await runCli([], capture(root).io, { rules: TEST_RULES }), 0);
    assert.equal(await runCli(['--severity', 'warning'], capture(root).io, { rules: TEST_RULES }), 1);
    assert.equal(await runCli(['--max-warnings', '0'], capture(root).io, { rules: TEST_RULES }), 1);
    assert.equal(await runCli(['--max-warnings', '1'], capture(root).io, { rules: TEST_RULES }), 0);
  });

  it('rewrites files with --fix', async () => {
    const root = app({ 'a.js': lines('var a;') });
    const captured = capture(root);
    assert.equal(await runCli(['--fix'], captured.io, { rules: TEST_RULES }), 0);
    assert.equal(fs.readFileSync(path.join(root, 'a.js'), 'utf8'), lines('let a;'));
    assert.equal(captured.stdout(), lines('✔ no problems in 1 file', 'Applied 1 fix; rewrote a.js'));
  });

  it('names the rule and file of a crash on stderr and exits 2', async () => {
    const root = app({ 'a.js': lines('CRASH') });
    const captured = capture(root);
    assert.equal(await runCli([], captured.io, { rules: [crashRule] }), 2);
    assert.equal(captured.stderr(), 'serverless-security-lint: internal error: rule auth/test-crash failed on a.js: boom\n');
  });

  it('warns on stderr about an explicitly named ignored file', async () => {
    const root = app({ '.serverless-security-lint.yml': lines('ignore: ["gen/**"]'), 'gen/a.js': lines('DANGER') });
    const captured = capture(root);
    assert.equal(await runCli(['gen/a.js'], captured.io, { rules: TEST_RULES }), 0);
    assert.equal(
      captured.stderr(),
      'serverless-security-lint: warning: gen/a.js is ignored by the configuration\'s "ignore" globs and was not checked\n',
    );
  });
});
