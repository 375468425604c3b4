/**
 * Propagators: library and built-in functions whose result carries their input. Anything not
 * listed here or in `sanitizers.ts` returns an untainted value unless it is a function of the
 * project (then its summary says what flows), a false negative for unknown libraries that we accept
 * over reporting every value that passed through any call.
 */
import type { PropagatorSpec } from './types';

export const PROPAGATORS: readonly PropagatorSpec[] = [
  { global: 'String', from: [0] },
  { global: 'decodeURIComponent', from: [0] },
  { global: 'decodeURI', from: [0] },
  // The URI encoders leave `'`, `(`, `)`, `*`, `!` and a leading `-` alone: enough to break out
  // of quotes or inject an option, so they do not clean for a shell or SQL. `encodeURIComponent`
  // is a sanitiser for URL segments (see `sanitizers.ts`).
  { global: 'encodeURI', from: [0] },
  { global: 'unescape', from: [0] },
  { global: 'escape', from: [0] },
  { global: 'atob', from: [0] },
  { global: 'btoa', from: [0] },
  // `new URL(input, base)`: an absolute `input` replaces the base, so both reach the result.
  { global: 'URL', invoke: 'new', from: [0, 1] },
  { global: 'structuredClone', from: [0], returns: 'same' },
  { global: 'Object', from: [0], returns: 'same' },
  { global: 'Array', from: 'all', returns: 'same' },
  { global: 'JSON.parse', from: [0], returns: 'parsed' },
  { global: 'JSON.stringify', from: [0] },
  { global: 'Buffer.from', from: [0] },
  { global: 'Buffer.concat', from: [0] },
  { global: 'Array.from', from: [0], returns: 'same' },
  { global: 'Array.of', from: 'all', returns: 'same' },
  { global: 'Object.values', from: [0], returns: 'same' },
  { global: 'Object.entries', from: [0] },
  { global: 'Object.keys', from: [0] },
  { global: 'Object.fromEntries', from: [0], returns: 'same' },
  { global: 'Object.assign', from: 'all', returns: 'same' },
  { global: 'Promise.resolve', from: [0], returns: 'same' },
  { global: 'Promise.all', from: [0], returns: 'same' },
  { global: 'Promise.allSettled', from: [0], returns: 'same' },
  { global: 'Promise.race', from: [0], returns: 'same' },
  { global: 'Promise.any', from: [0], returns: 'same' },
  { global: 'String.raw', from: 'all' },
  { modules: ['path'], export: 'join', from: 'all' },
  { modules: ['path'], export: 'resolve', from: 'all' },
  { modules: ['path'], export: 'normalize', from: [0] },
  { modules: ['path'], export: 'relative', from: 'all' },
  { modules: ['path'], export: 'dirname', from: [0] },
  { modules: ['path'], export: 'format', from: [0] },
  { modules: ['path'], export: 'posix.join', from: 'all' },
  { modules: ['path'], export: 'posix.resolve', from: 'all' },
  { modules: ['util'], export: 'format', from: 'all' },
  { modules: ['querystring'], export: 'parse', from: [0], returns: 'parsed' },
  { modules: ['querystring'], export: 'unescape', from: [0] },
  { modules: ['qs'], export: 'parse', from: [0], returns: 'parsed' },
  { modules: ['url'], export: 'parse', from: [0], returns: 'parsed' },
  { modules: ['yaml'], export: 'parse', from: [0], returns: 'parsed' },
  { modules: ['js-yaml'], export: 'load', from: [0], returns: 'parsed' },
  { modules: ['lodash'], export: 'get', returns: 'same', from: [0] },
  { modules: ['lodash'], export: 'merge', returns: 'same', from: 'all' },
  { modules: ['lodash'], export: 'cloneDeep', returns: 'same', from: [0] },
  { modules: ['lodash'], export: 'pick', returns: 'same', from: [0] },
  { modules: ['sprintf-js'], export: 'sprintf', from: 'all' },
  { modules: ['sprintf-js'], export: 'vsprintf', from: 'all' },
];

/** Methods whose result carries the receiver's data (string, array and object methods). */
export const RECEIVER_METHODS: ReadonlySet<string> = new Set([
  'trim',
  'trimStart',
  'trimEnd',
  'trimLeft',
  'trimRight',
  'toLowerCase',
  'toUpperCase',
  'toLocaleLowerCase',
  'toLocaleUpperCase',
  'normalize',
  'slice',
  'substring',
  'substr',
  'split',
  'replace',
  'replaceAll',
  'concat',
  'padStart',
  'padEnd',
  'repeat',
  'at',
  'charAt',
  'join',
  'toString',
  'toJSON',
  'valueOf',
  'flat',
  'filter',
  'find',
  'findLast',
  'pop',
  'shift',
  'values',
  'reverse',
  'toReversed',
  'sort',
  'toSorted',
  'entries',
  'keys',
  'match',
  'matchAll',
  'then',
  'catch',
  'finally',
  'clone',
]);

/** Methods whose arguments also flow into the result (`'ls '.concat(x)`, `s.replace('X', x)`). */
export const ARGUMENT_METHODS: ReadonlySet<string> = new Set(['concat', 'replace', 'replaceAll', 'padStart', 'padEnd', 'join', 'exec']);

/** Methods that store their arguments in the receiver (`parts.push(x)`, `map.set(k, v)`). */
export const STORING_METHODS: ReadonlySet<string> = new Set(['push', 'unshift', 'splice', 'fill', 'set', 'add', 'append']);

/**
 * Methods that call their callback with the receiver's elements (or, for promises, its value):
 * the callback's parameter at `element` receives them.
 */
export const CALLBACK_METHODS: ReadonlyMap<string, { element: number; returns: 'callback' | 'receiver' | 'elements' | 'none' }> = new Map([
  ['forEach', { element: 0, returns: 'none' }],
  ['map', { element: 0, returns: 'callback' }],
  ['flatMap', { element: 0, returns: 'callback' }],
  ['filter', { element: 0, returns: 'receiver' }],
  ['find', { element: 0, returns: 'elements' }],
  ['findLast', { element: 0, returns: 'elements' }],
  ['some', { element: 0, returns: 'none' }],
  ['every', { element: 0, returns: 'none' }],
  ['sort', { element: 0, returns: 'receiver' }],
  ['reduce', { element: 1, returns: 'callback' }],
  ['reduceRight', { element: 1, returns: 'callback' }],
  ['then', { element: 0, returns: 'callback' }],
]);

/**
 * Setters of an Express-style response that return the response itself, so that
 * `res.status(200).type('html').send(…)` is a call on `res`.
 */
export const RESPONSE_CHAIN_METHODS: ReadonlySet<string> = new Set(['status', 'type', 'contentType', 'set', 'header', 'append', 'vary', 'cookie', 'clearCookie', 'location', 'links', 'attachment', 'setHeader']);
