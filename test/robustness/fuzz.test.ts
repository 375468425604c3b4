/**
 * A short, seeded, iteration-bounded fuzz run (issue 9); `npm run fuzz` runs the long one. Every
 * registered rule over mutated realistic files and hostile generated inputs: no exception may
 * escape, no rule may crash beyond the known failures listed here, and a file refused for its size
 * gets exactly one "file too large" finding.
 */
import assert from 'node:assert/strict';
import { allCases, runFuzz, type FuzzReport } from '../../scripts/fuzz';

/**
 * Cases known to crash a rule, as `<case name> <rule id>`. Empty: the one crash found (a recursive
 * `walk` in rules/parse/document.ts overflowing on 5,000-deep JSON) is fixed. Add a case here only
 * with an issue number, and the test fails when a listed case stops failing.
 */
const KNOWN_FAILURES: readonly string[] = [];

const OPTIONS = { seed: 9, iterations: 3, truncationStride: 16, large: false, functions: 300 } as const;

describe('robustness: fuzzing the engine', function () {
  this.timeout(120_000);
  let report: FuzzReport;

  before(() => {
    report = runFuzz(OPTIONS);
  });

  it('covers every mutation family and generated shape', () => {
    const families = new Set([...allCases(OPTIONS)].map((each) => each.name.split('/')[0]));
    for (const family of ['truncate', 'byte-flip', 'invalid-utf8', 'nul', 'line-endings', 'tabs', 'duplicate', 'deep', 'alias-bomb', 'many-functions', 'size']) {
      assert.ok(families.has(family), `no ${family} cases`);
    }
    assert.ok(report.cases > 200, `only ${report.cases} cases ran`);
  });

  it('lets no exception escape lintFile', () => {
    const escaped = report.problems.filter((problem) => problem.kind === 'exception');
    assert.deepEqual(escaped, []);
  });

  it('has no rule crash (internal-error) beyond the known set', () => {
    const crashes = report.problems.filter((problem) => problem.kind === 'internal-error');
    const found = [...new Set(crashes.map((problem) => `${problem.caseName} ${problem.detail.split(':')[0]}`))].sort();
    assert.deepEqual(found, [...KNOWN_FAILURES].sort(), crashes.map((problem) => `${problem.caseName} ${problem.file}: ${problem.detail}`).join('\n'));
  });

  it('refuses oversize files with one "file too large" finding', () => {
    assert.deepEqual(report.problems.filter((problem) => problem.kind === 'missing-size-diagnostic'), []);
    assert.ok(report.refused > 0);
  });
});
