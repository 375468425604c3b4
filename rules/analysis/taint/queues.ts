/**
 * Injection across functions: a function that reads a queue message trusts it, but another
 * function of the project may have written it from its own event data. For a flow whose source is
 * a queue or topic message, this finds the flows of the project into a send to that same queue
 * (`queue-message` sinks: SQS `SendMessage`/`SendMessageBatch`, SNS `Publish`, Azure output
 * bindings) and describes them as related locations of the consumer's finding: "the message is
 * sent by function SubmitOrder from req.body (HTTP request body)" on the send, then the producer's
 * own path.
 *
 * Which queue:
 * - the consumer's: its trigger in the project model (serverless `events: - sqs: …` / `- sns: …`,
 *   SAM `Type: SQS` `Queue` / `Type: SNS` `Topic`, Azure `queueTrigger` / `serviceBusTrigger`
 *   `queueName`), or for the Azure v4 model the `queueName` of `app.storageQueue(…)`;
 * - the producer's: the SDK call's `QueueUrl` / `TopicArn` as `sdkUsage` resolves it (a literal or
 *   `process.env.X`), `process.env.X` then read in the producer's environment in the model; an
 *   Azure output binding's `queueName` in function.json, or for the v4 model the `queueName` of
 *   the `output.storageQueue(…)` the output variable is declared with.
 *
 * The two match when they name the same resource of the same template (`!Ref Orders`,
 * `!GetAtt Orders.Arn`, `Fn::GetAtt: [Orders, QueueUrl]`) or the same name as text (the last
 * segment of a literal ARN or queue URL, a resource's `QueueName` / `TopicName`, an Azure queue
 * name), with serverless `${self:…}` variables replaced by what they point to in the same file.
 * An SNS subscription of the project (`AWS::SNS::Subscription`, a topic's `Subscription` list)
 * adds its topic to the consumer's queues when it delivers to a queue the consumer reads
 * (`Protocol: sqs`) or to the consumer's function (`Protocol: lambda`). Producers are looked for
 * in the consumer's file and in every handler file the project model names.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES } from '@typescript-eslint/typescript-estree';
import type { RuleContext } from '../../engine/define-rule';
import type { FilePath, RelatedLocation } from '../../engine/types';
import type { EventModel, FunctionModel } from '../../model/types';
import { asList, get, getPath, intrinsicName, isMap, isScalar, isSeq, stringValue, type DocNode } from '../../parse/document';
import { referencedId } from '../../model/cloudformation';
import { functionLogicalId } from '../../model/serverless';
import { propertyName, unwrap, walk } from '../estree';
import { sdkUsage } from '../sdk/usage';
import type { TaintFlow } from './index';
import { AZURE_BINDING_SINK, AZURE_EXTRA_OUTPUT_SINK } from './specs/index';

type Service = 'sqs' | 'sns' | 'events' | 'azure-queue' | 'azure-service-bus';

/** A queue or topic, as a template or the code names it. */
interface Channel {
  service: Service;
  /** A resource of `template` (`Orders` in `!GetAtt Orders.Arn`). */
  resource?: { template: FilePath; id: string };
  /** A name as text: the queue or topic name, the last segment of an ARN or URL. */
  name?: string;
  /** EventBridge, consumer side: the `source` and `detail-type` values a rule's pattern accepts. */
  pattern?: { sources?: readonly string[]; detailTypes?: readonly string[] };
  /** EventBridge, producer side: the entry's `Source` and `DetailType`, when literal. */
  event?: { source?: string; detailType?: string };
}

/** At most this many producers are described on one finding. */
const MAX_PRODUCERS = 3;

/**
 * The related locations that describe who sends the message a flow starts from, or none when
 * its source is not a queue message or no function of the project sends to that queue.
 * `flowsOf` gives the flows from the entry points of a file (cached by the caller).
 */
export function queueProducers(ctx: RuleContext, flow: TaintFlow, flowsOf: (file: FilePath) => readonly TaintFlow[]): RelatedLocation[] {
  const consumed = consumerChannels(ctx, flow);
  if (consumed.length === 0) return [];
  const modelHandlers = ctx.model.functions.flatMap((fn) => (fn.handler?.file && ctx.sourceFile(fn.handler.file)?.language === 'javascript' ? [fn.handler.file] : []));
  const related: RelatedLocation[] = [];
  const seen = new Set<string>();
  for (const file of new Set([flow.entryFile, ...modelHandlers])) {
    for (const producer of flowsOf(file)) {
      if (producer.kind !== 'queue-message' || producer.entry.fn === flow.entry.fn) continue;
      // One producer per send: the first source names it, as for a finding.
      const key = `${producer.sinkFile}|${producer.sinkRange[0]}|${producer.sinkRange[1]}`;
      if (seen.has(key) || seen.size >= MAX_PRODUCERS) continue;
      if (!producerChannels(ctx, producer).some((channel) => consumed.some((candidate) => sameChannel(channel, candidate)))) continue;
      seen.add(key);
      related.push(
        ctx.related(
          { file: producer.sinkFile, range: [producer.sinkRange[0], producer.sinkRange[1]] },
          `the message is sent by function ${producerName(ctx, producer)} from ${producer.source} (${producer.description})`,
        ),
        ...producer.path.map((step) => ctx.related({ file: step.file, range: [step.range[0], step.range[1]] }, step.message)),
      );
    }
  }
  return related;
}

function sameChannel(a: Channel, b: Channel): boolean {
  if (a.service !== b.service) return false;
  const pattern = a.pattern ?? b.pattern;
  const event = a.event ?? b.event;
  if (pattern && event) {
    // A rule that names neither a source nor a detail type is too broad to tie to one producer.
    if (!pattern.sources && !pattern.detailTypes) return false;
    if (pattern.sources && (event.source === undefined || !pattern.sources.includes(event.source))) return false;
    return !pattern.detailTypes || (event.detailType !== undefined && pattern.detailTypes.includes(event.detailType));
  }
  if (a.resource && b.resource && a.resource.template === b.resource.template && a.resource.id === b.resource.id) return true;
  return a.name !== undefined && a.name === b.name;
}

// -----------------------------------------------------------------------------------------------
// Consumers

/** What a flow's source says about the trigger: the kind of message it reads. */
function consumedService(flow: TaintFlow): readonly Service[] {
  switch (flow.description) {
    case 'SQS message body':
      return ['sqs'];
    case 'SNS message':
      return ['sns'];
    case 'EventBridge event detail':
      return ['events'];
    case 'trigger input':
    case 'trigger binding':
    case 'trigger message':
      return ['azure-queue', 'azure-service-bus'];
    default:
      return [];
  }
}

function consumerChannels(ctx: RuleContext, flow: TaintFlow): Channel[] {
  const services = consumedService(flow);
  if (services.length === 0) return [];
  const channels: Channel[] = [];
  const functions = functionsOf(ctx, flow);
  for (const fn of functions) for (const event of fn.events) channels.push(...triggerChannels(ctx, fn, event));
  if (flow.entry.style === 'azure-v4-trigger') channels.push(...registrationChannels(flow.entry.node));
  const consumed = channels.filter((channel) => services.includes(channel.service));
  return [...consumed, ...subscribedTopics(ctx, functions, consumed, services)];
}

/**
 * The SNS topics whose messages reach the consumer through a subscription of the project
 * (`AWS::SNS::Subscription`, or a topic's own `Subscription` list): a queue the consumer reads
 * subscribed with `Protocol: sqs`, or the consumer's function itself with `Protocol: lambda`.
 */
function subscribedTopics(ctx: RuleContext, functions: readonly FunctionModel[], consumed: readonly Channel[], services: readonly Service[]): Channel[] {
  const topics: Channel[] = [];
  for (const subscription of subscriptionsOf(ctx)) {
    const protocol = subscription.protocol.toLowerCase();
    if (protocol === 'sqs' && services.includes('sqs')) {
      const queues = templateChannels(ctx, 'sqs', subscription.template, subscription.endpoint);
      if (queues.some((queue) => consumed.some((candidate) => sameChannel(queue, candidate)))) topics.push(...subscription.topics);
    } else if (protocol === 'lambda' && services.includes('sns') && intrinsicName(subscription.endpoint) !== undefined) {
      const id = referencedId(subscription.endpoint);
      if (id !== undefined && functions.some((fn) => fn.file === subscription.template && functionResourceId(fn) === id)) topics.push(...subscription.topics);
    }
  }
  return topics;
}

interface Subscription {
  template: FilePath;
  protocol: string;
  endpoint: DocNode | undefined;
  /** The topic subscribed to. */
  topics: Channel[];
}

const SUBSCRIPTIONS = new WeakMap<object, Subscription[]>();

/** Every SNS subscription the templates of the project declare (cached per model). */
function subscriptionsOf(ctx: RuleContext): Subscription[] {
  let found = SUBSCRIPTIONS.get(ctx.model);
  if (found) return found;
  found = [];
  for (const template of ctx.model.templates) {
    const resources = resourcesOf(template.root, template.format);
    for (const entry of isMap(resources) ? resources.entries : []) {
      const type = stringValue(get(entry.value, 'Type'));
      const properties = get(entry.value, 'Properties');
      if (type === 'AWS::SNS::Subscription') {
        const protocol = stringValue(get(properties, 'Protocol'));
        if (protocol !== undefined) found.push({ template: template.file, protocol, endpoint: get(properties, 'Endpoint'), topics: templateChannels(ctx, 'sns', template.file, get(properties, 'TopicArn')) });
      } else if (type === 'AWS::SNS::Topic') {
        const id = stringValue(entry.key);
        if (id === undefined) continue;
        for (const item of asList(get(properties, 'Subscription'))) {
          const protocol = stringValue(get(item, 'Protocol'));
          if (protocol !== undefined) found.push({ template: template.file, protocol, endpoint: get(item, 'Endpoint'), topics: resourceChannel(ctx, 'sns', template.file, id) });
        }
      }
    }
  }
  SUBSCRIPTIONS.set(ctx.model, found);
  return found;
}

/** The logical id of a function's resource: the framework's for serverless, its own for SAM and CloudFormation. */
function functionResourceId(fn: FunctionModel): string {
  return fn.format === 'serverless' ? functionLogicalId(fn.name) : fn.name;
}

/** The model's functions whose handler is the flow's entry point. */
function functionsOf(ctx: RuleContext, flow: TaintFlow): FunctionModel[] {
  return ctx.model.functionsForHandler(flow.entryFile).filter((fn) => fn.handler?.exportName === undefined || fn.handler.exportName === flow.entry.name);
}

function triggerChannels(ctx: RuleContext, fn: FunctionModel, event: EventModel): Channel[] {
  const config = event.config;
  switch (event.type) {
    case 'sqs':
    case 'SQS':
      return templateChannels(ctx, 'sqs', fn.file, isPlainMap(config) ? (get(config, 'arn') ?? get(config, 'Queue') ?? get(config, 'EventSourceArn')) : config);
    case 'sns':
    case 'SNS':
      return templateChannels(ctx, 'sns', fn.file, isPlainMap(config) ? (get(config, 'arn') ?? get(config, 'topicName') ?? get(config, 'Topic')) : config);
    case 'eventBridge':
      return patternChannels(get(config, 'pattern'));
    case 'EventBridgeRule':
    case 'CloudWatchEvent':
      return patternChannels(get(config, 'Pattern'));
    case 'queueTrigger':
      return textChannel('azure-queue', stringValue(get(config, 'queueName')));
    case 'serviceBusTrigger':
      return textChannel('azure-service-bus', stringValue(get(config, 'queueName') ?? get(config, 'topicName')));
    default:
      return [];
  }
}

/** `app.storageQueue('name', { queueName: 'orders', … })`: the queue a v4 registration reads. */
function registrationChannels(node: TSESTree.Node): Channel[] {
  if (node.type !== AST_NODE_TYPES.CallExpression) return [];
  const callee = unwrap(node.callee);
  const trigger = callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee.property, callee.computed) : undefined;
  const service: Service | undefined = trigger === 'storageQueue' ? 'azure-queue' : trigger === 'serviceBusQueue' || trigger === 'serviceBusTopic' ? 'azure-service-bus' : undefined;
  if (!service) return [];
  const options = node.arguments[1] ? unwrap(node.arguments[1]) : undefined;
  return textChannel(service, literalProperty(options, 'queueName') ?? literalProperty(options, 'topicName'));
}

// -----------------------------------------------------------------------------------------------
// Producers

function producerChannels(ctx: RuleContext, producer: TaintFlow): Channel[] {
  if (producer.spec === AZURE_BINDING_SINK) {
    return functionsOf(ctx, producer).flatMap((fn) => outputBindingChannels(ctx, fn, producer.sinkName));
  }
  if (producer.spec === AZURE_EXTRA_OUTPUT_SINK) {
    const file = ctx.sourceFile(producer.sinkFile);
    return file?.language === 'javascript' && file.ast ? outputDeclarationChannels(file.ast, producer.sinkName) : [];
  }
  if (producer.spec.name === 'PutEvents') return putEventsChannels(ctx, producer);
  const usage = sdkUsage((path) => ctx.sourceFile(path), producer.entryFile);
  const call = usage.calls.find(
    (candidate) => candidate.file === producer.sinkFile && candidate.range.start <= producer.sinkRange[0] && producer.sinkRange[1] <= candidate.range.end,
  );
  if (!call || (call.service !== 'sqs' && call.service !== 'sns')) return [];
  const service = call.service;
  const resource = call.resource;
  if (resource?.kind === 'literal') return templateText(service, resource.value);
  if (resource?.kind !== 'env') return [];
  return functionsOf(ctx, producer).flatMap((fn) => {
    const variable = [...fn.environment].reverse().find((candidate) => candidate.name === resource.name);
    return variable ? templateChannels(ctx, service, fn.file, variable.value) : [];
  });
}

/** The queue of an Azure output binding declared in the function's function.json. */
function outputBindingChannels(ctx: RuleContext, fn: FunctionModel, name: string): Channel[] {
  if (fn.platform !== 'azure') return [];
  const bindings = get(ctx.model.template(fn.file)?.root, 'bindings');
  for (const binding of isSeq(bindings) ? bindings.items : []) {
    if (stringValue(get(binding, 'name')) !== name || stringValue(get(binding, 'direction'))?.toLowerCase() !== 'out') continue;
    const type = stringValue(get(binding, 'type'));
    if (type === 'queue') return textChannel('azure-queue', stringValue(get(binding, 'queueName')));
    if (type === 'serviceBus') return textChannel('azure-service-bus', stringValue(get(binding, 'queueName') ?? get(binding, 'topicName')));
  }
  return [];
}

/** `const out = output.storageQueue({ queueName: 'orders', … })` in the v4 model. */
function outputDeclarationChannels(program: TSESTree.Program, name: string): Channel[] {
  const channels: Channel[] = [];
  walk(program, (node) => {
    if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.Identifier || node.id.name !== name || !node.init) return;
    const init = unwrap(node.init);
    if (init.type !== AST_NODE_TYPES.CallExpression) return;
    const callee = unwrap(init.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return;
    const kind = propertyName(callee.property, callee.computed);
    const service: Service | undefined = kind === 'storageQueue' ? 'azure-queue' : kind === 'serviceBusQueue' || kind === 'serviceBusTopic' ? 'azure-service-bus' : undefined;
    const options = init.arguments[0] ? unwrap(init.arguments[0]) : undefined;
    if (service) channels.push(...textChannel(service, literalProperty(options, 'queueName') ?? literalProperty(options, 'topicName')));
  });
  return channels;
}

/** The `source` and `detail-type` lists of an EventBridge pattern. */
function patternChannels(pattern: DocNode | undefined): Channel[] {
  if (!isMap(pattern)) return [];
  const list = (node: DocNode | undefined) => (node === undefined ? undefined : asList(node).flatMap((item) => stringValue(item) ?? []));
  const sources = list(get(pattern, 'source'));
  const detailTypes = list(get(pattern, 'detail-type'));
  return [{ service: 'events', pattern: { ...(sources ? { sources } : {}), ...(detailTypes ? { detailTypes } : {}) } }];
}

/** The `Source` and `DetailType` written beside the `Detail` a `PutEvents` entry sends. */
function putEventsChannels(ctx: RuleContext, producer: TaintFlow): Channel[] {
  const file = ctx.sourceFile(producer.sinkFile);
  if (file?.language !== 'javascript' || !file.ast) return [];
  const channels: Channel[] = [];
  walk(file.ast, (node) => {
    if (node.type !== AST_NODE_TYPES.ObjectExpression) return;
    const detail = node.properties.find((property) => property.type === AST_NODE_TYPES.Property && propertyName(property.key, property.computed) === 'Detail');
    if (detail?.type !== AST_NODE_TYPES.Property || detail.value.range[0] !== producer.sinkRange[0] || detail.value.range[1] !== producer.sinkRange[1]) return;
    const source = literalProperty(node, 'Source');
    const detailType = literalProperty(node, 'DetailType');
    channels.push({ service: 'events', event: { ...(source !== undefined ? { source } : {}), ...(detailType !== undefined ? { detailType } : {}) } });
  });
  return channels;
}

/** The name a finding gives the producer: its model function, else its v4 registration name or export. */
function producerName(ctx: RuleContext, producer: TaintFlow): string {
  return functionsOf(ctx, producer)[0]?.name ?? producer.entry.name;
}

// -----------------------------------------------------------------------------------------------
// Names

/** A map that is settings, not an intrinsic function. */
function isPlainMap(node: DocNode | undefined): boolean {
  return isMap(node) && intrinsicName(node) === undefined;
}

/**
 * What a template value names: a resource of the template (`Ref`, `Fn::GetAtt`), with the name
 * its `QueueName` / `TopicName` gives it, or text. Serverless `${self:…}` variables are replaced
 * by the values they point to in the same file; other variables (`${sls:stage}`) stay as written,
 * so two values match when they are written alike.
 */
function templateChannels(ctx: RuleContext, service: Service, template: FilePath, node: DocNode | undefined, depth = 0): Channel[] {
  const intrinsic = intrinsicName(node);
  if (intrinsic === 'Ref' || intrinsic === 'Fn::GetAtt') {
    const id = referencedId(node);
    return id === undefined ? [] : resourceChannel(ctx, service, template, id);
  }
  if (intrinsic !== undefined) return [];
  const text = stringValue(node);
  if (text === undefined) return [];
  // `${self:custom.queue}` alone may stand for a `!Ref` or `!GetAtt`.
  const whole = /^\$\{self:([^,}$]+)\}$/.exec(text.trim());
  const root = ctx.model.template(template)?.root;
  if (whole?.[1] !== undefined && depth < MAX_VARIABLE_DEPTH) {
    const target = getPath(root, ...whole[1].trim().split('.'));
    if (target !== undefined) return templateChannels(ctx, service, template, target, depth + 1);
  }
  return templateText(service, resolveSelf(root, text));
}

/** A resource of the template, named also by the name its properties give it. */
function resourceChannel(ctx: RuleContext, service: Service, template: FilePath, id: string): Channel[] {
  const model = ctx.model.template(template);
  const properties = get(get(resourcesOf(model?.root, model?.format), id), 'Properties');
  const written = stringValue(get(properties, service === 'sqs' ? 'QueueName' : 'TopicName'));
  const name = written === undefined ? undefined : lastSegment(resolveSelf(model?.root, written));
  return [{ service, resource: { template, id }, ...(name ? { name } : {}) }];
}

/** The `Resources` of a template: top-level, or serverless `resources.Resources`. */
function resourcesOf(root: DocNode | undefined, format: string | undefined): DocNode | undefined {
  return format === 'serverless' ? getPath(root, 'resources', 'Resources') : get(root, 'Resources');
}

const MAX_VARIABLE_DEPTH = 5;

/** Replaces each `${self:path}` (a default after `,` ignored) whose value in `root` is text, repeatedly. */
function resolveSelf(root: DocNode | undefined, text: string): string {
  let current = text;
  for (let depth = 0; depth < MAX_VARIABLE_DEPTH && current.includes('${self:'); depth++) {
    const next = current.replace(/\$\{self:([^,}$]+)(?:,[^}$]*)?\}/g, (written, path: string) => {
      const value = getPath(root, ...path.trim().split('.'));
      return isScalar(value) && value.value !== null && typeof value.value !== 'object' ? String(value.value) : written;
    });
    if (next === current) break;
    current = next;
  }
  return current;
}

/** A literal queue URL, queue or topic ARN, or name: its last segment. */
function templateText(service: Service, text: string): Channel[] {
  return textChannel(service, lastSegment(text));
}

/** The part after the last `/` or `:` outside `${…}` (so `${aws:region}` is not split). */
function lastSegment(text: string): string {
  const trimmed = text.replace(/\/+$/, '');
  let depth = 0;
  let start = 0;
  for (let index = 0; index < trimmed.length; index++) {
    if (trimmed.startsWith('${', index)) {
      depth++;
      index++;
    } else if (trimmed[index] === '}' && depth > 0) depth--;
    else if (depth === 0 && (trimmed[index] === '/' || trimmed[index] === ':')) start = index + 1;
  }
  return trimmed.slice(start);
}

function textChannel(service: Service, name: string | undefined): Channel[] {
  return name === undefined || name === '' ? [] : [{ service, name }];
}

function literalProperty(node: TSESTree.Node | undefined, name: string): string | undefined {
  if (node?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  for (const property of node.properties) {
    if (property.type !== AST_NODE_TYPES.Property || propertyName(property.key, property.computed) !== name) continue;
    const value = unwrap(property.value);
    return value.type === AST_NODE_TYPES.Literal && typeof value.value === 'string' ? value.value : undefined;
  }
  return undefined;
}
