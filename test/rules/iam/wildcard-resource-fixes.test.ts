/**
 * Golden tests for the least-privilege suggestion of `iam/wildcard-resource` (issue 6 §2): exact output text;
 * the tester also checks that the output parses, the finding is gone and no new one appears.
 */
import rule from '../../../rules/checks/iam/wildcard-resource';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [],
  invalid: [
    {
      name: "serverless: per-function iamRoleStatements, flow action list, literal bucket from the environment",
      files: {
        'serverless.yml': `service: reader
provider:
  name: aws
  runtime: nodejs20.x
functions:
  read:
    handler: src/read.handler
    environment:
      BUCKET: reports-archive
    iamRoleStatements:
      - Effect: Allow
        Action: [s3:GetObject, s3:ListBucket]
        Resource: '*'
`,
        'src/read.js': `const { S3 } = require('@aws-sdk/client-s3');
const s3 = new S3({});
exports.handler = async (event) => {
  const head = await s3.headObject({ Bucket: process.env.BUCKET, Key: event.key });
  return s3.getObject({ Bucket: process.env.BUCKET, Key: event.key });
};
`,
      },
      errors: [
        { messageId: 'wildcardResource', data: {"actions":"s3:GetObject and s3:ListBucket"}, file: 'serverless.yml', line: 13, column: 19, endLine: 13, endColumn: 22, suggestions: [{ messageId: 'narrow', output: { 'serverless.yml': `service: reader
provider:
  name: aws
  runtime: nodejs20.x
functions:
  read:
    handler: src/read.handler
    environment:
      BUCKET: reports-archive
    iamRoleStatements:
      - Effect: Allow
        Action: [s3:GetObject]
        Resource: arn:aws:s3:::reports-archive/*
` } }] },
      ],
      output: null,
    },
  ],
});
