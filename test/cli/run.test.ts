import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from '../../cli/src/errors';
import { formatJson } from '../../cli/src/format/json';
import { formatText } from '../../cli/src/format/text';
import { run } from '../../cli/src/run';
import { appFolders, crashRule, lines, makeTempFolder, noteRule, sameTextFixRule, TEST_RULES, varRule } from './helpers';

describe('cli run', () => {
  const temp = makeTempFolder();
  after(() => temp.remove());
  /** A new app folder per test, so tests never see each other's files. */
  const app = appFolders(temp.root);

  const smallApp = {
    'serverless.yml': lines('service: demo', 'provider:', '  role: ROLE', '# DANGER in a template comment'),
    'src/handler.js': lines('const input = SOURCE;', 'var x = input;', 'run(DANGER);', '// NOTE tidy up'),
    'lib/util.js': lines('exports.go = () => DANGER;'),
    'node_modules/dep/index.js': lines('DANGER'),
  };

  describe('text output', () => {
    it('groups findings by file, aligns columns and summarises', async () => {
      const root = app(smallApp);
      const result = await run({ cwd: root, rules: TEST_RULES });
      assert.equal(
        formatText(result, { color: false }),
        lines(
          'lib/util.js',
          '  1:20  error  DANGER reached from nowhere  injection/test-danger',
          '',
          'serverless.yml',
          '  4:3  error  DANGER reached from nowhere  injection/test-danger',
          '',
          'src/handler.js',
          '  2:1  warning  Unexpected var              config/test-var',
          '  3:5  error    DANGER reached from SOURCE  injection/test-danger',
          '  4:4  info     A note was left here        errors/test-note',
          '',
          '✖ 5 problems (3 errors, 1 warning, 1 info)',
          '1 problem can be fixed with --fix',
        ),
      );
      assert.equal(result.exitCode, 1);
      assert.deepEqual(
        result.checkedFiles.map((file) => path.posix.relative(result.cwd, file)),
        ['lib/util.js', 'serverless.yml', 'src/handler.js'],
        'node_modules is never scanned',
      );
    });

    it('prints paths relative to the working folder, not to the scanned folder', async () => {
      const root = app(smallApp);
      const result = await run({ cwd: path.dirname(root), paths: [path.basename(root)], rules: TEST_RULES });
      assert.deepEqual(
        [...new Set(result.findings.map((finding) => finding.file))],
        [`${path.basename(root)}/lib/util.js`, `${path.basename(root)}/serverless.yml`, `${path.basename(root)}/src/handler.js`],
      );
    });

    it('says so when nothing is found', async () => {
      const root = app({ 'a.js': lines('ok();'), 'b.yml': lines('a: 1') });
      const result = await run({ cwd: root, rules: TEST_RULES });
      assert.equal(formatText(result, { color: false }), lines('✔ no problems in 2 files'));
      assert.equal(result.exitCode, 0);
    });

    it('colours only when asked', async () => {
      const root = app({ 'a.js': lines('DANGER') });
      const result = await run({ cwd: root, rules: TEST_RULES });
      assert.match(formatText(result, { color: true }), /\u001b\[31merror\u001b\[39m/);
      assert.doesNotMatch(formatText(result, { color: false }), /\u001b/);
    });
  });

  describe('JSON output', () => {
    it('gives 1-based UTF-16 positions, related locations, fixes and data, sorted', async () => {
      // The emoji is two UTF-16 code units; CRLF is one line break.
      const root = app({
        'serverless.yml': lines('service: demo', 'role: ROLE'),
        'src/b.js': "const face = '😀'; DANGER\r\nvar SOURCE\r\n",
        'src/a.js': lines('DANGER'),
      });
      const result = await run({ cwd: root, rules: TEST_RULES });
      const json: unknown = JSON.parse(formatJson(result));
      assert.deepEqual(json, [
        {
          file: 'src/a.js',
          ruleId: 'injection/test-danger',
          severity: 'error',
          message: 'DANGER reached from nowhere',
          messageId: 'danger',
          data: { origin: 'nowhere' },
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 7,
          related: [
            { file: 'serverless.yml', line: 2, column: 7, endLine: 2, endColumn: 11, message: 'the role is granted here' },
          ],
          fixes: [],
        },
        {
          file: 'src/b.js',
          ruleId: 'injection/test-danger',
          severity: 'error',
          message: 'DANGER reached from SOURCE',
          messageId: 'danger',
          data: { origin: 'SOURCE' },
          line: 1,
          column: 20,
          endLine: 1,
          endColumn: 26,
          related: [
            { file: 'src/b.js', line: 2, column: 5, endLine: 2, endColumn: 11, message: 'the value comes from here' },
            { file: 'serverless.yml', line: 2, column: 7, endLine: 2, endColumn: 11, message: 'the role is granted here' },
          ],
          fixes: [],
        },
        {
          file: 'src/b.js',
          ruleId: 'config/test-var',
          severity: 'warning',
          message: 'Unexpected var',
          messageId: 'useVar',
          data: {},
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 4,
          related: [],
          fixes: [
            { kind: 'fix', title: 'Replace var with let' },
            { kind: 'suggestion', title: 'Replace var with const' },
          ],
        },
      ]);
    });

    it('prints an empty array when nothing is found', async () => {
      const root = app({ 'a.js': lines('ok();') });
      assert.equal(formatJson(await run({ cwd: root, rules: TEST_RULES })), '[]\n');
    });
  });

  describe('exit code', () => {
    const warningOnly = { 'a.js': lines('var a = 1;') };
    const infoOnly = { 'a.js': lines('// NOTE') };

    it('fails on errors only by default', async () => {
      assert.equal((await run({ cwd: app(warningOnly), rules: TEST_RULES })).exitCode, 0);
      assert.equal((await run({ cwd: app({ 'a.js': lines('DANGER') }), rules: TEST_RULES })).exitCode, 1);
    });

    it('--severity warning fails on warnings but not on info', async () => {
      assert.equal((await run({ cwd: app(warningOnly), rules: TEST_RULES, severity: 'warning' })).exitCode, 1);
      assert.equal((await run({ cwd: app(infoOnly), rules: TEST_RULES, severity: 'warning' })).exitCode, 0);
    });

    it('--severity info fails on info', async () => {
      assert.equal((await run({ cwd: app(infoOnly), rules: TEST_RULES, severity: 'info' })).exitCode, 1);
    });

    it('--max-warnings fails when there are more warnings than allowed', async () => {
      const root = app({ 'a.js': lines('var a = 1;', 'var b = 2;') });
      assert.equal((await run({ cwd: root, rules: TEST_RULES, maxWarnings: 0 })).exitCode, 1);
      assert.equal((await run({ cwd: root, rules: TEST_RULES, maxWarnings: 1 })).exitCode, 1);
      assert.equal((await run({ cwd: root, rules: TEST_RULES, maxWarnings: 2 })).exitCode, 0);
    });

    it('is 2 when a rule crashes, and the crash is reported as a finding', async () => {
      const root = app({ 'a.js': lines('CRASH') });
      const result = await run({ cwd: root, rules: [...TEST_RULES, crashRule] });
      assert.equal(result.exitCode, 2);
      assert.deepEqual(result.internalErrors, [{ ruleId: 'auth/test-crash', file: 'a.js', message: 'boom' }]);
      assert.deepEqual(
        result.findings.map((finding) => [finding.ruleId, finding.severity, finding.data]),
        [['internal-error', 'warning', { rule: 'auth/test-crash', reason: 'boom' }]],
      );
    });
  });

  describe('paths', () => {
    it('rejects a path that does not exist, naming it', async () => {
      const root = app({ 'a.js': lines('ok();') });
      await assert.rejects(run({ cwd: root, paths: ['a.js', 'missing/dir'], rules: TEST_RULES }), (error: unknown) => {
        assert.ok(error instanceof CliError);
        assert.equal(error.message, 'no such file or folder: missing/dir');
        return true;
      });
    });

    it('rejects a file it cannot read, naming it and the reason', async () => {
      const root = app({ 'src/a.js': lines('ok();'), 'src/b.js': lines('ok();') });
      const denied = Object.assign(new Error('permission denied'), { code: 'EACCES' });
      await assert.rejects(
        run({
          cwd: root,
          rules: TEST_RULES,
          readFile: async (file) => {
            if (file.endsWith('/src/b.js')) throw denied;
            return fs.promises.readFile(file, 'utf8');
          },
        }),
        { name: 'Error', message: 'cannot read src/b.js: EACCES' },
      );
    });

    it('reports only a given file, but links it with the template above it', async () => {
      const root = app(smallApp);
      const result = await run({ cwd: root, paths: ['src/handler.js'], rules: TEST_RULES });
      assert.deepEqual(result.checkedFiles, [`${result.cwd}/src/handler.js`]);
      const danger = result.findings.filter((finding) => finding.ruleId === 'injection/test-danger');
      assert.equal(danger.length, 1, 'serverless.yml and lib/util.js are context only');
      assert.deepEqual(
        danger[0]?.related.map((related) => [related.file, related.region.line, related.message]),
        [
          ['src/handler.js', 1, 'the value comes from here'],
          ['serverless.yml', 3, 'the role is granted here'],
        ],
      );
    });

    it('links a given sub-folder with the template above it', async () => {
      const root = app(smallApp);
      const result = await run({ cwd: root, paths: ['src'], rules: TEST_RULES });
      const related = result.findings.flatMap((finding) => finding.related.map((location) => location.file));
      assert.ok(related.includes('serverless.yml'), `related: ${related.join(', ')}`);
      assert.ok(result.findings.every((finding) => finding.file.startsWith('src/')));
    });

    it('checks a file once when it is named twice', async () => {
      const root = app(smallApp);
      const result = await run({ cwd: root, paths: ['.', 'src/handler.js', './src/handler.js'], rules: TEST_RULES });
      assert.equal(result.findings.filter((finding) => finding.file === 'src/handler.js').length, 3);
    });
  });

  describe('configuration', () => {
    it('scans folders for files up to the size limit in force: 2 MB, the config file, or --max-file-size', async () => {
      const big = `run(DANGER);\n// ${'x'.repeat(2.5 * 1024 * 1024)}\n`;
      const filesWith = async (root: string, maxFileBytes?: number): Promise<string[]> => {
        const result = await run({ cwd: root, paths: ['.'], rules: TEST_RULES, ...(maxFileBytes !== undefined ? { maxFileBytes } : {}) });
        return [...new Set(result.findings.map((finding) => finding.file))].sort();
      };
      const plain = app({ 'src/big.js': big, 'src/small.js': lines('run(DANGER);') });
      assert.deepEqual(await filesWith(plain), ['src/small.js']);
      assert.deepEqual(await filesWith(plain, 3 * 1024 * 1024), ['src/big.js', 'src/small.js']);
      const configured = app({ '.serverless-security-lint.yml': lines('maxFileSize: 3MB'), 'src/big.js': big, 'src/small.js': lines('run(DANGER);') });
      assert.deepEqual(await filesWith(configured), ['src/big.js', 'src/small.js']);
      // The option wins over the configuration file, here towards a smaller limit.
      assert.deepEqual(await filesWith(configured, 1024 * 1024), ['src/small.js']);
    });

    it('leaves out files matched by ignore globs, relative to the config file', async () => {
      const root = app({
        '.serverless-security-lint.yml': lines('ignore:', '  - "generated/**"'),
        'generated/out.js': lines('DANGER'),
        'src/generated/kept.js': lines('DANGER'),
      });
      const result = await run({ cwd: root, rules: TEST_RULES });
      assert.deepEqual(
        result.findings.map((finding) => finding.file),
        ['src/generated/kept.js'],
      );
    });

    it('warns about an explicitly named file that is ignored, and does not check it', async () => {
      const root = app({
        '.serverless-security-lint.yml': lines('ignore:', '  - "generated/**"'),
        'generated/out.js': lines('DANGER'),
      });
      const result = await run({ cwd: root, paths: ['generated/out.js'], rules: TEST_RULES });
      assert.deepEqual(result.findings, []);
      assert.deepEqual(result.notices, [
        'generated/out.js is ignored by the configuration\'s "ignore" globs and was not checked',
      ]);
    });

    it('uses --config for every file instead of the nearest configuration', async () => {
      const root = app({
        '.serverless-security-lint.yml': lines('ignore: ["src/**"]'),
        'ci/lint.yml': lines('ignore: ["../legacy/**"]'),
        'lint.json': JSON.stringify({ ignore: ['legacy/**'] }),
        'src/a.js': lines('DANGER'),
        'legacy/b.js': lines('DANGER'),
      });
      const files = async (config?: string): Promise<string[]> =>
        (await run({ cwd: root, rules: TEST_RULES, ...(config ? { config } : {}) })).findings.map((finding) => finding.file);
      assert.deepEqual(await files(), ['legacy/b.js']);
      assert.deepEqual(await files('lint.json'), ['src/a.js']);
    });

    it('rejects a configuration with an unknown key, naming the file', async () => {
      const root = app({ '.serverless-security-lint.yml': lines('rulez: {}'), 'a.js': lines('ok();') });
      await assert.rejects(run({ cwd: root, rules: TEST_RULES }), (error: unknown) => {
        assert.ok(error instanceof CliError);
        assert.match(error.message, /\.serverless-security-lint\.yml: unknown key "rulez"/);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
    });

    it('rejects a configuration that does not parse', async () => {
      const root = app({ '.serverless-security-lint.json': '{ "ignore": [', 'a.js': lines('ok();') });
      await assert.rejects(run({ cwd: root, rules: TEST_RULES }), /\.serverless-security-lint\.json: cannot be parsed/);
    });

    it('rejects a --config file that does not exist', async () => {
      const root = app({ 'a.js': lines('ok();') });
      await assert.rejects(run({ cwd: root, config: 'nope.yml', rules: TEST_RULES }), (error: unknown) => {
        assert.ok(error instanceof CliError);
        assert.match(error.message, /^cannot read configuration .*nope\.yml: ENOENT$/);
        return true;
      });
    });
  });

  describe('--fix', () => {
    const old = new Date('2020-01-01T00:00:00Z');

    it('rewrites files with fix-kind fixes, keeps CRLF and permissions, and reports what remains', async () => {
      const root = app({
        'src/a.js': 'var a = 1;\r\nvar b = DANGER;\r\n',
        'src/clean.js': lines('let c = 3;'),
      });
      const fixed = path.join(root, 'src/a.js');
      const clean = path.join(root, 'src/clean.js');
      fs.chmodSync(fixed, 0o751);
      fs.utimesSync(clean, old, old);

      const result = await run({ cwd: root, rules: TEST_RULES, fix: true });

      assert.equal(fs.readFileSync(fixed, 'utf8'), 'let a = 1;\r\nlet b = DANGER;\r\n');
      assert.equal(fs.statSync(fixed).mode & 0o777, 0o751);
      assert.equal(fs.statSync(clean).mtimeMs, old.getTime(), 'a file without fixes is not rewritten');
      assert.deepEqual(fs.readdirSync(path.join(root, 'src')).sort(), ['a.js', 'clean.js'], 'no temporary files left');
      assert.deepEqual(result.fix, { applied: 2, written: ['src/a.js'] });
      assert.equal(
        formatText(result, { color: false }),
        lines(
          'src/a.js',
          '  2:9  error  DANGER reached from nowhere  injection/test-danger',
          '',
          '✖ 1 problem (1 error, 0 warnings, 0 info)',
          'Applied 2 fixes; rewrote src/a.js',
        ),
      );
    });

    it('never rewrites a file whose fixed text is the same', async () => {
      const root = app({ 'a.js': lines('SAME') });
      const file = path.join(root, 'a.js');
      fs.utimesSync(file, old, old);
      const result = await run({ cwd: root, rules: [sameTextFixRule], fix: true });
      assert.equal(fs.statSync(file).mtimeMs, old.getTime());
      assert.deepEqual(result.fix?.written, []);
      assert.equal(result.findings.length, 1, 'the finding is still reported');
      assert.equal(
        formatText(result, { color: false }),
        lines('a.js', '  1:1  warning  SAME stays SAME  config/test-same-text', '', '✖ 1 problem (0 errors, 1 warning, 0 info)', 'No automatic fixes to apply'),
      );
    });

    it('says when there is nothing to fix, and leaves files alone', async () => {
      const root = app({ 'a.js': lines('DANGER') });
      const file = path.join(root, 'a.js');
      fs.utimesSync(file, old, old);
      const result = await run({ cwd: root, rules: TEST_RULES, fix: true });
      assert.equal(fs.statSync(file).mtimeMs, old.getTime());
      assert.match(formatText(result, { color: false }), /\nNo automatic fixes to apply\n$/);
    });

    it('does not write without --fix', async () => {
      const root = app({ 'a.js': lines('var a;') });
      const result = await run({ cwd: root, rules: [varRule, noteRule] });
      assert.equal(fs.readFileSync(path.join(root, 'a.js'), 'utf8'), lines('var a;'));
      assert.equal(result.fix, undefined);
    });
  });
});
