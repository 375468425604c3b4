/**
 * The registry and the docs agree with the rule files: every rule module is registered once under
 * the id its path gives, has tests and a docs page, and the docs' examples behave as they say.
 *
 * Docs example convention: inside `## Examples`, the fenced blocks under `### Incorrect` and
 * `### Correct` carry the path they are linted as in their info string, e.g.
 * ```` ```yaml title="serverless.yml" ````. Each block is linted alone, as a one-file project, with
 * only its page's rule: an Incorrect block must yield at least one finding, a Correct block none.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES } from '../../rules/checks/index';
import type { Rule } from '../../rules/engine/define-rule';
import { Project } from '../../rules/engine/project';
import { lintFile, PARSE_ERROR } from '../../rules/engine/runner';
import { PINNED_NOW } from '../helpers/now';
import { checkGeneratedDocs } from '../../scripts/generate-docs';

const ROOT = path.resolve(__dirname, '../..');
const CHECKS = path.join(ROOT, 'rules/checks');

interface RuleFile {
  family: string;
  name: string;
  file: string;
}

function ruleFiles(): RuleFile[] {
  return readdirSync(CHECKS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((family) =>
      readdirSync(path.join(CHECKS, family.name))
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
        .map((file) => ({ family: family.name, name: file.slice(0, -'.ts'.length), file: path.join(CHECKS, family.name, file) })),
    )
    .sort((a, b) => `${a.family}/${a.name}`.localeCompare(`${b.family}/${b.name}`));
}

function loadDefault(file: string): unknown {
  // The module path is only known at run time.
  const loaded: unknown = require(file);
  return typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : undefined;
}

export interface DocsExample {
  kind: 'incorrect' | 'correct';
  /** The path the block is linted as. */
  path: string;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

/** The Incorrect/Correct blocks of a docs page; throws on a block without a `title="path"`. */
export function docsExamples(markdown: string): DocsExample[] {
  const examples: DocsExample[] = [];
  const lines = markdown.split(/\r?\n/);
  let inExamples = false;
  let kind: DocsExample['kind'] | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^## /.test(line)) {
      inExamples = /^## Examples\s*$/.test(line);
      kind = undefined;
      continue;
    }
    if (inExamples && /^### /.test(line)) {
      kind = /^### Incorrect\s*$/.test(line) ? 'incorrect' : /^### Correct\s*$/.test(line) ? 'correct' : undefined;
      continue;
    }
    const fence = /^(`{3,})(.*)$/.exec(line);
    if (!fence) continue;
    const marker = fence[1] ?? '```';
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !(lines[index] ?? '').startsWith(marker); index++) body.push(lines[index] ?? '');
    if (!kind) continue;
    const title = /\btitle="([^"]+)"/.exec(fence[2] ?? '')?.[1];
    if (title === undefined) throw new Error(`line ${start + 1}: an example block needs title="path" in its info string`);
    examples.push({ kind, path: title, code: body.join('\n') + '\n', line: start + 1 });
  }
  return examples;
}

function lintExample(rule: Rule, example: DocsExample) {
  const project = new Project([[example.path, example.code]]);
  return lintFile(project, example.path, {
    rules: [rule],
    now: PINNED_NOW,
    onInternalError: (error) => {
      throw error;
    },
  });
}

describe('rule registry', () => {
  const files = ruleFiles();

  it('registers every rule file once, under the id its path gives', () => {
    const registered = new Set<unknown>(ALL_RULES);
    for (const { family, name, file } of files) {
      const rule = loadDefault(file);
      assert.ok(registered.has(rule), `${family}/${name}.ts is not in ALL_RULES (rules/checks/index.ts)`);
    }
    assert.equal(ALL_RULES.length, files.length, 'ALL_RULES holds a rule that has no file in rules/checks/<family>/');
  });

  it('has unique ids equal to <family>/<file name>, and family equal to the folder', () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(', ')}`);
    for (const { family, name, file } of files) {
      const rule = ALL_RULES.find((candidate) => candidate === loadDefault(file));
      assert.ok(rule);
      assert.equal(rule.id, `${family}/${name}`);
      assert.equal(rule.family, family);
    }
  });

  it('keeps the registry sorted by id, imports and list alike', () => {
    const ids = ALL_RULES.map((rule) => rule.id);
    assert.deepEqual(ids, [...ids].sort(), 'ALL_RULES is not sorted by id');
    const source = readFileSync(path.join(CHECKS, 'index.ts'), 'utf8');
    const imports = [...source.matchAll(/^import \w+ from '\.\/([\w-]+\/[\w-]+)';$/gm)].map((match) => match[1]);
    assert.deepEqual(imports, [...imports].sort(), 'the import lines of rules/checks/index.ts are not sorted');
    assert.equal(imports.length, ALL_RULES.length, 'rules/checks/index.ts: one import line per rule');
  });

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      const docsPath = path.join(ROOT, 'docs/rules', `${rule.id}.md`);

      it('has a test file', () => {
        assert.ok(existsSync(path.join(ROOT, 'test/rules', `${rule.id}.test.ts`)), `missing test/rules/${rule.id}.test.ts`);
      });

      it('has a docs page whose first line repeats docs.summary', () => {
        assert.ok(existsSync(docsPath), `missing docs/rules/${rule.id}.md`);
        const firstLine = readFileSync(docsPath, 'utf8').split(/\r?\n/, 1)[0];
        assert.equal(firstLine, `# ${rule.docs.summary}`);
        assert.ok(rule.docs.url.endsWith(`/docs/rules/${rule.id}.md`), `docs.url ${rule.docs.url}`);
      });

      it('has Incorrect examples that are reported and Correct examples that are not', () => {
        const examples = docsExamples(readFileSync(docsPath, 'utf8'));
        assert.ok(examples.some((example) => example.kind === 'incorrect'), 'no Incorrect example');
        assert.ok(examples.some((example) => example.kind === 'correct'), 'no Correct example');
        for (const example of examples) {
          const findings = lintExample(rule, example);
          const where = `docs/rules/${rule.id}.md:${example.line} (${example.path})`;
          assert.deepEqual(findings.filter((finding) => finding.ruleId === PARSE_ERROR).map((f) => f.message), [], `${where} does not parse`);
          const own = findings.filter((finding) => finding.ruleId === rule.id);
          if (example.kind === 'incorrect') assert.ok(own.length > 0, `${where}: an Incorrect example yields no finding`);
          else assert.deepEqual(own.map((finding) => finding.message), [], `${where}: a Correct example yields findings`);
        }
      });
    });
  }

  it('reads example blocks by the docs convention', () => {
    const page = [
      '# x',
      '## Examples',
      '### Incorrect',
      '```yaml title="serverless.yml"',
      'a: 1',
      '```',
      '### Correct',
      '````js title="src/a.js"',
      'const b = "```";',
      '````',
      '## Options',
      '```yaml',
      'not: an example',
      '```',
    ].join('\n');
    assert.deepEqual(docsExamples(page), [
      { kind: 'incorrect', path: 'serverless.yml', code: 'a: 1\n', line: 4 },
      { kind: 'correct', path: 'src/a.js', code: 'const b = "```";\n', line: 8 },
    ]);
    assert.throws(() => docsExamples('## Examples\n### Correct\n```js\nx\n```\n'), /title="path"/);
  });
});

describe('generated rule tables', () => {
  it('docs/rules/README.md and the README section are up to date (npm run docs)', () => {
    assert.deepEqual(checkGeneratedDocs(ROOT), []);
  });
});
