/**
 * "Serverless Security Lint: Show Least-Privilege Policy": asks the server for the policy of a
 * function of the active file (a template, or a handler) and opens it in an untitled document of
 * the template's language, to review or copy. The server does the work (STYLE.md §8).
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import { Commands, type LeastPrivilegePolicyParams, type LeastPrivilegePolicyResult } from '../../protocol';

const DISPLAY_NAME = 'Serverless Security Lint';

export async function showLeastPrivilegePolicy(languageClient: LanguageClient, output: vscode.LogOutputChannel): Promise<void> {
  const document = vscode.window.activeTextEditor?.document;
  if (document === undefined) {
    void vscode.window.showInformationMessage(`${DISPLAY_NAME}: open a template or a handler file first.`);
    return;
  }
  if (!languageClient.isRunning()) {
    void vscode.window.showWarningMessage(`${DISPLAY_NAME}: the language server is not running.`);
    return;
  }
  const params: LeastPrivilegePolicyParams = { uri: languageClient.code2ProtocolConverter.asUri(document.uri) };
  try {
    let result = await request(languageClient, params);
    if (result?.kind === 'choose') {
      const picked = await vscode.window.showQuickPick(result.functions, { placeHolder: 'The function whose least-privilege policy to show' });
      if (picked === undefined) return;
      result = await request(languageClient, { ...params, function: picked });
    }
    if (!result || result.kind === 'choose') return;
    if (result.kind === 'error') {
      void vscode.window.showInformationMessage(`${DISPLAY_NAME}: ${result.message}`);
      return;
    }
    // A JSON policy has no comments: what it may miss is said in a message instead.
    if (result.language === 'json' && result.notes.length > 0) void vscode.window.showInformationMessage(`${DISPLAY_NAME}: ${result.notes.join(' ')}`);
    const policy = await vscode.workspace.openTextDocument({ content: result.text, language: result.language });
    await vscode.window.showTextDocument(policy, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  } catch (error) {
    output.error(`Computing the least-privilege policy failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    void vscode.window.showErrorMessage(`${DISPLAY_NAME}: computing the policy failed; see the output.`);
  }
}

function request(languageClient: LanguageClient, params: LeastPrivilegePolicyParams): Promise<LeastPrivilegePolicyResult | null> {
  return languageClient.sendRequest(ExecuteCommandRequest.type, { command: Commands.runLeastPrivilegePolicy, arguments: [params] }) as Promise<LeastPrivilegePolicyResult | null>;
}
