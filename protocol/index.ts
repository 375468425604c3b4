/**
 * What the client and the server agree on: command ids, custom methods and the settings shape.
 * Both sides import this module; nothing else is shared between them.
 */

export const SETTINGS_SECTION = 'serverlessSecurityLint';

export const Commands = {
  /** Analyse every file of the workspace and show the findings in Problems. */
  scanWorkspace: 'serverlessSecurityLint.scanWorkspace',
  /** Open a rule's documentation page, bundled with the extension. */
  showRuleDocumentation: 'serverlessSecurityLint.showRuleDocumentation',
  /** Apply every automatic fix in the active file. */
  fixAll: 'serverlessSecurityLint.fixAll',
  /** Server-side command behind `fixAll`, run through `workspace/executeCommand`. */
  applyFixAll: 'serverlessSecurityLint.server.applyFixAll',
  /** Server-side command behind `scanWorkspace`. */
  runScanWorkspace: 'serverlessSecurityLint.server.scanWorkspace',
  /** Show the least-privilege policy of a function of the active file in a new editor. */
  showLeastPrivilegePolicy: 'serverlessSecurityLint.showLeastPrivilegePolicy',
  /** Server-side command behind `showLeastPrivilegePolicy`: arguments `[LeastPrivilegePolicyParams]`. */
  runLeastPrivilegePolicy: 'serverlessSecurityLint.server.leastPrivilegePolicy',
} as const;

/** Notification from the server: a one-line state for the status item. */
export const STATUS_NOTIFICATION = 'serverlessSecurityLint/status';

export interface StatusParams {
  state: 'ok' | 'analysing' | 'error';
  message: string;
}

/** Settings read per resource through `workspace/configuration`. */
export interface Settings {
  /** Analyse files at all. */
  enable: boolean;
  /** Severity per rule id, or `off`; the configuration file wins where both name a rule. */
  rules: Record<string, 'error' | 'warning' | 'info' | 'off'>;
  /** Milliseconds to wait after a change before analysing (push mode only). */
  debounceMs: number;
  /** `maxFileSize` in bytes: larger files are not analysed. The configuration file's wins; unset, 2 MB. */
  maxFileBytes?: number;
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, debounceMs: 250 };

/** The code-action kind of fix-all, as in `source.fixAll.eslint`. */
export const FIX_ALL_CODE_ACTION_KIND = 'source.fixAll.serverlessSecurityLint';

/** What `Commands.runScanWorkspace` answers: the size of the scan, for a summary message. */
export interface ScanWorkspaceResult {
  /** Files analysed. */
  files: number;
  /** Findings shown (suppressed ones not counted). */
  findings: number;
  /** True when the request was cancelled before every file was analysed. */
  cancelled: boolean;
}

/** What `Commands.runLeastPrivilegePolicy` takes: a template or handler, and which of its functions. */
export interface LeastPrivilegePolicyParams {
  uri: string;
  /** The function's name; needed when the file defines or implements several. */
  function?: string;
}

/** What `Commands.runLeastPrivilegePolicy` answers. */
export type LeastPrivilegePolicyResult =
  /** The policy in the template's syntax, with what it may miss. */
  | { kind: 'policy'; function: string; language: 'yaml' | 'json'; text: string; notes: string[] }
  /** The file has several functions and none was named: ask the user which. */
  | { kind: 'choose'; functions: string[] }
  | { kind: 'error'; message: string };
