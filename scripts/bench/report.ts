/**
 * The shape of `.bench/results.json`, the issue 9 targets judged from it, and the Markdown the
 * benchmark prints and writes into README.md between `<!-- bench:start -->` and `<!-- bench:end -->`.
 * Pure functions: `index.ts` measures and writes files.
 */

export interface Stats {
  runs: number;
  medianMs: number;
  p95Ms: number;
}

/** What one edit made the engine do: files linted, files parsed again, files whose parse it read. */
export interface EditWork {
  analysed: number;
  parsed: number;
  read: number;
}

export interface EslintWarm extends Stats {
  /** Problems ESLint reported for the file, and how many of them were parse failures. */
  messages: number;
  fatal: number;
}

export interface Row {
  /** `1k`, `5k`, `20k` or `template`: the name `--only` takes. */
  key: string;
  subject: string;
  file: string;
  lines: number;
  parseFloor: Stats;
  inProcess: Stats;
  lsp?: Stats;
  /** The parse floor measured between the LSP edits (same load on the machine as `lsp`). */
  lspParseFloor?: Stats;
  /** Absent when ESLint was skipped; null where ESLint does not apply (a YAML template). */
  eslintWarm?: EslintWarm | null;
  perEdit: EditWork;
  /** Other files' diagnostics the server published per edit (push), when measured over LSP. */
  lspOtherPublishesPerEdit?: number;
}

export interface ColdRun {
  /** Wall time from spawn to exit; absent when the run did not finish within `timeoutS`. */
  wallMs?: number;
  timeoutS: number;
  exitCode: number | null;
  /** Our CLI: findings; ESLint: problems. -1 when the output was unreadable. */
  findings: number;
  files?: number;
  fatal?: number;
  error?: string;
}

export interface Memory {
  rssMb: number;
  peakRssMb: number;
}

export interface LspResults {
  indexMs: number;
  memoryAfterIndexing?: Memory;
  memoryAtEnd?: Memory;
  reanalysis: Record<string, Stats>;
  otherPublishesPerEdit: Record<string, number>;
  /** Per subject: the parse floor measured right after each LSP edit. */
  parseFloors: Record<string, Stats>;
}

export interface BenchResults {
  date: string;
  machine: string;
  seed: number;
  /** The options of the run (`--only`, `--skip-*`, `--runs`), so a partial run says so. */
  options: string[];
  workspace: { files: number; lines: number; jsTsFiles: number };
  rows: Row[];
  cliColdScan: ColdRun | null;
  eslintColdScan: ColdRun | null;
  eslintVersions: Record<string, string> | null;
  lsp: LspResults | null;
  lspError: string | null;
  eslintError: string | null;
  targets: Target[];
}

export interface Target {
  name: string;
  /** The measured value and the bound, in `unit`. */
  measured: number;
  bound: number;
  unit: '×' | 'MB';
  met: boolean;
  /** The measured value is only a lower bound (a run that did not finish within its time bound). */
  atLeast?: boolean;
}

/** Issue 9: re-analysis p95 at most this many times the parse floor. */
export const PARSE_FLOOR_BOUND = 1.5;
/** Issue 9: server memory after indexing the workspace, in MB. */
export const MEMORY_BOUND_MB = 400;

export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function ratio(a: number, b: number): number {
  return Math.round((a / b) * 100) / 100;
}

/**
 * Our re-analysis p95 for a row: over LSP (didChange → diagnostics, the issue's definition) when
 * measured, else in-process; and the parse floor measured in the same phase of the run, so the
 * ratio compares times taken under the same load.
 */
export function ourP95(row: Row): { ms: number; over: 'LSP' | 'in-process'; floor: Stats } {
  return row.lsp
    ? { ms: row.lsp.p95Ms, over: 'LSP', floor: row.lspParseFloor ?? row.parseFloor }
    : { ms: row.inProcess.p95Ms, over: 'in-process', floor: row.parseFloor };
}

/** The targets of issue 9 that the results allow judging; those not measured are left out. */
export function evaluateTargets(results: Omit<BenchResults, 'targets'>): Target[] {
  const targets: Target[] = [];
  for (const row of results.rows) {
    const ours = ourP95(row);
    if (row.key !== 'template') {
      const measured = ratio(ours.ms, ours.floor.medianMs);
      targets.push({ name: `${row.subject}: ${ours.over} p95 ÷ parse floor`, measured, bound: PARSE_FLOOR_BOUND, unit: '×', met: measured <= PARSE_FLOOR_BOUND });
    }
    if (row.eslintWarm) {
      const measured = ratio(ours.ms, row.eslintWarm.p95Ms);
      targets.push({ name: `${row.subject}: ${ours.over} p95 ÷ ESLint warm p95`, measured, bound: 1, unit: '×', met: measured < 1 });
    }
  }
  const cli = results.cliColdScan;
  const eslint = results.eslintColdScan;
  // A run that failed measured nothing comparable.
  if (cli && eslint && !cli.error && !eslint.error && (cli.wallMs !== undefined || eslint.wallMs !== undefined)) {
    // A run that did not finish counts as its time bound: a lower bound of its real time.
    const ours = cli.wallMs ?? cli.timeoutS * 1000;
    const theirs = eslint.wallMs ?? eslint.timeoutS * 1000;
    const measured = ratio(ours, theirs);
    targets.push({
      name: 'cold workspace scan ÷ ESLint cold (JS/TS subset)',
      measured,
      bound: 1,
      unit: '×',
      met: measured <= 1 && cli.wallMs !== undefined,
      ...(cli.wallMs === undefined && eslint.wallMs !== undefined ? { atLeast: true } : {}),
    });
  }
  const memory = results.lsp?.memoryAfterIndexing;
  if (memory) {
    targets.push({ name: 'server RSS after indexing', measured: memory.rssMb, bound: MEMORY_BOUND_MB, unit: 'MB', met: memory.rssMb <= MEMORY_BOUND_MB });
  }
  // Indexing reads texts; parsing happens at the first analysis. The same bound, once the
  // workspace has been analysed and edited, says what the server really holds.
  const end = results.lsp?.memoryAtEnd;
  if (end) {
    targets.push({ name: 'server peak RSS by the end of the edits', measured: end.peakRssMb, bound: MEMORY_BOUND_MB, unit: 'MB', met: end.peakRssMb <= MEMORY_BOUND_MB });
  }
  return targets;
}

function describeStats(value: Stats | undefined | null): string {
  return value ? `${value.medianMs} / ${value.p95Ms}` : 'n/a';
}

function describeCold(run: ColdRun | null): string {
  if (!run) return 'not measured';
  if (run.error) return `failed (${run.error})`;
  if (run.wallMs === undefined) return `did not finish in ${run.timeoutS} s`;
  return `${run.wallMs} ms`;
}

function times(value: number): string {
  return `${value}×`;
}

/** The results table in Markdown: one row per subject, times as median / p95 in ms. */
export function renderTable(results: BenchResults): string {
  const header = [
    'subject',
    'lines',
    'parse floor',
    'ours, in-process',
    'parse floor, LSP phase',
    'ours, LSP',
    'ESLint + plugins, warm',
    'ours p95 ÷ parse floor',
    'ours p95 ÷ ESLint p95',
    'files analysed / parsed / read per edit',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const row of results.rows) {
    const ours = ourP95(row);
    const eslint = row.eslintWarm === null ? 'does not lint YAML' : row.eslintWarm === undefined ? 'not measured' : describeStats(row.eslintWarm);
    const cells = [
      row.subject,
      String(row.lines),
      describeStats(row.parseFloor),
      describeStats(row.inProcess),
      describeStats(row.lspParseFloor),
      describeStats(row.lsp),
      eslint,
      times(ratio(ours.ms, ours.floor.medianMs)),
      row.eslintWarm ? times(ratio(ours.ms, row.eslintWarm.p95Ms)) : 'n/a',
      `${row.perEdit.analysed} / ${row.perEdit.parsed} / ${row.perEdit.read}`,
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

function describeTarget(target: Target): string {
  const bound = target.unit === 'MB' ? `≤ ${target.bound} MB` : target.bound === 1 && target.name.includes('ESLint warm') ? '< 1×' : `≤ ${target.bound}×`;
  const value = `${target.atLeast ? 'at least ' : ''}${target.unit === 'MB' ? `${target.measured} MB` : `${target.measured}×`}`;
  const factor = Math.round((target.measured / target.bound) * 100) / 100;
  const verdict = target.met ? `met (${factor}× the bound)` : `**not met**: ${target.atLeast ? 'at least ' : ''}${factor}× the bound`;
  return `- ${target.name}: ${value} (target ${bound}) — ${verdict}`;
}

/** Everything below the table: cold scans, memory, targets, how the figures were taken. */
export function renderSummary(results: BenchResults): string {
  const lines: string[] = [];
  const cli = results.cliColdScan;
  const eslint = results.eslintColdScan;
  lines.push(
    `Cold scan of the whole workspace (${results.workspace.files} files, ${results.workspace.lines} lines), a fresh process each: ` +
      `ours ${describeCold(cli)}${cli && cli.findings >= 0 ? ` (${cli.findings} findings)` : ''}; ` +
      `ESLint + plugins over its ${eslint?.files ?? results.workspace.jsTsFiles} JS/TS files ${describeCold(eslint)}` +
      `${eslint && eslint.findings >= 0 ? ` (${eslint.findings} problems${eslint.fatal ? `, ${eslint.fatal} parse failures` : ''})` : ''}.`,
  );
  const lsp = results.lsp;
  if (lsp) {
    lines.push(
      '',
      `Server: indexed in ${lsp.indexMs} ms; ${lsp.memoryAfterIndexing ? `${lsp.memoryAfterIndexing.rssMb} MB RSS after indexing (peak ${lsp.memoryAfterIndexing.peakRssMb} MB)` : 'memory not readable'}` +
        `${lsp.memoryAtEnd ? `, ${lsp.memoryAtEnd.rssMb} MB after the edits (peak ${lsp.memoryAtEnd.peakRssMb} MB)` : ''}` +
        `; other files' diagnostics pushed per edit: ${results.rows.map((row) => `${row.key} ${row.lspOtherPublishesPerEdit ?? 'n/a'}`).join(', ')}.`,
    );
  } else if (results.lspError) {
    lines.push('', `Server: not measured (${results.lspError}).`);
  }
  if (results.eslintError) lines.push('', `ESLint: ${results.eslintError}.`);
  lines.push('', 'Targets (issue 9, ratios from this run):', '');
  if (results.targets.length === 0) lines.push('- none could be judged from this run');
  for (const target of results.targets) lines.push(describeTarget(target));
  return lines.join('\n');
}

/** The README section: table, summary, and the machine and date it was measured on. */
export function renderReadmeSection(results: BenchResults): string {
  const versions = results.eslintVersions
    ? Object.entries(results.eslintVersions).map(([name, version]) => `${name} ${version}`).join(', ')
    : 'ESLint not measured';
  return [
    `Measured ${results.date.slice(0, 10)} on ${results.machine}; seed ${results.seed}${results.options.length ? `; options ${results.options.join(' ')}` : ''}.`,
    '',
    `- Times in ms as median / p95 after a one-character edit. Parse floor: typescript-estree (handlers) or \`yaml\` (template) parse alone.`,
    `- "Ours, LSP": \`didChange\` to the pulled diagnostics of that version on a warm server; the ratios use it when measured, else the in-process time, and divide by the parse-floor median of the same phase (the machine's load varies).`,
    `- ESLint: ${versions}; recommended rules; \`lintText\` on a warm instance.`,
    `- Per edit: files linted / files parsed again / files whose parse the analysis read (cached parses of other files).`,
    '',
    renderTable(results),
    '',
    renderSummary(results),
  ].join('\n');
}

export const README_START = '<!-- bench:start -->';
export const README_END = '<!-- bench:end -->';

/**
 * The README text with the benchmark section replaced. Throws when the markers are missing,
 * repeated or out of order, so a README without them is never rewritten.
 */
export function replaceReadmeSection(readme: string, section: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < 0) throw new Error(`README.md has no ${README_START} … ${README_END} section to fill`);
  if (readme.indexOf(README_START, start + 1) >= 0 || readme.indexOf(README_END, end + 1) >= 0) {
    throw new Error(`README.md has more than one ${README_START} … ${README_END} section`);
  }
  if (end < start) throw new Error(`README.md has ${README_END} before ${README_START}`);
  return `${readme.slice(0, start + README_START.length)}\n${section.trimEnd()}\n${readme.slice(end)}`;
}
