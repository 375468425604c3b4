/**
 * The taint engine's surface for rules: from a rule's context to the flows of event data into
 * sinks of one kind, and from flows to findings. See README.md beside this file for the design and
 * for how to add a sink kind.
 */
import type { FindingDraft, RuleContext } from '../../engine/define-rule';
import type { FilePath, RelatedLocation } from '../../engine/types';
import type { SourceFile } from '../../parse/source-file';
import { findEntries, type Entry, type EntryHints, type HandlerPlatform } from './entries';
import { isLive, mayBeObject, moduleCandidates, ModuleAnalysis, type ModuleLoader } from './module';
import { queueProducers } from './queues';
import { ENTRY_STYLES, EVENT_SHAPES, type SinkKind, type SinkSpec } from './specs/index';
import { matchesPrefix, renderPath, type Step, type Taint, type Value } from './value';

export type { Entry, EntryHints } from './entries';
export type { SinkKind, SinkSpec } from './specs/index';

/** One path of event data from an entry point's parameter to a sink argument. */
export interface TaintFlow {
  kind: SinkKind;
  spec: SinkSpec;
  /** How messages name the sink (`exec`, `query`, `ExecuteStatementCommand`). */
  sinkName: string;
  sinkFile: FilePath;
  sinkRange: readonly [number, number];
  /** The source as a user would write it: `event.body`, `req.query.dir`. */
  source: string;
  /** What the source is: `HTTP request body`, `SQS message body`. */
  description: string;
  /** Where the data is read from the event, then each hop to the sink. */
  path: readonly Step[];
  entryFile: FilePath;
  entry: Entry;
}

/** Analyses cached per parsed file: the project hands out one `SourceFile` per text. */
const MODULES = new WeakMap<SourceFile, ModuleAnalysis>();
const FLOWS = new WeakMap<ModuleAnalysis, Map<string, TaintFlow[]>>();

/** A loader over one project: `sourceFile` from the rule context, analyses from the cache. */
export function createLoader(sourceFile: (path: FilePath) => SourceFile | undefined): ModuleLoader {
  const inProgress = new Set<FilePath>();
  const loader: ModuleLoader = {
    sourceFile,
    module(path) {
      const file = sourceFile(path);
      if (!file || file.language !== 'javascript' || !file.ast) return undefined;
      const cached = MODULES.get(file);
      if (cached && cached.isCurrent(loader)) return cached;
      // An import cycle: the module being analysed is seen with no exports yet.
      if (inProgress.has(path)) return undefined;
      inProgress.add(path);
      try {
        const analysis = new ModuleAnalysis({ ...file, ast: file.ast }, loader);
        MODULES.set(file, analysis);
        return analysis;
      } finally {
        inProgress.delete(path);
      }
    },
  };
  return loader;
}

/** The hints the project model gives about a handler file's exports. */
export function hintsFor(ctx: Pick<RuleContext, 'model'>, path: FilePath): EntryHints {
  const exports = new Map<string, HandlerPlatform>();
  let moduleExportPlatform: HandlerPlatform | undefined;
  for (const fn of ctx.model.functionsForHandler(path)) {
    const exportName = fn.handler?.exportName;
    if (exportName !== undefined) exports.set(exportName, fn.platform);
    else moduleExportPlatform = fn.platform;
  }
  return moduleExportPlatform ? { exports, moduleExportPlatform } : { exports };
}

/** Every flow from the entry points of the module at `path` (cached per text and hints). */
export function flowsFrom(loader: ModuleLoader, path: FilePath, hints: EntryHints): TaintFlow[] {
  const analysis = loader.module(path);
  if (!analysis) return [];
  const key = JSON.stringify([[...hints.exports].sort(), hints.moduleExportPlatform ?? '']);
  let byHints = FLOWS.get(analysis);
  if (!byHints) {
    byHints = new Map();
    FLOWS.set(analysis, byHints);
  }
  const cached = byHints.get(key);
  if (cached) return cached;
  const flows = findEntries(analysis, analysis.file.ast, hints).flatMap((entry) => entryFlows(analysis, entry));
  byHints.set(key, flows);
  return flows;
}

/** The values an entry point's parameters hold when the platform calls it. */
function entryArguments(analysis: ModuleAnalysis, entry: Entry): Value[] {
  const style = ENTRY_STYLES[entry.style];
  return entry.fn.params.map((parameter, index) => {
    const source = style.find((candidate) => (typeof candidate.index === 'number' ? candidate.index === index : index >= candidate.index.rest));
    if (!source) return entry.origin ? { taints: [], provenance: entry.origin.map((origin) => ({ ...origin, exact: false })) } : { taints: [] };
    const shape = EVENT_SHAPES[source.shape];
    if (!shape) return { taints: [] };
    const pattern = parameter.type === 'AssignmentPattern' ? parameter.left : parameter;
    const label = pattern.type === 'Identifier' ? pattern.name : source.name;
    const taint: Taint = {
      root: { kind: 'source', id: `s${analysis.path}:${entry.fn.range[0]}:${index}`, label, shape, file: analysis.path, range: [pattern.range[0], pattern.range[1]] },
      path: [],
      exact: true,
      object: true,
      cleaned: [],
      steps: [],
    };
    return { taints: [taint] };
  });
}

function entryFlows(analysis: ModuleAnalysis, entry: Entry): TaintFlow[] {
  const flows: TaintFlow[] = [];
  const seen = new Set<string>();
  for (const hit of analysis.sinksFor(entry.fn, entryArguments(analysis, entry))) {
    for (const taint of hit.taints) {
      if (taint.root.kind !== 'source' || !isLive(taint) || taint.cleaned.includes(hit.spec.kind)) continue;
      if (hit.spec.objects && !mayBeObject(taint)) continue;
      const source = renderPath(taint.root.label, taint.path);
      const key = `${hit.spec.kind}|${hit.file}|${hit.range[0]}|${source}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const description = describe(taint);
      const entryStep: Step = taint.entry ?? { file: taint.root.file, range: taint.root.range, message: '' };
      flows.push({
        kind: hit.spec.kind,
        spec: hit.spec,
        sinkName: hit.name,
        sinkFile: hit.file,
        sinkRange: hit.range,
        source,
        description,
        path: [{ ...entryStep, message: `${source} (${description})` }, ...taint.steps],
        entryFile: analysis.path,
        entry,
      });
    }
  }
  return flows;
}

function describe(taint: Taint): string {
  if (taint.root.kind !== 'source') return 'event data';
  const { shape } = taint.root;
  for (const [pattern, text] of shape.describe ?? []) if (matchesPrefix(pattern, taint.path)) return text;
  return shape.description;
}

/**
 * The flows of one sink kind that belong in the file a rule is checking. A flow is reported on its
 * sink argument, in the sink's file. The sink's file sees the flow when the entry point is in that
 * file or in a handler file the project model names; when neither holds (a handler without a
 * template that passes event data into a local module), the flow is reported in the handler's file
 * instead, on the last step of the path there, so that every flow is reported exactly once.
 */
export function flowsForFile(ctx: RuleContext, kind: SinkKind): { flow: TaintFlow; range: readonly [number, number] }[] {
  const loader = createLoader((path) => ctx.sourceFile(path));
  const here = ctx.file.path;
  const { handlers: modelHandlers, readers } = handlerIndex(ctx);
  // Only the handlers whose analysis read this file can have a sink in it.
  const entryFiles = new Set([here, ...(readers.get(here) ?? [])]);
  const result: { flow: TaintFlow; range: readonly [number, number] }[] = [];
  for (const entryFile of entryFiles) {
    for (const flow of flowsFrom(loader, entryFile, hintsFor(ctx, entryFile))) {
      if (flow.kind !== kind) continue;
      if (flow.sinkFile === here) {
        result.push({ flow, range: flow.sinkRange });
      } else if (flow.entryFile === here && !modelHandlers.has(here)) {
        const local = [...flow.path].reverse().find((step) => step.file === here);
        result.push({ flow, range: local?.range ?? [flow.entry.node.range[0], flow.entry.node.range[1]] });
      }
    }
  }
  return result;
}

/**
 * The handler files the project model names, and for each file the handlers that may read it: the
 * handler itself and every file its relative imports reach. Imports are found in the text (every
 * string that starts with `./` or `../` counts, a superset of what the analysis follows), so
 * checking one file neither parses nor analyses the other handlers of a large workspace. Built
 * once per model and reused while every text it read is unchanged.
 */
interface HandlerIndex {
  handlers: ReadonlySet<FilePath>;
  readers: ReadonlyMap<FilePath, readonly FilePath[]>;
  /** Every file the index read, and its text then. */
  read: ReadonlyMap<FilePath, string | undefined>;
  /** The project revision the texts were last compared at. */
  revision?: number;
}

const HANDLER_INDEXES = new WeakMap<object, HandlerIndex>();

function handlerIndex(ctx: RuleContext): HandlerIndex {
  const textOf = (path: FilePath): string | undefined => (ctx.fileText ? ctx.fileText(path) : ctx.sourceFile(path)?.text);
  const cached = HANDLER_INDEXES.get(ctx.model);
  if (cached && ctx.revision !== undefined && cached.revision === ctx.revision) return cached;
  if (cached && [...cached.read].every(([path, text]) => textOf(path) === text)) {
    cached.revision = ctx.revision;
    return cached;
  }
  const handlers = new Set(ctx.model.functions.flatMap((fn) => (fn.handler?.file ? [fn.handler.file] : [])));
  const read = new Map<FilePath, string | undefined>();
  const readers = new Map<FilePath, FilePath[]>();
  const closures = new Map<FilePath, Set<FilePath>>();
  for (const handler of handlers) {
    for (const path of importClosure(handler, textOf, read, closures)) {
      let list = readers.get(path);
      if (!list) readers.set(path, (list = []));
      list.push(handler);
    }
  }
  const index: HandlerIndex = { handlers, readers, read, revision: ctx.revision };
  HANDLER_INDEXES.set(ctx.model, index);
  return index;
}

const RELATIVE_STRING = /(['"`])(\.\.?(?:\/[^'"`\r\n]*)?)\1/g;

/** The files a module may read, its own included: the closure of its relative import strings. */
function importClosure(
  path: FilePath,
  textOf: (path: FilePath) => string | undefined,
  read: Map<FilePath, string | undefined>,
  closures: Map<FilePath, Set<FilePath>>,
): Set<FilePath> {
  const known = closures.get(path);
  if (known) return known;
  const seen = new Set<FilePath>([path]);
  const pending = [path];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const text = read.has(next) ? read.get(next) : textOf(next);
    read.set(next, text);
    if (text === undefined) continue;
    for (const match of text.matchAll(RELATIVE_STRING)) {
      const specifier = match[2];
      if (specifier === undefined) continue;
      for (const candidate of moduleCandidates(next, specifier)) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        pending.push(candidate);
      }
    }
  }
  closures.set(path, seen);
  return seen;
}

/**
 * The findings of a taint rule: one per flow of `kind` into this file, on the sink argument, with
 * the path from the source as related locations. `data` has `source` and `sink`.
 */
export function taintFindings<M extends string>(ctx: RuleContext, kind: SinkKind, messageId: M): FindingDraft<M>[] {
  const seen = new Set<string>();
  const findings: FindingDraft<M>[] = [];
  const loader = createLoader((path) => ctx.sourceFile(path));
  const flowsOf = (file: FilePath) => flowsFrom(loader, file, hintsFor(ctx, file));
  for (const { flow, range } of flowsForFile(ctx, kind)) {
    // One finding per sink argument: the first source names it, the path shows how it got there.
    const key = `${range[0]}:${range[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const related: RelatedLocation[] = [
      ...flow.path.map((step) => ctx.related({ file: step.file, range: [step.range[0], step.range[1]] }, step.message)),
      ctx.related({ file: flow.sinkFile, range: [flow.sinkRange[0], flow.sinkRange[1]] }, flow.spec.label),
      // A message another function of the project sends: that function and its own path.
      ...queueProducers(ctx, flow, flowsOf),
    ];
    findings.push({ messageId, data: { source: flow.source, sink: flow.sinkName }, range: { start: range[0], end: range[1] }, related });
  }
  return findings;
}

/** For tests and tools: the analysis of a module (cached). */
export function analyzeModule(sourceFile: (path: FilePath) => SourceFile | undefined, path: FilePath): ModuleAnalysis | undefined {
  return createLoader(sourceFile).module(path);
}
