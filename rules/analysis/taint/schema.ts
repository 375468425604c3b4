/**
 * Validation schemas as the taint engine sees them: which fields of a validated value are
 * constrained to a safe form (see `specs/validation.ts` for the libraries).
 */
import { isRestrictive } from './guards';
import { SAFE_FORMATS, SCHEMA_LIBRARIES, type SchemaLibrary } from './specs/index';
import { untainted, type Provenance, type SchemaShape, type Value } from './value';

const SAFE: SchemaShape = { kind: 'safe' };
const UNSAFE: SchemaShape = { kind: 'unsafe' };

export function libraryOf(provenance: readonly Provenance[] | undefined): { library: SchemaLibrary; provenance: Provenance } | undefined {
  for (const entry of provenance ?? []) {
    const library = SCHEMA_LIBRARIES.find((candidate) => candidate.modules.includes(entry.module));
    if (library) return { library, provenance: entry };
  }
  return undefined;
}

/** Whether an export path names `builder` (`['z', 'coerce', 'number']` names `coerce.number`). */
function names(path: readonly string[], builder: string): boolean {
  const wanted = builder.split('.');
  if (path.length < wanted.length || path.length > wanted.length + 1) return false;
  return wanted.every((part, index) => path[path.length - wanted.length + index] === part);
}

/** The schema a call to a library export builds (`z.object({…})`, `Joi.number()`), if any. */
export function builtSchema(library: SchemaLibrary, path: readonly string[], args: readonly Value[]): SchemaShape | undefined {
  if (library.safeBuilders.some((builder) => names(path, builder))) return SAFE;
  if (library.objectBuilders.some((builder) => names(path, builder))) return objectShape(args[0]);
  if (library.arrayBuilders.some((builder) => names(path, builder))) return { kind: 'array', element: args[0]?.schema ?? UNSAFE };
  return UNSAFE;
}

/** The schema a method of a schema returns (`.uuid()`, `.optional()`, `.extend({…})`). */
export function refinedSchema(library: SchemaLibrary, schema: SchemaShape, method: string, args: readonly Value[]): SchemaShape {
  if (library.safeMethods.includes(method)) {
    // `.regex(/…/)` narrows only with a restrictive pattern.
    if ((method === 'regex' || method === 'pattern' || method === 'matches') && !isRestrictive(args[0]?.regex)) return schema;
    return SAFE;
  }
  if (library.wideningMethods.includes(method)) return UNSAFE;
  if (library.extendMethods.includes(method)) {
    const added = args[0]?.schema?.kind === 'object' ? args[0].schema : objectShape(args[0]);
    if (schema.kind !== 'object' || added.kind !== 'object') return added.kind === 'object' ? added : schema;
    return { kind: 'object', fields: new Map([...schema.fields, ...added.fields]) };
  }
  return schema;
}

function objectShape(fields: Value | undefined): SchemaShape {
  const shape = new Map<string, SchemaShape>();
  for (const [name, field] of fields?.fields ?? []) if (name !== '*') shape.set(name, field.schema ?? UNSAFE);
  return { kind: 'object', fields: shape };
}

/** The value that comes out of validating `value` with `shape`. */
export function applySchema(shape: SchemaShape, value: Value, readField: (value: Value, name: string) => Value, depth = 0): Value {
  switch (shape.kind) {
    case 'safe':
      return untainted(value);
    case 'unsafe':
      return value;
    case 'object': {
      if (depth > 4) return value;
      const fields = new Map<string, Value>();
      for (const [name, field] of shape.fields) fields.set(name, applySchema(field, readField(value, name), readField, depth + 1));
      return { taints: [], fields };
    }
    case 'array':
      if (depth > 4) return value;
      return { taints: [], fields: new Map([['*', applySchema(shape.element, readField(value, '*'), readField, depth + 1)]]) };
  }
}

/** The schema a JSON Schema object literal describes (for ajv). */
export function jsonSchemaShape(schema: Value | undefined, depth = 0): SchemaShape {
  if (!schema?.fields || depth > 4) return UNSAFE;
  const field = (name: string) => schema.fields?.get(name);
  const type = field('type')?.literal;
  if (field('enum') || field('const')) return SAFE;
  if (type === 'number' || type === 'integer' || type === 'boolean' || type === 'null') return SAFE;
  const format = field('format')?.literal;
  if (typeof format === 'string' && SAFE_FORMATS.has(format)) return SAFE;
  const pattern = field('pattern')?.literal;
  if (typeof pattern === 'string' && isRestrictive({ pattern, flags: '' })) return SAFE;
  const properties = field('properties');
  if (properties?.fields) {
    const shape = new Map<string, SchemaShape>();
    for (const [name, property] of properties.fields) if (name !== '*') shape.set(name, jsonSchemaShape(property, depth + 1));
    return { kind: 'object', fields: shape };
  }
  const items = field('items');
  if (type === 'array' && items) return { kind: 'array', element: jsonSchemaShape(items, depth + 1) };
  return UNSAFE;
}
