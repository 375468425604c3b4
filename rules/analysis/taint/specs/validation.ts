/**
 * Schema validation libraries: which schemas constrain a value to a safe form. A field the schema
 * types as a number, boolean, date, enum, literal, UUID or an anchored pattern comes out of
 * `parse`/`validate` clean for every sink kind; a free-form string keeps its taint. A schema we
 * cannot read (built elsewhere, `z.any()`) keeps the taint of everything it validates.
 */

export interface SchemaLibrary {
  modules: readonly string[];
  /** Builders (exports of the module) of a leaf that holds only safe values. */
  safeBuilders: readonly string[];
  /** Builders of an object schema whose fields are argument 0 (an object of schemas). */
  objectBuilders: readonly string[];
  /** Builders of an array schema whose element schema is argument 0. */
  arrayBuilders: readonly string[];
  /** Methods of an object schema that add the fields of argument 0. */
  extendMethods: readonly string[];
  /** Methods that restrict any schema to safe values (a format, a fixed set, a pattern). */
  safeMethods: readonly string[];
  /** Methods whose result accepts more than the schema did (`.or(z.string())`). */
  wideningMethods: readonly string[];
  /**
   * Methods that validate argument 0 and give the validated value: as the result itself, as its
   * `data` (zod's `safeParse`) or its `value` (joi's `validate`).
   */
  parseMethods: readonly (readonly [method: string, result: 'value' | 'data' | 'value-field'])[];
  /** Exports that validate `value` against `schema` and return the value (`Joi.attempt(value, schema)`). */
  parseExports: readonly (readonly [name: string, value: number, schema: number])[];
}

export const SCHEMA_LIBRARIES: readonly SchemaLibrary[] = [
  {
    modules: ['zod', 'zod/v4', 'zod/v3'],
    safeBuilders: ['number', 'boolean', 'bigint', 'date', 'enum', 'nativeEnum', 'literal', 'uuid', 'cuid', 'cuid2', 'ulid', 'int', 'coerce.number', 'coerce.boolean', 'coerce.bigint', 'coerce.date', 'iso.datetime', 'iso.date'],
    objectBuilders: ['object', 'strictObject'],
    arrayBuilders: ['array'],
    extendMethods: ['extend', 'merge', 'augment'],
    safeMethods: ['uuid', 'cuid', 'cuid2', 'ulid', 'regex', 'datetime', 'date', 'time', 'ip', 'ipv4', 'ipv6', 'int'],
    wideningMethods: ['or', 'and', 'transform', 'passthrough', 'catchall'],
    parseMethods: [
      ['parse', 'value'],
      ['parseAsync', 'value'],
      ['safeParse', 'data'],
      ['safeParseAsync', 'data'],
    ],
    parseExports: [],
  },
  {
    modules: ['joi', '@hapi/joi'],
    safeBuilders: ['number', 'boolean', 'bool', 'date', 'guid', 'uuid'],
    objectBuilders: ['object'],
    arrayBuilders: ['array'],
    extendMethods: ['keys', 'append'],
    safeMethods: ['valid', 'allow_only', 'equal', 'uuid', 'guid', 'pattern', 'regex', 'alphanum', 'hex', 'isoDate', 'token', 'integer'],
    wideningMethods: ['unknown', 'alternatives', 'concat'],
    parseMethods: [
      ['validate', 'value-field'],
      ['validateAsync', 'value'],
    ],
    parseExports: [['attempt', 0, 1]],
  },
  {
    modules: ['yup'],
    safeBuilders: ['number', 'boolean', 'bool', 'date'],
    objectBuilders: ['object'],
    arrayBuilders: ['array'],
    extendMethods: ['shape', 'concat'],
    safeMethods: ['uuid', 'matches', 'oneOf', 'integer'],
    wideningMethods: [],
    parseMethods: [
      ['validate', 'value'],
      ['validateSync', 'value'],
      ['cast', 'value'],
    ],
    parseExports: [],
  },
];

/** Ajv: `ajv.compile(jsonSchema)` gives a validator used as a guard (`if (!validate(body)) return`). */
export const AJV_MODULES: readonly string[] = ['ajv', 'ajv/dist/2019', 'ajv/dist/2020', 'ajv/dist/jtd'];

/** JSON Schema string formats whose values cannot carry quotes, separators or path segments. */
export const SAFE_FORMATS: ReadonlySet<string> = new Set(['uuid', 'date', 'date-time', 'time', 'ipv4', 'ipv6', 'int32', 'int64']);
