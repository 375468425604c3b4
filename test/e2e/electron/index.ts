/**
 * The `extensionTestsPath` entry for desktop VS Code (scripts/e2e/electron.ts): VS Code requires
 * this module in the extension host of the window it opened and awaits `run()`; a rejection fails
 * the launcher. Progress goes to the console, which @vscode/test-electron forwards to its own.
 */
import { runSuite } from '../suite/index';

export async function run(): Promise<void> {
  process.setSourceMapsEnabled(true);
  // @vscode/test-electron always passes --disable-workspace-trust, so the window is trusted here.
  const result = await runSuite({ expectRestrictedMode: false, log: (line) => console.log(line), grep: process.env.SSL_E2E_GREP ?? '' });
  console.log(`${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped`);
  if (result.failed > 0) throw new Error(`${result.failed} extension-host test(s) failed`);
}
