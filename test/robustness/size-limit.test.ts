/**
 * The file size limit (issue 9): 2 MB by default, set by `maxFileSize` in the configuration file,
 * the `serverlessSecurityLint.maxFileSize` setting or `--max-file-size`; bad values are clear
 * errors, and a refused file's one finding states the limit and how to raise it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli, type CliIo } from '../../cli/src/cli';
import { CliError } from '../../cli/src/errors';
import { parseArguments, USAGE } from '../../cli/src/options';
import { DEFAULT_MAX_FILE_BYTES } from '../../rules/engine/runner';
import { DEFAULT_SETTINGS } from '../../protocol/index';
import { EMPTY_CONFIG, formatFileSize, lintFile, parseConfig, parseFileSize, Project, RULES_BY_ID } from '../../rules/index';
import type { Logger } from '../../server/src/logger';
import { effectiveConfig, readSettings } from '../../server/src/settings';

const RULE_IDS = new Set(RULES_BY_ID.keys());

/** A JavaScript file of exactly `bytes` bytes with no findings. */
function fileOf(bytes: number): string {
  const head = 'const padding = "';
  const tail = '";\n';
  return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
}

function refusal(bytes: number, limit: string): string {
  return (
    `File too large to analyse (${bytes} bytes; the limit is ${limit}). Raise it with maxFileSize in ` +
    '.serverless-security-lint.yml, the serverlessSecurityLint.maxFileSize setting or --max-file-size.'
  );
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, error: () => undefined, warn: (message) => warnings.push(message), info: () => undefined, log: () => undefined };
}

describe('file size limit', () => {
  describe('size values', () => {
    it('reads bytes, KB and MB', () => {
      assert.equal(parseFileSize('2MB'), 2 * 1024 * 1024);
      assert.equal(parseFileSize('512KB'), 512 * 1024);
      assert.equal(parseFileSize('1.5 mb'), 1.5 * 1024 * 1024);
      assert.equal(parseFileSize('4096'), 4096);
      assert.equal(parseFileSize('4096B'), 4096);
      assert.equal(parseFileSize(3_000_000), 3_000_000);
      assert.equal(parseFileSize('64MB'), 64 * 1024 * 1024);
    });

    it('rejects anything else with a sentence saying what is expected', () => {
      const expected = 'expected a number of bytes, or a number followed by KB or MB such as "2MB"';
      assert.equal(parseFileSize('2GB'), `"2GB" is not a size; ${expected}`);
      assert.equal(parseFileSize('two megabytes'), `"two megabytes" is not a size; ${expected}`);
      assert.equal(parseFileSize('-1MB'), `"-1MB" is not a size; ${expected}`);
      assert.equal(parseFileSize(''), `"" is not a size; ${expected}`);
      assert.equal(parseFileSize(true), `true is not a size; ${expected}`);
      assert.equal(parseFileSize(1.5), `1.5 is not a whole number of bytes; ${expected}`);
      assert.equal(parseFileSize('100'), '"100" is too small; the smallest limit is 1KB');
      assert.equal(parseFileSize('65MB'), '"65MB" is too large; the largest limit is 64MB');
    });

    it('writes a limit back the way it can be read', () => {
      assert.equal(formatFileSize(DEFAULT_MAX_FILE_BYTES), '2MB');
      assert.equal(formatFileSize(1536), '1536 bytes');
      assert.equal(formatFileSize(4096), '4KB');
      assert.equal(formatFileSize(4097), '4097 bytes');
    });
  });

  describe('the engine', () => {
    it('refuses a file over the default 2 MB with the limit and how to raise it', () => {
      const text = fileOf(DEFAULT_MAX_FILE_BYTES + 1);
      const project = new Project([['/w/big.js', text]]);
      const findings = lintFile(project, '/w/big.js');
      assert.deepEqual(
        findings.map((finding) => [finding.ruleId, finding.messageId, finding.range, finding.message]),
        [['parse-error', 'fileTooLarge', { start: 0, end: 0 }, refusal(DEFAULT_MAX_FILE_BYTES + 1, '2MB')]],
      );
      assert.deepEqual(lintFile(new Project([['/w/ok.js', fileOf(DEFAULT_MAX_FILE_BYTES)]]), '/w/ok.js'), []);
    });

    it('takes the limit from the configuration, and the lint option over it', () => {
      const project = new Project([['/w/a.js', fileOf(5000)]]);
      const config = { ...EMPTY_CONFIG, maxFileBytes: 4096 };
      assert.deepEqual(lintFile(project, '/w/a.js', { config }).map((finding) => finding.message), [refusal(5000, '4KB')]);
      assert.deepEqual(lintFile(project, '/w/a.js', { config, maxFileBytes: 8192 }), []);
      assert.deepEqual(lintFile(project, '/w/a.js', { config: { ...EMPTY_CONFIG, maxFileBytes: 5000 } }), []);
    });
  });

  describe('the configuration file', () => {
    it('reads maxFileSize', () => {
      assert.deepEqual(parseConfig('maxFileSize: 4MB\n', '.serverless-security-lint.yml', RULE_IDS), {
        config: { rules: {}, ignore: [], root: '', maxFileBytes: 4 * 1024 * 1024 },
      });
      assert.deepEqual(parseConfig('{ "maxFileSize": 10000 }', '.serverless-security-lint.json', RULE_IDS), {
        config: { rules: {}, ignore: [], root: '', maxFileBytes: 10000 },
      });
      assert.deepEqual(parseConfig('rules: {}\n', '.serverless-security-lint.yml', RULE_IDS).config?.maxFileBytes, undefined);
    });

    it('rejects a bad value naming the file and the key', () => {
      assert.deepEqual(parseConfig('maxFileSize: 2GB\n', '.serverless-security-lint.yml', RULE_IDS), {
        error:
          '.serverless-security-lint.yml: "maxFileSize": "2GB" is not a size; expected a number of bytes, or a number followed by KB or MB such as "2MB"',
      });
      assert.deepEqual(parseConfig('maxFileSize: 512\n', '.serverless-security-lint.yml', RULE_IDS), {
        error: '.serverless-security-lint.yml: "maxFileSize": 512 is too small; the smallest limit is 1KB',
      });
      assert.deepEqual(parseConfig('maxFileSize: [1]\n', '.serverless-security-lint.yml', RULE_IDS), {
        error:
          '.serverless-security-lint.yml: "maxFileSize": [1] is not a size; expected a number of bytes, or a number followed by KB or MB such as "2MB"',
      });
      assert.deepEqual(parseConfig('maxFileBytes: 4MB\n', '.serverless-security-lint.yml', RULE_IDS), {
        error: '.serverless-security-lint.yml: unknown key "maxFileBytes" (expected "rules", "ignore" or "maxFileSize")',
      });
    });
  });

  describe('the editor setting', () => {
    it('reads serverlessSecurityLint.maxFileSize', () => {
      const logger = recordingLogger();
      assert.equal(readSettings({ maxFileSize: '1MB' }, logger).maxFileBytes, 1024 * 1024);
      assert.equal(readSettings({ maxFileSize: 8192 }, logger).maxFileBytes, 8192);
      assert.equal(readSettings({ maxFileSize: null }, logger).maxFileBytes, undefined);
      assert.equal(readSettings({ maxFileSize: '' }, logger).maxFileBytes, undefined);
      assert.deepEqual(logger.warnings, []);
    });

    it('logs a bad value and falls back', () => {
      const logger = recordingLogger();
      assert.equal(readSettings({ maxFileSize: '3 gigabytes' }, logger).maxFileBytes, undefined);
      assert.deepEqual(logger.warnings, [
        'serverlessSecurityLint.maxFileSize: "3 gigabytes" is not a size; expected a number of bytes, or a number followed by KB or MB such as "2MB"; using the configuration file\'s limit or the default',
      ]);
    });

    it('applies under the configuration file, which wins when both set it', () => {
      const settings = { ...DEFAULT_SETTINGS, maxFileBytes: 8192 };
      assert.equal(effectiveConfig(EMPTY_CONFIG, settings).maxFileBytes, 8192);
      assert.equal(effectiveConfig({ ...EMPTY_CONFIG, maxFileBytes: 4096 }, settings).maxFileBytes, 4096);
      assert.equal(effectiveConfig(EMPTY_CONFIG, DEFAULT_SETTINGS), EMPTY_CONFIG);
      assert.equal(effectiveConfig(EMPTY_CONFIG, settings), effectiveConfig(EMPTY_CONFIG, settings), 'memoised');
    });
  });

  describe('the command line', () => {
    let root: string;

    before(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'ssl-size-'));
      fs.writeFileSync(path.join(root, 'handler.js'), fileOf(5000));
    });

    after(() => fs.rmSync(root, { recursive: true, force: true }));

    function io(): { io: CliIo; out: () => string; err: () => string } {
      let out = '';
      let err = '';
      return {
        io: { cwd: root, stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (err += text) }, env: {} },
        out: () => out,
        err: () => err,
      };
    }

    it('reads --max-file-size', () => {
      assert.equal(parseArguments(['--max-file-size', '4KB']).maxFileBytes, 4096);
      assert.equal(parseArguments(['--max-file-size=3000000']).maxFileBytes, 3_000_000);
      assert.equal(parseArguments([]).maxFileBytes, undefined);
      assert.match(USAGE, /--max-file-size <size>/);
    });

    it('rejects a bad value with one line', () => {
      assert.throws(
        () => parseArguments(['--max-file-size', '2GB']),
        new CliError('--max-file-size: "2GB" is not a size; expected a number of bytes, or a number followed by KB or MB such as "2MB"'),
      );
      assert.throws(() => parseArguments(['--max-file-size', '10']), new CliError('--max-file-size: "10" is too small; the smallest limit is 1KB'));
      assert.throws(() => parseArguments(['--max-file-size']), new CliError('--max-file-size needs a value'));
    });

    it('refuses a file over the limit it sets, over the configuration file', async () => {
      fs.writeFileSync(path.join(root, '.serverless-security-lint.yml'), 'maxFileSize: 64KB\n');
      const lowered = io();
      const code = await runCli(['--max-file-size', '4KB', '--format', 'json', 'handler.js'], lowered.io);
      assert.equal(lowered.err(), '');
      const report = JSON.parse(lowered.out()) as { ruleId: string; message: string }[];
      assert.deepEqual(
        report.map((finding) => [finding.ruleId, finding.message]),
        [['parse-error', refusal(5000, '4KB')]],
      );
      assert.equal(code, 1);

      // Without the option, the configuration file's 64KB lets it through.
      const configured = io();
      assert.equal(await runCli(['--format', 'json', 'handler.js'], configured.io), 0);
      assert.deepEqual(JSON.parse(configured.out()), []);
    });

    it('reports a bad maxFileSize in the configuration file as a configuration error', async () => {
      fs.writeFileSync(path.join(root, '.serverless-security-lint.yml'), 'maxFileSize: lots\n');
      const bad = io();
      assert.equal(await runCli(['handler.js'], bad.io), 2);
      assert.match(bad.err(), /\.serverless-security-lint\.yml: "maxFileSize": "lots" is not a size; expected a number of bytes, or a number followed by KB or MB such as "2MB"/);
    });
  });
});
