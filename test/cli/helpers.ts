/**
 * Shared pieces of the CLI tests: temporary app folders and test-only rules. The test rules read
 * plain text, so the CLI's behaviour (collection, fixes, exit codes, formats) is pinned down without
 * depending on what the real rules find.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defineRule, type Rule } from '../../rules/engine/define-rule';
import { occurrences } from '../helpers/text';

/** A fresh folder under the OS temp folder; `remove()` it in `after`. */
export function makeTempFolder(prefix = 'ssl-cli-'): { root: string; remove(): void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** A file's text from its lines, each ending in `\n`. */
export const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Writes `files` (relative POSIX paths → text) under `root`, creating folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}

/**
 * `app(files)` writes `files` to a new folder `app-1`, `app-2`, … under `root` and returns its path,
 * so tests never see each other's files.
 */
export function appFolders(root: string): (files: Record<string, string>) => string {
  let counter = 0;
  return (files) => {
    const folder = path.join(root, `app-${++counter}`);
    writeFiles(folder, files);
    return folder;
  };
}

/**
 * `DANGER` is a sink. Related locations: the first `SOURCE` in the same file, and the first `ROLE`
 * in the nearest `serverless.yml` at or above the file — a cross-file link like a handler's template.
 */
export const dangerRule = defineRule({
  id: 'injection/test-danger',
  family: 'injection',
  severity: 'error',
  docs: { summary: 'Flag DANGER in test files', cwe: ['CWE-78'] },
  messages: { danger: 'DANGER reached from {origin}' },
  fixable: 'none',
  appliesTo: ['text'],
  check(context) {
    const text = context.file.text;
    const source = occurrences(text, 'SOURCE')[0];
    const related = source ? [context.related({ range: source }, 'the value comes from here')] : [];
    const segments = context.file.path.split('/');
    for (let length = segments.length - 1; length > 0; length--) {
      const template = context.sourceFile(`${segments.slice(0, length).join('/')}/serverless.yml`);
      const role = template ? occurrences(template.text, 'ROLE')[0] : undefined;
      if (template && role) {
        related.push(context.related({ file: template.path, range: role }, 'the role is granted here'));
        break;
      }
    }
    return occurrences(text, 'DANGER').map((range) => ({
      messageId: 'danger' as const,
      data: { origin: source ? 'SOURCE' : 'nowhere' },
      range,
      related,
    }));
  },
});

/** `var` → `let` as a `fix`, `const` as a suggestion: the shape of a real fixable rule. */
export const varRule = defineRule({
  id: 'config/test-var',
  family: 'config',
  severity: 'warning',
  docs: { summary: 'Flag var in test files' },
  messages: { useVar: 'Unexpected var', toLet: 'Replace var with let', toConst: 'Replace var with const' },
  fixable: 'fix',
  appliesTo: ['text'],
  check(context) {
    return occurrences(context.file.text, 'var').map((range) => ({
      messageId: 'useVar' as const,
      range,
      fix: { messageId: 'toLet' as const, edits: [{ range, text: 'let' }] },
      suggest: [{ messageId: 'toConst' as const, edits: [{ range, text: 'const' }] }],
    }));
  },
});

export const noteRule = defineRule({
  id: 'errors/test-note',
  family: 'errors',
  severity: 'info',
  docs: { summary: 'Flag NOTE in test files' },
  messages: { note: 'A note was left here' },
  fixable: 'none',
  appliesTo: ['text'],
  check(context) {
    return occurrences(context.file.text, 'NOTE').map((range) => ({ messageId: 'note' as const, range }));
  },
});

/** A `fix` whose edit writes back the same text: `--fix` must not touch the file. */
export const sameTextFixRule = defineRule({
  id: 'config/test-same-text',
  family: 'config',
  severity: 'warning',
  docs: { summary: 'Offer a fix that changes nothing' },
  messages: { same: 'SAME stays SAME', keep: 'Keep SAME' },
  fixable: 'fix',
  appliesTo: ['text'],
  check(context) {
    return occurrences(context.file.text, 'SAME').map((range) => ({
      messageId: 'same' as const,
      range,
      fix: { messageId: 'keep' as const, edits: [{ range, text: 'SAME' }] },
    }));
  },
});

export const crashRule = defineRule({
  id: 'auth/test-crash',
  family: 'auth',
  severity: 'error',
  docs: { summary: 'Crash on CRASH' },
  messages: { never: 'never reported' },
  fixable: 'none',
  appliesTo: ['text'],
  check(context) {
    if (context.file.text.includes('CRASH')) throw new Error('boom');
    return [];
  },
});

export const TEST_RULES: readonly Rule[] = [dangerRule, varRule, noteRule];
