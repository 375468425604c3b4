/**
 * Absurdly deep nesting (issue 9): 10,000 levels in JavaScript, YAML and JSON give one plain
 * parse error at the bracket or line where the limit is passed, not a stack overflow at offset 0;
 * nesting just under the limit, and brackets inside strings, comments and regular expressions,
 * are read as usual.
 */
import assert from 'node:assert/strict';
import { lintFile, Project } from '../../rules/index';
import { parseSourceFile } from '../../rules/parse/index';
import { MAX_NESTING_DEPTH } from '../../rules/parse/nesting';

const DEEP = 10_000;
const BRACKETS = 'Nesting too deep to analyse: level 257 of nested brackets, braces or parentheses starts here; the limit is 256 levels';
const COLLECTIONS = 'Nesting too deep to analyse: level 257 of nested YAML collections starts here; the limit is 256 levels';

function parseError(path: string, text: string): { message: string; range: { start: number; end: number } } | undefined {
  return parseSourceFile(path, text).parseError;
}

/** Offset of the `n`-th (1-based) occurrence of `needle`. */
function nth(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `fewer than ${n} "${needle}"`);
  return at;
}

describe('nesting depth', () => {
  it('has a limit of 256 levels', () => {
    assert.equal(MAX_NESTING_DEPTH, 256);
  });

  it('refuses 10,000 nested arrays in JavaScript at the 257th bracket', () => {
    const text = `const x = ${'['.repeat(DEEP)}${']'.repeat(DEEP)};\n`;
    const start = 'const x = '.length + 256;
    assert.deepEqual(parseError('deep.js', text), { message: BRACKETS, range: { start, end: start + 1 } });
  });

  it('refuses 10,000 nested functions in TypeScript where level 257 opens', () => {
    const text = `${'function f() {\n'.repeat(DEEP)}${'}\n'.repeat(DEEP)}`;
    // 256 functions deep, the parameter list of the 257th opens level 257.
    const start = nth(text, '(', 257);
    assert.deepEqual(parseError('deep.ts', text), { message: BRACKETS, range: { start, end: start + 1 } });
  });

  it('refuses 10,000 nested objects in JSON', () => {
    const text = `${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}`;
    const start = nth(text, '{', 257);
    assert.deepEqual(parseError('deep.json', text), { message: BRACKETS, range: { start, end: start + 1 } });
  });

  it('refuses 10,000 nested flow sequences in YAML', () => {
    const text = `key: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`;
    // `key:` is level 1, so the 256th bracket is level 257.
    const start = 'key: '.length + 255;
    assert.deepEqual(parseError('deep.yml', text), { message: COLLECTIONS, range: { start, end: start + 1 } });
  });

  it('refuses 10,000 compact nested sequences in YAML', () => {
    const text = `${'- '.repeat(DEEP)}x\n`;
    const start = 2 * 256;
    assert.deepEqual(parseError('deep.yaml', text), { message: COLLECTIONS, range: { start, end: start + 1 } });
  });

  it('refuses YAML block mappings indented past the limit, at the first line past it', () => {
    const lines = Array.from({ length: 300 }, (_, level) => `${' '.repeat(level)}k${level}:`);
    const text = `${lines.join('\n')} end\n`;
    const start = nth(text, 'k256:', 1);
    assert.deepEqual(parseError('deep.yml', text), { message: COLLECTIONS, range: { start, end: start + 1 } });
  });

  it('gives the linted file one parse-error finding with that message', () => {
    const text = `module.exports = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)};\n`;
    const project = new Project([['/w/deep.js', text]]);
    const start = 'module.exports = '.length + 256;
    assert.deepEqual(
      lintFile(project, '/w/deep.js').map((finding) => [finding.ruleId, finding.message, finding.range]),
      [['parse-error', BRACKETS, { start, end: start + 1 }]],
    );
  });

  it('says plainly that nesting is too deep when a parser runs out of stack without brackets', () => {
    // 10,000 additions nest 10,000 binary expressions deep with no bracket to count.
    assert.deepEqual(parseError('chain.js', `const x = ${'1 + '.repeat(DEEP)}1;\n`), {
      message: 'Nesting too deep to analyse: the parser ran out of stack (expressions, blocks or collections nested too deeply)',
      range: { start: 0, end: 0 },
    });
  });

  it('reads nesting up to the limit', () => {
    assert.equal(parseError('ok.js', `const x = ${'['.repeat(256)}${']'.repeat(256)};\n`), undefined);
    assert.equal(parseError('ok.json', `${'['.repeat(256)}${']'.repeat(256)}`), undefined);
    // The mapping is level 1.
    assert.equal(parseError('ok.yml', `key: ${'['.repeat(255)}${']'.repeat(255)}\n`), undefined);
    assert.equal(parseError('deep.yml', `key: ${'['.repeat(256)}${']'.repeat(256)}\n`)?.message, COLLECTIONS);
  });

  it('does not count brackets in strings, comments, templates or regular expressions', () => {
    const many = '['.repeat(400);
    const js = [
      `const a = '${many}';`,
      `const b = "${many}";`,
      `// ${many}`,
      `/* ${many} */`,
      `const c = \`${many}\${[1].map((v) => ({ v }))}${many}\`;`,
      `const d = /${'\\('.repeat(400)}/g.test(a) ? 1 / 2 : 3;`,
      `const e = x => /[(]/.test(x);`,
      '',
    ].join('\n');
    assert.equal(parseError('strings.js', js), undefined);

    const yaml = [
      `a: '${many}'`,
      `b: "${many}"`,
      `c: plain[${many}`,
      `# ${many}`,
      'd: |',
      `  ${many}`,
      `  {${'{'.repeat(300)}`,
      'e: [1, [2, {f: 3}]]',
      '',
    ].join('\n');
    assert.equal(parseError('strings.yml', yaml), undefined);

    assert.equal(parseError('strings.json', `{"a": "${many}", "b": [1, {"c": "${'{'.repeat(400)}"}]}`), undefined);
  });
});
