/**
 * Sources: how each platform calls an entry point, and the shape of the event it passes. A new
 * trigger type or event field is an entry here, with a test in `test/analysis/taint/`.
 */
import type { EntryStyle, EventShape, ParameterSource, RegistrationSpec } from './types';

/** The parameters each kind of entry point receives event data in. */
export const ENTRY_STYLES: Readonly<Record<EntryStyle, readonly ParameterSource[]>> = {
  // `(event, context)`: the Lambda context holds the function's own settings, not input.
  aws: [{ index: 0, shape: 'aws-event', name: 'event' }],
  // `(context, req)` / `(context, myQueueItem)`: every parameter after context is a trigger input,
  // and `context.bindings` / `context.req` hold the same inputs again.
  'azure-v3': [
    { index: 0, shape: 'azure-v3-context', name: 'context' },
    { index: { rest: 1 }, shape: 'azure-v3-input', name: 'req' },
  ],
  'azure-v4-http': [{ index: 0, shape: 'azure-v4-request', name: 'request' }],
  'azure-v4-trigger': [{ index: 0, shape: 'trigger-message', name: 'message' }],
  'gcp-http': [{ index: 0, shape: 'http-request', name: 'req' }],
  'gcp-event': [{ index: 0, shape: 'cloud-event', name: 'cloudEvent' }],
  'express-route': [{ index: 0, shape: 'http-request', name: 'req' }],
  'koa-route': [{ index: 0, shape: 'koa-context', name: 'ctx' }],
  'fastify-route': [{ index: 0, shape: 'http-request', name: 'request' }],
};

/** API Gateway (REST and HTTP APIs), ALB, function URLs, queues, streams, S3, EventBridge, AppSync, Cognito. */
const AWS_EVENT: EventShape = {
  description: 'Lambda event',
  trusted: [
    // Set by API Gateway from the verified authorizer's result or the caller's IAM identity.
    'requestContext.authorizer',
    'requestContext.identity.cognitoIdentityId',
    'requestContext.identity.cognitoIdentityPoolId',
    'requestContext.identity.cognitoAuthenticationType',
    'requestContext.identity.accountId',
    'requestContext.identity.caller',
    'requestContext.identity.user',
    'requestContext.identity.userArn',
    'requestContext.identity.accessKey',
    'requestContext.identity.sourceIp',
    'requestContext.http.sourceIp',
    'requestContext.http.method',
    'requestContext.accountId',
    'requestContext.apiId',
    'requestContext.stage',
    'requestContext.requestId',
    'requestContext.extendedRequestId',
    'requestContext.domainName',
    'requestContext.domainPrefix',
    'requestContext.httpMethod',
    'requestContext.resourceId',
    'requestContext.resourcePath',
    'requestContext.routeKey',
    'requestContext.protocol',
    'requestContext.time',
    'requestContext.timeEpoch',
    'requestContext.requestTime',
    'requestContext.requestTimeEpoch',
    'requestContext.elb',
    'httpMethod',
    'resource',
    'routeKey',
    'version',
    'stageVariables',
    'isBase64Encoded',
    // Record envelopes: written by the AWS service, not by whoever sent the message.
    'Records.*.eventSource',
    'Records.*.eventSourceARN',
    'Records.*.EventSource',
    'Records.*.EventSubscriptionArn',
    'Records.*.awsRegion',
    'Records.*.eventName',
    'Records.*.eventTime',
    'Records.*.eventID',
    'Records.*.eventVersion',
    'Records.*.messageId',
    'Records.*.receiptHandle',
    'Records.*.md5OfBody',
    'Records.*.attributes',
    'Records.*.s3.bucket',
    'Records.*.Sns.TopicArn',
    'Records.*.Sns.MessageId',
    'Records.*.Sns.Timestamp',
    'Records.*.Sns.Signature',
    'Records.*.Sns.SigningCertUrl',
    // EventBridge envelope and Cognito trigger envelope.
    'account',
    'region',
    'time',
    'id',
    'resources',
    'userPoolId',
    'callerContext',
    // AppSync: the identity is the caller as authenticated by AppSync.
    'identity',
  ],
  strings: [
    'body',
    'queryStringParameters.*',
    'multiValueQueryStringParameters.*',
    'multiValueQueryStringParameters.*.*',
    'pathParameters.*',
    'headers.*',
    'multiValueHeaders.*',
    'multiValueHeaders.*.*',
    'cookies',
    'cookies.*',
    'rawPath',
    'rawQueryString',
    'path',
    'Records.*.body',
    'Records.*.Sns.Message',
    'Records.*.Sns.Subject',
    'Records.*.kinesis.data',
    'Records.*.s3.object.key',
    'userName',
  ],
  describe: [
    ['body', 'HTTP request body'],
    ['queryStringParameters', 'query string'],
    ['multiValueQueryStringParameters', 'query string'],
    ['rawQueryString', 'query string'],
    ['pathParameters', 'path parameter'],
    ['headers', 'request header'],
    ['multiValueHeaders', 'request header'],
    ['cookies', 'cookie'],
    ['rawPath', 'request path'],
    ['path', 'request path'],
    ['requestContext', 'request context'],
    ['Records.*.body', 'SQS message body'],
    ['Records.*.messageAttributes', 'SQS message attribute'],
    ['Records.*.Sns', 'SNS message'],
    ['Records.*.kinesis', 'Kinesis record'],
    ['Records.*.dynamodb', 'DynamoDB stream record'],
    ['Records.*.s3.object', 'S3 object key'],
    ['Records', 'event record'],
    ['detail', 'EventBridge event detail'],
    ['arguments', 'AppSync arguments'],
    ['request', 'Cognito trigger request'],
    ['userName', 'Cognito user name'],
  ],
};

/** Express and Google Cloud Functions (which runs Express), Fastify. */
const HTTP_REQUEST: EventShape = {
  description: 'HTTP request',
  // The app's own state and what authentication middleware put on the request.
  trusted: ['app', 'res', 'user', 'auth', 'session', 'method', 'ip', 'ips', 'protocol', 'secure', 'server', 'log', 'routeOptions', 'id'],
  strings: ['params.*', 'headers.*', 'get()', "get('*')", "header('*')", 'path', 'url', 'originalUrl', 'hostname'],
  describe: [
    ['body', 'HTTP request body'],
    ['rawBody', 'HTTP request body'],
    ['query', 'query string'],
    ['params', 'path parameter'],
    ['headers', 'request header'],
    ['cookies', 'cookie'],
    ["get('*')", 'request header'],
    ["header('*')", 'request header'],
    ['path', 'request path'],
    ['url', 'request URL'],
    ['originalUrl', 'request URL'],
  ],
};

/** Azure Functions v3: the inputs after `context` (an HTTP request, a queue item, a blob …). */
const AZURE_V3_INPUT: EventShape = {
  description: 'trigger input',
  trusted: ['method', 'user'],
  // The v3 host parses query strings and route parameters into plain strings.
  strings: ['query.*', 'params.*', 'headers.*', 'rawBody', 'url', 'originalUrl'],
  describe: [
    ['body', 'HTTP request body'],
    ['rawBody', 'HTTP request body'],
    ['query', 'query string'],
    ['params', 'route parameter'],
    ['headers', 'request header'],
    ['url', 'request URL'],
  ],
};

const AZURE_V3_CONTEXT: EventShape = {
  description: 'function context',
  sources: ['bindings', 'req', 'bindingData'],
  strings: ['req.query.*', 'req.params.*', 'req.headers.*'],
  describe: [
    ['bindings', 'trigger binding'],
    ['bindingData', 'trigger metadata'],
    ['req.body', 'HTTP request body'],
    ['req.query', 'query string'],
    ['req.params', 'route parameter'],
    ['req', 'HTTP request'],
  ],
};

/** Azure Functions v4 `HttpRequest`: a fetch-style request. */
const AZURE_V4_REQUEST: EventShape = {
  description: 'HTTP request',
  trusted: ['method', 'user'],
  strings: ['text()', "query.get('*')", "query.getAll('*')", "query.getAll('*').*", 'params.*', "headers.get('*')", 'url'],
  describe: [
    ['json()', 'HTTP request body'],
    ['text()', 'HTTP request body'],
    ['formData()', 'HTTP form data'],
    ['body', 'HTTP request body'],
    ['query', 'query string'],
    ['params', 'route parameter'],
    ['headers', 'request header'],
    ['url', 'request URL'],
  ],
};

const TRIGGER_MESSAGE: EventShape = { description: 'trigger message' };

const CLOUD_EVENT: EventShape = {
  description: 'CloudEvent',
  sources: ['data', 'subject'],
  describe: [
    ['data', 'CloudEvent data'],
    ['subject', 'CloudEvent subject'],
  ],
};

/** Koa: only the request parts of the context are input; the rest is the app's own state. */
const KOA_CONTEXT: EventShape = {
  description: 'Koa context',
  sources: ['request', 'query', 'querystring', 'params', 'headers', 'header', 'path', 'url', 'originalUrl', 'href', 'host', 'hostname', 'cookies'],
  trusted: ['request.method', 'request.ip'],
  strings: ['params.*', 'headers.*', 'header.*', 'path', 'url', 'querystring', "cookies.get('*')"],
  describe: [
    ['request.body', 'HTTP request body'],
    ['request.query', 'query string'],
    ['query', 'query string'],
    ['params', 'path parameter'],
    ['headers', 'request header'],
    ['header', 'request header'],
    ['cookies', 'cookie'],
    ['request', 'HTTP request'],
  ],
};

export const EVENT_SHAPES: Readonly<Record<string, EventShape>> = {
  'aws-event': AWS_EVENT,
  'http-request': HTTP_REQUEST,
  'azure-v3-input': AZURE_V3_INPUT,
  'azure-v3-context': AZURE_V3_CONTEXT,
  'azure-v4-request': AZURE_V4_REQUEST,
  'trigger-message': TRIGGER_MESSAGE,
  'cloud-event': CLOUD_EVENT,
  'koa-context': KOA_CONTEXT,
};

const AZURE_V4_TRIGGERS = [
  'storageQueue',
  'storageBlob',
  'serviceBusQueue',
  'serviceBusTopic',
  'eventHub',
  'eventGrid',
  'cosmosDB',
  'sql',
  'mySql',
  'webPubSub',
  'generic',
];

const ROUTE_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route'];
const EXPRESS_MODULES = ['express'];
const KOA_MODULES = ['koa-router', '@koa/router', 'koa'];
const FASTIFY_MODULES = ['fastify'];

/**
 * Calls that register entry points. HTTP route handlers of Express, Koa and Fastify count wherever
 * the app is built, wrapped by `serverless-http` / `@vendia/serverless-express` or not: a route
 * handler gets the same attacker-controlled request either way.
 */
export const REGISTRATIONS: readonly RegistrationSpec[] = [
  { modules: ['@azure/functions'], export: 'app.http', arguments: [1], property: 'handler', style: 'azure-v4-http', name: 'http' },
  ...['get', 'post', 'put', 'patch', 'deleteRequest'].map(
    (method): RegistrationSpec => ({ modules: ['@azure/functions'], export: `app.${method}`, arguments: [1], property: 'handler', style: 'azure-v4-http', name: method }),
  ),
  ...AZURE_V4_TRIGGERS.map(
    (trigger): RegistrationSpec => ({ modules: ['@azure/functions'], export: `app.${trigger}`, arguments: [1], property: 'handler', style: 'azure-v4-trigger', name: trigger }),
  ),
  { modules: ['@google-cloud/functions-framework'], export: 'http', arguments: [1], style: 'gcp-http', name: 'http' },
  { modules: ['@google-cloud/functions-framework'], export: 'cloudEvent', arguments: [1], style: 'gcp-event', name: 'cloudEvent' },
  { modules: ['firebase-functions', 'firebase-functions/v2/https', 'firebase-functions/v1'], export: 'https.onRequest', arguments: 'all', style: 'gcp-http', name: 'onRequest' },
  { modules: ['firebase-functions/v2/https'], export: 'onRequest', arguments: 'all', style: 'gcp-http', name: 'onRequest' },
  ...ROUTE_METHODS.map((method): RegistrationSpec => ({ modules: EXPRESS_MODULES, method, arguments: 'all', style: 'express-route', name: method })),
  ...ROUTE_METHODS.map((method): RegistrationSpec => ({ modules: KOA_MODULES, method, arguments: 'all', style: 'koa-route', name: method })),
  ...ROUTE_METHODS.map((method): RegistrationSpec => ({ modules: FASTIFY_MODULES, method, arguments: 'all', style: 'fastify-route', name: method })),
  { modules: FASTIFY_MODULES, method: 'route', arguments: [0], property: 'handler', style: 'fastify-route', name: 'route' },
];

/**
 * Methods that read a part of a request-like source: the result is that part, named as one path
 * segment (`request.query.get('q')`, `await request.json()`, `req.get('X-Id')`).
 */
export const READER_METHODS: ReadonlySet<string> = new Set(['json', 'text', 'formData', 'arrayBuffer', 'blob', 'get', 'getAll', 'header', 'param']);
