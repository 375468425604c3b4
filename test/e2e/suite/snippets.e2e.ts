/**
 * Every snippet the installed extension contributes inserts its body (placeholders filled with
 * their defaults) and is offered by completion under its prefix.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, revertAndCloseAllEditors, type SuiteContext } from './helpers';

interface ContributedSnippet {
  language: string;
  /** The snippet file, relative to the extension. */
  path: string;
  name: string;
  prefix: string;
  body: string;
}

export function registerSnippetTests(_context: SuiteContext): void {
  describe('snippets', () => {
    afterEach(revertAndCloseAllEditors);

    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    if (extension === undefined) {
      it('are contributed', () => assert.fail(`${EXTENSION_ID} is not installed`));
      return;
    }
    const snippets = contributedSnippets(extension);
    it('are contributed', () => assert.ok(snippets.length > 0, 'the manifest contributes no snippets'));
    for (const snippet of snippets) {
      it(`${snippet.language} "${snippet.name}" inserts its body and completes from ${snippet.prefix}`, async () => {
        // Insertion first: VS Code creates its snippet service, which also serves completion, on first use.
        await checkInsertion(snippet);
        await checkCompletion(snippet);
      });
    }
  });
}

/** Read from the installed extension (its manifest and files), not from the repository. */
function contributedSnippets(extension: vscode.Extension<unknown>): ContributedSnippet[] {
  const manifest: unknown = extension.packageJSON;
  const entries: unknown = readPath(manifest, ['contributes', 'snippets']);
  if (!Array.isArray(entries)) return [];
  const snippets: ContributedSnippet[] = [];
  for (const entry of entries) {
    const language: unknown = readPath(entry, ['language']);
    const path: unknown = readPath(entry, ['path']);
    if (typeof language !== 'string' || typeof path !== 'string') throw new Error(`bad contributes.snippets entry ${JSON.stringify(entry)}`);
    const parsed: unknown = JSON.parse(readFileSync(join(extension.extensionPath, path), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) throw new Error(`${path} is not a snippet object`);
    for (const [name, definition] of Object.entries(parsed)) {
      const prefix: unknown = readPath(definition, ['prefix']);
      const body: unknown = readPath(definition, ['body']);
      const lines: unknown = typeof body === 'string' ? [body] : body;
      if (typeof prefix !== 'string') throw new Error(`${path}: "${name}" has no string prefix`);
      if (!Array.isArray(lines) || !lines.every((line) => typeof line === 'string')) throw new Error(`${path}: "${name}" has no body`);
      snippets.push({ language, path, name, prefix, body: lines.join('\n') });
    }
  }
  return snippets;
}

function readPath(value: unknown, keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Reflect.get(current, key);
  }
  return current;
}

async function newDocument(language: string, content: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document, { preview: false });
}

async function checkInsertion(snippet: ContributedSnippet): Promise<void> {
  const editor = await newDocument(snippet.language, '');
  await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: snippet.language, name: snippet.name });
  const indentUnit = editor.options.insertSpaces === true ? ' '.repeat(Number(editor.options.tabSize)) : '\t';
  assert.equal(editor.document.getText(), expandSnippet(snippet.body, indentUnit), `"${snippet.name}" from ${snippet.path}`);
}

async function checkCompletion(snippet: ContributedSnippet): Promise<void> {
  const typed = snippet.prefix.slice(0, -3);
  const editor = await newDocument(snippet.language, typed);
  const end = editor.document.lineAt(0).range.end;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
  const snippetLabels = list.items
    .filter((item) => item.kind === vscode.CompletionItemKind.Snippet)
    .map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
  assert.ok(
    snippetLabels.includes(snippet.prefix),
    `completion after "${typed}" in ${snippet.language} offers the snippets ${JSON.stringify(snippetLabels)}, not ${snippet.prefix}`,
  );
}

/**
 * The text VS Code inserts for a snippet body when no placeholder is edited: each `${n:default}`
 * becomes its default, a choice its first option, tab stops and `$0` nothing; `\$`, `\}` and `\\`
 * are literal; leading tabs become the editor's indentation.
 */
function expandSnippet(body: string, indentUnit: string): string {
  let index = 0;
  const parse = (inPlaceholder: boolean): string => {
    let out = '';
    while (index < body.length) {
      const rest = body.slice(index);
      const char = rest[0] ?? '';
      const escaped = /^\\([$}\\])/.exec(rest);
      const tabStop = /^\$(\d+)/.exec(rest) ?? /^\$\{(\d+)\}/.exec(rest);
      const choice = /^\$\{\d+\|([^,|]*)[^|]*\|\}/.exec(rest);
      const placeholder = /^\$\{\d+:/.exec(rest);
      if (escaped) {
        out += escaped[1];
        index += 2;
      } else if (inPlaceholder && char === '}') {
        index += 1;
        return out;
      } else if (tabStop) {
        index += tabStop[0].length;
      } else if (choice) {
        out += choice[1] ?? '';
        index += choice[0].length;
      } else if (placeholder) {
        index += placeholder[0].length;
        out += parse(true);
      } else {
        out += char;
        index += 1;
      }
    }
    return out;
  };
  return parse(false)
    .split('\n')
    .map((line) => line.replace(/^\t+/, (tabs) => indentUnit.repeat(tabs.length)))
    .join('\n');
}
