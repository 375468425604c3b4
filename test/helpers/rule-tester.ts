/**
 * The shared rule tester (STYLE.md §3). `testRule(rule, { valid, invalid })` makes one mocha
 * `describe` per rule and one `it` per case.
 *
 * Every case is linted with ONLY the rule under test, over every file of the case (files sorted by
 * path, findings by position), and a rule crash fails the test instead of becoming an
 * `internal-error` finding. On top of what a case asserts, every case checks that:
 *
 * - its input files parse (a parse error would make a "valid" case pass for the wrong reason);
 * - fix kinds stay within `rule.fixable` (none < suggestion < fix: a rule marked `fix` may also
 *   suggest, a rule marked `suggestion` may not apply fixes automatically);
 * - the rule's automatic fixes never overlap each other, and no single fix or suggestion has
 *   overlapping edits;
 * - after all fixes the changed files still parse, every fixed finding is gone and no new finding
 *   appears; a suggestion's result parses and adds no finding either;
 * - the same findings, with the same 1-based ranges, come out when every line break is `\r\n`.
 */
import * as assert from 'node:assert/strict';
import type { Rule } from '../../rules/engine/define-rule';
import { applyEdits, fixFile } from '../../rules/engine/fixes';
import { LineIndex, toOneBased, type OneBasedRange } from '../../rules/engine/positions';
import { Project } from '../../rules/engine/project';
import { lintFile, PARSE_ERROR } from '../../rules/engine/runner';
import { PINNED_NOW } from './now';
import type { FilePath, Finding, Fix, FixKind, Range } from '../../rules/engine/types';

/** A project as a map of path → text. */
export type Files = Record<FilePath, string>;

export interface ValidCase {
  name: string;
  files: Files;
  /** The rule's options, as a configuration file would give them. */
  options?: unknown;
  only?: boolean;
}

export interface ExpectedLocation extends OneBasedRange {
  file: FilePath;
}

export interface ExpectedSuggestion {
  messageId: string;
  /** The text of every file the suggestion changes, after applying only that suggestion. */
  output: Files;
}

export interface ExpectedError extends ExpectedLocation {
  messageId: string;
  /** Compared exactly when given. */
  data?: Record<string, string>;
  /** Compared exactly (count and order) when given. */
  related?: (ExpectedLocation & { message?: string })[];
  /** Compared exactly (count and order) when given. */
  suggestions?: ExpectedSuggestion[];
}

export interface InvalidCase extends ValidCase {
  /** Every finding of the rule, in order: by file path, then by position. */
  errors: ExpectedError[];
  /** The text of every file changed by applying all automatic fixes, or null when none changes. */
  output: Files | null;
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Removes the common indentation, a leading blank line and trailing blank space; ends with `\n`. */
export function dedent(strings: TemplateStringsArray, ...values: unknown[]): string {
  // Cooked strings, exactly as an untagged template literal would give them.
  let text = strings.reduce((result, part, index) => result + part + (index < values.length ? String(values[index]) : ''), '');
  text = text.replace(/^[ \t]*\r?\n/, '').replace(/\s+$/, '');
  const lines = text.split('\n');
  const indents = lines.filter((line) => line.trim().length > 0).map((line) => /^[ \t]*/.exec(line)?.[0].length ?? 0);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(Math.min(common, /^[ \t]*/.exec(line)?.[0].length ?? 0))).join('\n') + '\n';
}

/** Template tags naming the language of a test file; all three dedent. */
export const yaml = dedent;
export const js = dedent;
export const ts = dedent;
export const json = dedent;

export function testRule(rule: Rule, tests: RuleTests): void {
  describe(rule.id, () => {
    describe('valid', () => {
      for (const testCase of tests.valid) {
        (testCase.only ? it.only : it)(testCase.name, () => checkValidCase(rule, testCase));
      }
    });
    describe('invalid', () => {
      for (const testCase of tests.invalid) {
        (testCase.only ? it.only : it)(testCase.name, () => checkInvalidCase(rule, testCase));
      }
    });
  });
}

/** Throws an assertion error when the rule reports anything for the case. */
export function checkValidCase(rule: Rule, testCase: ValidCase): void {
  const findings = lintCase(rule, testCase.files, testCase.options);
  assert.deepEqual(
    findings.map((finding) => describeFinding(finding, testCase.files)),
    [],
    `${rule.id} should report nothing`,
  );
  checkCrlf(rule, testCase, findings);
}

/** Throws an assertion error when the rule's findings or fixes differ from the case. */
export function checkInvalidCase(rule: Rule, testCase: InvalidCase): void {
  assert.ok(testCase.errors.length > 0, 'an invalid case must expect at least one error');
  assert.ok(testCase.output !== undefined, 'an invalid case must give `output` (null when no fix applies)');
  const findings = lintCase(rule, testCase.files, testCase.options);

  assert.equal(
    findings.length,
    testCase.errors.length,
    `expected ${testCase.errors.length} finding(s), got ${findings.length}:\n${findings.map((f) => describeFinding(f, testCase.files)).join('\n')}`,
  );
  findings.forEach((finding, index) => {
    const expected = testCase.errors[index];
    if (expected) checkError(rule, testCase, finding, expected, index);
  });

  checkFixKinds(rule, findings);
  checkFixesDoNotOverlap(findings);
  checkFixOutput(rule, testCase, findings);
  checkCrlf(rule, testCase, findings);
}

function checkError(rule: Rule, testCase: InvalidCase, finding: Finding, expected: ExpectedError, index: number): void {
  const label = `error ${index + 1} (${describeFinding(finding, testCase.files)})`;
  assert.equal(finding.messageId, expected.messageId, `${label}: messageId`);
  if (expected.data !== undefined) assert.deepEqual(finding.data, expected.data, `${label}: data`);
  assert.deepEqual(
    locationOf(finding.file, finding.range, testCase.files),
    { file: expected.file, line: expected.line, column: expected.column, endLine: expected.endLine, endColumn: expected.endColumn },
    `${label}: location`,
  );
  if (expected.related !== undefined) {
    assert.deepEqual(
      // A related location's message is compared where the case gives one.
      finding.related.map((related, relatedIndex) => ({
        ...locationOf(related.file, related.range, testCase.files),
        ...(expected.related?.[relatedIndex]?.message !== undefined ? { message: related.message } : {}),
      })),
      expected.related,
      `${label}: related locations`,
    );
  }
  const suggestions = finding.fixes.filter((fix) => fix.kind === 'suggestion');
  if (expected.suggestions !== undefined) {
    assert.deepEqual(
      suggestions.map((s) => s.messageId),
      expected.suggestions.map((s) => s.messageId),
      `${label}: suggestion messageIds`,
    );
    suggestions.forEach((suggestion, suggestionIndex) => {
      const output = applyFix(testCase.files, suggestion);
      assert.deepEqual(output, expected.suggestions?.[suggestionIndex]?.output, `${label}: suggestion ${suggestionIndex + 1} output`);
    });
  }
  // Whether or not the case spells suggestions out, each one must leave files that parse and
  // must not add a finding.
  for (const suggestion of suggestions) {
    const output = applyFix(testCase.files, suggestion);
    const after = lintCase(rule, { ...testCase.files, ...output }, testCase.options, { allowParseErrors: true });
    assertParses(after, `${label}: after suggestion "${suggestion.title}"`);
    assertNoNewFindings(lintCase(rule, testCase.files, testCase.options), after, `${label}: after suggestion "${suggestion.title}"`);
  }
}

const FIX_RANK: Record<'none' | FixKind, number> = { none: 0, suggestion: 1, fix: 2 };

function checkFixKinds(rule: Rule, findings: Finding[]): void {
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      assert.ok(
        FIX_RANK[fix.kind] <= FIX_RANK[rule.fixable],
        `${rule.id} is marked fixable: '${rule.fixable}' but offers a ${fix.kind} ("${fix.title}")`,
      );
    }
  }
}

function checkFixesDoNotOverlap(findings: Finding[]): void {
  const fixEdits: { edit: Fix['edits'][number]; fix: Fix }[] = [];
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      for (let i = 0; i < fix.edits.length; i++) {
        for (let j = i + 1; j < fix.edits.length; j++) {
          const a = fix.edits[i];
          const b = fix.edits[j];
          if (a && b) assert.ok(!editsOverlap(a, b), `the edits of "${fix.title}" overlap each other`);
        }
      }
      if (fix.kind === 'fix') for (const edit of fix.edits) fixEdits.push({ edit, fix });
    }
  }
  for (let i = 0; i < fixEdits.length; i++) {
    for (let j = i + 1; j < fixEdits.length; j++) {
      const a = fixEdits[i];
      const b = fixEdits[j];
      if (a && b && a.fix !== b.fix) {
        assert.ok(!editsOverlap(a.edit, b.edit), `the fixes "${a.fix.title}" and "${b.fix.title}" overlap`);
      }
    }
  }
}

function checkFixOutput(rule: Rule, testCase: InvalidCase, findings: Finding[]): void {
  const project = new Project(Object.entries(testCase.files));
  const options = lintOptions(rule, testCase.options);
  for (const path of sortedPaths(testCase.files)) fixFile(project, path, options);
  const changed: Files = {};
  for (const path of [...project.paths].sort()) {
    const text = project.text(path);
    if (text !== undefined && text !== testCase.files[path]) changed[path] = text;
  }
  assert.deepEqual(Object.keys(changed).length === 0 ? null : changed, testCase.output, 'output after applying all fixes');
  if (!findings.some((finding) => finding.fixes.some((fix) => fix.kind === 'fix'))) return;

  const after = lintCase(rule, { ...testCase.files, ...changed }, testCase.options, { allowParseErrors: true });
  assertParses(after, 'after applying all fixes');
  // The findings a fix was offered for are gone; the others may stay, nothing new appears.
  assertNoNewFindings(
    findings.filter((finding) => !finding.fixes.some((fix) => fix.kind === 'fix')),
    after,
    'after applying all fixes',
  );
}

/** Re-lints with every line break as `\r\n`: same findings, same 1-based ranges. */
function checkCrlf(rule: Rule, testCase: ValidCase, findings: Finding[]): void {
  const crlfFiles: Files = {};
  for (const [path, text] of Object.entries(testCase.files)) crlfFiles[path] = text.replace(/\r?\n/g, '\r\n');
  const crlfFindings = lintCase(rule, crlfFiles, testCase.options);
  const summary = (list: Finding[], files: Files) =>
    list.map((finding) => ({
      messageId: finding.messageId,
      data: finding.data,
      ...locationOf(finding.file, finding.range, files),
    }));
  assert.deepEqual(summary(crlfFindings, crlfFiles), summary(findings, testCase.files), 'the same findings with CRLF line breaks');
}

// ---------------------------------------------------------------------------------------------

function lintOptions(rule: Rule, options: unknown) {
  return {
    rules: [rule],
    now: PINNED_NOW,
    ...(options === undefined ? {} : { config: { rules: { [rule.id]: { severity: rule.severity, options } }, ignore: [], root: '' } }),
    onInternalError: (error: unknown) => {
      throw error;
    },
  };
}

/** Every finding of every file, files in path order; parse errors fail unless allowed. */
function lintCase(rule: Rule, files: Files, options: unknown, { allowParseErrors = false } = {}): Finding[] {
  const project = new Project(Object.entries(files));
  const findings = sortedPaths(files).flatMap((path) => lintFile(project, path, lintOptions(rule, options)));
  if (!allowParseErrors) assertParses(findings, 'the test input');
  return findings;
}

function assertParses(findings: Finding[], when: string): void {
  const errors = findings.filter((finding) => finding.ruleId === PARSE_ERROR);
  assert.deepEqual(
    errors.map((error) => `${error.file}: ${error.message}`),
    [],
    `${when}: every file must parse`,
  );
}

/** `after` holds no finding beyond those of `before` (compared by file, message and data). */
function assertNoNewFindings(before: Finding[], after: Finding[], when: string): void {
  const key = (finding: Finding) => JSON.stringify([finding.ruleId, finding.file, finding.messageId, finding.data]);
  const remaining = before.map(key);
  const extra: string[] = [];
  for (const finding of after) {
    const index = remaining.indexOf(key(finding));
    if (index >= 0) remaining.splice(index, 1);
    else extra.push(`${finding.file}: ${finding.message}`);
  }
  assert.deepEqual(extra, [], `${when}: no finding may remain or appear`);
}

/** The texts of the files one fix changes. */
function applyFix(files: Files, fix: Fix): Files {
  const byFile = new Map<FilePath, Fix['edits']>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  const output: Files = {};
  for (const [path, edits] of byFile) {
    const text = files[path];
    assert.ok(text !== undefined, `"${fix.title}" edits ${path}, which is not in the case`);
    output[path] = applyEdits(text, edits);
  }
  return output;
}

function editsOverlap(a: { file: FilePath; range: Range }, b: { file: FilePath; range: Range }): boolean {
  if (a.file !== b.file) return false;
  if (a.range.start === a.range.end && b.range.start === b.range.end) return a.range.start === b.range.start;
  return a.range.start < b.range.end && b.range.start < a.range.end;
}

function locationOf(file: FilePath, range: Range, files: Files): ExpectedLocation {
  const text = files[file];
  assert.ok(text !== undefined, `a finding points into ${file}, which is not in the case`);
  return { file, ...toOneBased(new LineIndex(text), range) };
}

function describeFinding(finding: Finding, files: Files): string {
  const at = locationOf(finding.file, finding.range, files);
  const text = (files[finding.file] ?? '').slice(finding.range.start, finding.range.end);
  return `${at.file}:${at.line}:${at.column}-${at.endLine}:${at.endColumn} ${finding.messageId} ${JSON.stringify(finding.data)} ${JSON.stringify(text)}`;
}

function sortedPaths(files: Files): FilePath[] {
  return Object.keys(files).sort();
}
