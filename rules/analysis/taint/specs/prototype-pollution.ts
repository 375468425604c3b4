/**
 * `injection/prototype-pollution` sinks: deep merges of a parsed object from event data, and path
 * setters whose path comes from event data. `{"__proto__": {"isAdmin": true}}` or the path
 * `constructor.prototype.isAdmin` writes to `Object.prototype`, which every object of the function's
 * warm container then inherits. Merges count only values that may be parsed objects (a string
 * cannot carry `__proto__` keys); a path counts as text.
 */
import type { SinkSpec } from './types';

const LODASH = ['lodash', 'lodash-es'];

export const PROTOTYPE_POLLUTION_SINKS: readonly SinkSpec[] = [
  ...['merge', 'mergeWith', 'defaultsDeep'].flatMap((name): SinkSpec[] => [
    { kind: 'prototype-pollution', modules: LODASH, export: name, arguments: [1, 2, 3], objects: true, name: `_.${name}`, label: 'merged object' },
    { kind: 'prototype-pollution', modules: [`lodash.${name.toLowerCase()}`, `lodash/${name}`], export: '', arguments: [1, 2, 3], objects: true, name: `_.${name}`, label: 'merged object' },
  ]),
  ...['set', 'setWith'].flatMap((name): SinkSpec[] => [
    { kind: 'prototype-pollution', modules: LODASH, export: name, arguments: [1], name: `_.${name}`, label: 'property path' },
    { kind: 'prototype-pollution', modules: [`lodash.${name.toLowerCase()}`, `lodash/${name}`], export: '', arguments: [1], name: `_.${name}`, label: 'property path' },
  ]),
  // dot-prop 7+ names it setProperty; older versions `set`.
  ...['set', 'setProperty'].map((name): SinkSpec => ({ kind: 'prototype-pollution', modules: ['dot-prop'], export: name, arguments: [1], name: `dotProp.${name}`, label: 'property path' })),
  { kind: 'prototype-pollution', modules: ['object-path'], export: 'set', arguments: [1], name: 'objectPath.set', label: 'property path' },
];

/**
 * A hand-written nested write, `obj[key][name] = value`: with `key` = `__proto__` the write lands
 * on `Object.prototype`. Not a call, so not in the table above: `writes.ts` finds these writes and
 * records the key with this spec (the hit's name is the written target, `settings[section][key]`).
 */
export const NESTED_WRITE_SINK: SinkSpec = { kind: 'prototype-pollution', arguments: [], name: 'nested assignment', label: 'property key' };

/**
 * A step of a hand-written path walk, `x[k]` where `x` moves down the path and is written through:
 * `node = node[part]` in a loop, a `reduce` callback returning `acc[k]`, a recursive merge passing
 * `target[key]` to itself. With `k` = `__proto__` the step reaches `Object.prototype`. Found by
 * `writes.ts`, recorded on the step's key.
 */
export const WALK_STEP_SINK: SinkSpec = { kind: 'prototype-pollution', arguments: [], name: 'path walk', label: 'path segment' };
