/**
 * The shapes of the taint spec tables. Sources, sinks, sanitisers and propagators are data: a new
 * SQL driver or event shape is one entry in a table under `specs/`, plus a test (DESIGN.md, "Where
 * new logic goes"). The engine reads these tables and nothing else knows a library by name.
 */

/**
 * What a sink does with the data, and so which sanitisers count: `mysql.escape` cleans for `sql`,
 * not for `command`. Open on purpose: a rule for a new kind adds sinks with its own kind string.
 */
export type SinkKind = 'command' | 'sql' | 'nosql' | 'code' | 'path' | 'ssrf' | 'xss' | 'redirect' | 'regex' | 'template' | 'prototype-pollution' | (string & {});

/**
 * Which function a call invokes, by where it comes from. Exactly one of `export`, `method` or
 * `global` is set.
 *
 * - `export`: the callee is that export of one of `modules` (`exec`, `promises.readFile`; `''` is
 *   the module itself, as for `require('execa')(…)`), however it was bound: `require`, ESM import,
 *   destructuring, an alias, `util.promisify`.
 * - `method`: the callee is a method of that name on any value obtained from one of `modules`: the
 *   module, an instance it constructed, a result of its calls (`pool.query`, `(await pool.connect()).query`,
 *   `knex('t').whereRaw`). Values from local modules keep where they came from, so a pool created
 *   in `./db.js` and imported still matches.
 * - `global`: an unbound global (`eval`, `setTimeout`, `Function`, `require`).
 */
export interface CalleePattern {
  modules?: readonly string[];
  export?: string;
  method?: string;
  global?: string;
  /**
   * For `method`: the receiver must not come from a call of these methods (`get` on a statement
   * from `prepare(…)` takes bound values, `get` on the database takes SQL).
   */
  notVia?: readonly string[];
  /** `call` (default), `new`, or `any` for functions that work either way (`Function`). */
  invoke?: 'call' | 'new' | 'any';
}

/** A condition on the call's other arguments that must hold for the sink to apply. */
export type SinkCondition =
  /** Some argument is an object literal whose `option` is literally `true` or a non-empty string (`{ shell: true }`). */
  | { option: string; truthy: true }
  /** Some argument is an object whose `option` refers to one of these exports (`{ schema: yaml.DEFAULT_FULL_SCHEMA }`). */
  | { option: string; exportIn: readonly string[] }
  /** The response the call writes to is HTML: markup in the text, or an HTML content type set on it (`xss`). */
  | { html: true }
  /** The argument at `argument` is this string, in any case (`res.set('Location', url)`). */
  | { argument: number; equalsIgnoringCase: string };

export interface SinkSpec extends CalleePattern {
  kind: SinkKind;
  /** The argument indexes that reach the sink; `'all'` for every argument (`new Function(a, b, body)`). */
  arguments: readonly number[] | 'all';
  /**
   * The payload is a property of the argument (`{ Statement }`, `{ sql }`), as a dotted path where
   * `*` stands for any array element (`TransactStatements.*.Statement`).
   */
  property?: string;
  /** An array argument is checked element by element (spawn's argument list under a shell). */
  elements?: boolean;
  /**
   * Only values that may be objects count (parsed JSON, a query string parsed by `qs`): MongoDB
   * operator injection needs `{ "$ne": null }`, which a string from a path parameter cannot carry.
   * The filter's fields are checked at every depth, except under the operators that take a
   * literal value (`$eq`, `$in` …).
   */
  objects?: boolean;
  when?: SinkCondition;
  /** The sink does not apply when some argument is an object with this option (`sendFile(p, { root })`). */
  unlessOption?: string;
  /** How messages name the sink: `exec`, `mysql query`, `ExecuteStatementCommand`. Defaults to the export or method name. */
  name?: string;
  /** The last step of the path shown to the user: `shell command`, `query text`. */
  label: string;
}

/**
 * A function whose result carries its input made safe for some sink kinds: `mysql.escape` (sql),
 * `path.basename` (path), `shell-quote`'s `quote` (command). Which arguments are cleaned is given
 * by `arguments` (default: all); with `passThrough`, the other arguments still flow into the result
 * (`mysql.format(sql, values)`: the values are escaped, the SQL text is not).
 */
export interface SanitizerSpec extends CalleePattern {
  cleans: readonly SinkKind[] | '*';
  arguments?: readonly number[];
  passThrough?: readonly number[];
}

/** A function whose result carries data from the given arguments (or from the receiver). */
export interface PropagatorSpec extends CalleePattern {
  /** Argument indexes whose data reaches the result; `'all'` for every one. */
  from: readonly number[] | 'all';
  /**
   * What the result is: `string` (the default: `String(x)`, `path.join`), `parsed` (an object
   * parsed from text, `JSON.parse`, which can carry query operators) or `same` (the argument's own
   * structure, fields and functions included: `Promise.resolve(x)`, `structuredClone(x)`).
   */
  returns?: 'string' | 'parsed' | 'same';
}

/**
 * A call that registers a function as an entry point, whose parameters then carry event data:
 * `app.http('name', { handler })`, `functions.http('name', fn)`, `router.post('/x', fn)`.
 */
export interface RegistrationSpec extends CalleePattern {
  style: EntryStyle;
  /** Arguments that may hold the handler (a function, or the options object when `property` is set). */
  arguments: readonly number[] | 'all';
  property?: string;
  /** How the registered function is named in messages: the first argument when it is a string, else this. */
  name: string;
}

/** How a platform calls an entry point: which parameters carry which event shape. */
export type EntryStyle =
  | 'aws'
  | 'azure-v3'
  | 'azure-v4-http'
  | 'azure-v4-trigger'
  | 'gcp-http'
  | 'gcp-event'
  | 'express-route'
  | 'koa-route'
  | 'fastify-route';

export interface ParameterSource {
  /** The parameter index; `rest` for every parameter from `from` on (Azure v3 trigger inputs). */
  index: number | { rest: number };
  shape: string;
  /** How messages name the parameter when it is a destructuring pattern. */
  name: string;
}

/**
 * The shape of one kind of event object: which parts an attacker controls, which are set by the
 * platform (trusted), which are always strings. Paths are dotted; `*` matches one segment (an
 * array index, a header name). A method read such as `json()` or `get('q')` is one segment.
 */
export interface EventShape {
  /** What the whole object is, for messages: `Lambda event`. */
  description: string;
  /** When given, only these paths (and below) carry event data: Azure's `context.bindings`. */
  sources?: readonly string[];
  /** Set by the platform or by a verified authorizer: not event data (`requestContext.authorizer`). */
  trusted?: readonly string[];
  /** Always strings (never parsed objects): a NoSQL operator object cannot hide in them. */
  strings?: readonly string[];
  /** The first matching pattern names the data: `body` → `HTTP request body`. */
  describe?: readonly (readonly [pattern: string, description: string])[];
}
