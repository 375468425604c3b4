/**
 * `injection/code` sinks: strings evaluated as JavaScript, deserialisers that revive functions,
 * and modules loaded from an input path.
 */
import type { SinkSpec } from './types';

export const CODE_SINKS: readonly SinkSpec[] = [
  { kind: 'code', global: 'eval', arguments: [0], label: 'evaluated code' },
  { kind: 'code', global: 'Function', invoke: 'any', arguments: 'all', label: 'function body' },
  // A string first argument is compiled like eval; a function is not (its value is not tainted).
  { kind: 'code', global: 'setTimeout', arguments: [0], label: 'evaluated code' },
  { kind: 'code', global: 'setInterval', arguments: [0], label: 'evaluated code' },
  { kind: 'code', global: 'setImmediate', arguments: [0], label: 'evaluated code' },
  ...['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction'].map(
    (name): SinkSpec => ({ kind: 'code', modules: ['vm'], export: name, arguments: [0], label: 'evaluated code' }),
  ),
  { kind: 'code', modules: ['vm'], export: 'Script', invoke: 'new', arguments: [0], name: 'vm.Script', label: 'evaluated code' },
  { kind: 'code', modules: ['vm2'], method: 'run', arguments: [0], label: 'evaluated code' },
  // node-serialize revives `_$$ND_FUNC$$_` strings as functions and calls IIFEs while parsing.
  { kind: 'code', modules: ['node-serialize'], export: 'unserialize', arguments: [0], label: 'serialized object' },
  { kind: 'code', modules: ['serialize-to-js'], export: 'deserialize', arguments: [0], label: 'serialized object' },
  // js-yaml with the full schema builds functions from `!!js/function` tags (js-yaml 3 only).
  ...['load', 'loadAll'].map(
    (name): SinkSpec => ({
      kind: 'code',
      modules: ['js-yaml'],
      export: name,
      arguments: [0],
      when: { option: 'schema', exportIn: ['DEFAULT_FULL_SCHEMA', 'FULL_SCHEMA'] },
      label: 'YAML document',
    }),
  ),
  { kind: 'code', global: 'require', arguments: [0], label: 'module path' },
  { kind: 'code', global: 'import()', arguments: [0], label: 'module path' },
];
