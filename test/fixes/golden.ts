/**
 * Golden checks for one suggestion: the exact output text, the output parses, the finding it was
 * offered for is gone, no finding appears, and running every suggestion again changes nothing.
 */
import * as assert from 'node:assert/strict';
import type { Rule } from '../../rules/engine/define-rule';
import { applyEdits } from '../../rules/engine/fixes';
import { Project } from '../../rules/engine/project';
import { lintFile, PARSE_ERROR } from '../../rules/engine/runner';
import type { Finding, Fix } from '../../rules/engine/types';
import { PINNED_NOW } from '../helpers/now';
import { dedent } from '../helpers/text';

export type Files = Record<string, string>;

export function lint(rule: Rule, files: Files): Finding[] {
  const project = new Project(Object.entries(files));
  const options = {
    rules: [rule],
    now: PINNED_NOW,
    onInternalError: (error: unknown) => {
      throw error;
    },
  };
  const findings = Object.keys(files)
    .sort()
    .flatMap((path) => lintFile(project, path, options));
  assert.deepEqual(
    findings.filter((finding) => finding.ruleId === PARSE_ERROR).map((finding) => `${finding.file}: ${finding.message}`),
    [],
    'every file parses',
  );
  return findings;
}

function apply(files: Files, fix: Fix): Files {
  const output = { ...files };
  for (const path of new Set(fix.edits.map((edit) => edit.file))) {
    const text = files[path];
    assert.ok(text !== undefined, `${fix.title} edits ${path}, which is not in the case`);
    output[path] = applyEdits(
      text,
      fix.edits.filter((edit) => edit.file === path),
    );
  }
  return output;
}

const key = (finding: Finding) => JSON.stringify([finding.ruleId, finding.file, finding.messageId, finding.data]);

/**
 * Applies the first suggestion of the finding whose underlined text is `underlined` and checks the
 * result. `expected` holds the full text of every file that must change (dedented like `js`).
 * Returns the files after the fix.
 */
export function checkSuggestion(rule: Rule, files: Files, underlined: string, title: string, expected: Files): Files {
  const before = lint(rule, files);
  const matching = before.filter((finding) => files[finding.file]?.slice(finding.range.start, finding.range.end) === underlined);
  assert.equal(matching.length, 1, `one finding underlines ${underlined}; got ${before.map((finding) => files[finding.file]?.slice(finding.range.start, finding.range.end)).join(' | ')}`);
  const finding = matching[0] as Finding;
  const suggestion = finding.fixes[0];
  assert.ok(suggestion, `a suggestion for ${underlined}`);
  assert.equal(suggestion.kind, 'suggestion');
  assert.equal(suggestion.title, title);

  const output = apply(files, suggestion);
  const changed = Object.fromEntries(Object.entries(output).filter(([path, text]) => text !== files[path]));
  assert.deepEqual(changed, Object.fromEntries(Object.entries(expected).map(([path, text]) => [path, dedent(text)])), 'the exact output');

  // Parses (lint asserts it), the finding is gone, and nothing new appears.
  const after = lint(rule, output);
  const remaining = before.filter((candidate) => candidate !== finding).map(key);
  assert.deepEqual(after.map(key).sort(), remaining.sort(), 'only the fixed finding is gone');

  // A second round changes nothing new: the fixed statement offers no rewrite any more, and the
  // other findings offer what they offered before.
  const offering = (list: Finding[]) => list.filter((candidate) => candidate.fixes.length > 0).map(key).sort();
  assert.deepEqual(offering(after), offering(before.filter((candidate) => candidate !== finding)), 'the same suggestions are left');
  return output;
}

/** The finding underlining `underlined` exists and has no suggestion. */
export function checkNoSuggestion(rule: Rule, files: Files, underlined: string): void {
  const findings = lint(rule, files).filter((finding) => files[finding.file]?.slice(finding.range.start, finding.range.end) === underlined);
  assert.equal(findings.length, 1, `one finding underlines ${underlined}`);
  assert.deepEqual(
    findings[0]?.fixes.map((fix) => fix.title),
    [],
    `no suggestion for ${underlined}`,
  );
}
