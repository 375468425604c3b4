/**
 * `npm run bench` (issue 9; not part of `npm test`): generates a seeded workspace under
 * `.bench/workspace`, then measures in one run
 *   1. the parse floor: typescript-estree parse alone per single handler, `yaml` parse of the
 *      200-function serverless.yml (again between the LSP edits, so each ratio compares times
 *      taken under the same load on the machine);
 *   2. re-analysis after a one-character edit, in-process (`Project.setFile` + `lintFile` of that
 *      file on a warm project holding the whole workspace, counting the files the edit made the
 *      engine parse and read) and over LSP (`didChange` → pulled diagnostics of that version, warm
 *      server);
 *   3. ESLint with the recommended rules of eslint-plugin-security, @microsoft/eslint-plugin-sdl
 *      and eslint-plugin-no-secrets relinting the same handler in this warm process (`lintText`);
 *   4. a cold CLI scan of the whole workspace and a cold ESLint run over its JS/TS files (fresh
 *      `node` processes, wall time, each bounded by `--cold-timeout`);
 *   5. the server's memory after indexing the workspace (VmRSS / VmHWM from /proc).
 * Prints a table, the ratios and the issue's targets, and writes `.bench/results.json`. Progress
 * goes to stderr. Everything runs offline from installed packages.
 *
 *   npm run bench -- [--seed N] [--runs N] [--only 1k,5k,20k,template]
 *                    [--skip-lsp] [--skip-eslint] [--skip-cold] [--cold-timeout S]
 *   npm run bench -- --readme     rewrites README.md's Performance table from .bench/results.json
 */
import { parse as parseEstree } from '@typescript-eslint/typescript-estree';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  RegistrationRequest,
  ShutdownRequest,
  ExitNotification,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { createRequire } from 'node:module';
import { parseAllDocuments } from 'yaml';
import { Project } from '../../rules/engine/project';
import { lintFile } from '../../rules/engine/runner';
import { generateWorkspace, type GeneratedWorkspace } from './generate';
import {
  evaluateTargets,
  renderReadmeSection,
  renderSummary,
  renderTable,
  replaceReadmeSection,
  round,
  type BenchResults,
  type ColdRun,
  type EditWork,
  type EslintWarm,
  type LspResults,
  type Row,
  type Stats,
} from './report';

const ROOT = path.resolve(__dirname, '..', '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const WORKSPACE = path.join(BENCH_DIR, 'workspace');
const RESULTS = path.join(BENCH_DIR, 'results.json');
const README = path.join(ROOT, 'README.md');
const NOW = new Date('2026-01-01T00:00:00Z');
/** The subjects `--only` can name. */
const SUBJECT_KEYS = ['1k', '5k', '20k', 'template'];
const JS_TS = /\.(js|cjs|mjs|jsx|ts|cts|mts|tsx)$/;

const started = performance.now();

/** A progress line on stderr (the table and results go to stdout). */
function progress(message: string): void {
  process.stderr.write(`[${pad(((performance.now() - started) / 1000).toFixed(1), 6)} s] ${message}\n`);
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { runs: samples.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)) };
}

function time(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

async function timeAsync(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/**
 * The text after keystroke `run`: even runs add one character, odd runs take it away again. In a
 * handler, a space at the start of a line in the middle; in a YAML template, a character at the
 * end of the middle function's `TABLE:` value (indentation in YAML is structure).
 */
function keystroke(file: string, text: string, run: number): string {
  if (run % 2 === 1) return text;
  if (/\.ya?ml$/.test(file)) {
    const value = text.indexOf('      TABLE: ', Math.floor(text.length / 2));
    const at = value >= 0 ? text.indexOf('\n', value) : -1;
    if (at < 0) throw new Error(`${file} has no TABLE: value after its middle to edit`);
    return `${text.slice(0, at)}x${text.slice(at)}`;
  }
  const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  return `${text.slice(0, at)} ${text.slice(at)}`;
}

/** One parse of a text, with the parser our engine uses for that kind of file: the floor of any analysis. */
function parseOnce(file: string, text: string): number {
  return time(() => {
    if (/\.ya?ml$/.test(file)) parseAllDocuments(text);
    else parseEstree(text, { range: true, loc: false, comment: true, jsx: true, filePath: file, loggerFn: false });
  });
}

function parseFloor(file: string, text: string, runs: number): Stats {
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const ms = parseOnce(file, keystroke(file, text, i));
    if (i >= 2) samples.push(ms); // two warm-up runs
  }
  return stats(samples);
}

/**
 * A project that records, per edit, which files the analysis parsed again and which parses it
 * read: the count of files an edit costs, whatever caching the engine does inside.
 */
class CountingProject extends Project {
  private readonly seen = new WeakSet<object>();
  private readonly parsed = new Set<string>();
  private readonly read = new Set<string>();

  override sourceFile(file: string): ReturnType<Project['sourceFile']> {
    const source = super.sourceFile(file);
    if (source) {
      this.read.add(file);
      if (!this.seen.has(source)) {
        this.seen.add(source);
        this.parsed.add(file);
      }
    }
    return source;
  }

  /** Starts counting afresh; returns what was counted since the last call. */
  take(): { parsed: number; read: number } {
    const counted = { parsed: this.parsed.size, read: this.read.size };
    this.parsed.clear();
    this.read.clear();
    return counted;
  }
}

function inProcessReanalysis(project: CountingProject, file: string, runs: number): { stats: Stats; perEdit: EditWork } {
  const original = project.text(file)!;
  const samples: number[] = [];
  lintFile(project, file, { now: NOW }); // warm
  project.take();
  let perEdit: EditWork = { analysed: 1, parsed: 0, read: 0 };
  for (let i = 0; i < runs; i++) {
    project.setFile(file, keystroke(file, original, i));
    samples.push(time(() => lintFile(project, file, { now: NOW })));
    const counted = project.take();
    // The edit that adds the character: the one that changes the text from the warm state.
    if (i === 0) perEdit = { analysed: 1, ...counted };
  }
  project.setFile(file, original);
  return { stats: stats(samples), perEdit };
}

function readWorkspace(workspace: GeneratedWorkspace): CountingProject {
  const project = new CountingProject();
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const absolute = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(absolute);
      else project.setFile(path.relative(workspace.root, absolute).split(path.sep).join('/'), fs.readFileSync(absolute, 'utf8'));
    }
  };
  walk(workspace.root);
  return project;
}

/** Runs a fresh node process to completion or until `timeoutS`; times it from spawn to exit. */
function coldProcess(args: string[], cwd: string, timeoutS: number): { wallMs?: number; status: number | null; stdout: string; stderr: string; error?: string } {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd,
    stdio: 'pipe',
    maxBuffer: 256 * 1024 * 1024,
    timeout: timeoutS * 1000,
    killSignal: 'SIGKILL',
  });
  const wallMs = round(performance.now() - start);
  const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return {
    ...(timedOut ? {} : { wallMs }),
    status: result.status,
    stdout: result.stdout?.toString() ?? '',
    stderr: result.stderr?.toString() ?? '',
    ...(result.error && !timedOut ? { error: result.error.message } : {}),
  };
}

function coldCliScan(workspace: GeneratedWorkspace, timeoutS: number): ColdRun {
  const cli = path.join(ROOT, 'cli', 'bin', 'serverless-security-lint.js');
  const report = path.join(BENCH_DIR, 'cli-report.json');
  fs.rmSync(report, { force: true });
  const run = coldProcess([cli, '--format', 'json', '--output', report, '.'], workspace.root, timeoutS);
  let findings = -1;
  if (run.wallMs !== undefined) {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(report, 'utf8'));
      const list = Array.isArray(parsed) ? parsed : (parsed as { findings?: unknown[] }).findings;
      findings = Array.isArray(list) ? list.length : -1;
    } catch {
      progress(`CLI report unreadable; stderr: ${run.stderr.slice(0, 500)}`);
    }
  }
  // Exit 0: nothing to report; 1: findings; anything else is a failed run.
  const error = run.error ?? (run.wallMs !== undefined && run.status !== 0 && run.status !== 1 ? `exit code ${run.status}: ${run.stderr.slice(0, 300)}` : undefined);
  return { ...(run.wallMs !== undefined ? { wallMs: run.wallMs } : {}), timeoutS, exitCode: run.status, findings, ...(error ? { error } : {}) };
}

function eslintColdScan(workspace: GeneratedWorkspace, timeoutS: number): ColdRun {
  const run = coldProcess([path.join(__dirname, 'eslint-cold.cjs'), workspace.root], ROOT, timeoutS);
  const cold: ColdRun = { ...(run.wallMs !== undefined ? { wallMs: run.wallMs } : {}), timeoutS, exitCode: run.status, findings: -1, ...(run.error ? { error: run.error } : {}) };
  if (run.wallMs === undefined) return cold;
  try {
    const counts = JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as { files: number; messages: number; fatal: number };
    return { ...cold, findings: counts.messages, files: counts.files, fatal: counts.fatal };
  } catch {
    return { ...cold, error: `ESLint printed no counts; stderr: ${run.stderr.slice(0, 500)}` };
  }
}

type EslintModule = typeof import('eslint');
interface EslintConfigModule {
  eslintOptions(cwd: string): import('eslint').ESLint.Options;
}

/** ESLint and the benchmark's configuration, or why they cannot be loaded (not installed). */
function loadEslint(): { eslint: EslintModule; config: EslintConfigModule; versions: Record<string, string> } | { error: string } {
  const load = createRequire(__filename);
  try {
    const eslint = load('eslint') as EslintModule;
    const config = load('./eslint-config.cjs') as EslintConfigModule;
    const versions: Record<string, string> = {};
    for (const name of ['eslint', 'eslint-plugin-security', '@microsoft/eslint-plugin-sdl', 'eslint-plugin-no-secrets', '@typescript-eslint/parser']) {
      versions[name] = (load(`${name}/package.json`) as { version: string }).version;
    }
    return { eslint, config, versions };
  } catch (error) {
    return { error: `not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (run npm install)` };
  }
}

/** ESLint + plugins relinting one file after each keystroke, in this (warm) process. */
async function eslintWarm(eslint: import('eslint').ESLint, absolute: string, text: string, runs: number): Promise<EslintWarm> {
  const samples: number[] = [];
  let messages = 0;
  let fatal = 0;
  for (let i = 0; i < runs + 2; i++) {
    const edited = keystroke(absolute, text, i);
    let results: import('eslint').ESLint.LintResult[] = [];
    const ms = await timeAsync(async () => {
      results = await eslint.lintText(edited, { filePath: absolute });
    });
    if (i < 2) continue; // two warm-up runs
    samples.push(ms);
    messages = results.reduce((sum, result) => sum + result.messages.length, 0);
    fatal = results.reduce((sum, result) => sum + result.fatalErrorCount, 0);
  }
  return { ...stats(samples), messages, fatal };
}

function memoryOf(pid: number): { rssMb: number; peakRssMb: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: round(kb('VmRSS') / 1024), peakRssMb: round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** A warm server over stdio: index, then time `didChange` → pulled diagnostics for each subject. */
async function lspBench(workspace: GeneratedWorkspace, subjects: readonly string[], runs: number): Promise<LspResults> {
  progress('LSP: starting the server and indexing the workspace');
  const server = path.join(ROOT, 'server', 'out', 'server.js');
  const child = spawn(process.execPath, [server, '--stdio'], { cwd: workspace.root, stdio: 'pipe' });
  child.stderr.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const settings = { enable: true, rules: {}, debounceMs: 0 };
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => settings));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  let indexed: () => void = () => undefined;
  const indexedPromise = new Promise<void>((resolve) => (indexed = resolve));
  let editedUri = '';
  let otherPublishes = 0;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== editedUri) otherPublishes++;
  });
  connection.onNotification(LogMessageNotification.type, (params) => {
    if (/^Indexed \d+ files/.test(params.message)) indexed();
  });
  connection.listen();
  const rootUri = pathToFileURL(workspace.root).href;
  try {
    const start = performance.now();
    await within(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, diagnostics: { refreshSupport: false } },
          textDocument: { diagnostic: { dynamicRegistration: false }, publishDiagnostics: { versionSupport: true } },
        },
      }),
      60_000,
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    await within(indexedPromise, 300_000, 'indexing');
    const indexMs = round(performance.now() - start);
    const memoryAfterIndexing = child.pid ? memoryOf(child.pid) : undefined;
    progress(`LSP: indexed in ${indexMs} ms`);
    const reanalysis: Record<string, Stats> = {};
    const otherPublishesPerEdit: Record<string, number> = {};
    const parseFloors: Record<string, Stats> = {};
    for (const subject of subjects) {
      progress(`LSP: editing ${subject} (${runs} edits)`);
      const uri = pathToFileURL(path.join(workspace.root, subject)).href;
      const text = fs.readFileSync(path.join(workspace.root, subject), 'utf8');
      const languageId = subject.endsWith('.yml') ? 'yaml' : 'javascript';
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
      const pull = (boundMs = 120_000): Promise<DocumentDiagnosticReport> =>
        within(connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), boundMs, `diagnostics for ${subject}`);
      // The first analysis after indexing parses every file the rules read: slow, and not an edit.
      await pull(900_000);
      await pull(900_000);
      editedUri = uri;
      otherPublishes = 0;
      const samples: number[] = [];
      const floorSamples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const version = i + 2;
        const begin = performance.now();
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version },
          contentChanges: [{ text: keystroke(subject, text, i) }],
        });
        const report = await pull();
        samples.push(performance.now() - begin);
        if (report.kind !== 'full') throw new Error(`expected a full report after an edit of ${subject}`);
        // The parse floor of the same text, right after, so both see the same load on the machine.
        floorSamples.push(parseOnce(subject, keystroke(subject, text, i)));
      }
      parseFloors[subject] = stats(floorSamples);
      reanalysis[subject] = stats(samples);
      otherPublishesPerEdit[subject] = round(otherPublishes / runs);
    }
    const memoryAtEnd = child.pid ? memoryOf(child.pid) : undefined;
    return { indexMs, ...(memoryAfterIndexing ? { memoryAfterIndexing } : {}), ...(memoryAtEnd ? { memoryAtEnd } : {}), reanalysis, otherPublishesPerEdit, parseFloors };
  } finally {
    try {
      await within(connection.sendRequest(ShutdownRequest.type), 5_000, 'shutdown');
      await connection.sendNotification(ExitNotification.type);
    } catch {
      // A stuck server is killed below.
    }
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
}

/** Builds the CLI and server bundles from the current sources, so all columns measure the same code. */
function build(): void {
  progress('building the bundles (node esbuild.mjs)');
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('the build failed');
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** A usage or input error: printed as its message alone, exit code 2. */
class BenchError extends Error {}

interface Options {
  seed: number;
  runs: number;
  only: string[];
  skipLsp: boolean;
  skipEslint: boolean;
  skipCold: boolean;
  coldTimeoutS: number;
  readme: boolean;
  /** The options as given, recorded in the results. */
  given: string[];
}

const USAGE = 'usage: npm run bench -- [--seed N] [--runs N] [--only 1k,5k,20k,template] [--skip-lsp] [--skip-eslint] [--skip-cold] [--cold-timeout S] | --readme';

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { seed: 9, runs: 15, only: [...SUBJECT_KEYS], skipLsp: false, skipEslint: false, skipCold: false, coldTimeoutS: 900, readme: false, given: [] };
  const count = (flag: string, value: string | undefined, min: number): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isInteger(parsed) || parsed < min) throw new BenchError(`${flag} takes a whole number of at least ${min}\n${USAGE}`);
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    switch (flag) {
      case '--seed':
        options.seed = count(flag, value, 0);
        options.given.push(flag, String(options.seed));
        i++;
        break;
      case '--runs':
        options.runs = count(flag, value, 1);
        options.given.push(flag, String(options.runs));
        i++;
        break;
      case '--cold-timeout':
        options.coldTimeoutS = count(flag, value, 1);
        options.given.push(flag, String(options.coldTimeoutS));
        i++;
        break;
      case '--only': {
        const keys = (value ?? '').split(',').map((key) => key.trim()).filter(Boolean);
        const unknown = keys.filter((key) => !SUBJECT_KEYS.includes(key));
        if (keys.length === 0 || unknown.length > 0) {
          throw new BenchError(`--only takes a comma-separated list of ${SUBJECT_KEYS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}\n${USAGE}`);
        }
        options.only = keys;
        options.given.push(flag, keys.join(','));
        i++;
        break;
      }
      case '--skip-lsp':
      case '--skip-eslint':
      case '--skip-cold':
        options[flag === '--skip-lsp' ? 'skipLsp' : flag === '--skip-eslint' ? 'skipEslint' : 'skipCold'] = true;
        options.given.push(flag);
        break;
      case '--readme':
        options.readme = true;
        break;
      default:
        throw new BenchError(`unknown option ${flag}\n${USAGE}`);
    }
  }
  return options;
}

/** Rewrites the README's benchmark section from `.bench/results.json`; the README is replaced whole or not at all. */
function writeReadme(): void {
  if (!fs.existsSync(RESULTS)) throw new BenchError(`${path.relative(ROOT, RESULTS)} does not exist: run npm run bench first`);
  const results = JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as BenchResults;
  if (!Array.isArray(results.rows) || !Array.isArray(results.targets)) {
    throw new BenchError(`${path.relative(ROOT, RESULTS)} was written by an older benchmark: run npm run bench again`);
  }
  // Judged again from the measurements, so the README follows the current targets.
  results.targets = evaluateTargets(results);
  let updated: string;
  try {
    updated = replaceReadmeSection(fs.readFileSync(README, 'utf8'), renderReadmeSection(results));
  } catch (error) {
    throw new BenchError(error instanceof Error ? error.message : String(error));
  }
  const temporary = `${README}.bench-${process.pid}`;
  fs.writeFileSync(temporary, updated);
  fs.renameSync(temporary, README);
  console.log(`rewrote the benchmark section of README.md from ${path.relative(ROOT, RESULTS)} (${results.date})`);
}

async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  if (options.readme) {
    writeReadme();
    return;
  }
  const { seed, runs } = options;
  build();

  progress(`generating the workspace (seed ${seed})`);
  const generateStart = performance.now();
  const workspace = generateWorkspace(WORKSPACE, seed);
  progress(`workspace: ${workspace.files} files, ${workspace.lines} lines, generated in ${round(performance.now() - generateStart)} ms`);

  const loadStart = performance.now();
  const project = readWorkspace(workspace);
  const jsTsFiles = [...project.paths].filter((file) => JS_TS.test(file)).length;
  progress(`in-process project loaded in ${round(performance.now() - loadStart)} ms`);

  const allSubjects = [
    ...workspace.singles.map((single) => ({ key: single.label, label: `handler ${single.label} lines`, file: single.file, lines: single.lines })),
    {
      key: 'template',
      label: `serverless.yml, ${workspace.largeTemplateFunctions} functions`,
      file: workspace.largeTemplate,
      lines: project.text(workspace.largeTemplate)!.split('\n').length,
    },
  ];
  const subjects = allSubjects.filter((subject) => options.only.includes(subject.key));
  const runsFor = (lines: number): number => (lines >= 20_000 ? Math.max(5, Math.floor(runs / 2)) : runs);

  const eslintLoaded = options.skipEslint ? undefined : loadEslint();
  const eslintError = eslintLoaded && 'error' in eslintLoaded ? eslintLoaded.error : null;
  if (eslintError) progress(`ESLint ${eslintError}`);
  const eslint = eslintLoaded && !('error' in eslintLoaded) ? eslintLoaded : undefined;
  const eslintInstance = eslint ? new eslint.eslint.ESLint(eslint.config.eslintOptions(workspace.root)) : undefined;

  const rows: Row[] = [];
  for (const subject of subjects) {
    const text = project.text(subject.file)!;
    const subjectRuns = runsFor(subject.lines);
    progress(`${subject.label}: parse floor (${subjectRuns} runs)`);
    const floor = parseFloor(subject.file, text, subjectRuns);
    progress(`${subject.label}: in-process re-analysis (${subjectRuns} edits${rows.length === 0 ? '; the first analysis parses the workspace' : ''})`);
    const ours = inProcessReanalysis(project, subject.file, subjectRuns);
    const row: Row = { key: subject.key, subject: subject.label, file: subject.file, lines: subject.lines, parseFloor: floor, inProcess: ours.stats, perEdit: ours.perEdit };
    if (eslintInstance) {
      if (JS_TS.test(subject.file)) {
        progress(`${subject.label}: ESLint warm relint (${subjectRuns} edits)`);
        row.eslintWarm = await eslintWarm(eslintInstance, path.join(workspace.root, subject.file), text, subjectRuns);
      } else {
        row.eslintWarm = null;
      }
    }
    rows.push(row);
  }

  let cli: ColdRun | null = null;
  let eslintCold: ColdRun | null = null;
  if (!options.skipCold) {
    progress(`cold CLI scan of the workspace (bound ${options.coldTimeoutS} s)`);
    cli = coldCliScan(workspace, options.coldTimeoutS);
    progress(cli.wallMs !== undefined ? `cold CLI scan: ${cli.wallMs} ms` : `cold CLI scan did not finish in ${options.coldTimeoutS} s`);
    if (eslint) {
      progress(`cold ESLint run over ${jsTsFiles} JS/TS files (bound ${options.coldTimeoutS} s)`);
      eslintCold = eslintColdScan(workspace, options.coldTimeoutS);
      progress(eslintCold.wallMs !== undefined ? `cold ESLint run: ${eslintCold.wallMs} ms` : `cold ESLint run did not finish in ${options.coldTimeoutS} s`);
    }
  }

  let lsp: LspResults | undefined;
  let lspError: string | undefined;
  if (!options.skipLsp && subjects.length > 0) {
    try {
      lsp = await lspBench(workspace, subjects.map((subject) => subject.file), Math.max(5, Math.floor(runs / 2)));
      subjects.forEach((subject, i) => {
        const row = rows[i];
        const measured = lsp?.reanalysis[subject.file];
        if (row && measured) {
          row.lsp = measured;
          row.lspOtherPublishesPerEdit = lsp?.otherPublishesPerEdit[subject.file] ?? 0;
          const floor = lsp?.parseFloors[subject.file];
          if (floor) row.lspParseFloor = floor;
        }
      });
    } catch (error) {
      lspError = error instanceof Error ? error.message : String(error);
      progress(`LSP measurements failed: ${lspError}`);
    }
  }

  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}, load ${os.loadavg().map(round).join(' ')}`;
  const measured: Omit<BenchResults, 'targets'> = {
    date: new Date().toISOString(),
    machine,
    seed,
    options: options.given,
    workspace: { files: workspace.files, lines: workspace.lines, jsTsFiles },
    rows,
    cliColdScan: cli,
    eslintColdScan: eslintCold,
    eslintVersions: eslint?.versions ?? null,
    lsp: lsp ?? null,
    lspError: lspError ?? (options.skipLsp ? 'skipped (--skip-lsp)' : null),
    eslintError: eslintError ?? (options.skipEslint ? 'skipped (--skip-eslint)' : null),
  };
  const results: BenchResults = { ...measured, targets: evaluateTargets(measured) };

  console.log(`\nmachine: ${machine}`);
  console.log('times in ms as median / p95; "ours p95" is over LSP when measured, else in-process; ratios divide it by the parse-floor median and by ESLint\'s warm p95\n');
  console.log(renderTable(results));
  console.log(`\n${renderSummary(results)}`);
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  fs.writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(ROOT, RESULTS)}; npm run bench -- --readme copies it into README.md`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof BenchError) {
    console.error(error.message);
    process.exitCode = 2;
    return;
  }
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
