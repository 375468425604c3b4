/**
 * AWS SDK operations → the IAM actions they need, as data (DESIGN.md: "A new SDK call mapping: a
 * table entry"). `test/analysis/sdk/sdk-operations.test.ts` checks that every service prefix and
 * every action named here exists in the bundled IAM data.
 *
 * The common rule is "the operation's name in the service's IAM prefix" (`SendMessage` →
 * `sqs:SendMessage`); only the exceptions are listed. Public facts informed the exceptions
 * (AWS service authorization reference; the iam-dataset SDK → IAM mapping).
 */

/**
 * SDK v3 package (`@aws-sdk/client-…`, `@aws-sdk/lib-…`) → IAM service prefix, where the package
 * name is not already the prefix (`client-sqs` → `sqs` needs no entry).
 */
export const SDK_V3_PACKAGE_SERVICES: Readonly<Record<string, string>> = {
  '@aws-sdk/client-apigatewaymanagementapi': 'execute-api',
  '@aws-sdk/client-api-gateway': 'apigateway',
  '@aws-sdk/client-cloudwatch': 'cloudwatch',
  '@aws-sdk/client-cloudwatch-events': 'events',
  '@aws-sdk/client-cloudwatch-logs': 'logs',
  '@aws-sdk/client-cognito-identity': 'cognito-identity',
  '@aws-sdk/client-cognito-identity-provider': 'cognito-idp',
  '@aws-sdk/client-dynamodb-streams': 'dynamodb',
  '@aws-sdk/client-eventbridge': 'events',
  '@aws-sdk/client-iot-data-plane': 'iot',
  '@aws-sdk/client-rds-data': 'rds-data',
  '@aws-sdk/client-secrets-manager': 'secretsmanager',
  '@aws-sdk/client-sesv2': 'ses',
  '@aws-sdk/client-sfn': 'states',
  '@aws-sdk/lib-dynamodb': 'dynamodb',
  '@aws-sdk/lib-storage': 's3',
  '@aws-sdk/s3-request-presigner': 's3',
};

/** SDK v2 client class (`new AWS.S3()`, `require('aws-sdk/clients/s3')`) → IAM service prefix. */
export const SDK_V2_CLIENT_SERVICES: Readonly<Record<string, string>> = {
  ApiGatewayManagementApi: 'execute-api',
  Athena: 'athena',
  CloudWatch: 'cloudwatch',
  CloudWatchEvents: 'events',
  CloudWatchLogs: 'logs',
  CognitoIdentity: 'cognito-identity',
  CognitoIdentityServiceProvider: 'cognito-idp',
  DynamoDB: 'dynamodb',
  DynamoDBStreams: 'dynamodb',
  EventBridge: 'events',
  Firehose: 'firehose',
  IotData: 'iot',
  KMS: 'kms',
  Kinesis: 'kinesis',
  Lambda: 'lambda',
  RDSDataService: 'rds-data',
  S3: 's3',
  SES: 'ses',
  SESV2: 'ses',
  SNS: 'sns',
  SQS: 'sqs',
  SSM: 'ssm',
  STS: 'sts',
  SecretsManager: 'secretsmanager',
  StepFunctions: 'states',
};

/** SDK v2 file names under `aws-sdk/clients/` that differ from the lower-cased class name. */
export const SDK_V2_CLIENT_FILES: Readonly<Record<string, string>> = {
  apigatewaymanagementapi: 'ApiGatewayManagementApi',
  athena: 'Athena',
  cloudwatch: 'CloudWatch',
  cloudwatchevents: 'CloudWatchEvents',
  cloudwatchlogs: 'CloudWatchLogs',
  cognitoidentity: 'CognitoIdentity',
  cognitoidentityserviceprovider: 'CognitoIdentityServiceProvider',
  dynamodb: 'DynamoDB',
  dynamodbstreams: 'DynamoDBStreams',
  eventbridge: 'EventBridge',
  firehose: 'Firehose',
  iotdata: 'IotData',
  kinesis: 'Kinesis',
  kms: 'KMS',
  lambda: 'Lambda',
  rdsdataservice: 'RDSDataService',
  s3: 'S3',
  secretsmanager: 'SecretsManager',
  ses: 'SES',
  sesv2: 'SESV2',
  sns: 'SNS',
  sqs: 'SQS',
  ssm: 'SSM',
  stepfunctions: 'StepFunctions',
  sts: 'STS',
};

/**
 * PartiQL statements need the action of the word they start with; an unknown statement may need
 * any of them. `EXISTS(SELECT …)`, the condition check of a transaction, reads an item, which the
 * DynamoDB IAM documentation grants with `PartiQLSelect`.
 */
export const PARTIQL_ACTIONS: Readonly<Record<'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'EXISTS', string>> = {
  SELECT: 'dynamodb:PartiQLSelect',
  INSERT: 'dynamodb:PartiQLInsert',
  UPDATE: 'dynamodb:PartiQLUpdate',
  DELETE: 'dynamodb:PartiQLDelete',
  EXISTS: 'dynamodb:PartiQLSelect',
};

/** The input properties holding a PartiQL operation's statements: one `Statement`, or a list of `{ Statement }`. */
export const PARTIQL_STATEMENT_LISTS: readonly string[] = ['Statements', 'TransactStatements'];

/** The operations that run PartiQL statements (actions decided by {@link PARTIQL_ACTIONS}). */
export const PARTIQL_OPERATIONS: ReadonlySet<string> = new Set(['ExecuteStatement', 'BatchExecuteStatement', 'ExecuteTransaction']);

/**
 * The exceptions to "same name", per IAM prefix: operation (PascalCase, as the v3 command
 * without `Command`) → every action it needs.
 */
export const OPERATION_ACTIONS: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  s3: {
    AbortMultipartUpload: ['s3:AbortMultipartUpload'],
    CompleteMultipartUpload: ['s3:PutObject'],
    // The source object is read, the target written.
    CopyObject: ['s3:GetObject', 's3:PutObject'],
    CreateMultipartUpload: ['s3:PutObject'],
    DeleteObjects: ['s3:DeleteObject'],
    HeadBucket: ['s3:ListBucket'],
    HeadObject: ['s3:GetObject'],
    ListBuckets: ['s3:ListAllMyBuckets'],
    ListObjectVersions: ['s3:ListBucketVersions'],
    ListObjects: ['s3:ListBucket'],
    ListObjectsV2: ['s3:ListBucket'],
    ListParts: ['s3:ListMultipartUploadParts'],
    SelectObjectContent: ['s3:GetObject'],
    // `@aws-sdk/lib-storage` `Upload`: PutObject, or a multipart upload (all PutObject) aborted on failure.
    Upload: ['s3:PutObject', 's3:AbortMultipartUpload'],
    UploadPart: ['s3:PutObject'],
    UploadPartCopy: ['s3:GetObject', 's3:PutObject'],
  },
  dynamodb: {
    TransactGetItems: ['dynamodb:GetItem'],
    TransactWriteItems: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  },
  lambda: {
    Invoke: ['lambda:InvokeFunction'],
    InvokeAsync: ['lambda:InvokeFunction'],
    InvokeWithResponseStream: ['lambda:InvokeFunction'],
  },
  sqs: {
    ChangeMessageVisibilityBatch: ['sqs:ChangeMessageVisibility'],
    DeleteMessageBatch: ['sqs:DeleteMessage'],
    SendMessageBatch: ['sqs:SendMessage'],
  },
  sns: {
    PublishBatch: ['sns:Publish'],
  },
  secretsmanager: {
    BatchGetSecretValue: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue'],
  },
  'execute-api': {
    DeleteConnection: ['execute-api:ManageConnections'],
    GetConnection: ['execute-api:ManageConnections'],
    PostToConnection: ['execute-api:ManageConnections'],
  },
  iot: {
    // IoT data plane `Publish` is `iot:Publish`; listed so the default is explicit.
    Publish: ['iot:Publish'],
  },
};

/**
 * `@aws-sdk/lib-dynamodb` commands and v2 `DocumentClient` methods (PascalCased) → the DynamoDB
 * operation they call.
 */
export const DOCUMENT_CLIENT_OPERATIONS: Readonly<Record<string, string>> = {
  BatchExecuteStatement: 'BatchExecuteStatement',
  BatchGet: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  Delete: 'DeleteItem',
  ExecuteStatement: 'ExecuteStatement',
  ExecuteTransaction: 'ExecuteTransaction',
  Get: 'GetItem',
  Put: 'PutItem',
  Query: 'Query',
  Scan: 'Scan',
  TransactGet: 'TransactGetItems',
  TransactWrite: 'TransactWriteItems',
  Update: 'UpdateItem',
};

/**
 * Client methods that are not service operations (configuration, middleware, lifecycle): calling
 * them needs no permission and does not make the analysis incomplete.
 */
export const CLIENT_NON_OPERATIONS: ReadonlySet<string> = new Set([
  'constructor',
  'createPresignedPost',
  'destroy',
  'getSignedUrl',
  'getSignedUrlPromise',
  'makeRequest',
  'makeUnauthenticatedRequest',
  'middlewareStack',
  'on',
  'send',
  'setupRequestListeners',
  'then',
  'waitFor',
]);
