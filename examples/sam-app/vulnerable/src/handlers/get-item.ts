// GET /items/{id}: returns one catalogue item.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DynamoDBClient, ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

const client = new DynamoDBClient({});
const tableName = process.env.TABLE_NAME ?? 'items';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const id = event.pathParameters?.id;
  if (!id) {
    return { statusCode: 400, body: JSON.stringify({ message: 'Missing item id' }) };
  }

  // FLAW: the path parameter is pasted into the PartiQL statement. An id of `x' OR id <> '`
  // turns the lookup into a full-table scan that returns every item.
  const result = await client.send(
    new ExecuteStatementCommand({
      Statement: "SELECT * FROM \"" + tableName + "\" WHERE id = '" + id + "'",
    }),
  );

  const items = (result.Items ?? []).map((item) => unmarshall(item));
  if (items.length === 0) {
    return { statusCode: 404, body: JSON.stringify({ message: 'Item not found' }) };
  }
  return { statusCode: 200, body: JSON.stringify(items[0]) };
};
