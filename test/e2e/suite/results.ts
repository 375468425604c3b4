/**
 * What the extension-host suite reports, as JSON the code-server launcher reads from a file.
 * Types and one file name only: the launcher (plain Node) imports this without pulling in `vscode`.
 */

export interface TestOutcome {
  /** Suite and test titles joined, as mocha's `fullTitle()`. */
  title: string;
  state: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  /** The assertion or error, with its stack, when the test failed. */
  error?: string;
}

export interface SuiteResult {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  tests: TestOutcome[];
  /** The editor the suite ran in: `vscode.env.appName`, `appHost`, `vscode.version`, workspace trust. */
  editor: { appName: string; appHost: string; version: string; trusted: boolean };
}

/** Where the launcher should point the browser for its screenshots, once the suite is done. */
export interface ScreenshotScene {
  /** Relative to the workspace folder. */
  file: string;
  ruleId: string;
  message: string;
  /** 1-based, as shown in the editor's status bar. */
  line: number;
  column: number;
  /** The quick fix the menu must show. */
  quickFixTitle: string;
}

/** The file the test-runner extension writes when it is done (or failed before the suite could run). */
export interface RunnerReport {
  suite?: SuiteResult;
  scene?: ScreenshotScene;
  /** Set when the runner itself failed: no workspace, the suite did not load, and so on. */
  error?: string;
}

/** The file of `EditorEvent`s, one JSON object a line, in `RunnerConfig.outDir`. */
export const EDITOR_EVENTS_FILE = 'editor-events.jsonl';

/**
 * What the editor did after the suite, as the runner sees it through the `vscode` API, for the
 * launcher's checks that drive the editor through the browser (`editor-events.jsonl`).
 */
export type EditorEvent =
  /** An editor became the active one; `file` is relative to the workspace folder. */
  | { kind: 'active-editor'; file: string }
  /** An untitled document was opened, with its language and its text as opened. */
  | { kind: 'untitled-document'; languageId: string; text: string };

/** `e2e-config.json`: what the launcher tells the test-runner extension, written before packaging it. */
export interface RunnerConfig {
  /** Folder for runner-started, suite.log and report.json. */
  outDir: string;
  /** The launcher opened the workspace without trusting it. */
  expectRestrictedMode: boolean;
  /** The finding the screenshots show: a file of expected-findings.json and its rule id. */
  scene: { file: string; ruleId: string };
  /** Run only the tests whose full title contains this. */
  grep?: string;
}
