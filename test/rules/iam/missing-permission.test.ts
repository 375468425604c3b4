import rule from '../../../rules/checks/iam/missing-permission';
import { js, testRule, yaml } from '../../helpers/rule-tester';

const getObject = js`
  import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
  const s3 = new S3Client({});
  export const handler = async (event) => s3.send(new GetObjectCommand({ Bucket: 'photos', Key: event.key }));
`;

function sam(policies: string): string {
  return yaml`
    Transform: AWS::Serverless-2016-10-31
    Resources:
      Fn:
        Type: AWS::Serverless::Function
        Properties:
          Handler: index.handler
          Runtime: nodejs20.x
          Policies:
    ` + policies;
}

testRule(rule, {
  valid: [
    {
      name: 'the call is granted, through a wildcard',
      files: { 'template.yaml': sam('        - Statement:\n            - Effect: Allow\n              Action: s3:Get*\n              Resource: arn:aws:s3:::photos/*\n'), 'index.js': getObject },
    },
    {
      name: 'the call is granted by a SAM policy template',
      files: { 'template.yaml': sam('        - S3ReadPolicy:\n            BucketName: photos\n'), 'index.js': getObject },
    },
    {
      name: 'quiet when a call cannot be resolved',
      files: {
        'template.yaml': sam('        - Statement:\n            - Effect: Allow\n              Action: sqs:SendMessage\n              Resource: "*"\n'),
        'index.js': js`
          import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
          const s3 = new S3Client({});
          export const read = () => s3.send(new GetObjectCommand({ Bucket: 'photos', Key: 'k' }));
          export const handler = (command) => s3.send(command);
        `,
      },
    },
    {
      name: 'quiet when a managed policy we cannot read is attached',
      files: { 'template.yaml': sam('        - AmazonS3ReadOnlyAccess\n'), 'index.js': getObject },
    },
    {
      name: 'quiet when the role is not defined in the project',
      files: {
        'template.yaml': yaml`
          Resources:
            Fn:
              Type: AWS::Lambda::Function
              Properties:
                Handler: index.handler
                Runtime: nodejs20.x
                Code: .
                Role: arn:aws:iam::123456789012:role/shared
        `,
        'index.js': getObject,
      },
    },
  ],
  invalid: [
    {
      name: "serverless: per-function statements, the table from a Ref",
      files: {
        'serverless.yml': `service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  save:
    handler: src/save.handler
    environment:
      BUCKET: orders-inbox
      TABLE:
        Ref: Orders
    iamRoleStatements:
      - Effect: Allow
        Action:
          - s3:GetObject
        Resource: arn:aws:s3:::orders-inbox/*
resources:
  Resources:
    Orders:
      Type: AWS::DynamoDB::Table
`,
        'src/save.js': `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
const s3 = new S3Client({});
const db = new DynamoDBClient({});
export const handler = async (event) => {
  await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }));
  await db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));
};
`,
      },
      errors: [
        { messageId: 'missing', data: {"function":"save","actions":"dynamodb:PutItem"}, file: 'serverless.yml', line: 6, column: 3, endLine: 6, endColumn: 7, suggestions: [{ messageId: 'grant', output: { 'serverless.yml': `service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  save:
    handler: src/save.handler
    environment:
      BUCKET: orders-inbox
      TABLE:
        Ref: Orders
    iamRoleStatements:
      - Effect: Allow
        Action:
          - s3:GetObject
        Resource: arn:aws:s3:::orders-inbox/*
      - Effect: Allow
        Action: dynamodb:PutItem
        Resource:
          - Fn::Join: ['', ['arn:aws:dynamodb:\${aws:region}:\${aws:accountId}:table/', { Ref: Orders }]]
resources:
  Resources:
    Orders:
      Type: AWS::DynamoDB::Table
` } }] },
      ],
      output: null,
    },
    {
      name: "CloudFormation JSON: role policy",
      files: {
        'template.json': `{
  "Resources": {
    "SaveFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/save.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": {
          "Fn::GetAtt": [
            "SaveRole",
            "Arn"
          ]
        },
        "Environment": {
          "Variables": {
            "BUCKET": "orders-inbox",
            "TABLE": {
              "Ref": "Orders"
            }
          }
        }
      }
    },
    "SaveRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [
          {
            "PolicyName": "app",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "s3:GetObject"
                  ],
                  "Resource": "arn:aws:s3:::orders-inbox/*"
                }
              ]
            }
          }
        ]
      }
    },
    "Orders": {
      "Type": "AWS::DynamoDB::Table"
    }
  }
}
`,
        'src/save.js': `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
const s3 = new S3Client({});
const db = new DynamoDBClient({});
export const handler = async (event) => {
  await s3.send(new GetObjectCommand({ Bucket: process.env.BUCKET, Key: event.key }));
  await db.send(new PutItemCommand({ TableName: process.env.TABLE, Item: {} }));
};
`,
      },
      errors: [
        { messageId: 'missing', data: {"function":"SaveFunction","actions":"dynamodb:PutItem"}, file: 'template.json', line: 3, column: 5, endLine: 3, endColumn: 19, suggestions: [{ messageId: 'grant', output: { 'template.json': `{
  "Resources": {
    "SaveFunction": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "src/save.handler",
        "Runtime": "nodejs20.x",
        "Code": ".",
        "Role": {
          "Fn::GetAtt": [
            "SaveRole",
            "Arn"
          ]
        },
        "Environment": {
          "Variables": {
            "BUCKET": "orders-inbox",
            "TABLE": {
              "Ref": "Orders"
            }
          }
        }
      }
    },
    "SaveRole": {
      "Type": "AWS::IAM::Role",
      "Properties": {
        "Policies": [
          {
            "PolicyName": "app",
            "PolicyDocument": {
              "Version": "2012-10-17",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "s3:GetObject"
                  ],
                  "Resource": "arn:aws:s3:::orders-inbox/*"
                },
                {
                  "Effect": "Allow",
                  "Action": "dynamodb:PutItem",
                  "Resource": { "Fn::Sub": "arn:aws:dynamodb:\${AWS::Region}:\${AWS::AccountId}:table/\${Orders}" }
                }
              ]
            }
          }
        ]
      }
    },
    "Orders": {
      "Type": "AWS::DynamoDB::Table"
    }
  }
}
` } }] },
      ],
      output: null,
    },
  ],
});
