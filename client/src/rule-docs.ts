/**
 * The "Show Rule Documentation" command. Rule pages ship inside the extension
 * (`docs/rules/<family>/<rule-name>.md`) and open in the built-in Markdown preview, so the
 * command works offline and in restricted mode.
 */
import * as vscode from 'vscode';

interface RulePage {
  /** `<family>/<rule-name>`, the public rule id. */
  id: string;
  uri: vscode.Uri;
}

/** A rule id as written in settings and suppression comments, e.g. `iam/no-wildcard-action`. */
const RULE_ID = /^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/;

export async function showRuleDocumentation(
  extensionUri: vscode.Uri,
  requestedId: unknown,
  output: vscode.LogOutputChannel,
): Promise<void> {
  const docsRoot = vscode.Uri.joinPath(extensionUri, 'docs', 'rules');
  const pages = await findRulePages(docsRoot, output);
  if (pages.length === 0) {
    void vscode.window.showWarningMessage('Serverless Security Lint: no rule documentation is bundled.');
    return;
  }

  let page: RulePage | undefined;
  if (typeof requestedId === 'string' && requestedId !== '') {
    page = pages.find((candidate) => candidate.id === requestedId);
    if (page === undefined) {
      void vscode.window.showWarningMessage(`Serverless Security Lint: there is no rule named ${requestedId}.`);
      return;
    }
  } else {
    page = await pickRulePage(pages);
  }
  if (page !== undefined) {
    await vscode.commands.executeCommand('markdown.showPreview', page.uri);
  }
}

async function pickRulePage(pages: readonly RulePage[]): Promise<RulePage | undefined> {
  const items = await Promise.all(
    pages.map(async (page) => ({ label: page.id, detail: await readSummary(page.uri), page })),
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Serverless Security Lint: rule documentation',
    placeHolder: 'Type a rule id, e.g. iam/no-wildcard-action',
    matchOnDetail: true,
  });
  return picked?.page;
}

/** Pages sit exactly one folder deep (the family); anything else (an index, a README) is skipped. */
async function findRulePages(docsRoot: vscode.Uri, output: vscode.LogOutputChannel): Promise<RulePage[]> {
  const pages: RulePage[] = [];
  let families: [string, vscode.FileType][];
  try {
    families = await vscode.workspace.fs.readDirectory(docsRoot);
  } catch (error) {
    output.warn(`Cannot read the rule documentation folder ${docsRoot.toString()}: ${String(error)}`);
    return pages;
  }
  for (const [family, familyType] of families) {
    if (familyType !== vscode.FileType.Directory) continue;
    const familyUri = vscode.Uri.joinPath(docsRoot, family);
    for (const [file, fileType] of await vscode.workspace.fs.readDirectory(familyUri)) {
      if (fileType !== vscode.FileType.File || !file.endsWith('.md')) continue;
      const id = `${family}/${file.slice(0, -'.md'.length)}`;
      if (RULE_ID.test(id)) pages.push({ id, uri: vscode.Uri.joinPath(familyUri, file) });
    }
  }
  return pages.sort((a, b) => a.id.localeCompare(b.id));
}

/** The first line of a page repeats the rule's `docs.summary` (STYLE.md §4). */
async function readSummary(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    const summary = firstLine.replace(/^#+\s*/, '').trim();
    return summary === '' ? undefined : summary;
  } catch {
    return undefined;
  }
}
