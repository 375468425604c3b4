/**
 * Fixes never lose text (issue 9): for every fix and suggestion the rules produce over the example
 * apps and the rule fixtures (LF and CRLF), applying its edits and then the inverse edits gives back
 * the original bytes. Over LSP: a fix computed for document version N is refused on N+1.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Command, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { Commands } from '../../protocol/index';
import { applyEdits, lintFile, Project, type Fix, type Range } from '../../rules/index';
import { ensureBundle, LspSession, TempWorkspace } from '../server/lsp-session';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPORA = ['examples', 'test/fixtures/templates', 'test/fixtures/secrets', 'test/fixtures/robustness'];
const NOW = new Date('2026-01-01T00:00:00Z');

interface Edit {
  range: Range;
  text: string;
}

/** The edits that turn `applyEdits(original, edits)` back into `original`. */
function inverseOf(original: string, edits: readonly Edit[]): Edit[] {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let shift = 0;
  return sorted.map((edit) => {
    const start = edit.range.start + shift;
    shift += edit.text.length - (edit.range.end - edit.range.start);
    return { range: { start, end: start + edit.text.length }, text: original.slice(edit.range.start, edit.range.end) };
  });
}

function corpus(folder: string, lineEnding: '\n' | '\r\n'): [string, string][] {
  const root = path.join(ROOT, folder);
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.snap'))
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      const text = fs.readFileSync(file, 'utf8');
      return [path.relative(ROOT, file).split(path.sep).join('/'), lineEnding === '\n' ? text : text.replace(/\r?\n/g, '\r\n')];
    });
}

describe('robustness: fixes never lose text', function () {
  this.timeout(120_000);

  it('every fix and suggestion over examples/ and test/fixtures/ undoes to the original bytes', () => {
    let checked = 0;
    const failures: string[] = [];
    for (const folder of CORPORA) {
      for (const lineEnding of ['\n', '\r\n'] as const) {
        const project = new Project(corpus(folder, lineEnding));
        for (const file of project.paths) {
          for (const finding of lintFile(project, file, { now: NOW })) {
            for (const fix of finding.fixes) {
              const where = `${finding.ruleId} "${fix.title}" at ${file}:${finding.range.start}${lineEnding === '\r\n' ? ' (CRLF)' : ''}`;
              const problem = roundTrip(project, fix);
              if (problem) failures.push(`${where}: ${problem}`);
              checked++;
            }
          }
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.ok(checked > 20, `only ${checked} fixes in the corpus`);
  });

  describe('over LSP: a fix for version N is refused on N+1', () => {
    let folder: TempWorkspace;
    let session: LspSession;
    const KEYS = `const region = 'eu-west-1';\nconst accessKeyId = 'AKIA2E0A8F3B244C9986';\nmodule.exports = { region, accessKeyId };\n`;

    before(async () => {
      ensureBundle();
      folder = new TempWorkspace({ 'src/keys.js': KEYS });
      session = await LspSession.start({ workspace: folder, pull: true });
    });

    after(async () => {
      await session?.dispose();
      folder?.dispose();
    });

    it('quick fixes name the version they were computed for; fix-all for an old version is refused and sends no edit', async () => {
      const uri = folder.uri('src/keys.js');
      await session.open(uri, KEYS);
      const diagnostics = await session.pull(uri);
      assert.ok(diagnostics.length > 0, 'the hardcoded key is reported');
      const range = diagnostics[0]!.range;
      const before = (await session.codeActions(uri, range, diagnostics)).filter(isCodeAction);
      const versions = before.flatMap(editVersions);
      assert.ok(versions.length > 0, 'some action carries an edit');
      assert.deepEqual([...new Set(versions)], [1], 'edits are addressed to version 1');

      const next = await session.change(uri, `// edited\n${KEYS}`);
      assert.equal(next, 2);
      const refused = await session.executeCommand<{ applied: boolean; reason?: string }>(
        Commands.applyFixAll,
        [{ uri, version: 1 }],
        'fix-all for a stale version',
      );
      assert.equal(refused.applied, false);
      assert.match(refused.reason ?? '', /changed/);
      assert.equal(session.appliedEdits.length, 0, 'no edit was sent to the client');

      // The version-1 diagnostics asked about again: whatever comes back is addressed to version 2.
      const after = (await session.codeActions(uri, range, diagnostics)).filter(isCodeAction);
      assert.ok(after.flatMap(editVersions).every((version) => version === 2));
    });
  });
});

/** Applies a fix's edits per file, then their inverse; returns what went wrong, if anything. */
function roundTrip(project: Project, fix: Fix): string | undefined {
  const byFile = new Map<string, Edit[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), { range: edit.range, text: edit.text }]);
  for (const [file, edits] of byFile) {
    const original = project.text(file);
    if (original === undefined) return `edits ${file}, which is not in the project`;
    for (const edit of edits) {
      if (edit.range.start < 0 || edit.range.end < edit.range.start || edit.range.end > original.length) {
        return `edit range ${edit.range.start}-${edit.range.end} outside ${file} (length ${original.length})`;
      }
    }
    let fixed: string;
    try {
      fixed = applyEdits(original, edits);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    const restored = applyEdits(fixed, inverseOf(original, edits));
    if (Buffer.compare(Buffer.from(restored, 'utf8'), Buffer.from(original, 'utf8')) !== 0) return `undoing the edits of ${file} does not restore it`;
  }
  return undefined;
}

function isCodeAction(action: CodeAction | Command): action is CodeAction {
  // A bare Command's `command` is its id; a CodeAction's is an optional Command object.
  return typeof action.command !== 'string';
}

function editVersions(action: CodeAction): number[] {
  const changes = action.edit?.documentChanges ?? [];
  return changes
    .filter((change): change is TextDocumentEdit => 'textDocument' in change && 'edits' in change)
    .map((change) => change.textDocument.version)
    .filter((version): version is number => typeof version === 'number');
}
