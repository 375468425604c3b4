import assert from 'node:assert/strict';
import { partiqlVerb } from '../../../rules/analysis/sdk/operations';
import { actionsOf, sdkUsage } from '../../../rules/analysis/sdk/usage';
import { Project } from '../../../rules/engine/project';
import { dedent as code } from '../../helpers/rule-tester';

const ALL = ['dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLUpdate'];

/** The actions of each SDK call of a handler whose body is `body`, after the v3 client imports. */
function actionsPerCall(body: string): string[][] {
  const source = code`
    import { DynamoDBClient, ExecuteStatementCommand, BatchExecuteStatementCommand, ExecuteTransactionCommand } from '@aws-sdk/client-dynamodb';
    const client = new DynamoDBClient({});
    const table = process.env.TABLE_NAME;
  `;
  const project = new Project([['src/handler.js', `${source}\n${body}\n`]]);
  return sdkUsage((path) => project.sourceFile(path), 'src/handler.js').calls.map((call) => call.actions);
}

describe('PartiQL statements decide their IAM actions', () => {
  it('maps a string literal to the action of its verb, whatever the case', () => {
    assert.deepEqual(
      actionsPerCall(code`
        export const handler = async () => {
          await client.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "t" WHERE id = ?' }));
          await client.send(new ExecuteStatementCommand({ Statement: 'insert into "t" value ?' }));
          await client.send(new ExecuteStatementCommand({ Statement: '  Update "t" SET a = 1 WHERE id = ?' }));
          await client.send(new ExecuteStatementCommand({ Statement: 'DELETE FROM "t" WHERE id = ?' }));
        };
      `),
      [['dynamodb:PartiQLSelect'], ['dynamodb:PartiQLInsert'], ['dynamodb:PartiQLUpdate'], ['dynamodb:PartiQLDelete']],
    );
  });

  it('reads the fixed start of a template literal or a concatenation', () => {
    assert.deepEqual(
      actionsPerCall(code`
        export const handler = async (event) => {
          await client.send(new ExecuteStatementCommand({ Statement: \`SELECT * FROM "\${table}" WHERE id = '\${event.id}'\` }));
          await client.send(new ExecuteStatementCommand({ Statement: 'DELETE FROM "' + table + '" WHERE id = ?' }));
          await client.send(new ExecuteStatementCommand({ Statement: 'UPD' + 'ATE "' + table + '" SET a = 1' }));
        };
      `),
      [['dynamodb:PartiQLSelect'], ['dynamodb:PartiQLDelete'], ['dynamodb:PartiQLUpdate']],
    );
  });

  it('follows a const holding the statement or the whole input', () => {
    assert.deepEqual(
      actionsPerCall(code`
        const byId = \`SELECT * FROM "\${table}" WHERE id = ?\`;
        const prefix = 'INSERT INTO "';
        const input = { Statement: prefix + table + '" VALUE {\\'id\\': ?}' };
        export const handler = async () => {
          await client.send(new ExecuteStatementCommand({ Statement: byId }));
          await client.send(new ExecuteStatementCommand(input));
        };
      `),
      [['dynamodb:PartiQLSelect'], ['dynamodb:PartiQLInsert']],
    );
  });

  it('does not follow a const changed in place', () => {
    assert.deepEqual(
      actionsPerCall(code`
        const input = { Statement: 'SELECT * FROM "t" WHERE id = ?' };
        const batch = [{ Statement: 'SELECT * FROM "t" WHERE id = ?' }];
        const transaction = { TransactStatements: [{ Statement: 'UPDATE "t" SET a = 1 WHERE id = ?' }] };
        export const handler = async (event) => {
          if (event.remove) input.Statement = 'DELETE FROM "t" WHERE id = ?';
          batch.push({ Statement: 'DELETE FROM "t" WHERE id = ?' });
          Object.assign(transaction, event.more);
          await client.send(new ExecuteStatementCommand(input));
          await client.send(new BatchExecuteStatementCommand({ Statements: batch }));
          await client.send(new ExecuteTransactionCommand(transaction));
        };
      `),
      [ALL, ALL, ALL],
    );
  });

  it('keeps all four actions when the verb is not known before run time', () => {
    assert.deepEqual(
      actionsPerCall(code`
        let statement = 'SELECT * FROM "t"';
        export const handler = async (event) => {
          if (event.remove) statement = 'DELETE FROM "t" WHERE id = ?';
          await client.send(new ExecuteStatementCommand({ Statement: statement }));
          await client.send(new ExecuteStatementCommand({ Statement: event.statement }));
          await client.send(new ExecuteStatementCommand({ Statement: \`\${event.verb} * FROM "t"\` }));
          await client.send(new ExecuteStatementCommand({ Statement: 'SEL' + event.rest }));
          await client.send(new ExecuteStatementCommand(event.input));
          await client.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM "t"', ...event.overrides }));
        };
      `),
      [ALL, ALL, ALL, ALL, ALL, ALL],
    );
  });

  it('takes the union over the statements of a batch or a transaction, EXISTS as a read', () => {
    assert.deepEqual(
      actionsPerCall(code`
        const statements = [{ Statement: 'SELECT * FROM "t" WHERE id = ?' }, { Statement: 'SELECT * FROM "u" WHERE id = ?' }];
        export const handler = async (event) => {
          await client.send(new BatchExecuteStatementCommand({ Statements: statements }));
          await client.send(new ExecuteTransactionCommand({
            TransactStatements: [
              { Statement: 'EXISTS(SELECT * FROM "t" WHERE id = ? AND stock > 0)' },
              { Statement: \`UPDATE "\${table}" SET stock = stock - 1 WHERE id = ?\` },
              { Statement: 'INSERT INTO "orders" VALUE {\\'id\\': ?}' },
            ],
          }));
          await client.send(new BatchExecuteStatementCommand({ Statements: [{ Statement: 'DELETE FROM "t" WHERE id = ?' }, ...event.more] }));
          await client.send(new ExecuteTransactionCommand({ TransactStatements: event.items.map((id) => ({ Statement: 'DELETE FROM "t"' })) }));
        };
      `),
      [['dynamodb:PartiQLSelect'], ['dynamodb:PartiQLInsert', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLUpdate'], ALL, ALL],
    );
  });

  it('reads the document client (v3 and v2) and the v2 client the same way', () => {
    const project = new Project([
      [
        'src/handler.js',
        code`
          import { DynamoDBDocumentClient, ExecuteStatementCommand, DynamoDBDocument } from '@aws-sdk/lib-dynamodb';
          import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
          const AWS = require('aws-sdk');
          const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
          const agg = DynamoDBDocument.from(new DynamoDBClient({}));
          const v2 = new AWS.DynamoDB();
          const v2doc = new AWS.DynamoDB.DocumentClient();
          export const handler = async (event) => {
            await doc.send(new ExecuteStatementCommand({ Statement: 'DELETE FROM "t" WHERE id = ?' }));
            await agg.executeTransaction({ TransactStatements: [{ Statement: 'UPDATE "t" SET a = 1 WHERE id = ?' }] });
            await v2.executeStatement({ Statement: 'INSERT INTO "t" VALUE {\\'id\\': ?}' }).promise();
            await v2doc.batchExecuteStatement({ Statements: [{ Statement: \`SELECT * FROM "t" WHERE id = '\${event.id}'\` }] }).promise();
          };
        `,
      ],
    ]);
    const usage = sdkUsage((path) => project.sourceFile(path), 'src/handler.js');
    assert.deepEqual(
      usage.calls.map((call) => `${call.operation} ${call.actions.join(' ')}`),
      [
        'ExecuteStatement dynamodb:PartiQLDelete',
        'ExecuteTransaction dynamodb:PartiQLUpdate',
        'ExecuteStatement dynamodb:PartiQLInsert',
        'BatchExecuteStatement dynamodb:PartiQLSelect',
      ],
    );
    assert.deepEqual(actionsOf(usage.calls), ALL);
  });

  it('needs a whole word before the text is cut, and EXISTS only as a function', () => {
    assert.equal(partiqlVerb('SELECT', false), undefined);
    assert.equal(partiqlVerb('SELECT ', false), 'SELECT');
    assert.equal(partiqlVerb('SELECT', true), 'SELECT');
    assert.equal(partiqlVerb('exists (SELECT * FROM "t")'), 'EXISTS');
    assert.equal(partiqlVerb('EXISTS ', false), undefined);
    assert.equal(partiqlVerb('EXISTS_TABLE'), undefined);
    assert.equal(partiqlVerb('UPSERT INTO "t"'), undefined);
  });
});
