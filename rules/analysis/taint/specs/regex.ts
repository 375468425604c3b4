/**
 * `injection/regex` sinks: a regular expression compiled from event data. A pattern such as
 * `(a+)+$` makes the match backtrack for minutes (ReDoS, a function stuck until its timeout), and
 * metacharacters change what a check accepts. Escapers (`escape-string-regexp`, lodash's
 * `escapeRegExp`, the `replace(/[.*+?^${}()|[\]\\]/g, '\\$&')` idiom) clean: see `sanitizers.ts`
 * and `module.ts`.
 */
import type { SinkSpec } from './types';

export const REGEX_SINKS: readonly SinkSpec[] = [
  { kind: 'regex', global: 'RegExp', invoke: 'any', arguments: [0], label: 'regular expression' },
];
