/**
 * Precision guard: the fixed twins of the example apps are the safe way to write each flaw, so no
 * injection rule may report anything in them; the vulnerable twins keep their injection findings.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../../rules/checks/index';
import { Project } from '../../../rules/engine/project';
import { lintFile } from '../../../rules/engine/runner';

const EXAMPLES = path.resolve(__dirname, '../../../examples');
const INJECTION_RULES = ALL_RULES.filter((rule) => rule.family === 'injection');

function filesUnder(root: string, folder = ''): [string, string][] {
  return readdirSync(path.join(root, folder)).flatMap((name): [string, string][] => {
    const relative = folder ? `${folder}/${name}` : name;
    const full = path.join(root, relative);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : filesUnder(root, relative);
    return [[relative, readFileSync(full, 'utf8')]];
  });
}

function injectionFindings(root: string): string[] {
  const files = filesUnder(root);
  const project = new Project(files);
  return files.flatMap(([file]) =>
    lintFile(project, file, { rules: INJECTION_RULES, onInternalError: (error) => { throw error; } }).map((finding) => `${finding.ruleId} ${file}: ${finding.message}`),
  );
}

describe('taint engine: precision on the example apps', () => {
  for (const app of readdirSync(EXAMPLES).filter((name) => statSync(path.join(EXAMPLES, name)).isDirectory())) {
    it(`${app}/fixed has no injection finding`, () => {
      assert.deepEqual(injectionFindings(path.join(EXAMPLES, app, 'fixed')), []);
    });
    it(`${app}/vulnerable has its injection findings`, () => {
      assert.ok(injectionFindings(path.join(EXAMPLES, app, 'vulnerable')).length > 0);
    });
  }
});
