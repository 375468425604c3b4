/**
 * Builds what the launchers load into an editor's extension host:
 *
 * - the test-runner extension for code-server: test/e2e/runner-extension bundled with the suite
 *   and mocha into one `extension.js` (`vscode` left to the host), its manifest, the launcher's
 *   `e2e-config.json`, packaged as a .vsix by @vscode/vsce so code-server installs it like any
 *   extension;
 * - the `extensionTestsPath` module for @vscode/test-electron: test/e2e/electron/index.ts with the
 *   suite and mocha.
 *
 * The suite is TypeScript, type-checked by `npm run check` like the rest of the repository;
 * esbuild only bundles it, because an extension host loads one CommonJS file and has no
 * node_modules of ours next to an installed extension.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { RunnerConfig } from '../../test/e2e/suite/results';
import { REPO_ROOT, runLogged } from './processes';

const E2E_SOURCES = join(REPO_ROOT, 'test', 'e2e');

/** Bundles one entry of test/e2e into a CommonJS file an extension host can `require`. */
export async function bundleForExtensionHost(entry: string, outfile: string): Promise<void> {
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // Stack traces of failed tests point at the TypeScript sources (see process.setSourceMapsEnabled).
    sourcemap: 'inline',
    // mocha's parallel mode resolves worker files at run time; the suite runs serially, in-process.
    logLevel: 'error',
  });
}

/** The runner extension as a .vsix, configured for one run; returns the .vsix path. */
export async function buildRunnerVsix(buildDir: string, config: RunnerConfig, logFile: string): Promise<string> {
  const extensionDir = join(buildDir, 'runner-extension');
  rmSync(extensionDir, { recursive: true, force: true });
  mkdirSync(extensionDir, { recursive: true });
  await bundleForExtensionHost(join(E2E_SOURCES, 'runner-extension', 'extension.ts'), join(extensionDir, 'extension.js'));
  copyFileSync(join(E2E_SOURCES, 'runner-extension', 'package.json'), join(extensionDir, 'package.json'));
  writeFileSync(join(extensionDir, 'e2e-config.json'), `${JSON.stringify(config, null, 2)}\n`);
  const vsix = join(buildDir, 'serverless-security-lint-e2e-runner.vsix');
  rmSync(vsix, { force: true });
  await runLogged(
    process.execPath,
    [join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--out', vsix],
    { cwd: extensionDir, logFile, timeoutMs: 120_000, what: 'packaging the test-runner extension' },
  );
  return vsix;
}

/** The `extensionTestsPath` module for @vscode/test-electron; returns its path. */
export async function buildElectronEntry(buildDir: string): Promise<string> {
  const outfile = join(buildDir, 'electron', 'index.js');
  await bundleForExtensionHost(join(E2E_SOURCES, 'electron', 'index.ts'), outfile);
  return outfile;
}
