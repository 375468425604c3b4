import nosqlRule from '../../rules/checks/injection/nosql';
import sqlRule from '../../rules/checks/injection/sql';
import { dedent } from '../helpers/text';
import { checkNoSuggestion, checkSuggestion } from './golden';

const js = dedent;
const PREPARED = (count: number) => `Use a prepared statement with ${count} bound parameter(s)`;
const PARTIQL = (count: number) => `Use a PartiQL statement with ${count} parameter(s)`;

describe('fixes/sql-drivers: tedious', () => {
  it('binds a string and a number with addParameter and adds TYPES to the require', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/users.js': js`
          const { Connection, Request } = require('tedious');
          const connection = new Connection({});
          exports.handler = async (event) => {
            const q = event.queryStringParameters;
            const request = new Request("SELECT * FROM users WHERE name = '" + q.name + "' AND age > " + q.age, (error, rows) => {});
            connection.execSql(request);
          };
        `,
      },
      `"SELECT * FROM users WHERE name = '" + q.name + "' AND age > " + q.age`,
      PREPARED(2),
      {
        'src/users.js': `
          const { Connection, Request, TYPES } = require('tedious');
          const connection = new Connection({});
          exports.handler = async (event) => {
            const q = event.queryStringParameters;
            const request = new Request("SELECT * FROM users WHERE name = @p1 AND age > @p2", (error, rows) => {});
            request.addParameter('p1', TYPES.NVarChar, q.name);
            request.addParameter('p2', TYPES.Int, q.age);
            connection.execSql(request);
          };
        `,
      },
    );
  });

  it('uses an imported TYPES alias and rewrites a template built in a const', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/orders.ts': js`
          import { Connection, Request, TYPES as T } from 'tedious';
          const connection = new Connection({});
          export const handler = async (event: { pathParameters: { id: string; owner: string } }) => {
            const { id, owner } = event.pathParameters;
            const sql = \`SELECT * FROM orders WHERE id = \${id} AND owner LIKE '\${owner}%'\`;
            let request = new Request(sql, () => {});
            connection.execSql(request);
          };
        `,
      },
      'sql',
      PREPARED(2),
      {
        'src/orders.ts': `
          import { Connection, Request, TYPES as T } from 'tedious';
          const connection = new Connection({});
          export const handler = async (event: { pathParameters: { id: string; owner: string } }) => {
            const { id, owner } = event.pathParameters;
            const sql = \`SELECT * FROM orders WHERE id = @p1 AND owner LIKE @p2\`;
            let request = new Request(sql, () => {});
            request.addParameter('p1', T.Int, id);
            request.addParameter('p2', T.NVarChar, \`\${owner}%\`);
            connection.execSql(request);
          };
        `,
      },
    );
  });

  it('uses the namespace when tedious is required whole', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/find.js': js`
          const tedious = require('tedious');
          exports.handler = async (event, connection) => {
            const request = new tedious.Request(\`DELETE FROM carts WHERE owner = '\${event.body}'\`, () => {});
            connection.execSql(request);
          };
        `,
      },
      "`DELETE FROM carts WHERE owner = '${event.body}'`",
      PREPARED(1),
      {
        'src/find.js': `
          const tedious = require('tedious');
          exports.handler = async (event, connection) => {
            const request = new tedious.Request(\`DELETE FROM carts WHERE owner = @p1\`, () => {});
            request.addParameter('p1', tedious.TYPES.NVarChar, event.body);
            connection.execSql(request);
          };
        `,
      },
    );
  });

  it('offers nothing for a request not held in a variable, a TYPES bound elsewhere, or an identifier', () => {
    checkNoSuggestion(
      sqlRule,
      {
        'src/a.js': js`
          const { Request } = require('tedious');
          exports.handler = async (event, connection) => {
            connection.execSql(new Request("SELECT * FROM t WHERE a = '" + event.body + "'", () => {}));
          };
        `,
      },
      `"SELECT * FROM t WHERE a = '" + event.body + "'"`,
    );
    checkNoSuggestion(
      sqlRule,
      {
        'src/b.js': js`
          const { Request } = require('tedious');
          const TYPES = ['a', 'b'];
          exports.handler = async (event, connection) => {
            const request = new Request("SELECT * FROM t WHERE a = '" + event.body + "'", () => {});
            connection.execSql(request);
          };
        `,
      },
      `"SELECT * FROM t WHERE a = '" + event.body + "'"`,
    );
    checkNoSuggestion(
      sqlRule,
      {
        'src/c.js': js`
          const { Request, TYPES } = require('tedious');
          exports.handler = async (event, connection) => {
            const request = new Request('SELECT * FROM ' + event.body, () => {});
            connection.execSql(request);
          };
        `,
      },
      `'SELECT * FROM ' + event.body`,
    );
  });
});

describe('fixes/sql-drivers: Athena', () => {
  it('writes string parameters as quoted SQL literals and numbers through Number', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/logs.mjs': js`
          import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
          const athena = new AthenaClient({});
          export const handler = async (event) => {
            const q = event.queryStringParameters;
            await athena.send(new StartQueryExecutionCommand({
              QueryString: \`SELECT * FROM logs WHERE path LIKE '%\${q.path}%' AND status = \${q.status}\`,
              WorkGroup: 'primary',
            }));
          };
        `,
      },
      "`SELECT * FROM logs WHERE path LIKE '%${q.path}%' AND status = ${q.status}`",
      PREPARED(2),
      {
        'src/logs.mjs': `
          import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
          const athena = new AthenaClient({});
          export const handler = async (event) => {
            const q = event.queryStringParameters;
            await athena.send(new StartQueryExecutionCommand({
              QueryString: \`SELECT * FROM logs WHERE path LIKE ? AND status = ?\`,
              ExecutionParameters: ["'" + \`%\${q.path}%\`.replace(/'/g, "''") + "'", String(Number(q.status))],
              WorkGroup: 'primary',
            }));
          };
        `,
      },
    );
  });

  it('rewrites a concatenation built in a const and passed on one line (SDK v2), keeping the table from the settings', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/report.js': js`
          const AWS = require('aws-sdk');
          const athena = new AWS.Athena();
          const table = process.env.TABLE;
          exports.handler = async (event) => {
            const { user } = JSON.parse(event.body);
            const query = 'SELECT * FROM "' + table + '" WHERE user_name = \\'' + user + "'";
            return athena.startQueryExecution({ QueryString: query, WorkGroup: 'primary' }).promise();
          };
        `,
      },
      'query',
      PREPARED(1),
      {
        'src/report.js': `
          const AWS = require('aws-sdk');
          const athena = new AWS.Athena();
          const table = process.env.TABLE;
          exports.handler = async (event) => {
            const { user } = JSON.parse(event.body);
            const query = \`SELECT * FROM "\${table}" WHERE user_name = ?\`;
            return athena.startQueryExecution({ QueryString: query, ExecutionParameters: ["'" + String(user).replace(/'/g, "''") + "'"], WorkGroup: 'primary' }).promise();
          };
        `,
      },
    );
  });

  it('offers nothing for a value outside WHERE (Athena takes ? only there) or existing parameters', () => {
    checkNoSuggestion(
      sqlRule,
      {
        'src/a.mjs': js`
          import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
          const athena = new AthenaClient({});
          export const handler = async (event) => {
            await athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT * FROM logs LIMIT ' + event.body }));
          };
        `,
      },
      `'SELECT * FROM logs LIMIT ' + event.body`,
    );
    checkNoSuggestion(
      sqlRule,
      {
        'src/b.mjs': js`
          import { AthenaClient, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
          const athena = new AthenaClient({});
          export const handler = async (event) => {
            await athena.send(new StartQueryExecutionCommand({ QueryString: "SELECT * FROM logs WHERE a = '" + event.body + "' AND b = ?", ExecutionParameters: ['1'] }));
          };
        `,
      },
      `"SELECT * FROM logs WHERE a = '" + event.body + "' AND b = ?"`,
    );
  });
});

describe('fixes/sql-drivers: DynamoDB PartiQL', () => {
  it('client API: AttributeValues, a table name from the settings kept in the text', () => {
    checkSuggestion(
      nosqlRule,
      {
        'src/get-item.ts': js`
          import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
          const client = new DynamoDBClient({});
          const tableName = process.env.TABLE_NAME ?? 'items';
          export const handler = async (event: { pathParameters: Record<string, string> }) => {
            const { id, version } = event.pathParameters;
            return client.send(
              new ExecuteStatementCommand({
                Statement: "SELECT * FROM \\"" + tableName + "\\" WHERE id = '" + id + "' AND version >= " + version,
              }),
            );
          };
        `,
      },
      `"SELECT * FROM \\"" + tableName + "\\" WHERE id = '" + id + "' AND version >= " + version`,
      PARTIQL(2),
      {
        'src/get-item.ts': `
          import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
          const client = new DynamoDBClient({});
          const tableName = process.env.TABLE_NAME ?? 'items';
          export const handler = async (event: { pathParameters: Record<string, string> }) => {
            const { id, version } = event.pathParameters;
            return client.send(
              new ExecuteStatementCommand({
                Statement: \`SELECT * FROM "\${tableName}" WHERE id = ? AND version >= ?\`,
                Parameters: [{ S: id }, { N: String(version) }],
              }),
            );
          };
        `,
      },
    );
  });

  it('document client: plain values, numbers through Number, a statement built in a const', () => {
    checkSuggestion(
      nosqlRule,
      {
        'src/list.js': js`
          const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
          const { DynamoDBDocumentClient, ExecuteStatementCommand } = require('@aws-sdk/lib-dynamodb');
          const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
          exports.handler = async (event) => {
            const owner = event.queryStringParameters.owner;
            const min = event.queryStringParameters.min;
            const statement = \`SELECT * FROM orders WHERE owner = '\${owner}' AND total > \${min}\`;
            return documents.send(new ExecuteStatementCommand({ Statement: statement }));
          };
        `,
      },
      'statement',
      PARTIQL(2),
      {
        'src/list.js': `
          const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
          const { DynamoDBDocumentClient, ExecuteStatementCommand } = require('@aws-sdk/lib-dynamodb');
          const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
          exports.handler = async (event) => {
            const owner = event.queryStringParameters.owner;
            const min = event.queryStringParameters.min;
            const statement = \`SELECT * FROM orders WHERE owner = ? AND total > ?\`;
            return documents.send(new ExecuteStatementCommand({ Statement: statement, Parameters: [owner, Number(min)] }));
          };
        `,
      },
    );
  });

  it('a statement of a batch gets its own Parameters', () => {
    checkSuggestion(
      nosqlRule,
      {
        'src/batch.js': js`
          const { DynamoDBClient, BatchExecuteStatementCommand } = require('@aws-sdk/client-dynamodb');
          const client = new DynamoDBClient({});
          exports.handler = async (event) => {
            const id = event.pathParameters.id;
            return client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: "DELETE FROM carts WHERE id = '" + id + "'" }] }));
          };
        `,
      },
      `"DELETE FROM carts WHERE id = '" + id + "'"`,
      PARTIQL(1),
      {
        'src/batch.js': `
          const { DynamoDBClient, BatchExecuteStatementCommand } = require('@aws-sdk/client-dynamodb');
          const client = new DynamoDBClient({});
          exports.handler = async (event) => {
            const id = event.pathParameters.id;
            return client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: "DELETE FROM carts WHERE id = ?", Parameters: [{ S: id }] }] }));
          };
        `,
      },
    );
  });

  it('offers nothing when Parameters exist or the table name comes from the event', () => {
    checkNoSuggestion(
      nosqlRule,
      {
        'src/a.js': js`
          const { DynamoDBClient, ExecuteStatementCommand } = require('@aws-sdk/client-dynamodb');
          const client = new DynamoDBClient({});
          exports.handler = async (event) => client.send(new ExecuteStatementCommand({ Statement: "SELECT * FROM t WHERE a = '" + event.body + "' AND b = ?", Parameters: [{ S: 'x' }] }));
        `,
      },
      `"SELECT * FROM t WHERE a = '" + event.body + "' AND b = ?"`,
    );
    checkNoSuggestion(
      nosqlRule,
      {
        'src/b.js': js`
          const { DynamoDBClient, ExecuteStatementCommand } = require('@aws-sdk/client-dynamodb');
          const client = new DynamoDBClient({});
          exports.handler = async (event) => client.send(new ExecuteStatementCommand({ Statement: \`SELECT * FROM "\${event.pathParameters.table}" WHERE a = 1\` }));
        `,
      },
      '`SELECT * FROM "${event.pathParameters.table}" WHERE a = 1`',
    );
  });
});

describe('fixes/sql-drivers: RDS Data API', () => {
  it('rewrites SQL built in a const, adding parameters on a line of their own', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/notes.ts': js`
          import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
          const rds = new RDSDataClient({});
          export const handler = async (event: { body: string }) => {
            const { author, tag } = JSON.parse(event.body) as { author: string; tag: string };
            const sql = "SELECT * FROM notes WHERE author = '" + author + "' AND tag LIKE '" + tag + "%'";
            return rds.send(
              new ExecuteStatementCommand({
                resourceArn: process.env.CLUSTER_ARN,
                secretArn: process.env.SECRET_ARN,
                sql,
              }),
            );
          };
        `,
      },
      'sql',
      PREPARED(2),
      {
        'src/notes.ts': `
          import { RDSDataClient, ExecuteStatementCommand } from '@aws-sdk/client-rds-data';
          const rds = new RDSDataClient({});
          export const handler = async (event: { body: string }) => {
            const { author, tag } = JSON.parse(event.body) as { author: string; tag: string };
            const sql = "SELECT * FROM notes WHERE author = :p1 AND tag LIKE :p2";
            return rds.send(
              new ExecuteStatementCommand({
                resourceArn: process.env.CLUSTER_ARN,
                secretArn: process.env.SECRET_ARN,
                sql,
                parameters: [{ name: 'p1', value: { stringValue: author } }, { name: 'p2', value: { stringValue: \`\${tag}%\` } }],
              }),
            );
          };
        `,
      },
    );
  });
});

describe('fixes/sql-drivers: Redshift Data API', () => {
  it('names parameters :p1… with string values', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/sales.js': js`
          const { RedshiftDataClient, ExecuteStatementCommand } = require('@aws-sdk/client-redshift-data');
          const client = new RedshiftDataClient({});
          exports.handler = async (event) => {
            const { region, year } = JSON.parse(event.body);
            return client.send(new ExecuteStatementCommand({ WorkgroupName: 'wg', Database: 'dev', Sql: "SELECT * FROM sales WHERE region = '" + region + "' AND year = " + year }));
          };
        `,
      },
      `"SELECT * FROM sales WHERE region = '" + region + "' AND year = " + year`,
      PREPARED(2),
      {
        'src/sales.js': `
          const { RedshiftDataClient, ExecuteStatementCommand } = require('@aws-sdk/client-redshift-data');
          const client = new RedshiftDataClient({});
          exports.handler = async (event) => {
            const { region, year } = JSON.parse(event.body);
            return client.send(new ExecuteStatementCommand({ WorkgroupName: 'wg', Database: 'dev', Sql: "SELECT * FROM sales WHERE region = :p1 AND year = :p2", Parameters: [{ name: 'p1', value: region }, { name: 'p2', value: String(year) }] }));
          };
        `,
      },
    );
  });

  it('rewrites a template built in a const and passed to SDK v2 on its own lines', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/events.js': js`
          const AWS = require('aws-sdk');
          const redshift = new AWS.RedshiftData();
          exports.handler = async (event) => {
            const kind = event.detail.kind;
            const sql = \`DELETE FROM events WHERE kind LIKE '\${kind}-%'\`;
            return redshift
              .executeStatement({
                ClusterIdentifier: 'main',
                Sql: sql,
              })
              .promise();
          };
        `,
      },
      'sql',
      PREPARED(1),
      {
        'src/events.js': `
          const AWS = require('aws-sdk');
          const redshift = new AWS.RedshiftData();
          exports.handler = async (event) => {
            const kind = event.detail.kind;
            const sql = \`DELETE FROM events WHERE kind LIKE :p1\`;
            return redshift
              .executeStatement({
                ClusterIdentifier: 'main',
                Sql: sql,
                Parameters: [{ name: 'p1', value: \`\${kind}-%\` }],
              })
              .promise();
          };
        `,
      },
    );
  });

  it('offers nothing for a cast (`::`) in the text', () => {
    checkNoSuggestion(
      sqlRule,
      {
        'src/a.js': js`
          const { RedshiftDataClient, ExecuteStatementCommand } = require('@aws-sdk/client-redshift-data');
          const client = new RedshiftDataClient({});
          exports.handler = async (event) => client.send(new ExecuteStatementCommand({ Sql: "SELECT day::date FROM t WHERE a = '" + event.body + "'" }));
        `,
      },
      `"SELECT day::date FROM t WHERE a = '" + event.body + "'"`,
    );
  });
});

describe('fixes/sql-drivers: TypeORM', () => {
  it('query() with a postgres data source in the file gets $1 placeholders', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/users.ts': js`
          import { DataSource } from 'typeorm';
          const db = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
          export const handler = async (event: { queryStringParameters: Record<string, string> }) => {
            const { name } = event.queryStringParameters;
            return db.query(\`SELECT * FROM users WHERE name = '\${name}'\`);
          };
        `,
      },
      "`SELECT * FROM users WHERE name = '${name}'`",
      PREPARED(1),
      {
        'src/users.ts': `
          import { DataSource } from 'typeorm';
          const db = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
          export const handler = async (event: { queryStringParameters: Record<string, string> }) => {
            const { name } = event.queryStringParameters;
            return db.query(\`SELECT * FROM users WHERE name = $1\`, [name]);
          };
        `,
      },
    );
  });

  it('query() with a mysql data source gets ? and LIMIT through Number', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/items.js': js`
          const { DataSource } = require('typeorm');
          const db = new DataSource({ type: 'mysql' });
          exports.handler = async (event) => db.query("SELECT * FROM items WHERE kind = '" + event.pathParameters.kind + "' LIMIT " + event.queryStringParameters.n);
        `,
      },
      `"SELECT * FROM items WHERE kind = '" + event.pathParameters.kind + "' LIMIT " + event.queryStringParameters.n`,
      PREPARED(2),
      {
        'src/items.js': `
          const { DataSource } = require('typeorm');
          const db = new DataSource({ type: 'mysql' });
          exports.handler = async (event) => db.query("SELECT * FROM items WHERE kind = ? LIMIT ?", [event.pathParameters.kind, Number(event.queryStringParameters.n)]);
        `,
      },
    );
  });

  it('query() offers nothing when the driver is not known in the file', () => {
    checkNoSuggestion(
      sqlRule,
      {
        'src/a.js': js`
          const { getManager } = require('typeorm');
          exports.handler = async (event) => getManager().query("SELECT * FROM t WHERE a = '" + event.body + "'");
        `,
      },
      `"SELECT * FROM t WHERE a = '" + event.body + "'"`,
    );
  });

  it('a string where() gets :p names after those already in the file, and a parameters object', () => {
    checkSuggestion(
      sqlRule,
      {
        'src/search.ts': js`
          import { DataSource } from 'typeorm';
          const db = new DataSource({ type: 'postgres' });
          export const handler = async (event: { queryStringParameters: Record<string, string> }) => {
            const q = event.queryStringParameters;
            return db
              .createQueryBuilder('user')
              .where('user.active = :p1', { p1: true })
              .andWhere("user.name LIKE '" + q.name + "%' AND user.age >= " + q.age)
              .getMany();
          };
        `,
      },
      `"user.name LIKE '" + q.name + "%' AND user.age >= " + q.age`,
      PREPARED(2),
      {
        'src/search.ts': `
          import { DataSource } from 'typeorm';
          const db = new DataSource({ type: 'postgres' });
          export const handler = async (event: { queryStringParameters: Record<string, string> }) => {
            const q = event.queryStringParameters;
            return db
              .createQueryBuilder('user')
              .where('user.active = :p1', { p1: true })
              .andWhere("user.name LIKE :p2 AND user.age >= :p3", { p2: \`\${q.name}%\`, p3: q.age })
              .getMany();
          };
        `,
      },
    );
  });
});
