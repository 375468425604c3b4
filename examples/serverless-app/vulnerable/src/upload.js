'use strict';
// POST /invoices: stores an uploaded invoice scan in S3 and records it in DynamoDB.
const { randomUUID } = require('node:crypto');
const { S3Client, PutObjectCommand } = require('@aws-sdk/client-s3');
const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');
const { DynamoDBDocumentClient, PutCommand } = require('@aws-sdk/lib-dynamodb');

// FLAW: a long-lived access key pasted in while testing on a laptop. Anyone who can read the
// repository or download the deployment package can use it, and it never expires. The
// function's own role already grants S3 access, so the key is not even needed.
const s3 = new S3Client({
  credentials: {
    accessKeyId: 'AKIA2E0A8F3B244C9986',
    secretAccessKey: '8EUIEtIo7Qg5bz5bmNIhxwyzzXE1bQIp4labMSWx',
  },
});
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
