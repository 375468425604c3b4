/**
 * Golden tests for the least-privilege suggestion of `iam/partial-wildcard-action` (issue 6 §2): exact output text;
 * the tester also checks that the output parses, the finding is gone and no new one appears.
 */
import rule from '../../../rules/checks/iam/partial-wildcard-action';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [],
  invalid: [
    {
      name: "SAM: s3:Get* narrowed to the one action HeadObject and GetObject need",
      files: {
        'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  ReadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/read.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          BUCKET: !Ref Reports
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - s3:Get*
              Resource: !Sub arn:aws:s3:::\${Reports}/*
  Reports:
    Type: AWS::S3::Bucket
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
        { messageId: 'partialWildcard', data: {"action":"s3:Get*","count":"63 actions","levels":"all Read"}, file: 'template.yaml', line: 15, column: 19, endLine: 15, endColumn: 26, suggestions: [{ messageId: 'narrow', output: { 'template.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  ReadFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: src/read.handler
      Runtime: nodejs20.x
      Environment:
        Variables:
          BUCKET: !Ref Reports
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - s3:GetObject
              Resource: !Sub arn:aws:s3:::\${Reports}/*
  Reports:
    Type: AWS::S3::Bucket
` } }] },
      ],
      output: null,
    },
  ],
});
