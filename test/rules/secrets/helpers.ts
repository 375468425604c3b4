/**
 * Checks shared by the secret rules' tests, on top of what the rule tester does for every case.
 */
import * as assert from 'node:assert/strict';
import { ALL_RULES } from '../../../rules/checks/index';
import { applyEdits } from '../../../rules/engine/fixes';
import { Project } from '../../../rules/engine/project';
import { lintFile, PARSE_ERROR } from '../../../rules/engine/runner';
import type { Finding, Fix } from '../../../rules/engine/types';
import type { Files } from '../../helpers/rule-tester';

export const SECRET_RULES = ALL_RULES.filter((rule) => rule.family === 'secrets');

/** Every finding of every secret rule in a project, files in path order. */
export function lintSecrets(files: Files): Finding[] {
  const project = new Project(Object.entries(files));
  return Object.keys(files)
    .sort()
    .flatMap((path) =>
      lintFile(project, path, {
        rules: SECRET_RULES,
        onInternalError: (error) => {
          throw error;
        },
      }),
    );
}

function applyFix(files: Files, fix: Fix): Files {
  const output: Files = { ...files };
  const byFile = new Map<string, Fix['edits']>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [path, edits] of byFile) {
    const text = files[path];
    assert.ok(text !== undefined, `${fix.title} edits ${path}, which is not in the project`);
    output[path] = applyEdits(text, edits);
  }
  return output;
}

const keyOf = (finding: Finding): string => JSON.stringify([finding.ruleId, finding.file, finding.messageId, finding.data]);

/**
 * For every suggestion of every secret finding: after applying it alone, every file parses, the
 * finding it was offered for is gone, and no secret rule reports anything new, in any file.
 * Returns how many suggestions were checked, so a test can insist there were some.
 */
export function assertSuggestionsResolveFindings(files: Files): number {
  const before = lintSecrets(files);
  let checked = 0;
  for (const finding of before) {
    for (const fix of finding.fixes) {
      const after = lintSecrets(applyFix(files, fix));
      const label = `"${fix.title}" for ${finding.ruleId} in ${finding.file}`;
      assert.deepEqual(after.filter((each) => each.ruleId === PARSE_ERROR).map((each) => each.message), [], `${label}: every file parses`);
      const remaining = before.map(keyOf);
      remaining.splice(remaining.indexOf(keyOf(finding)), 1);
      const extra: string[] = [];
      for (const each of after) {
        const index = remaining.indexOf(keyOf(each));
        if (index >= 0) remaining.splice(index, 1);
        else extra.push(`${each.ruleId} ${each.file}: ${each.message}`);
      }
      assert.deepEqual(extra, [], `${label}: the finding is gone and nothing new appears`);
      checked++;
    }
  }
  return checked;
}
