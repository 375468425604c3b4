/**
 * Every taint spec table, as the engine reads them. A rule for a new sink kind adds its table here.
 */
import { CODE_SINKS } from './code';
import { COMMAND_SINKS } from './command';
import { NOSQL_SINKS } from './nosql';
import { PATH_SINKS } from './path';
import { SQL_SINKS } from './sql';
import type { SinkSpec } from './types';

export const SINKS: readonly SinkSpec[] = [...COMMAND_SINKS, ...SQL_SINKS, ...NOSQL_SINKS, ...CODE_SINKS, ...PATH_SINKS];

export * from './types';
export { ENTRY_STYLES, EVENT_SHAPES, READER_METHODS, REGISTRATIONS } from './sources';
export { SANITIZERS, VALIDATORS } from './sanitizers';
export { ARGUMENT_METHODS, CALLBACK_METHODS, PROPAGATORS, RECEIVER_METHODS, STORING_METHODS } from './propagators';
export { AJV_MODULES, SAFE_FORMATS, SCHEMA_LIBRARIES, type SchemaLibrary } from './validation';
