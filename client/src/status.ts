/**
 * The status bar item: one line of server state, pushed by the server through
 * `STATUS_NOTIFICATION`. Failures show here and in the output channel rather than as pop-ups.
 */
import * as vscode from 'vscode';
import type { StatusParams } from '../../protocol';

const ICONS: Record<StatusParams['state'], string> = {
  ok: '$(shield)',
  analysing: '$(sync~spin)',
  error: '$(warning)',
};

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  /** @param clickCommand what a click runs; the tooltip says so. */
  constructor(clickCommand: string) {
    this.item = vscode.window.createStatusBarItem('serverlessSecurityLint.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Serverless Security Lint';
    this.item.command = clickCommand;
    this.item.show();
  }

  update(params: StatusParams): void {
    // The params come from another process: tolerate a state this version does not know.
    const icon = Object.hasOwn(ICONS, params.state) ? ICONS[params.state] : ICONS.error;
    this.item.text = `${icon} Serverless Security`;
    this.item.tooltip = `Serverless Security Lint: ${params.message}\nClick to scan the workspace.`;
    this.item.backgroundColor =
      params.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.accessibilityInformation = { label: `Serverless Security Lint: ${params.message}` };
  }

  dispose(): void {
    this.item.dispose();
  }
}
