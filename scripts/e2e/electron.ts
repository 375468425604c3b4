/**
 * Launcher 1 (`npm run test:e2e:electron`): the extension-host suite in desktop VS Code, through
 * @vscode/test-electron. The way to run the suite on a developer laptop: it downloads VS Code
 * (the internet is needed the first time; later runs reuse .vscode-test/), so it cannot run on
 * this project's CI machines, which reach only package registries. CI runs the same suite in
 * code-server instead (scripts/e2e/code-server.ts).
 *
 * It loads the extension from this folder (`extensionDevelopmentPath`; `npm run build` first, as
 * the npm script does), opens a copy of examples/ in a fresh profile with other extensions
 * disabled, and runs test/e2e/electron/index.ts (`extensionTestsPath`) in the extension host.
 * @vscode/test-electron always passes --disable-workspace-trust, so the Restricted Mode test is
 * skipped here.
 *
 * Environment: VSCODE_VERSION (default `stable`; e.g. `1.91.0`, the oldest the manifest accepts).
 * On a Linux machine without a display, run it under `xvfb-run -a`.
 */
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildElectronEntry } from './build';
import { REPO_ROOT } from './processes';

async function main(): Promise<number> {
  const runDir = join(REPO_ROOT, '.e2e', 'electron');
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  const workspace = join(runDir, 'workspace');
  cpSync(join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  const extensionTestsPath = await buildElectronEntry(join(runDir, 'build'));
  return runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath,
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${join(runDir, 'user-data')}`,
      `--extensions-dir=${join(runDir, 'extensions')}`,
    ],
  });
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(`The suite did not run in desktop VS Code: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
