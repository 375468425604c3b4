/**
 * The manifest declares `capabilities.untrustedWorkspaces.supported: true` because the extension
 * only reads files. In a workspace that is not trusted (Restricted Mode) it must still start and
 * report findings.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  describeExpected,
  EXTENSION_ID,
  fileUri,
  openInEditor,
  revertAndCloseAllEditors,
  waitForDiagnostics,
  type SuiteContext,
} from './helpers';

export function registerRestrictedModeTests(context: SuiteContext): void {
  describe('restricted mode (untrusted workspace)', () => {
    after(revertAndCloseAllEditors);

    it('declares untrusted workspace support in its manifest', () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension);
      const manifest: unknown = extension.packageJSON;
      const capabilities: unknown = typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, 'capabilities') : undefined;
      const untrusted: unknown = typeof capabilities === 'object' && capabilities !== null ? Reflect.get(capabilities, 'untrustedWorkspaces') : undefined;
      assert.ok(typeof untrusted === 'object' && untrusted !== null && Reflect.get(untrusted, 'supported') === true);
    });

    it('is active and reports findings while the workspace is not trusted', async function () {
      if (vscode.workspace.isTrusted) {
        assert.equal(context.expectRestrictedMode, false, 'the launcher opened the workspace untrusted, yet it is trusted');
        // @vscode/test-electron always passes --disable-workspace-trust; code-server's run covers this.
        this.skip();
      }
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.equal(extension?.isActive, true, 'the extension is not active in Restricted Mode');
      const secret = context.expected.find((finding) => finding.ruleId.startsWith('secrets/')) ?? context.expected[0];
      assert.ok(secret, 'expected-findings.json is empty');
      const uri = fileUri(context.root, secret.file);
      await openInEditor(uri);
      await waitForDiagnostics(
        uri,
        context.expected.filter((finding) => finding.file === secret.file).map((finding) => describeExpected(finding)),
        `the findings of ${secret.file} in Restricted Mode`,
      );
    });
  });
}
