import assert from 'node:assert/strict';
import {
  evaluateTargets,
  renderReadmeSection,
  renderTable,
  replaceReadmeSection,
  type BenchResults,
  type Row,
} from '../../../scripts/bench/report';

const handler: Row = {
  key: '1k',
  subject: 'handler 1k lines',
  file: 'single/src/handler-1k.js',
  lines: 1000,
  parseFloor: { runs: 10, medianMs: 10, p95Ms: 12 },
  inProcess: { runs: 10, medianMs: 11, p95Ms: 14 },
  lsp: { runs: 5, medianMs: 13, p95Ms: 20 },
  lspParseFloor: { runs: 5, medianMs: 8, p95Ms: 9 },
  eslintWarm: { runs: 10, medianMs: 30, p95Ms: 40, messages: 15, fatal: 0 },
  perEdit: { analysed: 1, parsed: 1, read: 3 },
};

const template: Row = {
  key: 'template',
  subject: 'serverless.yml, 200 functions',
  file: 'big/serverless.yml',
  lines: 1820,
  parseFloor: { runs: 10, medianMs: 5, p95Ms: 6 },
  inProcess: { runs: 10, medianMs: 7, p95Ms: 9 },
  eslintWarm: null,
  perEdit: { analysed: 1, parsed: 1, read: 92 },
};

function results(overrides: Partial<BenchResults> = {}): BenchResults {
  const measured: Omit<BenchResults, 'targets'> = {
    date: '2026-11-22T21:00:00.000Z',
    machine: 'Test CPU × 2, 8 GB, Node v20.20.2, linux',
    seed: 9,
    options: ['--runs', '10'],
    workspace: { files: 2000, lines: 333848, jsTsFiles: 1948 },
    rows: [handler, template],
    cliColdScan: { wallMs: 5000, timeoutS: 900, exitCode: 1, findings: 700 },
    eslintColdScan: { wallMs: 4000, timeoutS: 900, exitCode: 0, findings: 900, files: 1948, fatal: 0 },
    eslintVersions: { eslint: '9.39.5' },
    lsp: {
      indexMs: 2000,
      memoryAfterIndexing: { rssMb: 350, peakRssMb: 360 },
      memoryAtEnd: { rssMb: 380, peakRssMb: 500 },
      reanalysis: {},
      otherPublishesPerEdit: {},
      parseFloors: {},
    },
    lspError: null,
    eslintError: null,
    ...overrides,
  };
  return { ...measured, targets: evaluateTargets(measured), ...overrides };
}

describe('bench: report', () => {
  it('judges each target from the run, using the LSP p95 and its phase\'s parse floor where measured', () => {
    assert.deepEqual(results().targets, [
      { name: 'handler 1k lines: LSP p95 ÷ parse floor', measured: 2.5, bound: 1.5, unit: '×', met: false },
      { name: 'handler 1k lines: LSP p95 ÷ ESLint warm p95', measured: 0.5, bound: 1, unit: '×', met: true },
      { name: 'cold workspace scan ÷ ESLint cold (JS/TS subset)', measured: 1.25, bound: 1, unit: '×', met: false },
      { name: 'server RSS after indexing', measured: 350, bound: 400, unit: 'MB', met: true },
      { name: 'server peak RSS by the end of the edits', measured: 500, bound: 400, unit: 'MB', met: false },
    ]);
  });

  it('counts a cold scan that did not finish as its bound, and never as met', () => {
    const targets = results({
      cliColdScan: { timeoutS: 60, exitCode: null, findings: -1 },
      eslintColdScan: { wallMs: 120_000, timeoutS: 60, exitCode: 0, findings: 1, files: 1, fatal: 0 },
    }).targets;
    assert.deepEqual(targets.find((target) => target.name.startsWith('cold')), {
      name: 'cold workspace scan ÷ ESLint cold (JS/TS subset)',
      measured: 0.5,
      bound: 1,
      unit: '×',
      met: false,
      atLeast: true,
    });
  });

  it('says a ratio built on an unfinished cold scan is a lower bound', () => {
    const section = renderReadmeSection(results({ cliColdScan: { timeoutS: 600, exitCode: null, findings: -1 } }));
    assert.ok(section.includes('ours did not finish in 600 s;'));
    assert.ok(section.includes('- cold workspace scan ÷ ESLint cold (JS/TS subset): at least 150× (target ≤ 1×) — **not met**: at least 150× the bound'));
  });

  it('judges no cold target when a cold run failed, and says it failed', () => {
    const failed = results({ eslintColdScan: { wallMs: 300, timeoutS: 900, exitCode: 2, findings: -1, error: 'exit code 2: boom' } });
    assert.equal(failed.targets.some((target) => target.name.startsWith('cold')), false);
    assert.ok(renderReadmeSection(failed).includes('ESLint + plugins over its 1948 JS/TS files failed (exit code 2: boom).'));
  });

  it('prints one table row per subject, with n/a where ESLint does not apply', () => {
    assert.equal(
      renderTable(results()).split('\n').slice(2).join('\n'),
      [
        '| handler 1k lines | 1000 | 10 / 12 | 11 / 14 | 8 / 9 | 13 / 20 | 30 / 40 | 2.5× | 0.5× | 1 / 1 / 3 |',
        '| serverless.yml, 200 functions | 1820 | 5 / 6 | 7 / 9 | n/a | n/a | does not lint YAML | 1.8× | n/a | 1 / 1 / 92 |',
      ].join('\n'),
    );
  });

  it('says which targets are not met, by how much, with the machine and date', () => {
    const section = renderReadmeSection(results());
    assert.match(section, /^Measured 2026-11-22 on Test CPU × 2, 8 GB, Node v20\.20\.2, linux; seed 9; options --runs 10\./);
    assert.ok(section.includes('- handler 1k lines: LSP p95 ÷ parse floor: 2.5× (target ≤ 1.5×) — **not met**: 1.67× the bound'));
    assert.ok(section.includes('- server peak RSS by the end of the edits: 500 MB (target ≤ 400 MB) — **not met**: 1.25× the bound'));
    assert.ok(section.includes('- handler 1k lines: LSP p95 ÷ ESLint warm p95: 0.5× (target < 1×) — met (0.5× the bound)'));
    assert.ok(section.includes('- server RSS after indexing: 350 MB (target ≤ 400 MB) — met (0.88× the bound)'));
    assert.ok(section.includes('ours 5000 ms (700 findings); ESLint + plugins over its 1948 JS/TS files 4000 ms (900 problems).'));
  });

  it('replaces only the text between the markers', () => {
    const readme = '# Title\n\n## Performance\n\n<!-- bench:start -->\nold table\n<!-- bench:end -->\n\n## Development\n';
    assert.equal(
      replaceReadmeSection(readme, 'new table\n'),
      '# Title\n\n## Performance\n\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\n\n## Development\n',
    );
  });

  it('refuses a README without exactly one well-ordered section', () => {
    assert.throws(() => replaceReadmeSection('# Title\n', 'x'), /README\.md has no <!-- bench:start --> … <!-- bench:end --> section to fill/);
    assert.throws(
      () => replaceReadmeSection('<!-- bench:start -->\n<!-- bench:end -->\n<!-- bench:start -->\n<!-- bench:end -->\n', 'x'),
      /more than one/,
    );
    assert.throws(() => replaceReadmeSection('<!-- bench:end -->\n<!-- bench:start -->\n', 'x'), /<!-- bench:end --> before <!-- bench:start -->/);
  });
});
