/**
 * SAM policy templates: what each one grants, and how a use of one in a function's `Policies`
 * (`- S3ReadPolicy: {BucketName: !Ref Bucket}`) becomes PolicyStatements of the model.
 *
 * SAM expands these at deploy time from its own table; without this, a function whose rights
 * come only from templates would look as if it had none, and `BucketName: "*"` (every bucket in
 * the account) would go unseen. The table below restates, per template, the actions and the
 * resource ARNs that AWS SAM documents for it (samtranslator's policy_templates.json). Templates
 * whose statements carry a Condition (`AWSSecretsManagerRotationPolicy`, `EFSWriteAccessPolicy`)
 * are left out: without the condition they would read broader than they are. An unknown name
 * expands to nothing rather than to a guess.
 */
import type { FilePath, Range } from '../engine/types';
import { isMap, isScalar, stringValue, type DocNode, type MapEntry, type MapNode, type ScalarNode } from '../parse/document';
import type { PolicyDocument, PolicyOwner, PolicyStatement } from './types';

export interface SamTemplateStatement {
  readonly actions: readonly string[];
  /**
   * Resource ARNs as `Fn::Sub` strings: `${AWS::Partition}`, `${AWS::Region}` and
   * `${AWS::AccountId}` as CloudFormation resolves them, `${Parameter}` for a template
   * parameter (by the name users write), or `*`.
   */
  readonly resources: readonly string[];
}

export interface SamPolicyTemplate {
  /** The parameters the template takes, by the names users write under its key. */
  readonly parameters: readonly string[];
  readonly statements: readonly SamTemplateStatement[];
}

/** `arn:${AWS::Partition}:<service>:${AWS::Region}:${AWS::AccountId}:<resource>` */
function regional(service: string, resource: string): string {
  return 'arn:${AWS::Partition}:' + service + ':${AWS::Region}:${AWS::AccountId}:' + resource;
}

function bucketArns(): string[] {
  return ['arn:${AWS::Partition}:s3:::${BucketName}', 'arn:${AWS::Partition}:s3:::${BucketName}/*'];
}

function tableArns(): string[] {
  return [regional('dynamodb', 'table/${TableName}'), regional('dynamodb', 'table/${TableName}/index/*')];
}

const SSM_READ_ACTIONS = ['ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParametersByPath'];
const KINESIS_CRUD_ACTIONS = [
  'kinesis:AddTagsToStream',
  'kinesis:CreateStream',
  'kinesis:DecreaseStreamRetentionPeriod',
  'kinesis:DeleteStream',
  'kinesis:DescribeStream',
  'kinesis:DescribeStreamSummary',
  'kinesis:GetShardIterator',
  'kinesis:IncreaseStreamRetentionPeriod',
  'kinesis:ListTagsForStream',
  'kinesis:MergeShards',
  'kinesis:PutRecord',
  'kinesis:PutRecords',
  'kinesis:SplitShard',
  'kinesis:RemoveTagsFromStream',
];

/** By template name, as SAM spells it (case-sensitive, as SAM is). */
export const SAM_POLICY_TEMPLATES: ReadonlyMap<string, SamPolicyTemplate> = new Map<string, SamPolicyTemplate>([
  ['AMIDescribePolicy', { parameters: [], statements: [{ actions: ['ec2:DescribeImages'], resources: ['*'] }] }],
  [
    'AWSSecretsManagerGetSecretValuePolicy',
    { parameters: ['SecretArn'], statements: [{ actions: ['secretsmanager:GetSecretValue'], resources: ['${SecretArn}'] }] },
  ],
  [
    'CloudFormationDescribeStacksPolicy',
    { parameters: [], statements: [{ actions: ['cloudformation:DescribeStacks'], resources: [regional('cloudformation', 'stack/*')] }] },
  ],
  ['CloudWatchPutMetricPolicy', { parameters: [], statements: [{ actions: ['cloudwatch:PutMetricData'], resources: ['*'] }] }],
  [
    'ComprehendBasicAccessPolicy',
    {
      parameters: [],
      statements: [
        {
          actions: [
            'comprehend:BatchDetectKeyPhrases',
            'comprehend:DetectDominantLanguage',
            'comprehend:DetectEntities',
            'comprehend:BatchDetectEntities',
            'comprehend:DetectKeyPhrases',
            'comprehend:DetectSentiment',
            'comprehend:BatchDetectDominantLanguage',
            'comprehend:BatchDetectSentiment',
          ],
          resources: ['*'],
        },
      ],
    },
  ],
  [
    'DynamoDBCrudPolicy',
    {
      parameters: ['TableName'],
      statements: [
        {
          actions: [
            'dynamodb:GetItem',
            'dynamodb:DeleteItem',
            'dynamodb:PutItem',
            'dynamodb:Scan',
            'dynamodb:Query',
            'dynamodb:UpdateItem',
            'dynamodb:BatchWriteItem',
            'dynamodb:BatchGetItem',
            'dynamodb:DescribeTable',
            'dynamodb:ConditionCheckItem',
          ],
          resources: tableArns(),
        },
      ],
    },
  ],
  [
    'DynamoDBReadPolicy',
    {
      parameters: ['TableName'],
      statements: [
        {
          actions: ['dynamodb:GetItem', 'dynamodb:Scan', 'dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:DescribeTable'],
          resources: tableArns(),
        },
      ],
    },
  ],
  [
    'DynamoDBReconfigurePolicy',
    { parameters: ['TableName'], statements: [{ actions: ['dynamodb:UpdateTable'], resources: [regional('dynamodb', 'table/${TableName}')] }] },
  ],
  [
    'DynamoDBStreamReadPolicy',
    {
      parameters: ['TableName', 'StreamName'],
      statements: [
        {
          actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
          resources: [regional('dynamodb', 'table/${TableName}/stream/${StreamName}')],
        },
        { actions: ['dynamodb:ListStreams'], resources: [regional('dynamodb', 'table/${TableName}/stream/*')] },
      ],
    },
  ],
  [
    'DynamoDBWritePolicy',
    {
      parameters: ['TableName'],
      statements: [{ actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'], resources: tableArns() }],
    },
  ],
  ['EC2DescribePolicy', { parameters: [], statements: [{ actions: ['ec2:DescribeRegions', 'ec2:DescribeInstances'], resources: ['*'] }] }],
  [
    'EcsRunTaskPolicy',
    {
      parameters: ['TaskDefinition'],
      statements: [{ actions: ['ecs:RunTask'], resources: [regional('ecs', 'task-definition/${TaskDefinition}')] }],
    },
  ],
  [
    'ElasticsearchHttpPostPolicy',
    {
      parameters: ['DomainName'],
      statements: [{ actions: ['es:ESHttpPost', 'es:ESHttpPut'], resources: [regional('es', 'domain/${DomainName}/*')] }],
    },
  ],
  [
    'EventBridgePutEventsPolicy',
    {
      parameters: ['EventBusName'],
      statements: [{ actions: ['events:PutEvents'], resources: [regional('events', 'event-bus/${EventBusName}')] }],
    },
  ],
  [
    'FilterLogEventsPolicy',
    {
      parameters: ['LogGroupName'],
      statements: [{ actions: ['logs:FilterLogEvents'], resources: [regional('logs', 'log-group:${LogGroupName}:log-stream:*')] }],
    },
  ],
  [
    'FirehoseCrudPolicy',
    {
      parameters: ['DeliveryStreamName'],
      statements: [
        {
          actions: [
            'firehose:CreateDeliveryStream',
            'firehose:DeleteDeliveryStream',
            'firehose:DescribeDeliveryStream',
            'firehose:PutRecord',
            'firehose:PutRecordBatch',
            'firehose:UpdateDestination',
          ],
          resources: [regional('firehose', 'deliverystream/${DeliveryStreamName}')],
        },
      ],
    },
  ],
  [
    'FirehoseWritePolicy',
    {
      parameters: ['DeliveryStreamName'],
      statements: [
        { actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'], resources: [regional('firehose', 'deliverystream/${DeliveryStreamName}')] },
      ],
    },
  ],
  ['KMSDecryptPolicy', { parameters: ['KeyId'], statements: [{ actions: ['kms:Decrypt'], resources: [regional('kms', 'key/${KeyId}')] }] }],
  ['KMSEncryptPolicy', { parameters: ['KeyId'], statements: [{ actions: ['kms:Encrypt'], resources: [regional('kms', 'key/${KeyId}')] }] }],
  [
    'KinesisCrudPolicy',
    { parameters: ['StreamName'], statements: [{ actions: KINESIS_CRUD_ACTIONS, resources: [regional('kinesis', 'stream/${StreamName}')] }] },
  ],
  [
    'KinesisStreamReadPolicy',
    {
      parameters: ['StreamName'],
      statements: [
        { actions: ['kinesis:ListStreams', 'kinesis:DescribeLimits'], resources: [regional('kinesis', 'stream/*')] },
        {
          actions: ['kinesis:DescribeStream', 'kinesis:DescribeStreamSummary', 'kinesis:GetRecords', 'kinesis:GetShardIterator'],
          resources: [regional('kinesis', 'stream/${StreamName}')],
        },
      ],
    },
  ],
  [
    'LambdaInvokePolicy',
    {
      parameters: ['FunctionName'],
      // The trailing `*` covers the function's versions and aliases (`name:live`), and also
      // every function whose name starts with the same text.
      statements: [{ actions: ['lambda:InvokeFunction'], resources: [regional('lambda', 'function:${FunctionName}*')] }],
    },
  ],
  [
    'RekognitionDetectOnlyPolicy',
    {
      parameters: [],
      statements: [
        {
          actions: ['rekognition:DetectFaces', 'rekognition:DetectLabels', 'rekognition:DetectModerationLabels', 'rekognition:DetectText'],
          resources: ['*'],
        },
      ],
    },
  ],
  [
    'S3CrudPolicy',
    {
      parameters: ['BucketName'],
      statements: [
        {
          actions: [
            's3:GetObject',
            's3:ListBucket',
            's3:GetBucketLocation',
            's3:GetObjectVersion',
            's3:PutObject',
            's3:PutObjectAcl',
            's3:GetLifecycleConfiguration',
            's3:PutLifecycleConfiguration',
            's3:DeleteObject',
          ],
          resources: bucketArns(),
        },
      ],
    },
  ],
  [
    'S3FullAccessPolicy',
    {
      parameters: ['BucketName'],
      statements: [
        {
          actions: [
            's3:GetObject',
            's3:GetObjectAcl',
            's3:GetObjectVersion',
            's3:PutObject',
            's3:PutObjectAcl',
            's3:DeleteObject',
            's3:DeleteObjectTagging',
            's3:DeleteObjectVersionTagging',
            's3:GetObjectTagging',
            's3:GetObjectVersionTagging',
            's3:PutObjectTagging',
            's3:PutObjectVersionTagging',
          ],
          resources: ['arn:${AWS::Partition}:s3:::${BucketName}/*'],
        },
        {
          actions: ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetLifecycleConfiguration', 's3:PutLifecycleConfiguration'],
          resources: ['arn:${AWS::Partition}:s3:::${BucketName}'],
        },
      ],
    },
  ],
  [
    'S3ReadPolicy',
    {
      parameters: ['BucketName'],
      statements: [
        {
          actions: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObjectVersion', 's3:GetLifecycleConfiguration'],
          resources: bucketArns(),
        },
      ],
    },
  ],
  [
    'S3WritePolicy',
    {
      parameters: ['BucketName'],
      statements: [{ actions: ['s3:PutObject', 's3:PutObjectAcl', 's3:PutLifecycleConfiguration'], resources: bucketArns() }],
    },
  ],
  [
    'SESCrudPolicy',
    {
      parameters: ['IdentityName'],
      statements: [
        {
          actions: ['ses:GetIdentityVerificationAttributes', 'ses:SendEmail', 'ses:SendRawEmail', 'ses:VerifyEmailIdentity'],
          resources: [regional('ses', 'identity/${IdentityName}')],
        },
      ],
    },
  ],
  [
    'SESSendBouncePolicy',
    { parameters: ['IdentityName'], statements: [{ actions: ['ses:SendBounce'], resources: [regional('ses', 'identity/${IdentityName}')] }] },
  ],
  [
    'SNSCrudPolicy',
    {
      parameters: ['TopicName'],
      statements: [
        {
          actions: ['sns:ListSubscriptionsByTopic', 'sns:CreateTopic', 'sns:SetTopicAttributes', 'sns:Subscribe', 'sns:Publish'],
          resources: [regional('sns', '${TopicName}*')],
        },
      ],
    },
  ],
  ['SNSPublishMessagePolicy', { parameters: ['TopicName'], statements: [{ actions: ['sns:Publish'], resources: [regional('sns', '${TopicName}')] }] }],
  [
    'SQSPollerPolicy',
    {
      parameters: ['QueueName'],
      statements: [
        {
          actions: [
            'sqs:ChangeMessageVisibility',
            'sqs:ChangeMessageVisibilityBatch',
            'sqs:DeleteMessage',
            'sqs:DeleteMessageBatch',
            'sqs:GetQueueAttributes',
            'sqs:ReceiveMessage',
          ],
          resources: [regional('sqs', '${QueueName}')],
        },
      ],
    },
  ],
  // `sqs:SendMessage*` is SAM's own pattern: SendMessage and SendMessageBatch.
  ['SQSSendMessagePolicy', { parameters: ['QueueName'], statements: [{ actions: ['sqs:SendMessage*'], resources: [regional('sqs', '${QueueName}')] }] }],
  [
    'SSMParameterReadPolicy',
    {
      parameters: ['ParameterName'],
      statements: [
        { actions: ['ssm:DescribeParameters'], resources: ['*'] },
        { actions: SSM_READ_ACTIONS, resources: [regional('ssm', 'parameter/${ParameterName}')] },
      ],
    },
  ],
  [
    'SSMParameterWithSlashPrefixReadPolicy',
    {
      parameters: ['ParameterName'],
      statements: [
        { actions: ['ssm:DescribeParameters'], resources: ['*'] },
        { actions: SSM_READ_ACTIONS, resources: [regional('ssm', 'parameter${ParameterName}')] },
      ],
    },
  ],
  [
    'StepFunctionsCallbackPolicy',
    {
      parameters: ['StateMachineName'],
      statements: [
        {
          actions: ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
          resources: [regional('states', 'stateMachine:${StateMachineName}')],
        },
      ],
    },
  ],
  [
    'StepFunctionsExecutionPolicy',
    {
      parameters: ['StateMachineName'],
      statements: [{ actions: ['states:StartExecution'], resources: [regional('states', 'stateMachine:${StateMachineName}')] }],
    },
  ],
  // Every Textract action, on every resource: SAM's broadest template.
  ['TextractPolicy', { parameters: [], statements: [{ actions: ['textract:*'], resources: ['*'] }] }],
  [
    'VPCAccessPolicy',
    {
      parameters: [],
      statements: [
        {
          actions: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DetachNetworkInterface'],
          resources: ['*'],
        },
      ],
    },
  ],
]);

/**
 * The statements a `Policies` entry that names policy templates grants, or undefined when it
 * names none we know. `entry` is the list item (`{S3ReadPolicy: {BucketName: …}}`).
 */
export function expandPolicyTemplates(file: FilePath, entry: MapNode, owner: PolicyOwner): PolicyDocument | undefined {
  const statements: PolicyStatement[] = [];
  for (const { key, value } of entry.entries) {
    const name = stringValue(key);
    const template = name === undefined ? undefined : SAM_POLICY_TEMPLATES.get(name);
    if (name === undefined || template === undefined) continue;
    // `S3ReadPolicy: {}` and `CloudWatchPutMetricPolicy: {}` take no parameters; anything but a
    // map leaves every parameter unwritten.
    const parameters = new Map<string, DocNode>();
    if (isMap(value)) {
      for (const parameter of value.entries) {
        const parameterName = stringValue(parameter.key);
        if (parameterName !== undefined) parameters.set(parameterName, parameter.value);
      }
    }
    for (const definition of template.statements) {
      statements.push({
        file,
        node: entry,
        isAllow: true,
        actionKey: 'Action',
        actions: definition.actions.map((action) => syntheticScalar(action, key.range)),
        resourceKey: 'Resource',
        resources: definition.resources.map((pattern) => resourceNode(pattern, parameters, key.range)),
        owner,
        template: { name, key, parameters },
      });
    }
  }
  return statements.length === 0 ? undefined : { file, node: entry, owner, statements };
}

const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * The resource SAM deploys for a pattern: literal parameter values are substituted (so
 * `BucketName: "*"` gives `arn:${AWS::Partition}:s3:::*`), intrinsics stay `Fn::Sub` variables.
 * The range is the first written parameter value the pattern uses, else the template key.
 */
function resourceNode(pattern: string, parameters: ReadonlyMap<string, DocNode>, keyRange: Range): DocNode {
  let text = pattern;
  let range: Range | undefined;
  const variables: MapEntry[] = [];
  const used = new Set([...pattern.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''));
  for (const name of used) {
    const value = parameters.get(name);
    // A missing parameter keeps its placeholder: SAM rejects the template, we do not guess.
    if (value === undefined) continue;
    range ??= value.range;
    const literal = isScalar(value) && typeof value.value !== 'boolean' ? stringValue(value) : undefined;
    // A literal holding `${` would be read as a placeholder again; keep it a variable instead.
    if (literal !== undefined && !literal.includes('${')) {
      text = text.split('${' + name + '}').join(literal);
    } else {
      variables.push({ key: syntheticScalar(name, value.range), value });
    }
  }
  const at = range ?? keyRange;
  if (!text.includes('${')) return syntheticScalar(text, at);
  const argument: DocNode =
    variables.length === 0
      ? syntheticScalar(text, at)
      : { type: 'seq', items: [syntheticScalar(text, at), { type: 'map', entries: variables, range: at }], range: at };
  return { type: 'map', entries: [{ key: syntheticScalar('Fn::Sub', at), value: argument }], range: at };
}

function syntheticScalar(value: string, range: Range): ScalarNode {
  return { type: 'scalar', value, quoted: false, range: { start: range.start, end: range.end } };
}
