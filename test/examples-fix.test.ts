/**
 * End to end over `examples/`: `--fix-suggestions` on each vulnerable app, compared with its
 * committed fixed twin. Every file must come out identical to the twin, or be listed in the
 * "What `--fix-suggestions` leaves" tables of examples/README.md with exactly the rules whose
 * findings remain in it. A change to the fixes, the twins or the tables shows up here.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../cli/src/run';
import { PINNED_NOW } from './helpers/now';

const EXAMPLES = path.join(__dirname, '..', 'examples');
const APPS = ['azure-app', 'sam-app', 'serverless-app'];

/** Every file under `root`, relative, POSIX, sorted. */
function filesUnder(root: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  visit(root);
  return found.sort();
}

/** The documented differences: app → file → the rule ids left in it (sorted, distinct). */
function documentedDifferences(): Map<string, Map<string, string[]>> {
  const readme = fs.readFileSync(path.join(EXAMPLES, 'README.md'), 'utf8');
  const start = readme.indexOf('## What `--fix-suggestions` leaves');
  assert.ok(start >= 0, 'examples/README.md has a "What `--fix-suggestions` leaves" section');
  const section = readme.slice(start).split(/\n## /)[0] ?? '';
  const tables = new Map<string, Map<string, string[]>>();
  let app: string | undefined;
  for (const line of section.split('\n')) {
    const heading = /^### `([\w-]+)\/`/.exec(line);
    if (heading?.[1]) {
      app = heading[1];
      tables.set(app, new Map());
      continue;
    }
    const row = /^\| `([^`]+)` \| ([^|]+) \|/.exec(line);
    if (!row?.[1] || !row[2] || !app) continue;
    const rules = [...row[2].matchAll(/`([\w-]+\/[\w-]+)`/g)].map((match) => match[1] ?? '');
    tables.get(app)?.set(row[1], [...new Set(rules)].sort());
  }
  return tables;
}

describe('examples: --fix-suggestions against the fixed twins', function () {
  this.timeout(120_000);
  const documented = documentedDifferences();
  let temp: string;
  before(() => {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssl-examples-fix-'));
  });
  after(() => fs.rmSync(temp, { recursive: true, force: true }));

  it('documents every app', () => {
    assert.deepEqual([...documented.keys()].sort(), APPS);
  });

  for (const app of APPS) {
    it(`${app}: each file is its fixed twin or a documented difference, and a second run changes nothing`, async () => {
      const root = path.join(temp, app);
      fs.cpSync(path.join(EXAMPLES, app, 'vulnerable'), root, { recursive: true });
      const first = await run({ cwd: root, fixSuggestions: true, now: PINNED_NOW });
      assert.deepEqual(first.internalErrors, []);

      const fixedRoot = path.join(EXAMPLES, app, 'fixed');
      assert.deepEqual(filesUnder(root), filesUnder(fixedRoot), 'the same files as the fixed twin');
      const remaining = new Map<string, string[]>();
      for (const finding of first.findings) remaining.set(finding.file, [...new Set([...(remaining.get(finding.file) ?? []), finding.ruleId])].sort());

      const differences = new Map<string, string[]>();
      for (const file of filesUnder(root)) {
        const same = fs.readFileSync(path.join(root, file), 'utf8') === fs.readFileSync(path.join(fixedRoot, file), 'utf8');
        if (!same) differences.set(file, remaining.get(file) ?? []);
        else assert.deepEqual(remaining.get(file) ?? [], [], `${file} is its fixed twin, which has no findings`);
      }
      assert.deepEqual(
        Object.fromEntries([...differences].sort()),
        Object.fromEntries([...(documented.get(app) ?? new Map<string, string[]>())].sort()),
        'the files that differ from the fixed twin, with the rules left in each, as examples/README.md lists them',
      );

      const second = await run({ cwd: root, fixSuggestions: true, now: PINNED_NOW });
      assert.deepEqual(second.fix, { applied: 0, written: [] }, 'a second run is a no-op');
    });
  }
});
