/**
 * The packaged extension starts by itself on the files it reads and contributes its commands.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS, EXTENSION_ID, fileUri, openInEditor, ourDiagnostics, revertAndCloseAllEditors, waitFor, type SuiteContext } from './helpers';

export function registerActivationTests(context: SuiteContext): void {
  describe('activation', () => {
    after(revertAndCloseAllEditors);

    it('starts on a handler file without being asked and serves its diagnostics', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed in this editor`);
      const handler = context.expected.find((finding) => finding.file.endsWith('.js'));
      assert.ok(handler, 'expected-findings.json names no JavaScript handler');
      // No `extension.activate()`: the activation events of the manifest must do it.
      const uri = fileUri(context.root, handler.file);
      await openInEditor(uri);
      await waitFor(
        `the first diagnostics of ${handler.file}`,
        () => (ourDiagnostics(uri).length > 0 ? true : undefined),
        [vscode.languages.onDidChangeDiagnostics],
        () => `no diagnostics; extension active: ${String(extension.isActive)}`,
      );
      assert.equal(extension.isActive, true);
      context.log(`    extension ${String(extension.packageJSON.version)} from ${extension.extensionPath}`);
    });

    it('contributes its commands', async () => {
      const commands = new Set(await vscode.commands.getCommands(true));
      for (const command of Object.values(COMMANDS)) assert.ok(commands.has(command), `command ${command} is not registered`);
    });
  });
}
