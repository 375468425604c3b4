/**
 * Fuzz harness for the engine (issue 9): feeds `lintFile` (every registered rule, on a `Project`)
 * mutated copies of a few realistic files and hostile generated inputs, and reports every case
 * where an exception escaped, a rule crashed (`internal-error`), or a refused input came back
 * without its diagnostic.
 *
 *   npm run fuzz -- [--seed N] [--iterations N] [--seconds N]
 *
 * Deterministic for a seed: case names (and so the known-failure list the test checks) are stable.
 * `test/robustness/fuzz.test.ts` runs a short, iteration-bounded run inside `npm test`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, INTERNAL_ERROR, lintFile, PARSE_ERROR } from '../rules/engine/runner';
import { Project } from '../rules/engine/project';
import type { Finding } from '../rules/engine/types';

const CORPUS_DIR = path.resolve(__dirname, '..', 'test', 'fixtures', 'robustness');

/** One seed file, placed in a small project so templates and handlers link. */
interface Seed {
  /** Short name used in case names. */
  name: string;
  /** The path the mutated text is linted under. */
  target: string;
  /** The corpus file it is read from. */
  corpus: string;
  /** The rest of the project, unmutated: path → corpus file. */
  context: Record<string, string>;
}

const SEEDS: readonly Seed[] = [
  { name: 'handler', target: 'svc/src/upload.js', corpus: 'upload.js', context: { 'svc/serverless.yml': 'serverless.yml' } },
  { name: 'serverless', target: 'svc/serverless.yml', corpus: 'serverless.yml', context: { 'svc/src/upload.js': 'upload.js' } },
  { name: 'sam', target: 'sam/template.yaml', corpus: 'template.yaml', context: { 'sam/src/handlers/get-item.ts': 'get-item.ts' } },
  { name: 'ts-handler', target: 'sam/src/handlers/get-item.ts', corpus: 'get-item.ts', context: { 'sam/template.yaml': 'template.yaml' } },
  { name: 'policy', target: 'policy/bucket-access.json', corpus: 'bucket-access.json', context: {} },
];

export interface FuzzCase {
  /** Stable for a seed: `<family>/<seed or shape>/<detail>`. */
  name: string;
  files: Map<string, string>;
  /** Every file is linted; the target is the one the case is about. */
  target: string;
  /** The target must come back as exactly one size finding. */
  expectTooLarge?: boolean;
}

export type ProblemKind = 'exception' | 'internal-error' | 'missing-size-diagnostic';

export interface FuzzProblem {
  caseName: string;
  kind: ProblemKind;
  file: string;
  detail: string;
}

export interface FuzzOptions {
  seed?: number;
  /** Random mutations per seed file and family (byte flips, invalid UTF-8, NUL bytes, line endings). */
  iterations?: number;
  /** Every n-th token boundary is a truncation point; 1 = every boundary. */
  truncationStride?: number;
  /** Stop starting new cases after this long. The test leaves it unset: it is bounded by iterations. */
  timeBudgetMs?: number;
  /** Include the slow generated inputs: 1 MB single lines that are analysed, not refused. */
  large?: boolean;
  /** Functions in the generated serverless.yml (the SAM template gets half as many); 2,000 by default. */
  functions?: number;
  /** Called after each case. */
  onCase?(fuzzCase: FuzzCase, problems: readonly FuzzProblem[], elapsedMs: number): void;
}

export interface FuzzReport {
  seed: number;
  cases: number;
  problems: FuzzProblem[];
  /** Cases whose target came back with a `parse-error` finding (refused or unparsable). */
  refused: number;
  slowest: { caseName: string; ms: number }[];
  stoppedByTimeBudget: boolean;
}

/** mulberry32: small, fast, and the same sequence on every platform. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readCorpus(name: string): string {
  return fs.readFileSync(path.join(CORPUS_DIR, name), 'utf8');
}

/** Offsets where a token starts: identifiers/numbers, runs of white space, single punctuation. */
export function tokenBoundaries(text: string): number[] {
  const boundaries: number[] = [];
  for (const match of text.matchAll(/[A-Za-z0-9_$]+|\s+|[^A-Za-z0-9_$\s]/g)) boundaries.push(match.index);
  boundaries.push(text.length);
  return boundaries;
}

/** Decodes bytes the way the CLI reads a file (`fs.readFile(file, 'utf8')`): bad sequences become U+FFFD. */
export function decodeAsCli(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

const INVALID_UTF8: readonly number[][] = [
  [0xff],
  [0xc3, 0x28], // bad continuation
  [0xe2, 0x82], // truncated three-byte sequence
  [0xed, 0xa0, 0x80], // encoded lone surrogate
  [0xc0, 0xaf], // overlong '/'
  [0xf8, 0x88, 0x80, 0x80, 0x80], // five-byte form
  [0x80, 0x80], // stray continuations
];

function caseOf(seed: Seed, name: string, text: string, extra?: Partial<FuzzCase>): FuzzCase {
  const files = new Map<string, string>();
  files.set(seed.target, text);
  for (const [file, corpus] of Object.entries(seed.context)) files.set(file, readCorpus(corpus));
  return { name, files, target: seed.target, ...extra };
}

function* mutationCases(seed: Seed, options: Required<Pick<FuzzOptions, 'seed' | 'iterations' | 'truncationStride'>>): Generator<FuzzCase> {
  const original = readCorpus(seed.corpus);
  const bytes = Buffer.from(original, 'utf8');
  const next = random(options.seed ^ hash(seed.name));
  const pick = (n: number): number => Math.floor(next() * n);

  const boundaries = tokenBoundaries(original);
  for (let i = 0; i < boundaries.length; i += options.truncationStride) {
    const at = boundaries[i]!;
    yield caseOf(seed, `truncate/${seed.name}/${at}`, original.slice(0, at));
  }

  for (let i = 0; i < options.iterations; i++) {
    const flipped = Uint8Array.from(bytes);
    const flips = 1 + pick(8);
    for (let f = 0; f < flips; f++) {
      const at = pick(flipped.length);
      flipped[at] = flipped[at]! ^ (1 << pick(8));
    }
    yield caseOf(seed, `byte-flip/${seed.name}/${i}`, decodeAsCli(flipped));

    const invalid = INVALID_UTF8[pick(INVALID_UTF8.length)]!;
    const insertAt = pick(bytes.length + 1);
    const withInvalid = Buffer.concat([bytes.subarray(0, insertAt), Buffer.from(invalid), bytes.subarray(insertAt)]);
    yield caseOf(seed, `invalid-utf8/${seed.name}/${i}`, decodeAsCli(withInvalid));

    let withNul = original;
    for (let n = 1 + pick(4); n > 0; n--) {
      const at = pick(withNul.length + 1);
      withNul = `${withNul.slice(0, at)}\0${withNul.slice(at)}`;
    }
    yield caseOf(seed, `nul/${seed.name}/${i}`, withNul);

    yield caseOf(seed, `line-endings/${seed.name}/${i}`, mixLineEndings(original, next));
  }

  yield caseOf(seed, `tabs/${seed.name}/indent`, original.replace(/^( {2})+/gm, (spaces) => '\t'.repeat(spaces.length / 2)));
  yield caseOf(seed, `tabs/${seed.name}/everywhere`, original.replace(/ /g, '\t'));
  yield caseOf(seed, `line-endings/${seed.name}/crlf-bom`, `\uFEFF${original.replace(/\n/g, '\r\n')}`);
  yield caseOf(seed, `line-endings/${seed.name}/cr-only`, original.replace(/\n/g, '\r'));
  yield caseOf(seed, `line-endings/${seed.name}/bom-inside`, original.replace(/\n/g, '\n\uFEFF'));
  yield caseOf(seed, `duplicate/${seed.name}/whole-file-twice`, `${original}\n${original}`);
  const firstLine = original.split('\n', 1)[0] ?? '';
  yield caseOf(seed, `duplicate/${seed.name}/first-line-repeated`, `${firstLine}\n${original}`);
}

/** CRLF, LF and lone CR mixed line by line, with a BOM at the start or not. */
function mixLineEndings(text: string, next: () => number): string {
  const endings = ['\n', '\r\n', '\r', '\r\r\n'];
  const lines = text.split('\n');
  const body = lines.map((line, i) => (i === lines.length - 1 ? line : line + endings[Math.floor(next() * endings.length)])).join('');
  return next() < 0.5 ? `\uFEFF${body}` : body;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const DEEP = 10_000;

function single(name: string, file: string, text: string, extra?: Partial<FuzzCase>): FuzzCase {
  return { name, files: new Map([[file, text]]), target: file, ...extra };
}

/** Hostile shapes that mutation would never reach. */
export function* generatedCases(options: { large: boolean; functions: number }): Generator<FuzzCase> {
  const handler = readCorpus('upload.js');

  // 10,000-deep nesting in JS, YAML and JSON.
  yield single('deep/js-array', 'deep/array.js', `const x = ${'['.repeat(DEEP)}${']'.repeat(DEEP)};\n`);
  yield single('deep/js-object', 'deep/object.js', `const x = ${'{a:'.repeat(DEEP)}1${'}'.repeat(DEEP)};\n`);
  yield single('deep/js-call', 'deep/call.js', `exports.handler = (event) => ${'f('.repeat(DEEP)}event.body${')'.repeat(DEEP)};\n`);
  yield single('deep/js-parens', 'deep/parens.js', `const x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)};\n`);
  yield single('deep/js-binary', 'deep/binary.js', `exports.handler = (event) => exec(${'event.body + '.repeat(DEEP)}'x');\n`);
  yield single('deep/js-blocks', 'deep/blocks.js', `exports.handler = (event) => {${'if (event) {'.repeat(DEEP)}eval(event.body);${'}'.repeat(DEEP)}};\n`);
  yield single('deep/js-functions', 'deep/functions.js', `exports.handler = ${'(event) => '.repeat(DEEP)}eval(event.body);\n`);
  yield single('deep/js-member', 'deep/member.js', `exports.handler = (event) => eval(event${'.a'.repeat(DEEP)});\n`);
  yield single('deep/yaml-flow-seq', 'deep/serverless.yml', `service: deep\nprovider:\n  name: aws\nfunctions: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`);
  yield single('deep/yaml-flow-map', 'deep/template.yaml', `Resources: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`);
  // Block nesting costs depth² bytes of indentation; 1,000 levels is already 1 MB.
  yield single('deep/yaml-block-map', 'deep/block/serverless.yml', `service: deep\nfunctions:\n${blockNesting(1000)}`);
  yield single('deep/json-array', 'deep/policy.json', `{"Version":"2012-10-17","Statement":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`);
  yield single('deep/json-object', 'deep/stack.json', `{"Resources":${'{"a":'.repeat(DEEP)}1${'}'.repeat(DEEP)}}`);

  // Just under where the parsers give up (they overflow their own stack, which is a parse error):
  // deep enough to parse, so the rules walk the whole depth. 5,000-deep JSON found the recursive
  // `walk` in rules/parse/document.ts overflowing in the secrets rules.
  yield single('deep/js-binary-800', 'deep/binary800.js', `const { exec } = require('child_process');\nexports.handler = (event) => exec(${'event.body + '.repeat(800)}'x');\n`);
  yield single('deep/js-call-800', 'deep/call800.js', `const { exec } = require('child_process');\nexports.handler = (event) => exec(${'f('.repeat(800)}event.body${')'.repeat(800)});\n`);
  yield single('deep/js-template-1500', 'deep/template1500.js', `const { exec } = require('child_process');\nexports.handler = (event) => exec(${'`${'.repeat(1500)}event.body${'}`'.repeat(1500)});\n`);
  yield single('deep/js-assign-5000', 'deep/assign5000.js', `const { exec } = require('child_process');\nexports.handler = (event) => { let x; ${'x = '.repeat(5000)}event.body; exec(x); };\n`);
  yield single('deep/yaml-flow-1500', 'deep/flow1500/serverless.yml', `service: s\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: a.handler\n    environment: ${'{a: '.repeat(1500)}1${'}'.repeat(1500)}\n`);
  yield single('deep/json-object-5000', 'deep/policy5000.json', `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}]}`);

  // YAML alias bombs: each level doubles ten times.
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const previous = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(',')}]`);
  }
  yield single('alias-bomb/plain', 'bomb/bomb.yaml', `${levels.join('\n')}\n`);
  yield single(
    'alias-bomb/serverless',
    'bomb/serverless.yml',
    `service: bomb\n${levels.map((line) => `x${line}`).join('\n').replace(/\*/g, '*x').replace(/&/g, '&x')}\nprovider:\n  name: aws\n  iam:\n    role:\n      statements: *xi\nfunctions:\n  f:\n    handler: h.handler\n    environment: *xi\n`,
  );
  yield single('alias-bomb/self-reference', 'bomb/cycle.yaml', 'a: &a\n  b: *a\n');
  yield single('alias-bomb/merge-keys', 'bomb/merge.yaml', `${mergeBomb(20)}\n`);

  // Duplicate keys.
  yield single(
    'duplicate/yaml-keys',
    'dup/serverless.yml',
    'service: dup\nservice: dup2\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: src/f.handler\n    handler: src/g.handler\nfunctions:\n  g:\n    handler: src/g.handler\n',
  );
  yield single(
    'duplicate/json-keys',
    'dup/policy.json',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Action":"*","Resource":"*","Resource":"arn:aws:s3:::b/*"}],"Statement":[]}',
  );
  yield single(
    'duplicate/cfn-resources',
    'dup/template.yaml',
    'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: a.handler\n  Fn:\n    Type: AWS::IAM::Role\n    Properties:\n      Policies: [{PolicyName: p, PolicyDocument: {Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}]\n',
  );

  // Huge numbers of functions, all deploying the same handler.
  const functions = Array.from({ length: options.functions }, (_, i) => `  fn${i}:\n    handler: src/upload.handler\n    events:\n      - httpApi: { path: /p${i}, method: post }\n`).join('');
  yield {
    name: 'many-functions/serverless',
    files: new Map([
      ['many/serverless.yml', `service: many\nprovider:\n  name: aws\n  runtime: nodejs20.x\n  iam:\n    role:\n      statements:\n        - Effect: Allow\n          Action: "s3:*"\n          Resource: "*"\nfunctions:\n${functions}`],
      ['many/src/upload.js', handler],
    ]),
    target: 'many/serverless.yml',
  };
  const samFunctions = Array.from(
    { length: Math.ceil(options.functions / 2) },
    (_, i) => `  Fn${i}:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: src/\n      Handler: upload.handler\n      Runtime: nodejs20.x\n      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: !Sub "s3:*"\n              Resource: !GetAtt Bucket${i}.Arn\n`,
  ).join('');
  yield {
    name: 'many-functions/sam',
    files: new Map([
      ['manysam/template.yaml', `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\nResources:\n${samFunctions}`],
      ['manysam/src/upload.js', handler],
    ]),
    target: 'manysam/template.yaml',
  };

  // Size: just over the limit is refused with one finding; a long single line under it is analysed.
  const justOver = `const x = "${'a'.repeat(DEFAULT_MAX_FILE_BYTES)}";\n`;
  yield single('size/just-over-limit', 'size/over.js', justOver, { expectTooLarge: true });
  // Two-byte characters: under the limit in UTF-16 units, over it in UTF-8 bytes.
  yield single('size/over-in-utf8-bytes', 'size/utf8.json', `"${'é'.repeat(DEFAULT_MAX_FILE_BYTES / 2 + 1)}"`, { expectTooLarge: true });
  yield single('size/10mb-single-line-js', 'size/bundle.js', `var a=${'1+'.repeat(5 * 1024 * 1024)}1;`, { expectTooLarge: true });
  yield single('size/10mb-single-line-yaml', 'size/big.yaml', `k: ${'v'.repeat(10 * 1024 * 1024)}\n`, { expectTooLarge: true });
  if (options.large) {
    yield single('size/1mb-single-line-binary', 'size/line.js', `exports.handler = (event) => exec(${'event.body+'.repeat(90_000)}'x');`);
    yield single('size/1mb-single-line-array', 'size/array.json', `[${'1,'.repeat(500_000)}1]`);
  }
}

function blockNesting(depth: number): string {
  let text = '';
  for (let i = 0; i < depth; i++) text += `${'  '.repeat(i + 1)}k${i}:\n`;
  return `${text}${'  '.repeat(depth + 1)}handler: h.handler\n`;
}

/** `<<` merge keys where each map merges the previous one twice over. */
function mergeBomb(levels: number): string {
  const lines = ['m0: &m0 {a: 1, b: 2}'];
  for (let i = 1; i < levels; i++) lines.push(`m${i}: &m${i}\n  <<: [*m${i - 1}, *m${i - 1}]\n  k${i}: *m${i - 1}`);
  return lines.join('\n');
}

/** Lints every file of the case and reports what went wrong. Never throws. */
export function checkCase(fuzzCase: FuzzCase): { problems: FuzzProblem[]; refused: boolean } {
  const problems: FuzzProblem[] = [];
  let refused = false;
  let project: Project;
  try {
    project = new Project(fuzzCase.files);
  } catch (error) {
    return { problems: [{ caseName: fuzzCase.name, kind: 'exception', file: fuzzCase.target, detail: describe(error) }], refused };
  }
  for (const file of fuzzCase.files.keys()) {
    let findings: Finding[];
    const crashes: string[] = [];
    try {
      findings = lintFile(project, file, {
        now: new Date('2026-01-01T00:00:00Z'),
        onInternalError: (error, ruleId) => crashes.push(`${ruleId}: ${describe(error)}`),
      });
    } catch (error) {
      problems.push({ caseName: fuzzCase.name, kind: 'exception', file, detail: describe(error) });
      continue;
    }
    for (const finding of findings.filter((each) => each.ruleId === INTERNAL_ERROR)) {
      const detail = crashes.find((crash) => crash.startsWith(`${finding.data.rule}:`)) ?? finding.message;
      problems.push({ caseName: fuzzCase.name, kind: 'internal-error', file, detail });
    }
    if (file !== fuzzCase.target) continue;
    if (findings.some((finding) => finding.ruleId === PARSE_ERROR)) refused = true;
    if (fuzzCase.expectTooLarge) {
      const sized = findings.length === 1 && findings[0]?.messageId === 'fileTooLarge' && /too large to analyse/.test(findings[0].message);
      if (!sized) {
        problems.push({
          caseName: fuzzCase.name,
          kind: 'missing-size-diagnostic',
          file,
          detail: `expected one "file too large" finding, got ${findings.map((each) => `${each.ruleId}:${each.messageId}`).join(', ') || 'none'}`,
        });
      }
    }
  }
  return { problems, refused };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frame = error.stack?.split('\n').find((line) => /^\s+at /.test(line))?.trim();
  return `${error.message}${frame ? ` (${frame})` : ''}`;
}

export function* allCases(options: FuzzOptions = {}): Generator<FuzzCase> {
  const settings = { seed: options.seed ?? 1, iterations: options.iterations ?? 50, truncationStride: options.truncationStride ?? 1 };
  for (const seed of SEEDS) yield* mutationCases(seed, settings);
  // Last, when the parsers are warm (JIT-compiled, smaller frames) and parse deeper input, so the
  // deep cases reach the rules instead of stopping at a parse error.
  yield* generatedCases({ large: options.large ?? true, functions: options.functions ?? 2000 });
}

export function runFuzz(options: FuzzOptions = {}): FuzzReport {
  const seed = options.seed ?? 1;
  const started = Date.now();
  const report: FuzzReport = { seed, cases: 0, problems: [], refused: 0, slowest: [], stoppedByTimeBudget: false };
  const timings: { caseName: string; ms: number }[] = [];
  for (const fuzzCase of allCases(options)) {
    if (options.timeBudgetMs !== undefined && Date.now() - started > options.timeBudgetMs) {
      report.stoppedByTimeBudget = true;
      break;
    }
    const caseStart = performance.now();
    const { problems, refused } = checkCase(fuzzCase);
    const ms = performance.now() - caseStart;
    timings.push({ caseName: fuzzCase.name, ms });
    report.cases++;
    if (refused) report.refused++;
    report.problems.push(...problems);
    options.onCase?.(fuzzCase, problems, ms);
  }
  report.slowest = timings.sort((a, b) => b.ms - a.ms).slice(0, 5);
  return report;
}

function main(argv: readonly string[]): number {
  const number = (flag: string, fallback: number): number => {
    const at = argv.indexOf(flag);
    const value = at >= 0 ? Number(argv[at + 1]) : fallback;
    if (!Number.isFinite(value) || value < 0) throw new Error(`${flag} expects a non-negative number`);
    return value;
  };
  const seed = number('--seed', 1);
  const iterations = number('--iterations', 200);
  const seconds = number('--seconds', 120);
  const report = runFuzz({
    seed,
    iterations,
    timeBudgetMs: seconds * 1000,
    large: true,
    onCase(fuzzCase, problems) {
      for (const problem of problems) console.log(`FAIL ${fuzzCase.name} [${problem.kind}] ${problem.file}: ${problem.detail}`);
    },
  });
  console.log(
    `seed ${report.seed}: ${report.cases} cases, ${report.refused} refused or unparsable, ${report.problems.length} problems` +
      (report.stoppedByTimeBudget ? ` (stopped by the ${seconds} s budget)` : ''),
  );
  console.log(`slowest: ${report.slowest.map((each) => `${each.caseName} ${each.ms.toFixed(0)} ms`).join(', ')}`);
  return report.problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  process.exitCode = main(process.argv.slice(2));
}
