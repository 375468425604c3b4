/**
 * HTTP entry points, and the settings that bound how far a function is exposed: who may call its
 * API events and its function URL (auth), which web origins may read the responses (CORS), how long
 * one call may run (timeout) and how many calls may run at once (reserved concurrency).
 *
 * It runs after the format loaders, over every function of the model, and reads the template each
 * function came from, so that the answers land in the same fields whatever the format. Defaults
 * written somewhere else than the event (an `AWS::Serverless::Api`, `Globals`, the serverless
 * `provider`) are resolved here, so rules never have to know where a format keeps them.
 *
 * What cannot be known before deploy (a `!If`, an imported API, a `${ssm:…}` variable) comes out
 * as `unknown` rather than as a guess: rules stay quiet about it.
 */
import type { FilePath } from '../engine/types';
import {
  asList,
  entryOf,
  get,
  getPath,
  intrinsicName,
  isMap,
  isScalar,
  stringValue,
  type DocNode,
  type MapEntry,
  type ScalarNode,
} from '../parse/document';
import { referencedId } from './cloudformation';
import type { CorsModel, EventModel, FunctionModel, FunctionUrlModel, HttpAuthModel, HttpEndpointModel, TemplateModel } from './types';

/** Fills `url`, `timeout`, `reservedConcurrency` and each event's `key` and `http` of every function. */
export function describeEndpoints(functions: readonly FunctionModel[], templates: readonly TemplateModel[]): void {
  const roots = new Map<FilePath, DocNode>();
  for (const template of templates) if (!roots.has(template.file)) roots.set(template.file, template.root);
  for (const model of functions) {
    const root = roots.get(model.file);
    const resourceType = stringValue(get(model.node, 'Type'));
    if (model.format === 'azure-function') describeAzure(model);
    else if (resourceType === 'AWS::Serverless::Function') describeSam(model, root);
    else if (resourceType === 'AWS::Lambda::Function') describeLambda(model, root);
    else if (model.format === 'serverless') describeServerless(model, root);
  }
}

// --- Serverless Framework -----------------------------------------------------------------------

function describeServerless(model: FunctionModel, root: DocNode | undefined): void {
  const definition = model.node;
  const provider = get(root, 'provider');
  applyTimeout(model, get(definition, 'timeout') ?? get(provider, 'timeout'));
  applyReservedConcurrency(model, get(definition, 'reservedConcurrency'));
  for (const event of model.events) {
    const first = isMap(event.node) ? event.node.entries[0] : undefined;
    if (first) event.key = first.key;
    // Only AWS: Azure and Google providers give `http` events other meanings and settings.
    if (model.platform !== 'aws') continue;
    if (event.type === 'http') event.http = serverlessRestEvent(event.config, provider);
    else if (event.type === 'httpApi') event.http = serverlessHttpApiEvent(event.config, provider);
  }
  if (model.urlConfig !== undefined && model.platform === 'aws') {
    const url: FunctionUrlModel = {
      kind: 'function-url',
      node: model.urlConfig,
      auth: serverlessUrlAuth(model.urlConfig),
    };
    const key = entryOf(definition, 'url')?.key;
    if (key) url.key = key;
    const cors = serverlessCors(entryOf(model.urlConfig, 'cors'));
    if (cors) url.cors = cors;
    model.url = url;
  }
}

/**
 * A REST API event (`http`). The framework has no service-wide default authorizer for these, so
 * only the event itself, `private: true` (an API key is required) or a private endpoint protect it.
 */
function serverlessRestEvent(config: DocNode | undefined, provider: DocNode | undefined): HttpEndpointModel {
  const endpoint: HttpEndpointModel = { kind: 'rest-api', auth: { state: 'missing' } };
  // `- http: GET hello` names only the method and path.
  if (!isMap(config)) {
    endpoint.auth = privateEndpoint(get(provider, 'endpointType')) ?? endpoint.auth;
    return endpoint;
  }
  const authorizer = get(config, 'authorizer');
  const isPrivate = get(config, 'private');
  if (authorizer !== undefined && !isNull(authorizer)) {
    // Any written authorizer (a function name, an ARN, `aws_iam`, a map, even a variable) is one.
    endpoint.auth = { state: 'protected', node: authorizer };
  } else if (isPrivate !== undefined && flagOf(isPrivate) !== false) {
    endpoint.auth = { state: flagOf(isPrivate) === true ? 'protected' : 'unknown', node: isPrivate };
  } else {
    endpoint.auth = privateEndpoint(get(provider, 'endpointType')) ?? endpoint.auth;
  }
  const cors = serverlessCors(entryOf(config, 'cors'));
  if (cors) endpoint.cors = cors;
  // `async: true` makes API Gateway queue the invocation and answer 200 at once.
  const asynchronous = get(config, 'async');
  if (asynchronous && flagOf(asynchronous) === true) endpoint.asynchronous = true;
  return endpoint;
}

/**
 * An HTTP API event (`httpApi`). `provider.httpApi.authorizers` only declares authorizers; each
 * event names its own, so there is no default to inherit. CORS is one setting for the whole API.
 */
function serverlessHttpApiEvent(config: DocNode | undefined, provider: DocNode | undefined): HttpEndpointModel {
  const endpoint: HttpEndpointModel = { kind: 'http-api', auth: { state: 'missing' } };
  const authorizer = get(config, 'authorizer');
  if (authorizer !== undefined && !isNull(authorizer)) endpoint.auth = { state: 'protected', node: authorizer };
  const httpApi = get(provider, 'httpApi');
  const cors = serverlessCors(entryOf(httpApi, 'cors'));
  if (cors) endpoint.cors = cors;
  return endpoint;
}

/** `url: true` and a `url` map without `authorizer: aws_iam` both mean `AuthType: NONE`. */
function serverlessUrlAuth(config: DocNode): HttpAuthModel {
  const authorizer = get(config, 'authorizer');
  if (authorizer === undefined || isNull(authorizer)) return { state: 'missing' };
  const value = stringValue(authorizer);
  if (value?.toLowerCase() === 'aws_iam') return { state: 'protected', node: authorizer };
  return { state: 'unknown', node: authorizer };
}

/**
 * `cors: true`, or a map with `origin`/`origins` (REST) or `allowedOrigins` (HTTP API, URL). A
 * map that names no origin gets the framework's default, `*`: the `cors` key stands for it.
 */
function serverlessCors(entry: MapEntry | undefined): CorsModel | undefined {
  if (!entry || isNull(entry.value)) return undefined;
  const node = entry.value;
  if (isScalar(node)) return flagOf(node) === true ? { node, anyOrigin: node } : undefined;
  if (!isMap(node)) return undefined;
  const cors: CorsModel = { node };
  const originNodes = ['origin', 'origins', 'allowedOrigins'].map((key) => get(node, key)).filter((value) => value !== undefined);
  const anyOrigin = originNodes.length === 0 ? entry.key : originNodes.flatMap((value) => asList(value)).find(isAnyOrigin);
  if (anyOrigin) cors.anyOrigin = anyOrigin;
  const credentials = get(node, 'allowCredentials');
  if (credentials && flagOf(credentials) === true) cors.allowCredentials = credentials;
  return cors;
}

// --- AWS SAM ------------------------------------------------------------------------------------

function describeSam(model: FunctionModel, root: DocNode | undefined): void {
  const properties = get(model.node, 'Properties');
  const globals = getPath(root, 'Globals', 'Function');
  // `Globals.Function` supplies any property the function leaves out.
  const property = (key: string): DocNode | undefined => get(properties, key) ?? get(globals, key);
  applyTimeout(model, property('Timeout'));
  applyReservedConcurrency(model, property('ReservedConcurrentExecutions'));

  const eventsNode = get(properties, 'Events');
  const eventEntries = isMap(eventsNode) ? eventsNode.entries : [];
  for (const event of model.events) {
    const entry = eventEntries.find((candidate) => candidate.value === event.node);
    if (!entry) continue;
    event.key = entry.key;
    if (event.type === 'Api') event.http = samApiEvent(event.config, root, 'rest-api');
    else if (event.type === 'HttpApi') event.http = samApiEvent(event.config, root, 'http-api');
  }
  if (model.urlConfig !== undefined) model.url = lambdaUrl(model.urlConfig, root);
}

/**
 * An `Api` or `HttpApi` event. Its own `Auth.Authorizer` wins; otherwise the API's
 * `Auth.DefaultAuthorizer` applies: the API named by `RestApiId`/`ApiId`, or the implicit API,
 * with `Globals.Api`/`Globals.HttpApi` filling what the API leaves out. `Authorizer: NONE` is how
 * SAM opts one route out of a default authorizer, so it counts as deliberately public.
 */
function samApiEvent(config: DocNode | undefined, root: DocNode | undefined, kind: 'rest-api' | 'http-api'): HttpEndpointModel {
  const endpoint: HttpEndpointModel = { kind, auth: { state: 'missing' } };
  const api = samApiSettings(root, get(config, kind === 'rest-api' ? 'RestApiId' : 'ApiId'), kind);
  const eventAuth = get(config, 'Auth');
  const authorizer = get(eventAuth, 'Authorizer');
  // API keys exist only on REST APIs.
  const ownKey = kind === 'rest-api' ? get(eventAuth, 'ApiKeyRequired') : undefined;
  const apiKey = kind === 'rest-api' ? api.setting('Auth', 'ApiKeyRequired') : undefined;
  const defaultAuthorizer = api.setting('Auth', 'DefaultAuthorizer');

  const keyRequired = ownKey !== undefined ? flagOf(ownKey) : apiKey !== undefined ? flagOf(apiKey) : false;
  const keyNode = ownKey ?? apiKey;
  let auth: HttpAuthModel | undefined;
  if (keyRequired === true && keyNode) {
    auth = { state: 'protected', node: keyNode, inherited: ownKey === undefined };
  } else if (authorizer !== undefined) {
    const name = stringValue(authorizer);
    if (name === undefined || isSymbolic(authorizer)) auth = { state: 'unknown', node: authorizer };
    else if (name.toUpperCase() === 'NONE') auth = { state: 'public', node: authorizer };
    else auth = { state: 'protected', node: authorizer };
  } else if (defaultAuthorizer !== undefined && !isNull(defaultAuthorizer)) {
    const name = stringValue(defaultAuthorizer);
    if (name === undefined || isSymbolic(defaultAuthorizer)) auth = { state: 'unknown', node: defaultAuthorizer, inherited: true };
    else if (name.toUpperCase() !== 'NONE') auth = { state: 'protected', node: defaultAuthorizer, inherited: true };
  }
  if (!auth && keyRequired === undefined && keyNode) auth = { state: 'unknown', node: keyNode };
  if (!auth) {
    const endpointType = api.setting('EndpointConfiguration');
    const privateAuth = privateEndpoint(isMap(endpointType) ? get(endpointType, 'Type') : endpointType);
    if (privateAuth) auth = { ...privateAuth, inherited: true };
  }
  // An API this template does not define (imported, another stack) may well have a default authorizer.
  if (!auth && !api.known) auth = { state: 'unknown' };
  endpoint.auth = auth ?? { state: 'missing' };

  const cors = kind === 'rest-api' ? samRestCors(api.setting('Cors')) : samHttpCors(api.setting('CorsConfiguration'));
  if (cors) endpoint.cors = cors;

  // Integration timeouts are written in milliseconds (SAM `TimeoutInMillis`).
  const timeout = get(config, 'TimeoutInMillis');
  const milliseconds = numberOf(timeout);
  if (isScalar(timeout) && milliseconds !== undefined) endpoint.integrationTimeout = { seconds: milliseconds / 1000, node: timeout };
  return endpoint;
}

interface ApiSettings {
  /** False when the event names an API this template does not define as a SAM API. */
  known: boolean;
  /** A setting of the API, falling back to `Globals`. */
  setting(...path: string[]): DocNode | undefined;
}

function samApiSettings(root: DocNode | undefined, reference: DocNode | undefined, kind: 'rest-api' | 'http-api'): ApiSettings {
  const globals = getPath(root, 'Globals', kind === 'rest-api' ? 'Api' : 'HttpApi');
  const type = kind === 'rest-api' ? 'AWS::Serverless::Api' : 'AWS::Serverless::HttpApi';
  let properties: DocNode | undefined;
  let known = true;
  if (reference !== undefined) {
    const id = referencedId(reference);
    const resource = id === undefined ? undefined : get(get(root, 'Resources'), id);
    known = stringValue(get(resource, 'Type')) === type;
    properties = known ? get(resource, 'Properties') : undefined;
  }
  // SAM merges `Globals` maps into each API's own, key by key: the API's value wins.
  return { known, setting: (...path) => getPath(properties, ...path) ?? getPath(globals, ...path) };
}

/** REST API `Cors`: a quoted origin string (`"'*'"`) or a map with `AllowOrigin` and `AllowCredentials`. */
function samRestCors(node: DocNode | undefined): CorsModel | undefined {
  if (node === undefined || isNull(node)) return undefined;
  const cors: CorsModel = { node };
  const origin = isMap(node) ? get(node, 'AllowOrigin') : node;
  if (origin && isAnyOrigin(origin)) cors.anyOrigin = origin;
  const credentials = get(node, 'AllowCredentials');
  if (credentials && flagOf(credentials) === true) cors.allowCredentials = credentials;
  return cors;
}

/** HTTP API `CorsConfiguration`: `true` (every origin) or a map with `AllowOrigins` and `AllowCredentials`. */
function samHttpCors(node: DocNode | undefined): CorsModel | undefined {
  if (node === undefined || isNull(node)) return undefined;
  if (isScalar(node)) return flagOf(node) === true ? { node, anyOrigin: node } : undefined;
  return originListCors(node);
}

// --- CloudFormation -----------------------------------------------------------------------------

function describeLambda(model: FunctionModel, root: DocNode | undefined): void {
  const properties = get(model.node, 'Properties');
  applyTimeout(model, get(properties, 'Timeout'));
  applyReservedConcurrency(model, get(properties, 'ReservedConcurrentExecutions'));
  if (model.urlConfig !== undefined) model.url = lambdaUrl(model.urlConfig, root);
}

/** SAM `FunctionUrlConfig` and `AWS::Lambda::Url` properties share their shape: `AuthType`, `Cors`. */
function lambdaUrl(config: DocNode, root: DocNode | undefined): FunctionUrlModel {
  const url: FunctionUrlModel = { kind: 'function-url', node: config, auth: { state: 'missing' } };
  const authType = get(config, 'AuthType');
  const value = stringValue(authType);
  if (authType !== undefined) {
    if (value === undefined || isSymbolic(authType)) url.auth = { state: 'unknown', node: authType };
    else if (value.toUpperCase() === 'NONE') url.auth = { state: 'public', node: authType };
    else url.auth = { state: 'protected', node: authType };
  }
  const key = root === undefined ? undefined : keyDeclaring(root, config);
  if (key) url.key = key;
  const corsNode = get(config, 'Cors');
  const cors = isMap(corsNode) ? originListCors(corsNode) : undefined;
  if (cors) url.cors = cors;
  return url;
}

/** `AllowOrigins: [...]` and `AllowCredentials`, as HTTP APIs and function URLs write them. */
function originListCors(node: DocNode): CorsModel {
  const cors: CorsModel = { node };
  const anyOrigin = asList(get(node, 'AllowOrigins')).find(isAnyOrigin);
  if (anyOrigin) cors.anyOrigin = anyOrigin;
  const credentials = get(node, 'AllowCredentials');
  if (credentials && flagOf(credentials) === true) cors.allowCredentials = credentials;
  return cors;
}

// --- Azure Functions ----------------------------------------------------------------------------

/** An HTTP trigger's `authLevel` defaults to `function`: callers need a function key. */
function describeAzure(model: FunctionModel): void {
  for (const event of model.events) {
    if (!/^httpTrigger$/i.test(event.type)) continue;
    const authLevel = get(event.config, 'authLevel');
    const level = stringValue(authLevel);
    let auth: HttpAuthModel = { state: 'protected' };
    if (authLevel !== undefined) {
      if (level === undefined || level.includes('%')) auth = { state: 'unknown', node: authLevel };
      else auth = { state: level.toLowerCase() === 'anonymous' ? 'public' : 'protected', node: authLevel };
    }
    event.http = { kind: 'azure-http', auth };
  }
}

// --- Shared -------------------------------------------------------------------------------------

function applyTimeout(model: FunctionModel, node: DocNode | undefined): void {
  if (isScalar(node) && node.value !== null) model.timeout = node;
}

function applyReservedConcurrency(model: FunctionModel, node: DocNode | undefined): void {
  if (node !== undefined && !isNull(node)) model.reservedConcurrency = node;
}

/** A private REST API is reachable only from inside a VPC: the network is the protection. */
function privateEndpoint(node: DocNode | undefined): HttpAuthModel | undefined {
  return stringValue(node)?.toUpperCase() === 'PRIVATE' ? { state: 'protected', node } : undefined;
}

/** `*`, also in SAM's quoted form `'*'`. */
function isAnyOrigin(node: DocNode): boolean {
  const value = stringValue(node)?.trim();
  return value === '*' || value === "'*'";
}

/** true/false for booleans and their string forms; undefined for anything decided at deploy time. */
function flagOf(node: DocNode): boolean | undefined {
  if (!isScalar(node)) return undefined;
  if (node.value === true || node.value === false) return node.value;
  const text = stringValue(node)?.toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

function numberOf(node: DocNode | undefined): number | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number') return node.value;
  const text = stringValue(node);
  return text !== undefined && /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : undefined;
}

function isNull(node: DocNode): boolean {
  return isScalar(node) && node.value === null;
}

/** An intrinsic function, a serverless `${…}` variable or an Azure `%setting%`: known only at deploy time. */
function isSymbolic(node: DocNode): boolean {
  if (intrinsicName(node) !== undefined || !isScalar(node)) return true;
  const text = stringValue(node) ?? '';
  return text.includes('${') || /^%[^%]+%$/.test(text);
}

/**
 * The key that declares `node`: the key whose value it is (`FunctionUrlConfig:`, `url:`), or the
 * resource key whose `Properties` it is (an `AWS::Lambda::Url` logical id).
 */
function keyDeclaring(root: DocNode, node: DocNode): ScalarNode | undefined {
  const stack: DocNode[] = [root];
  for (let current = stack.pop(); current; current = stack.pop()) {
    if (current.type === 'map') {
      for (const entry of current.entries) {
        if (entry.value === node || get(entry.value, 'Properties') === node) return entry.key;
        stack.push(entry.value);
      }
    } else if (current.type === 'seq') {
      stack.push(...current.items);
    }
  }
  return undefined;
}

/**
 * How a user would name an HTTP event in a message: `http event POST invoices`,
 * `Api event GetItem (GET /items/{id})`, `HTTP trigger (POST orders)`.
 */
export function describeHttpEvent(event: EventModel): string {
  const config = event.config;
  if (event.http?.kind === 'azure-http') {
    const methods = asList(get(config, 'methods')).map((node) => stringValue(node)?.toUpperCase()).filter(Boolean).join('|');
    const route = stringValue(get(config, 'route'));
    const where = [methods, route].filter(Boolean).join(' ');
    return where ? `HTTP trigger (${where})` : 'HTTP trigger';
  }
  if (event.key && stringValue(event.key) !== event.type) {
    // SAM: the event's own name, then its method and path.
    const where = [stringValue(get(config, 'Method'))?.toUpperCase(), stringValue(get(config, 'Path'))].filter(Boolean).join(' ');
    return `${event.type} event ${stringValue(event.key) ?? ''}${where ? ` (${where})` : ''}`;
  }
  // Serverless: `http: GET hello` or `http: {method, path}`.
  const where = isScalar(config)
    ? stringValue(config)
    : [stringValue(get(config, 'method'))?.toUpperCase(), stringValue(get(config, 'path'))].filter(Boolean).join(' ');
  return where ? `${event.type} event ${where}` : `${event.type} event`;
}
