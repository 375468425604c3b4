/**
 * `npm run new-rule -- family/name`: writes the rule, test and docs stubs of a new rule and prints
 * the lines that register it. Never overwrites a file.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

const FAMILIES = ['injection', 'secrets', 'iam', 'auth', 'config', 'errors'];

function camelCase(id: string): string {
  return id.replace(/[/-]([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function stubs(family: string, name: string): Record<string, string> {
  const id = `${family}/${name}`;
  const summary = `Flag TODO (one sentence, repeated as the first line of docs/rules/${id}.md)`;
  return {
    [`rules/checks/${id}.ts`]: `import { defineRule } from '../../engine/define-rule';

export default defineRule({
  id: '${id}',
  family: '${family}',
  severity: 'warning',
  docs: { summary: '${summary}', cwe: [] },
  messages: {
    found: 'TODO: say what is wrong and where the data came from, with {placeholders}.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    void ctx;
    return [];
  },
});
`,
    [`test/rules/${id}.test.ts`]: `import rule from '../../../rules/checks/${id}';
import { js, testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [{ name: 'TODO: the safe twin of each invalid case', files: { 'src/handler.js': js\`exports.handler = async () => {};\` } }],
  invalid: [],
});
`,
    [`docs/rules/${id}.md`]: `# ${summary}

\`${id}\` · default severity **warning** · no automatic fix

## What it flags

## Why it matters

## How to fix

## Examples

### Incorrect

\`\`\`js title="src/handler.js"
\`\`\`

### Correct

\`\`\`js title="src/handler.js"
exports.handler = async () => {};
\`\`\`

## Options

None.

## When to turn it off

## References
`,
  };
}

function main(argv: readonly string[]): number {
  const id = argv.find((arg) => !arg.startsWith('-')) ?? '';
  const match = /^([a-z]+)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(id);
  if (!match || !FAMILIES.includes(match[1] ?? '')) {
    console.error(`usage: npm run new-rule -- <family>/<kebab-case-name>, family one of: ${FAMILIES.join(', ')}`);
    return 2;
  }
  const [, family = '', name = ''] = match;
  const root = path.resolve(__dirname, '..');
  const files = stubs(family, name);
  const existing = Object.keys(files).filter((file) => existsSync(path.join(root, file)));
  if (existing.length > 0) {
    console.error(`not overwriting: ${existing.join(', ')}`);
    return 1;
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
    console.log(`wrote ${file}`);
  }
  const variable = camelCase(id);
  console.log(`\nRegister it in rules/checks/index.ts, both lines in sorted position:\n`);
  console.log(`  import ${variable} from './${id}';`);
  console.log(`  ${variable},   (in ALL_RULES)`);
  console.log(`\nThen write the check, its tests and docs, and run npm run docs.`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
