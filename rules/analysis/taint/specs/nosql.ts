/**
 * `injection/nosql` sinks: DynamoDB PartiQL statements and expression strings, MongoDB `$where`,
 * `mapReduce` and filters taken whole from input (operator injection).
 */
import type { SinkSpec } from './types';

const DYNAMODB_V3 = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'];
const AWS_SDK_V2 = ['aws-sdk', 'aws-sdk/clients/dynamodb'];
const MONGO = ['mongodb', 'mongoose'];

/** The commands that take expression strings, and the expressions each one takes. */
const EXPRESSION_COMMANDS: readonly (readonly [command: string, method: string, expressions: readonly string[]])[] = [
  ['QueryCommand', 'query', ['KeyConditionExpression', 'FilterExpression', 'ProjectionExpression']],
  ['ScanCommand', 'scan', ['FilterExpression', 'ProjectionExpression']],
  ['UpdateItemCommand', 'updateItem', ['UpdateExpression', 'ConditionExpression']],
  ['UpdateCommand', 'update', ['UpdateExpression', 'ConditionExpression']],
  ['DeleteItemCommand', 'deleteItem', ['ConditionExpression']],
  ['DeleteCommand', 'delete', ['ConditionExpression']],
  ['PutItemCommand', 'putItem', ['ConditionExpression']],
  ['PutCommand', 'put', ['ConditionExpression']],
  ['GetItemCommand', 'getItem', ['ProjectionExpression']],
  ['GetCommand', 'get', ['ProjectionExpression']],
];

/** MongoDB and Mongoose methods whose first argument is a filter. */
const FILTER_METHODS = [
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'findOneAndRemove',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'replaceOne',
  'countDocuments',
  'count',
  'exists',
  'where',
];

export const NOSQL_SINKS: readonly SinkSpec[] = [
  // PartiQL: the statement text is a query language like SQL.
  ...['ExecuteStatementCommand'].map(
    (name): SinkSpec => ({ kind: 'nosql', modules: DYNAMODB_V3, export: name, invoke: 'new', arguments: [0], property: 'Statement', name, label: 'PartiQL statement' }),
  ),
  { kind: 'nosql', modules: DYNAMODB_V3, export: 'BatchExecuteStatementCommand', invoke: 'new', arguments: [0], property: 'Statements.*.Statement', name: 'BatchExecuteStatementCommand', label: 'PartiQL statement' },
  { kind: 'nosql', modules: DYNAMODB_V3, export: 'ExecuteTransactionCommand', invoke: 'new', arguments: [0], property: 'TransactStatements.*.Statement', name: 'ExecuteTransactionCommand', label: 'PartiQL statement' },
  { kind: 'nosql', modules: AWS_SDK_V2, method: 'executeStatement', arguments: [0], property: 'Statement', label: 'PartiQL statement' },
  { kind: 'nosql', modules: AWS_SDK_V2, method: 'batchExecuteStatement', arguments: [0], property: 'Statements.*.Statement', label: 'PartiQL statement' },
  // Expression strings: the values belong in ExpressionAttributeValues, the names in ExpressionAttributeNames.
  ...EXPRESSION_COMMANDS.flatMap(([command, method, expressions]) =>
    expressions.flatMap((expression): SinkSpec[] => [
      { kind: 'nosql', modules: DYNAMODB_V3, export: command, invoke: 'new', arguments: [0], property: expression, name: command, label: expression },
      { kind: 'nosql', modules: AWS_SDK_V2, method, arguments: [0], property: expression, label: expression },
    ]),
  ),
  // A filter built from parsed input: `{ "password": { "$ne": null } }` matches every document.
  // Listed before `$where` so that a filter taken whole from input is reported as such.
  ...FILTER_METHODS.map((method): SinkSpec => ({ kind: 'nosql', modules: MONGO, method, arguments: [0], objects: true, label: 'query filter' })),
  { kind: 'nosql', modules: MONGO, method: 'aggregate', arguments: [0], objects: true, label: 'aggregation pipeline' },
  // MongoDB: `$where` and mapReduce run JavaScript on the server.
  ...FILTER_METHODS.map((method): SinkSpec => ({ kind: 'nosql', modules: MONGO, method, arguments: [0], property: '$where', label: '$where code' })),
  { kind: 'nosql', modules: MONGO, method: '$where', arguments: [0], label: '$where code' },
  { kind: 'nosql', modules: MONGO, method: 'mapReduce', arguments: [0, 1], label: 'mapReduce code' },
];
