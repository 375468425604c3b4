/**
 * `npm run bench` (issue 9; not part of `npm test`): generates a seeded workspace under
 * `.bench/workspace`, then measures in one run
 *   1. the parse floor: typescript-estree parse alone per single handler, `yaml` parse of the
 *      200-function serverless.yml;
 *   2. re-analysis after a one-character edit, in-process (`Project.setFile` + `lintFile` of that
 *      file on a warm project holding the whole workspace) and over LSP (`didChange` → pulled
 *      diagnostics of that version, warm server);
 *   3. a cold CLI scan of the whole workspace (a fresh `node` process);
 *   4. the server's memory after indexing the workspace (VmRSS / VmHWM from /proc).
 * Prints a table and writes `.bench/results.json`. ESLint columns are left out: eslint and its
 * plugins are not dependencies of this project.
 *
 *   npm run bench -- [--seed N] [--runs N] [--skip-lsp]
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
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type DocumentDiagnosticReport,
} from 'vscode-languageserver-protocol/node';
import { parseAllDocuments } from 'yaml';
import { Project } from '../../rules/engine/project';
import { lintFile } from '../../rules/engine/runner';
import { generateWorkspace, type GeneratedWorkspace } from './generate';

const ROOT = path.resolve(__dirname, '..', '..');
const BENCH_DIR = path.join(ROOT, '.bench');
const WORKSPACE = path.join(BENCH_DIR, 'workspace');
const NOW = new Date('2026-01-01T00:00:00Z');

interface Stats {
  runs: number;
  medianMs: number;
  p95Ms: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { runs: samples.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function time(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

/** The text with one character toggled in the middle of a comment or string-free spot: a keystroke. */
function keystroke(text: string, run: number): string {
  const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  // Alternate between adding and removing a space at the start of a line: always still parses.
  return run % 2 === 0 ? `${text.slice(0, at)} ${text.slice(at)}` : text;
}

interface Row {
  subject: string;
  lines: number;
  parseFloor: Stats;
  inProcess: Stats;
  lsp?: Stats;
  filesAnalysedPerEdit: number;
}

function parseFloor(file: string, text: string, runs: number): Stats {
  const samples: number[] = [];
  const yaml = /\.ya?ml$/.test(file);
  for (let i = 0; i < runs + 2; i++) {
    const ms = time(() => {
      if (yaml) parseAllDocuments(text);
      else parseEstree(text, { range: true, loc: false, comment: true, jsx: true, filePath: 'file.js', loggerFn: false });
    });
    if (i >= 2) samples.push(ms); // two warm-up runs
  }
  return stats(samples);
}

function inProcessReanalysis(project: Project, file: string, runs: number): Stats {
  const original = project.text(file)!;
  const samples: number[] = [];
  lintFile(project, file, { now: NOW }); // warm
  for (let i = 0; i < runs; i++) {
    project.setFile(file, keystroke(original, i));
    samples.push(time(() => lintFile(project, file, { now: NOW })));
  }
  project.setFile(file, original);
  return stats(samples);
}

function readWorkspace(workspace: GeneratedWorkspace): Project {
  const project = new Project();
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

function coldCliScan(workspace: GeneratedWorkspace): { wallMs: number; exitCode: number | null; findings: number } {
  const cli = path.join(ROOT, 'cli', 'bin', 'serverless-security-lint.js');
  const report = path.join(BENCH_DIR, 'cli-report.json');
  const start = performance.now();
  const result = spawnSync(process.execPath, [cli, '--format', 'json', '--output', report, '.'], {
    cwd: workspace.root,
    stdio: 'pipe',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - start;
  let findings = -1;
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(report, 'utf8'));
    const list = Array.isArray(parsed) ? parsed : (parsed as { findings?: unknown[] }).findings;
    findings = Array.isArray(list) ? list.length : -1;
  } catch {
    process.stderr.write(`CLI report unreadable; stderr: ${result.stderr.toString().slice(0, 500)}\n`);
  }
  return { wallMs: round(wallMs), exitCode: result.status, findings };
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

interface LspResults {
  indexMs: number;
  memoryAfterIndexing?: { rssMb: number; peakRssMb: number };
  memoryAtEnd?: { rssMb: number; peakRssMb: number };
  reanalysis: Record<string, Stats>;
}

/** A warm server over stdio: index, then time `didChange` → pulled diagnostics for each subject. */
async function lspBench(workspace: GeneratedWorkspace, subjects: readonly string[], runs: number): Promise<LspResults> {
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
    const reanalysis: Record<string, Stats> = {};
    for (const subject of subjects) {
      const uri = pathToFileURL(path.join(workspace.root, subject)).href;
      const text = fs.readFileSync(path.join(workspace.root, subject), 'utf8');
      const languageId = subject.endsWith('.yml') ? 'yaml' : 'javascript';
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
      const pull = (): Promise<DocumentDiagnosticReport> =>
        within(connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }), 120_000, `diagnostics for ${subject}`);
      await pull();
      await pull();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const version = i + 2;
        const begin = performance.now();
        await connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version },
          contentChanges: [{ text: keystroke(text, i) }],
        });
        const report = await pull();
        samples.push(performance.now() - begin);
        if (report.kind !== 'full') throw new Error(`expected a full report after an edit of ${subject}`);
      }
      reanalysis[subject] = stats(samples);
    }
    const memoryAtEnd = child.pid ? memoryOf(child.pid) : undefined;
    return { indexMs, ...(memoryAfterIndexing ? { memoryAfterIndexing } : {}), ...(memoryAtEnd ? { memoryAtEnd } : {}), reanalysis };
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

function ensureBuilt(): void {
  const needed = [path.join(ROOT, 'cli', 'out', 'main.js'), path.join(ROOT, 'server', 'out', 'server.js')];
  if (needed.every((file) => fs.existsSync(file))) return;
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed');
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function describeStats(value: Stats | undefined): string {
  return value ? `${value.medianMs} / ${value.p95Ms}` : 'n/a';
}

async function main(argv: readonly string[]): Promise<void> {
  const option = (flag: string, fallback: number): number => {
    const at = argv.indexOf(flag);
    return at >= 0 ? Number(argv[at + 1]) : fallback;
  };
  const seed = option('--seed', 9);
  const runs = option('--runs', 15);
  const skipLsp = argv.includes('--skip-lsp');
  ensureBuilt();

  const generateStart = performance.now();
  const workspace = generateWorkspace(WORKSPACE, seed);
  console.log(`workspace: ${workspace.files} files, ${workspace.lines} lines (seed ${seed}), generated in ${round(performance.now() - generateStart)} ms`);

  const loadStart = performance.now();
  const project = readWorkspace(workspace);
  console.log(`in-process project loaded in ${round(performance.now() - loadStart)} ms`);

  const subjects = [...workspace.singles.map((single) => ({ label: `handler ${single.label} lines`, file: single.file, lines: single.lines })), {
    label: `serverless.yml, ${workspace.largeTemplateFunctions} functions`,
    file: workspace.largeTemplate,
    lines: project.text(workspace.largeTemplate)!.split('\n').length,
  }];
  const rows: Row[] = [];
  for (const subject of subjects) {
    const text = project.text(subject.file)!;
    const subjectRuns = subject.lines >= 20_000 ? Math.max(5, Math.floor(runs / 2)) : runs;
    const floor = parseFloor(subject.file, text, subjectRuns);
    const ours = inProcessReanalysis(project, subject.file, subjectRuns);
    rows.push({ subject: subject.label, lines: subject.lines, parseFloor: floor, inProcess: ours, filesAnalysedPerEdit: 1 });
    console.log(`measured ${subject.label}`);
  }

  const cli = coldCliScan(workspace);
  console.log(`cold CLI scan: ${cli.wallMs} ms`);

  let lsp: LspResults | undefined;
  let lspError: string | undefined;
  if (!skipLsp) {
    try {
      lsp = await lspBench(workspace, subjects.map((subject) => subject.file), Math.max(5, Math.floor(runs / 2)));
      subjects.forEach((subject, i) => {
        const row = rows[i];
        const measured = lsp?.reanalysis[subject.file];
        if (row && measured) row.lsp = measured;
      });
    } catch (error) {
      lspError = error instanceof Error ? error.message : String(error);
      console.log(`LSP measurements failed: ${lspError}`);
    }
  }

  const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}, load ${os.loadavg().map(round).join(' ')}`;
  console.log(`\nmachine: ${machine}`);
  console.log('times in ms as median / p95; ratio = our p95 ÷ parse-floor median; ESLint columns omitted (not installed)\n');
  const header = ['subject', 'lines', 'parse floor', 'in-process re-analysis', 'ratio', 'LSP didChange→diagnostics', 'LSP ratio', 'files analysed/edit'];
  const widths = [34, 7, 14, 24, 7, 27, 10, 18];
  console.log(header.map((cell, i) => pad(cell, widths[i]!)).join(' | '));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of rows) {
    const ratio = round(row.inProcess.p95Ms / row.parseFloor.medianMs);
    const lspRatio = row.lsp ? String(round(row.lsp.p95Ms / row.parseFloor.medianMs)) : 'n/a';
    console.log(
      [row.subject, String(row.lines), describeStats(row.parseFloor), describeStats(row.inProcess), `${ratio}×`, describeStats(row.lsp), lspRatio === 'n/a' ? lspRatio : `${lspRatio}×`, String(row.filesAnalysedPerEdit)]
        .map((cell, i) => pad(cell, widths[i]!))
        .join(' | '),
    );
  }
  console.log(`\ncold CLI scan of ${workspace.files} files / ${workspace.lines} lines: ${cli.wallMs} ms (exit ${cli.exitCode}, ${cli.findings} findings)`);
  if (lsp) {
    console.log(`server: indexed in ${lsp.indexMs} ms; memory after indexing ${lsp.memoryAfterIndexing?.rssMb ?? 'n/a'} MB RSS (peak ${lsp.memoryAfterIndexing?.peakRssMb ?? 'n/a'} MB); after the edits ${lsp.memoryAtEnd?.rssMb ?? 'n/a'} MB RSS (peak ${lsp.memoryAtEnd?.peakRssMb ?? 'n/a'} MB)`);
  }

  const results = {
    date: new Date().toISOString(),
    machine,
    seed,
    workspace: { files: workspace.files, lines: workspace.lines },
    rows,
    cliColdScan: cli,
    lsp: lsp ?? null,
    lspError: lspError ?? null,
    eslint: 'not measured: eslint, eslint-plugin-security, @microsoft/eslint-plugin-sdl and eslint-plugin-no-secrets are not installed',
  };
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  fs.writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${path.relative(ROOT, path.join(BENCH_DIR, 'results.json'))}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
