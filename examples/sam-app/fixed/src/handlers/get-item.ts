// GET /items/{id}: returns one catalogue item.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const tableName = process.env.TABLE_NAME ?? 'items';

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const id = event.pathParameters?.id;
  if (!id) {
    return { statusCode: 400, body: JSON.stringify({ message: 'Missing item id' }) };
  }

  // A key lookup: the id is a value, never part of a statement, so it cannot widen the query.
  const result = await documents.send(new GetCommand({ TableName: tableName, Key: { id } }));

  if (result.Item === undefined) {
    return { statusCode: 404, body: JSON.stringify({ message: 'Item not found' }) };
  }
  return { statusCode: 200, body: JSON.stringify(result.Item) };
};
