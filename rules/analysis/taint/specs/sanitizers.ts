/**
 * Sanitisers: functions whose result is safe for some sink kinds. A sanitiser for one kind does
 * not clean another: `mysql.escape` output is still dangerous in a shell.
 *
 * Conversions to numbers and booleans (`Number`, `parseInt`, unary `+`, arithmetic, comparisons)
 * are not listed: the engine gives every such result no taint at all.
 */
import type { SanitizerSpec } from './types';

const MYSQL = ['mysql', 'mysql2', 'mysql2/promise', 'sqlstring', 'serverless-mysql'];

export const SANITIZERS: readonly SanitizerSpec[] = [
  // SQL: quoting a value or an identifier.
  ...['escape', 'escapeId'].flatMap((name): SanitizerSpec[] => [
    { modules: MYSQL, export: name, cleans: ['sql'] },
    // connection.escape / pool.escape
    { modules: MYSQL, method: name, cleans: ['sql'] },
  ]),
  // `mysql.format(sql, values)`: the values are escaped, the SQL text is kept as it is.
  { modules: MYSQL, export: 'format', cleans: ['sql'], arguments: [1], passThrough: [0] },
  { modules: MYSQL, method: 'format', cleans: ['sql'], arguments: [1], passThrough: [0] },
  { modules: ['pg'], method: 'escapeLiteral', cleans: ['sql'] },
  { modules: ['pg'], method: 'escapeIdentifier', cleans: ['sql'] },
  // pg-format: `format('… %L …', value)` quotes the values; the format string itself is kept.
  { modules: ['pg-format'], export: '', cleans: ['sql'], arguments: [1, 2, 3, 4, 5, 6, 7, 8], passThrough: [0] },
  { modules: ['pg-format'], export: 'literal', cleans: ['sql'] },
  { modules: ['pg-format'], export: 'ident', cleans: ['sql'] },
  { modules: ['pg-promise'], method: 'format', cleans: ['sql'], arguments: [1], passThrough: [0] },
  { modules: ['sequelize'], method: 'escape', cleans: ['sql'] },
  // Shell: quoting for /bin/sh.
  { modules: ['shell-quote'], export: 'quote', cleans: ['command'] },
  { modules: ['shell-escape'], export: '', cleans: ['command'] },
  { modules: ['shescape'], method: 'quote', cleans: ['command'] },
  { modules: ['shescape'], method: 'quoteAll', cleans: ['command'] },
  // Paths: the last segment only, so no `../` and no absolute path survive.
  { modules: ['path'], export: 'basename', cleans: ['path'] },
  { modules: ['path'], export: 'posix.basename', cleans: ['path'] },
  { modules: ['path'], export: 'win32.basename', cleans: ['path'] },
  { modules: ['sanitize-filename'], export: '', cleans: ['path'] },
  // URL segments: no `/`, `?`, `#`, `@` or `:` survives, so the value stays inside the segment it
  // fills. Not a sanitiser for any sink by itself: where the URL is built, a fixed origin before it makes it safe for `ssrf` (`anchoredUrlParts` in `module.ts`).
  { global: 'encodeURIComponent', cleans: ['url-segment'] },
  { modules: ['querystring'], export: 'escape', cleans: ['url-segment'] },
  // HTML escapers, for the XSS sinks.
  { modules: ['escape-html'], export: '', cleans: ['xss'] },
  { modules: ['he'], export: 'encode', cleans: ['xss'] },
  { modules: ['he'], export: 'escape', cleans: ['xss'] },
  { modules: ['lodash', 'lodash/escape', 'lodash.escape'], export: 'escape', cleans: ['xss'] },
  { modules: ['lodash/escape', 'lodash.escape'], export: '', cleans: ['xss'] },
  { modules: ['validator'], export: 'escape', cleans: ['xss'] },
  { modules: ['xss'], export: '', cleans: ['xss'] },
  { modules: ['xss'], export: 'filterXSS', cleans: ['xss'] },
  { modules: ['sanitize-html'], export: '', cleans: ['xss'] },
  { modules: ['dompurify', 'isomorphic-dompurify'], method: 'sanitize', cleans: ['xss'] },
  // Regular expressions: every metacharacter escaped, so the value matches only itself.
  { modules: ['escape-string-regexp', 'lodash.escaperegexp', 'lodash/escapeRegExp', 'escape-regexp'], export: '', cleans: ['regex'] },
  { modules: ['lodash', 'lodash-es'], export: 'escapeRegExp', cleans: ['regex'] },
  { modules: ['escape-string-regexp'], export: 'escapeStringRegexp', cleans: ['regex'] },
  // Hashes and random values: nothing of the input's text survives.
  { modules: ['crypto'], method: 'digest', cleans: '*' },
  { modules: ['crypto'], export: 'randomUUID', cleans: '*' },
  { modules: ['uuid'], export: 'v4', cleans: '*' },
];

/**
 * Functions that return true only for values of a safe form; used as guards
 * (`if (!validator.isUUID(id)) return …`). Each entry is the callee and the argument it checks.
 */
export const VALIDATORS: readonly (SanitizerSpec & { argument: number })[] = [
  ...['isUUID', 'isInt', 'isNumeric', 'isAlphanumeric', 'isAlpha', 'isHexadecimal', 'isBoolean', 'isISO8601', 'isDate', 'isMongoId', 'isFloat', 'isDecimal', 'isIn'].map(
    (name) => ({ modules: ['validator', `validator/lib/${name}`], export: name, cleans: '*' as const, argument: 0 }),
  ),
  { modules: ['uuid'], export: 'validate', cleans: '*', argument: 0 },
  { modules: ['mongoose', 'mongodb'], method: 'isValid', cleans: '*', argument: 0 },
];
