/**
 * Reading the SDK mapping data (`rules/data/sdk-operations.ts`): which IAM service a package or
 * client class belongs to, and which IAM actions an operation needs.
 */
import {
  DOCUMENT_CLIENT_OPERATIONS,
  OPERATION_ACTIONS,
  PARTIQL_ACTIONS,
  PARTIQL_OPERATIONS,
  SDK_V2_CLIENT_FILES,
  SDK_V2_CLIENT_SERVICES,
  SDK_V3_PACKAGE_SERVICES,
} from '../../data/sdk-operations';
import { serviceExists } from '../iam-data';

/** The IAM prefix of an SDK v3 package (`@aws-sdk/client-sfn` → `states`), or undefined when it is not one. */
export function v3PackageService(module: string): string | undefined {
  if (Object.hasOwn(SDK_V3_PACKAGE_SERVICES, module)) return SDK_V3_PACKAGE_SERVICES[module];
  if (!module.startsWith('@aws-sdk/client-')) return undefined;
  const suffix = module.slice('@aws-sdk/client-'.length);
  if (serviceExists(suffix)) return suffix;
  const joined = suffix.replace(/-/g, '');
  return serviceExists(joined) ? joined : undefined;
}

/** The IAM prefix of an SDK v2 client class (`StepFunctions` → `states`). */
export function v2ClassService(name: string): string | undefined {
  return Object.hasOwn(SDK_V2_CLIENT_SERVICES, name) ? SDK_V2_CLIENT_SERVICES[name] : undefined;
}

/** The SDK v2 class a `aws-sdk/clients/<file>` module exports (`aws-sdk/clients/s3` → `S3`). */
export function v2ClientFileClass(module: string): string | undefined {
  if (!module.startsWith('aws-sdk/clients/')) return undefined;
  const file = module.slice('aws-sdk/clients/'.length).replace(/\.js$/, '').toLowerCase();
  return Object.hasOwn(SDK_V2_CLIENT_FILES, file) ? SDK_V2_CLIENT_FILES[file] : undefined;
}

/** `getObject` → `GetObject`. */
export function operationName(method: string): string {
  return method.charAt(0).toUpperCase() + method.slice(1);
}

/** The DynamoDB operation a document-client command or method names (`Get` → `GetItem`). */
export function documentOperation(name: string): string | undefined {
  return Object.hasOwn(DOCUMENT_CLIENT_OPERATIONS, name) ? DOCUMENT_CLIENT_OPERATIONS[name] : undefined;
}

/**
 * The PartiQL verb a statement starts with, when it is one. `statement` may be only the fixed
 * start of the text (`complete` false, as in `` `SELECT * FROM ${table}` `` cut at the
 * interpolation): the word then counts only when something other than a word character follows it.
 */
export function partiqlVerb(statement: string, complete = true): keyof typeof PARTIQL_ACTIONS | undefined {
  const match = /^\s*(\w+)/.exec(statement);
  const rest = match ? statement.slice(match[0].length) : '';
  if (!match || (!complete && rest === '')) return undefined;
  const verb = match[1]?.toUpperCase();
  // `EXISTS` is a function: only `EXISTS(…)` is the condition check.
  if (verb === 'EXISTS') return /^\s*\(/.test(rest) ? verb : undefined;
  return verb !== undefined && Object.hasOwn(PARTIQL_ACTIONS, verb) ? (verb as keyof typeof PARTIQL_ACTIONS) : undefined;
}

/** What is known of a PartiQL statement's text: all of it, or its fixed start (`complete` false). */
export interface StatementText {
  text: string;
  complete: boolean;
}

/**
 * The IAM actions an operation needs, sorted and unique. PartiQL operations need the action of
 * each statement's verb; `statements` are the statements found, as whole literal text or a known
 * start (undefined entries are statements not known before run time, which may need any of the
 * four actions).
 */
export function actionsForOperation(service: string, operation: string, statements: readonly (string | StatementText | undefined)[] = []): string[] {
  if (service === 'dynamodb' && PARTIQL_OPERATIONS.has(operation)) {
    const verbs = statements.map((statement) =>
      statement === undefined ? undefined : typeof statement === 'string' ? partiqlVerb(statement) : partiqlVerb(statement.text, statement.complete),
    );
    const actions = verbs.length === 0 || verbs.includes(undefined) ? Object.values(PARTIQL_ACTIONS) : verbs.flatMap((verb) => (verb ? [PARTIQL_ACTIONS[verb]] : []));
    return [...new Set(actions)].sort();
  }
  const exceptions = Object.hasOwn(OPERATION_ACTIONS, service) ? OPERATION_ACTIONS[service] : undefined;
  const mapped = exceptions && Object.hasOwn(exceptions, operation) ? exceptions[operation] : undefined;
  return [...new Set(mapped ?? [`${service}:${operation}`])].sort();
}
