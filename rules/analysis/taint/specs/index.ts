/**
 * Every taint spec table, as the engine reads them. A rule for a new sink kind adds its table here.
 */
import { CODE_SINKS } from './code';
import { COMMAND_SINKS } from './command';
import { NOSQL_SINKS } from './nosql';
import { PATH_SINKS } from './path';
import { PROTOTYPE_POLLUTION_SINKS } from './prototype-pollution';
import { QUEUE_SINKS } from './queues';
import { REDIRECT_SINKS } from './redirect';
import { REGEX_SINKS } from './regex';
import { SQL_SINKS } from './sql';
import { SSRF_SINKS } from './ssrf';
import { TEMPLATE_SINKS } from './template';
import type { SinkSpec } from './types';
import { XSS_SINKS } from './xss';

export const SINKS: readonly SinkSpec[] = [...COMMAND_SINKS, ...SQL_SINKS, ...NOSQL_SINKS, ...CODE_SINKS, ...PATH_SINKS, ...SSRF_SINKS, ...XSS_SINKS, ...REDIRECT_SINKS, ...REGEX_SINKS, ...TEMPLATE_SINKS, ...PROTOTYPE_POLLUTION_SINKS, ...QUEUE_SINKS];

export * from './types';
export { LOCATION_HEADER } from './redirect';
export { NESTED_WRITE_SINK } from './prototype-pollution';
export { AZURE_BINDING_SINK, AZURE_EXTRA_OUTPUT_SINK } from './queues';
export { HTML_CONTENT_TYPE, HTML_RESPONSE } from './xss';
export { ENTRY_STYLES, EVENT_SHAPES, READER_METHODS, REGISTRATIONS } from './sources';
export { SANITIZERS, VALIDATORS } from './sanitizers';
export { ARGUMENT_METHODS, CALLBACK_METHODS, PROPAGATORS, RECEIVER_METHODS, RESPONSE_CHAIN_METHODS, STORING_METHODS } from './propagators';
export { AJV_MODULES, SAFE_FORMATS, SCHEMA_LIBRARIES, type SchemaLibrary } from './validation';
