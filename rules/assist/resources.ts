/**
 * Completions for a statement's `Resource`: references to the resources the template itself
 * defines, written in the template's syntax, then the ARN formats of the statement's actions from
 * the IAM data with placeholders. Both steer away from `"*"`, which is offered only for actions
 * that support no resource-level permissions.
 */
import { expandActionInfo, hasWildcard, type ActionInfo } from '../analysis/iam-data';
import type { TemplateFormat } from '../model/types';
import { get } from '../parse/document';
import type { CursorContext } from './context';
import { place, type Dialect, type Placement, type ValueForm } from './render';
import type { TemplateResource } from './template';
import type { AssistCompletionItem } from './types';

/** How a resource's ARN is obtained in a template: `Ref` returns it, or an attribute does. */
interface ArnReference {
  /** What the ARN covers, for the item's detail ("every object in the bucket"). */
  covers: string;
  attribute?: string;
  suffix?: string;
  /** Offered only when the resource's properties have this key (a table's stream). */
  requires?: string;
}

interface ResourceArns {
  /** The IAM service prefix, to rank the resource first when the statement's actions use it. */
  service: string;
  references: ArnReference[];
}

/**
 * The resource types serverless functions are usually granted access to, with the way each
 * exposes its ARN (`Ref` for topics, secrets and state machines; `Arn` attributes elsewhere).
 */
const RESOURCE_ARNS: Readonly<Record<string, ResourceArns>> = {
  'AWS::S3::Bucket': {
    service: 's3',
    references: [
      { covers: 'the objects in the bucket', attribute: 'Arn', suffix: '/*' },
      { covers: 'the bucket itself (listing, bucket settings)', attribute: 'Arn' },
    ],
  },
  'AWS::DynamoDB::Table': {
    service: 'dynamodb',
    references: [
      { covers: 'the table', attribute: 'Arn' },
      { covers: "the table's indexes", attribute: 'Arn', suffix: '/index/*' },
      { covers: "the table's stream", attribute: 'StreamArn', requires: 'StreamSpecification' },
    ],
  },
  // SAM turns a SimpleTable into an AWS::DynamoDB::Table of the same logical id.
  'AWS::Serverless::SimpleTable': { service: 'dynamodb', references: [{ covers: 'the table', attribute: 'Arn' }] },
  'AWS::SQS::Queue': { service: 'sqs', references: [{ covers: 'the queue', attribute: 'Arn' }] },
  'AWS::SNS::Topic': { service: 'sns', references: [{ covers: 'the topic' }] },
  'AWS::Kinesis::Stream': { service: 'kinesis', references: [{ covers: 'the stream', attribute: 'Arn' }] },
  'AWS::Lambda::Function': { service: 'lambda', references: [{ covers: 'the function', attribute: 'Arn' }] },
  'AWS::Serverless::Function': { service: 'lambda', references: [{ covers: 'the function', attribute: 'Arn' }] },
  'AWS::StepFunctions::StateMachine': { service: 'states', references: [{ covers: 'the state machine' }] },
  'AWS::Serverless::StateMachine': { service: 'states', references: [{ covers: 'the state machine' }] },
  'AWS::SecretsManager::Secret': { service: 'secretsmanager', references: [{ covers: 'the secret' }] },
  'AWS::KMS::Key': { service: 'kms', references: [{ covers: 'the key', attribute: 'Arn' }] },
  'AWS::Events::EventBus': { service: 'events', references: [{ covers: 'the event bus', attribute: 'Arn' }] },
  'AWS::Logs::LogGroup': { service: 'logs', references: [{ covers: 'the log group', attribute: 'Arn' }] },
  'AWS::IAM::Role': { service: 'iam', references: [{ covers: 'the role (for iam:PassRole)', attribute: 'Arn' }] },
  'AWS::Cognito::UserPool': { service: 'cognito-idp', references: [{ covers: 'the user pool', attribute: 'Arn' }] },
  'AWS::ECR::Repository': { service: 'ecr', references: [{ covers: 'the repository', attribute: 'Arn' }] },
};

/** A wildcard that expands to more actions than this says little about resource types. */
const MAX_EXPANDED_ACTIONS = 60;

export function dialectOf(format: TemplateFormat | undefined): Dialect {
  if (format === 'serverless') return 'serverless';
  if (format === 'sam' || format === 'cloudformation') return 'cloudformation';
  return 'plain';
}

export function resourceCompletions(
  context: CursorContext,
  format: TemplateFormat | undefined,
  resources: readonly TemplateResource[],
  actions: readonly string[],
): AssistCompletionItem[] {
  const dialect = dialectOf(format);
  const infos = actionInfos(actions);
  const services = new Set(actions.map((action) => action.split(':')[0]?.toLowerCase() ?? ''));
  const items: AssistCompletionItem[] = [];

  if (dialect !== 'plain') {
    for (const resource of resources) {
      const arns = RESOURCE_ARNS[resource.type];
      if (!arns) continue;
      const relevant = services.has(arns.service);
      arns.references.forEach((reference, index) => {
        if (reference.requires !== undefined && get(resource.properties, reference.requires) === undefined) return;
        const form = referenceForm(resource.logicalId, reference);
        const placement = place(form, context, dialect, true);
        items.push({
          // As the template will read: `!GetAtt Table.Arn`, `{ "Fn::GetAtt": [Table, Arn] }`.
          label: placement.display,
          kind: 'resource',
          detail: `${resource.type}: ${reference.covers}`,
          documentation: `The ARN of \`${resource.logicalId}\`, defined in this template: ${reference.covers}.`,
          insertText: placement.insertText,
          snippet: true,
          range: placement.range,
          filterText: filterTextOf(placement, context, placement.display),
          // Resources of the services the statement's actions call come first.
          sortText: `${relevant ? 0 : 1}-${resource.logicalId}-${index}`,
        });
      });
    }
  }

  const formats = new Map<string, { type: string; actions: string[] }>();
  let unscopable: string[] = [];
  for (const info of infos) {
    if (!info.hasResourceTypes) unscopable.push(info.action);
    for (const type of info.resourceTypes) {
      if (type.arn === '') continue;
      const entry = formats.get(type.arn) ?? { type: `${info.service} ${type.name}`, actions: [] };
      entry.actions.push(info.action);
      formats.set(type.arn, entry);
    }
  }
  // The format most of the actions share, then the simplest: an object ARN before an access
  // point's for s3:GetObject.
  const variables = (arn: string): number => arn.split('${').length - 1;
  const ranked = [...formats].sort(
    ([arnA, a], [arnB, b]) => b.actions.length - a.actions.length || variables(arnA) - variables(arnB) || (arnA < arnB ? -1 : 1),
  );
  let order = 0;
  for (const [arn, entry] of ranked) {
    const form = arnForm(arn, dialect);
    const placement = place(form, context, dialect, true);
    items.push({
      label: arn,
      kind: 'arn',
      detail: `${entry.type} ARN`,
      documentation: `The ARN format of a ${entry.type}, the resource type of ${listOf(entry.actions)}. Fill in the placeholders to scope the statement to one resource.`,
      insertText: placement.insertText,
      snippet: true,
      range: placement.range,
      filterText: filterTextOf(placement, context, arn),
      sortText: `2-${String(order++).padStart(3, '0')}`,
    });
  }
  unscopable = [...new Set(unscopable)];
  if (unscopable.length > 0) {
    const placement = place({ kind: 'scalar', text: '*', quoted: true }, context, 'plain', true);
    const one = unscopable.length === 1;
    items.push({
      label: '"*"',
      kind: 'value',
      detail: 'only for actions without resource-level permissions',
      documentation:
        `${listOf(unscopable)} ${one ? 'supports' : 'support'} no resource-level permissions, so IAM accepts only \`"*"\` for ${one ? 'it' : 'them'}. ` +
        `Keep ${one ? 'it' : 'them'} in a statement of ${one ? 'its' : 'their'} own, so the other actions stay scoped.`,
      insertText: placement.insertText,
      snippet: true,
      range: placement.range,
      filterText: filterTextOf(placement, context, '*'),
      sortText: '3',
    });
  }
  return items;
}

function actionInfos(actions: readonly string[]): ActionInfo[] {
  const infos: ActionInfo[] = [];
  for (const action of actions) {
    // `*` alone, or a wildcard over most of a service, says little about which resources are meant.
    if (action === '*' || !action.includes(':')) continue;
    const expanded = expandActionInfo(action);
    if (hasWildcard(action) && expanded.length > MAX_EXPANDED_ACTIONS) continue;
    infos.push(...expanded);
  }
  return infos;
}

function referenceForm(logicalId: string, reference: ArnReference): ValueForm {
  if (reference.attribute === undefined) return { kind: 'ref', resource: logicalId };
  if (reference.suffix !== undefined) {
    return { kind: 'attributeWithSuffix', resource: logicalId, attribute: reference.attribute, suffix: reference.suffix };
  }
  return { kind: 'getAtt', resource: logicalId, attribute: reference.attribute };
}

/**
 * The ARN format (`arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}`) as a
 * snippet: partition, region and account from the template's own variables where it has them,
 * every other variable a placeholder to fill in.
 */
export function arnForm(arn: string, dialect: Dialect): ValueForm {
  let tabstop = 0;
  const known: Record<Dialect, Record<string, string>> = {
    cloudformation: { Partition: '\\${AWS::Partition\\}', Region: '\\${AWS::Region\\}', Account: '\\${AWS::AccountId\\}' },
    // Serverless Framework variables, resolved at deploy time.
    serverless: { Partition: 'aws', Region: '\\${aws:region\\}', Account: '\\${aws:accountId\\}' },
    plain: { Partition: 'aws' },
  };
  const text = arn
    .split(/(\$\{[^}]*\})/)
    .map((part) => {
      const variable = /^\$\{([^}]*)\}$/.exec(part)?.[1];
      if (variable === undefined) return part.replace(/[\\$}]/g, (character) => `\\${character}`);
      return known[dialect][variable] ?? `\${${++tabstop}:${variable.replace(/[\\$}]/g, (character) => `\\${character}`)}}`;
    })
    .join('');
  return dialect === 'cloudformation' ? { kind: 'sub', text } : { kind: 'scalar', text, quoted: true };
}

/**
 * The editor filters on the text from the start of the replaced range to the cursor. When a
 * reference replaces a quoted string, the range starts at the opening quote, so the filter text
 * must start with it too.
 */
function filterTextOf(placement: Placement, context: CursorContext, label: string): string {
  const quote = context.token.quote;
  return quote && placement.range.start < context.token.range.start ? `${quote}${label}` : label;
}

function listOf(actions: readonly string[]): string {
  const unique = [...new Set(actions)];
  if (unique.length <= 3) return unique.join(', ');
  return `${unique.slice(0, 3).join(', ')} and ${unique.length - 3} more`;
}
