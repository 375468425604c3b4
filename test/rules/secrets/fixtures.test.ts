/**
 * Realistic apps for the secret rules: `test/fixtures/secrets/bad/` (serverless, SAM and Azure
 * apps with secrets in code, templates, settings, `.env` and key files) and their `good/` twins.
 * Every secret rule runs over both; the findings, each under its source line with its
 * suggestions' titles, must equal the committed `findings.snap`. After a deliberate change, rewrite
 * it with `UPDATE_SECRETS_SNAPSHOT=1 npx mocha test/rules/secrets/fixtures.test.ts` and review the
 * diff like code.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LineIndex, toOneBased } from '../../../rules/engine/positions';
import { lintSecrets } from './helpers';
import { assertSuggestionsResolveFindings } from './helpers';

const FOLDER = path.resolve(__dirname, '../../fixtures/secrets');
const SNAPSHOT = path.join(FOLDER, 'findings.snap');

function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listFiles(path.join(folder, entry.name), relative);
    return entry.isFile() && relative !== 'findings.snap' ? [relative] : [];
  });
}

function readFixtures(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of listFiles(FOLDER).sort()) files[file] = readFileSync(path.join(FOLDER, file), 'utf8');
  return files;
}

function render(files: Record<string, string>): string {
  const out = [
    '# Findings of the secret rules over test/fixtures/secrets (bad/ and good/).',
    '# Rewrite with UPDATE_SECRETS_SNAPSHOT=1 (see test/rules/secrets/fixtures.test.ts); review the diff, never edit.',
  ];
  let current = '';
  for (const finding of lintSecrets(files)) {
    const text = files[finding.file] ?? '';
    if (finding.file !== current) {
      current = finding.file;
      out.push('', `== ${finding.file}`);
    }
    const at = toOneBased(new LineIndex(text), finding.range);
    const source = text.split(/\r?\n/)[at.line - 1] ?? '';
    const end = at.endLine === at.line ? at.endColumn : source.length + 1;
    out.push(`${String(at.line).padStart(4)} | ${source}`);
    out.push(`     | ${' '.repeat(at.column - 1)}${'^'.repeat(Math.max(1, end - at.column))} ${finding.severity} ${finding.ruleId}: ${finding.message}`);
    for (const fix of finding.fixes) out.push(`     |   ${fix.kind}: ${fix.title}`);
  }
  return `${out.join('\n')}\n`;
}

describe('secret fixtures (test/fixtures/secrets)', () => {
  const files = readFixtures();

  it('yield exactly the committed findings', () => {
    const snapshot = render(files);
    if (process.env['UPDATE_SECRETS_SNAPSHOT'] === '1') writeFileSync(SNAPSHOT, snapshot);
    assert.equal(snapshot, readFileSync(SNAPSHOT, 'utf8'));
  });

  it('find nothing in good/ and something in every file of bad/ that holds a secret', () => {
    const findings = lintSecrets(files);
    assert.deepEqual(findings.filter((finding) => finding.file.startsWith('good/')).map((finding) => `${finding.file}: ${finding.message}`), []);
    const withFindings = new Set(findings.map((finding) => finding.file));
    for (const file of Object.keys(files).filter((name) => name.startsWith('bad/') && !name.endsWith('function.json') && !name.endsWith('orders.js'))) {
      assert.ok(withFindings.has(file), `${file} has no finding`);
    }
  });

  it('have suggestions that parse and remove their finding', () => {
    assert.ok(assertSuggestionsResolveFindings(files) >= 8);
  });
});
