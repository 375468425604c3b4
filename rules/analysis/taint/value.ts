/**
 * The abstract values the taint engine computes: what an expression may hold, as far as injection
 * is concerned. A value is immutable; `join` makes a new one. Every collection in a value is
 * bounded (taints per value, fields per object, depth of nesting, steps per path) so that the
 * fixed point is reached in a few rounds whatever the code does.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FilePath } from '../../engine/types';
import type { FunctionNode } from '../estree';
import type { EventShape } from './specs/types';

export type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/** One hop of a taint path, shown to the user as a related location. */
export interface Step {
  file: FilePath;
  range: readonly [number, number];
  message: string;
}

/** Where tainted data comes from. */
export type Root =
  /** An entry point's event parameter. */
  | { kind: 'source'; id: string; label: string; shape: EventShape; file: FilePath; range: readonly [number, number] }
  /**
   * A parameter of a function, stood for symbolically while the function's summary is computed:
   * the caller substitutes what it passes.
   */
  | { kind: 'param'; id: string; fn: FunctionNode; index: number; name: string; file: FilePath; node: TSESTree.Node };

export interface Taint {
  root: Root;
  /** The fields read from the root (`['body', 'name']`); frozen once the value is transformed. */
  path: readonly string[];
  /** True while the value IS the data at `path` (so a member read extends the path). */
  exact: boolean;
  /**
   * For a transformed value (`exact` false): whether it may be a parsed object rather than a
   * string (`JSON.parse(x)` may; `x.trim()` may not). Exact values answer from their root.
   */
  object: boolean;
  /** Sink kinds this value was made safe for, sorted. */
  cleaned: readonly string[];
  /** Where the data at `path` was read (`event.body`), once known. */
  entry?: Step;
  /** The hops after the entry: variables, parameters, returns. */
  steps: readonly Step[];
}

/** Where a value comes from when it is (part of) an imported package. */
export interface Provenance {
  module: string;
  /** Property path from the module object (`['promises', 'readFile']`). */
  path: readonly string[];
  /** True for the export itself; false for what its calls and constructors return. */
  exact: boolean;
  /** The method whose call returned this value (`prepare` for a prepared statement). */
  via?: string;
}

/** A validation schema, as far as it constrains values (see `specs/validation.ts`). */
export type SchemaShape =
  | { kind: 'safe' }
  | { kind: 'unsafe' }
  | { kind: 'object'; fields: ReadonlyMap<string, SchemaShape> }
  | { kind: 'array'; element: SchemaShape };

export interface Value {
  readonly taints: readonly Taint[];
  /** Known properties (`'*'`: any other property or array element). */
  readonly fields?: ReadonlyMap<string, Value>;
  readonly functions?: readonly FunctionNode[];
  /** Instances of (or the) classes of the project. */
  readonly classes?: readonly ClassNode[];
  readonly provenance?: readonly Provenance[];
  /** A single known primitive. */
  readonly literal?: string | number | boolean | null;
  /** A regular expression literal. */
  readonly regex?: { pattern: string; flags: string };
  /** An array or set holding only primitives known at analysis time (an allow-list). */
  readonly constants?: boolean;
  /** A validation schema (zod, joi, yup). */
  readonly schema?: SchemaShape;
  /** A compiled validator (ajv) and the schema it checks. */
  readonly validator?: SchemaShape;
}

export const EMPTY: Value = { taints: [] };

const MAX_TAINTS = 8;
const MAX_FIELDS = 40;
const MAX_DEPTH = 5;
const MAX_STEPS = 14;
const MAX_FUNCTIONS = 8;

export function isEmpty(value: Value): boolean {
  return (
    value.taints.length === 0 &&
    !value.fields &&
    !value.functions &&
    !value.classes &&
    !value.provenance &&
    value.literal === undefined &&
    !value.regex &&
    !value.constants &&
    !value.schema &&
    !value.validator
  );
}

export function taintKey(taint: Taint): string {
  return `${taint.root.id}|${taint.path.join('\u0001')}|${taint.exact ? 'e' : taint.object ? 'o' : 's'}|${taint.cleaned.join(',')}`;
}

function provenanceKey(provenance: Provenance): string {
  return `${provenance.module}|${provenance.path.join('.')}|${provenance.exact}|${provenance.via ?? ''}`;
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string, limit: number): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    result.push(item);
    if (result.length >= limit) break;
  }
  return result;
}

function uniqueNodes<T extends object>(items: readonly T[]): T[] {
  return [...new Set(items)].slice(0, MAX_FUNCTIONS);
}

/** A value that is all of `values`: the join of the abstract domain. */
export function join(...values: (Value | undefined)[]): Value {
  const present = values.filter((value): value is Value => value !== undefined && !isEmpty(value));
  if (present.length === 0) return EMPTY;
  if (present.length === 1) return present[0] ?? EMPTY;
  return bounded(joinAll(present, 0));
}

function joinAll(values: readonly Value[], depth: number): Value {
  const taints = uniqueBy(
    values.flatMap((value) => value.taints),
    taintKey,
    MAX_TAINTS,
  );
  const result: {
    taints: Taint[];
    fields?: Map<string, Value>;
    functions?: FunctionNode[];
    classes?: ClassNode[];
    provenance?: Provenance[];
    literal?: string | number | boolean | null;
    regex?: { pattern: string; flags: string };
    constants?: boolean;
    schema?: SchemaShape;
    validator?: SchemaShape;
  } = { taints };
  const withFields = values.filter((value) => value.fields);
  if (withFields.length > 0) {
    const names = new Set<string>();
    for (const value of withFields) for (const name of value.fields?.keys() ?? []) names.add(name);
    const fields = new Map<string, Value>();
    for (const name of [...names].slice(0, MAX_FIELDS)) {
      const parts = withFields.map((value) => value.fields?.get(name)).filter((part): part is Value => part !== undefined);
      fields.set(name, parts.length === 1 ? (parts[0] ?? EMPTY) : joinAll(parts, depth + 1));
    }
    result.fields = fields;
  }
  const functions = values.flatMap((value) => value.functions ?? []);
  if (functions.length > 0) result.functions = uniqueNodes(functions);
  const classes = values.flatMap((value) => value.classes ?? []);
  if (classes.length > 0) result.classes = uniqueNodes(classes);
  const provenance = values.flatMap((value) => value.provenance ?? []);
  if (provenance.length > 0) result.provenance = uniqueBy(provenance, provenanceKey, MAX_TAINTS);
  // A primitive, regex or allow-list survives a join only when every side agrees on it.
  const first = values[0];
  if (first && first.literal !== undefined && values.every((value) => value.literal === first.literal)) result.literal = first.literal;
  if (first?.regex && values.every((value) => value.regex?.pattern === first.regex?.pattern && value.regex?.flags === first.regex?.flags)) {
    result.regex = first.regex;
  }
  if (values.every((value) => value.constants)) result.constants = true;
  const schemas = values.map((value) => value.schema).filter((schema): schema is SchemaShape => schema !== undefined);
  if (schemas.length > 0) {
    const key = schemaKey(schemas[0]);
    result.schema = schemas.length === values.length && schemas.every((schema) => schemaKey(schema) === key) ? schemas[0] : { kind: 'unsafe' };
  }
  const validators = values.map((value) => value.validator).filter((schema): schema is SchemaShape => schema !== undefined);
  if (validators.length > 0) result.validator = validators[0];
  return result;
}

function schemaKey(schema: SchemaShape | undefined, depth = 0): string {
  if (!schema || depth > MAX_DEPTH) return '';
  switch (schema.kind) {
    case 'object':
      return `{${[...schema.fields].map(([name, field]) => `${name}:${schemaKey(field, depth + 1)}`).join(',')}}`;
    case 'array':
      return `[${schemaKey(schema.element, depth + 1)}]`;
    default:
      return schema.kind;
  }
}

/** Values are immutable, so a signature is computed once per value. */
const SIGNATURES = new WeakMap<Value, string>();

/** A short text that changes whenever a value gains anything: how the fixed point sees progress. */
export function signature(value: Value): string {
  let cached = SIGNATURES.get(value);
  if (cached === undefined) {
    cached = computeSignature(value, 0);
    SIGNATURES.set(value, cached);
  }
  return cached;
}

function computeSignature(value: Value, depth: number): string {
  const parts = [value.taints.map(taintKey).sort().join(';')];
  if (value.fields && depth < MAX_DEPTH) {
    for (const [name, field] of value.fields) parts.push(`${name}{${signature(field)}}`);
  }
  if (value.functions) parts.push(`f${value.functions.map((fn) => fn.range[0]).join(',')}`);
  if (value.classes) parts.push(`c${value.classes.map((node) => node.range[0]).join(',')}`);
  if (value.provenance) parts.push(`p${value.provenance.map(provenanceKey).join(',')}`);
  if (value.literal !== undefined) parts.push(`l${String(value.literal)}`);
  if (value.regex) parts.push(`r${value.regex.pattern}`);
  if (value.constants) parts.push('k');
  if (value.schema) parts.push(`s${schemaKey(value.schema)}`);
  if (value.validator) parts.push('v');
  return parts.join('|');
}

/** The value with `update` applied to every taint, its fields' included. */
export function mapTaints(value: Value, update: (taint: Taint) => Taint | undefined, depth = 0): Value {
  if (value.taints.length === 0 && !value.fields) return value;
  const taints = value.taints.map(update).filter((taint): taint is Taint => taint !== undefined);
  let fields: Map<string, Value> | undefined;
  if (value.fields && depth < MAX_DEPTH) {
    fields = new Map();
    for (const [name, field] of value.fields) fields.set(name, mapTaints(field, update, depth + 1));
  }
  return { ...value, taints, ...(fields ? { fields } : {}) };
}

/** The value with no taint at all (a number made from it, a value checked against an allow-list). */
export function untainted(value: Value): Value {
  return mapTaints(value, () => undefined);
}

/** The value marked safe for `kinds`. */
export function cleanedFor(value: Value, kinds: readonly string[] | '*'): Value {
  if (kinds === '*') return untainted(value);
  return mapTaints(value, (taint) => ({ ...taint, cleaned: [...new Set([...taint.cleaned, ...kinds])].sort() }));
}

/** Every taint in the value and its fields: what it carries once turned into a string. */
export function flatten(value: Value, depth = 0): Taint[] {
  const taints = [...value.taints];
  if (value.fields && depth < MAX_DEPTH) {
    for (const field of value.fields.values()) taints.push(...flatten(field, depth + 1));
  }
  return uniqueBy(taints, taintKey, MAX_TAINTS);
}

/** A string made from the value: its taints, no longer exact, no longer objects. */
export function stringOf(value: Value): Value {
  const taints = flatten(value).map((taint) => transformed(taint));
  return taints.length === 0 ? EMPTY : { taints };
}

/** The taint of a value computed from this one (`x.trim()`): no longer the data at its path. */
export function transformed(taint: Taint, object = false): Taint {
  return taint.exact || taint.object !== object ? { ...taint, exact: false, object } : taint;
}

/** Appends a hop to the path of every taint. */
export function withStep(value: Value, step: Step): Value {
  return mapTaints(value, (taint) => addStep(taint, step));
}

export function addStep(taint: Taint, step: Step): Taint {
  const last = taint.steps[taint.steps.length - 1];
  if (last && last.file === step.file && last.range[0] === step.range[0] && last.range[1] === step.range[1]) return taint;
  if (taint.steps.length >= MAX_STEPS) {
    // Keep the first hops and the newest one: the start and the end of the story matter most.
    return { ...taint, steps: [...taint.steps.slice(0, MAX_STEPS - 1), step] };
  }
  return { ...taint, steps: [...taint.steps, step] };
}

/**
 * The value cut to `MAX_DEPTH` levels of fields: deeper content is kept only as taints. Object
 * and array literals nest values without limit (`{ prev: list }` in a loop); this keeps every value,
 * and so every round, of bounded size.
 */
export function bounded(value: Value, depth = 1): Value {
  if (!value.fields) return value;
  if (depth >= MAX_DEPTH) return { ...value, fields: undefined, taints: flatten(value) };
  let changed = false;
  const fields = new Map<string, Value>();
  for (const [name, field] of value.fields) {
    const cut = bounded(field, depth + 1);
    if (cut !== field) changed = true;
    fields.set(name, cut);
  }
  return changed ? { ...value, fields } : value;
}

/** A value with `fields` as its only content. */
export function objectValue(fields: ReadonlyMap<string, Value>): Value {
  return { taints: [], fields };
}

/** The value with its `fields` replaced (or set). */
export function withField(value: Value, name: string, field: Value): Value {
  const fields = new Map(value.fields ?? []);
  fields.set(name, join(fields.get(name), field));
  return { ...value, fields };
}

/** Sets `field` at `path` below `value`, joining with what is there. */
export function withFieldPath(value: Value, path: readonly string[], field: Value): Value {
  const [head, ...rest] = path;
  if (head === undefined) return join(value, field);
  if (path.length > MAX_DEPTH) return value;
  const current = value.fields?.get(head) ?? EMPTY;
  const fields = new Map(value.fields ?? []);
  fields.set(head, withFieldPath(current, rest, field));
  return { ...value, fields };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const METHOD_SEGMENT = /^[A-Za-z_$][\w$]*\(.*\)$/;

/** `event.body.name`, `event.Records[*].body`, `request.query.get('q')`. */
export function renderPath(root: string, path: readonly string[]): string {
  let text = root;
  for (const segment of path) {
    if (segment === '*') text += '[*]';
    else if (/^\d+$/.test(segment)) text += `[${segment}]`;
    else if (IDENTIFIER.test(segment) || METHOD_SEGMENT.test(segment)) text += `.${segment}`;
    else text += `['${segment.replace(/'/g, "\\'")}']`;
  }
  return text;
}

/** Whether a dotted pattern (`Records.*.body`) matches the start of `path`; `*` matches one segment. */
export function matchesPrefix(pattern: string, path: readonly string[]): boolean {
  const parts = pattern.split('.');
  if (parts.length > path.length) return false;
  return parts.every((part, index) => {
    const segment = path[index];
    if (segment === undefined) return false;
    if (part === '*') return true;
    if (part.endsWith("('*')")) return segment.startsWith(part.slice(0, -"'*')".length));
    return part === segment || (segment === '*' && /^\d+$/.test(part));
  });
}

/** Whether a dotted pattern matches `path` exactly. */
export function matchesExactly(pattern: string, path: readonly string[]): boolean {
  return pattern.split('.').length === path.length && matchesPrefix(pattern, path);
}
