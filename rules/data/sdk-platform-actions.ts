/**
 * Actions a function's role needs for the platform, not for the handler's own SDK calls: Lambda
 * writes the function's logs, reads its triggers (SQS, streams), sends to its dead-letter queue
 * and destinations, manages VPC interfaces and traces with the role's credentials. The handler
 * code never calls these, so `iam/unused-permission` never reports them (a missed finding rather
 * than a suggestion that would break logging or a trigger), and `iam/missing-permission` does not
 * ask for them.
 */
/** Needed by every function: its logs, traces and VPC interfaces. */
export const PLATFORM_ACTIONS: readonly string[] = [
  'logs:CreateLogGroup',
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
  // Encrypted environment variables and encrypted queues/streams are decrypted with the role.
  'kms:Decrypt',
];

/** Needed when the function has a trigger of the kind: event type (lower case, as written) → actions. */
export const TRIGGER_ACTIONS: readonly [pattern: RegExp, actions: readonly string[]][] = [
  [/^sqs$/i, ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ChangeMessageVisibility']],
  [/^(stream|dynamodb)$/i, ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']],
  [/^(stream|kinesis)$/i, ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards', 'kinesis:ListStreams', 'kinesis:SubscribeToShard']],
  [/^(msk|kafka|selfmanagedkafka)$/i, ['kafka:DescribeCluster', 'kafka:GetBootstrapBrokers', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups']],
  [/^(activemq|rabbitmq|mq)$/i, ['mq:DescribeBroker', 'secretsmanager:GetSecretValue']],
];

/**
 * Keys of a function's definition that make Lambda send failed events somewhere with the role
 * (dead-letter queues, destinations); with one, these actions may be the platform's.
 */
export const DESTINATION_KEYS: ReadonlySet<string> = new Set(['DeadLetterQueue', 'DeadLetterConfig', 'EventInvokeConfig', 'destinations', 'onError', 'DestinationConfig', 'Destinations']);

export const DESTINATION_ACTIONS: readonly string[] = ['sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction', 'events:PutEvents'];

/** AWS managed policies for the platform's own needs: attaching one does not hide what the code needs. */
export const PLATFORM_MANAGED_POLICIES: ReadonlySet<string> = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSLambdaSQSQueueExecutionRole',
  'AWSLambdaDynamoDBExecutionRole',
  'AWSLambdaKinesisExecutionRole',
  'AWSXRayDaemonWriteAccess',
  'AWSXrayWriteOnlyAccess',
]);
