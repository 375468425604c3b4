import assert from 'node:assert/strict';
import { defineRule } from '../../rules/engine/define-rule';
import { applyEdits } from '../../rules/engine/fixes';
import { Project } from '../../rules/engine/project';
import { lintFile } from '../../rules/engine/runner';
import { suppressionEdit } from '../../rules/engine/suppression';

/** Reports every occurrence of the word `danger`. */
const dangerRule = defineRule({
  id: 'test/danger',
  family: 'core',
  severity: 'error',
  docs: { summary: 'Flags danger' },
  messages: { danger: 'danger' },
  fixable: 'none',
  appliesTo: ['text'],
  check(context) {
    return [...context.file.text.matchAll(/(?<![\w/])danger/g)].map((match) => ({
      messageId: 'danger' as const,
      range: { start: match.index, end: match.index + 6 },
    }));
  },
});

function lint(path: string, text: string) {
  return lintFile(new Project([[path, text]]), path, { rules: [dangerRule] });
}

describe('suppression comments', () => {
  it('marks the finding on the next line of a JavaScript comment, with its justification', () => {
    const text = 'const a = 1;\n// serverless-security-lint-disable-next-line test/danger -- reviewed\nrun(danger);\nrun(danger);\n';
    const findings = lint('handler.js', text);
    assert.equal(findings.length, 2);
    const [first, second] = findings;
    assert.equal(first?.suppressed?.kind, 'inSource');
    assert.equal(first?.suppressed?.justification, 'reviewed');
    const comment = first?.suppressed?.location.range;
    assert.equal(text.slice(comment?.start, comment?.end), '// serverless-security-lint-disable-next-line test/danger -- reviewed');
    assert.equal(second?.suppressed, undefined);
  });

  it('works after # in YAML and with a list of rule ids', () => {
    const text = 'a: 1\n# serverless-security-lint-disable-next-line other/rule, test/danger\nb: danger\n';
    const [finding] = lint('serverless.yml', text);
    assert.equal(finding?.suppressed?.kind, 'inSource');
    assert.equal(finding?.suppressed?.justification, undefined);
  });

  it('does not suppress a rule it does not name', () => {
    const text = '// serverless-security-lint-disable-next-line other/rule\ndanger();\n';
    assert.equal(lint('handler.js', text)[0]?.suppressed, undefined);
  });

  it('suppresses every rule when no id is named', () => {
    const text = '/* serverless-security-lint-disable-next-line */\ndanger();\n';
    assert.equal(lint('handler.js', text)[0]?.suppressed?.kind, 'inSource');
  });

  it('ignores the directive inside a string', () => {
    const text = 'const s = "# serverless-security-lint-disable-next-line";\ndanger();\n';
    assert.equal(lint('handler.js', text)[0]?.suppressed, undefined);
  });

  it('inserts a suppression comment above the line, indented like it, that suppresses the finding', () => {
    const text = 'function f() {\r\n  return danger;\r\n}\r\n';
    const project = new Project([['handler.js', text]]);
    const [finding] = lintFile(project, 'handler.js', { rules: [dangerRule] });
    const file = project.sourceFile('handler.js');
    assert.ok(finding && file);
    const edit = suppressionEdit(file, finding);
    assert.ok(edit);
    const output = applyEdits(text, [edit]);
    assert.equal(output, 'function f() {\r\n  // serverless-security-lint-disable-next-line test/danger\r\n  return danger;\r\n}\r\n');
    assert.equal(lint('handler.js', output)[0]?.suppressed?.kind, 'inSource');
  });

  it('offers no suppression edit for JSON, which has no comments', () => {
    const project = new Project([['policy.json', '{"a": "danger"}']]);
    const [finding] = lintFile(project, 'policy.json', { rules: [dangerRule] });
    const file = project.sourceFile('policy.json');
    assert.ok(finding && file);
    assert.equal(suppressionEdit(file, finding), undefined);
  });
});
