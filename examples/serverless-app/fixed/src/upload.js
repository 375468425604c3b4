'use strict';
// POST /invoices: stores an uploaded invoice scan in S3 and records it in DynamoDB.
const { randomUUID } = require('node:crypto');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');

// No credentials in code: the SDK picks up the function role's short-lived credentials.
const s3 = new S3Client({});
const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));

exports.handler = async (event) => {
  const body = JSON.parse(event.body ?? '{}');
  const id = randomUUID();
  const key = `invoices/${id}.png`;

  await s3.send(new PutObjectCommand({
    Bucket: process.env.UPLOAD_BUCKET,
    Key: key,
    Body: Buffer.from(body.content, 'base64'),
    ContentType: 'image/png',
  }));
  await documents.send(new PutCommand({
    TableName: process.env.INVOICES_TABLE,
    Item: { id, key, customer: body.customer, uploadedAt: new Date().toISOString() },
  }));

  return { statusCode: 201, body: JSON.stringify({ id, file: `${id}.png` }) };
};
