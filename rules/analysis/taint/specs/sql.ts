/**
 * `injection/sql` sinks: calls that run SQL text. The text argument is the sink; bound values
 * (`query(sql, [id])`, `$1`, `?`, knex bindings) never are.
 */
import type { SinkSpec } from './types';

const MYSQL = ['mysql', 'mysql2', 'mysql2/promise', 'serverless-mysql'];
const PG = ['pg', 'pg-pool', '@neondatabase/serverless', 'postgres'];
const PG_PROMISE = ['pg-promise'];
const MSSQL = ['mssql'];
const SQLITE = ['sqlite3', 'better-sqlite3', 'sqlite'];
const KNEX = ['knex'];
const SEQUELIZE = ['sequelize', 'sequelize-typescript'];
const TYPEORM = ['typeorm'];
const PRISMA = ['@prisma/client'];
const RDS_DATA = ['@aws-sdk/client-rds-data'];
const ATHENA = ['@aws-sdk/client-athena'];
const REDSHIFT_DATA = ['@aws-sdk/client-redshift-data'];
const AWS_SDK_V2 = ['aws-sdk', 'aws-sdk/clients/rdsdataservice', 'aws-sdk/clients/athena', 'aws-sdk/clients/redshiftdata'];

function methods(modules: readonly string[], names: readonly string[], label = 'query text'): SinkSpec[] {
  return names.map((method): SinkSpec => ({ kind: 'sql', modules, method, arguments: [0], label }));
}

export const SQL_SINKS: readonly SinkSpec[] = [
  ...methods(MYSQL, ['query', 'execute']),
  // `connection.query({ sql, values })`.
  { kind: 'sql', modules: MYSQL, method: 'query', arguments: [0], property: 'sql', label: 'query text' },
  { kind: 'sql', modules: MYSQL, method: 'execute', arguments: [0], property: 'sql', label: 'query text' },
  ...methods(PG, ['query']),
  { kind: 'sql', modules: PG, method: 'query', arguments: [0], property: 'text', label: 'query text' },
  ...methods(PG_PROMISE, ['query', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'result', 'multi', 'multiResult', 'each', 'map', 'stream']),
  // mssql: `pool.request().query(text)`, `sql.query(text)`, `.batch(text)`; the tagged-template
  // forms (sql.query`…`) bind their values and are not calls with a text argument.
  ...methods(MSSQL, ['query', 'batch']),
  { kind: 'sql', modules: ['tedious'], export: 'Request', invoke: 'new', arguments: [0], name: 'tedious Request', label: 'query text' },
  // sqlite3 and better-sqlite3: the database's methods take SQL; a prepared statement's take values.
  ...methods(SQLITE, ['run', 'get', 'all', 'each', 'exec', 'prepare']).map((spec): SinkSpec => ({ ...spec, notVia: ['prepare'] })),
  ...methods(KNEX, ['raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'joinRaw', 'orderByRaw', 'groupByRaw', 'fromRaw', 'selectRaw']),
  ...methods(SEQUELIZE, ['query', 'literal']),
  // TypeORM: `query(text)` on a data source, manager, repository or query runner; a string
  // condition given to the query builder is SQL text too.
  ...methods(TYPEORM, ['query']),
  ...methods(TYPEORM, ['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving'], 'condition text'),
  ...methods(PRISMA, ['$queryRawUnsafe', '$executeRawUnsafe', 'raw']),
  // The AWS data APIs: the statement is a property of the command input.
  ...['ExecuteStatementCommand', 'BatchExecuteStatementCommand'].map(
    (name): SinkSpec => ({ kind: 'sql', modules: RDS_DATA, export: name, invoke: 'new', arguments: [0], property: 'sql', name, label: 'SQL statement' }),
  ),
  { kind: 'sql', modules: ATHENA, export: 'StartQueryExecutionCommand', invoke: 'new', arguments: [0], property: 'QueryString', name: 'StartQueryExecutionCommand', label: 'query string' },
  { kind: 'sql', modules: REDSHIFT_DATA, export: 'ExecuteStatementCommand', invoke: 'new', arguments: [0], property: 'Sql', name: 'ExecuteStatementCommand', label: 'SQL statement' },
  { kind: 'sql', modules: REDSHIFT_DATA, export: 'BatchExecuteStatementCommand', invoke: 'new', arguments: [0], property: 'Sqls.*', name: 'BatchExecuteStatementCommand', label: 'SQL statement' },
  // SDK v2 clients: `new AWS.RDSDataService().executeStatement({ sql })` and friends.
  { kind: 'sql', modules: AWS_SDK_V2, method: 'executeStatement', arguments: [0], property: 'sql', label: 'SQL statement' },
  { kind: 'sql', modules: AWS_SDK_V2, method: 'batchExecuteStatement', arguments: [0], property: 'sql', label: 'SQL statement' },
  { kind: 'sql', modules: AWS_SDK_V2, method: 'executeStatement', arguments: [0], property: 'Sql', label: 'SQL statement' },
  { kind: 'sql', modules: AWS_SDK_V2, method: 'startQueryExecution', arguments: [0], property: 'QueryString', label: 'query string' },
];
