/**
 * The resources an SDK call needs, as the function's template would write them.
 *
 * The name comes from the code (a literal) or from `process.env.X`, resolved through the
 * function's environment in the project model to what the template writes there: a literal,
 * a serverless variable (`${self:custom.bucket}`), `!Ref Bucket`, `!GetAtt Table.Arn`, `!Sub …`.
 * It is then put in the ARN pattern of the action's resource type (`rules/data/sdk-resources.ts`),
 * written in the template's own syntax: `Fn::Sub`/`Fn::GetAtt` for SAM and CloudFormation,
 * `Fn::Join`/`Fn::GetAtt` or a string with serverless variables for the Serverless Framework
 * (whose own `${…}` syntax rules out `Fn::Sub` variables).
 *
 * A name that cannot be known keeps the action and scopes the resource as far as the pattern
 * allows (`arn:aws:s3:::*\/*`), flagged `scoped: false` so a fix can say so.
 */
import { DYNAMODB_INDEX_SUFFIX, HAS_ARN_ATTRIBUTE, REF_RETURNS, SERVICE_RESOURCES } from '../../data/sdk-resources';
import type { FunctionModel, ProjectModel } from '../../model/types';
import { get, getPath, intrinsicName, isSeq, stringValue, type DocNode } from '../../parse/document';
import { actionInfo } from '../iam-data';
import type { ResourceSource, SdkCall } from './usage';

/** A policy value as plain data, in CloudFormation's long form; a renderer writes it in the template's style. */
export type TemplateValue =
  | string
  | { Ref: string }
  | { 'Fn::GetAtt': [string, string] }
  | { 'Fn::Sub': string }
  | { 'Fn::Join': [string, TemplateValue[]] };

export interface ActionResources {
  action: string;
  /** The resources to grant the action on (`"*"` alone when IAM accepts nothing narrower). */
  resources: TemplateValue[];
  /** False when part of a resource could not be known and stands as `*`. */
  scoped: boolean;
}

/** What the template (or the code) says the resource is. */
type ResourceName =
  | { kind: 'text'; text: string } // a name, URL or ARN as text; may hold serverless `${…}` variables
  | { kind: 'ref'; id: string; returns: 'name' | 'arn' | 'url' | 'id'; hasArn: boolean }
  | { kind: 'arn-attribute'; id: string }
  | { kind: 'sub'; template: string }
  | { kind: 'unknown' };

/** The resources each action of a call needs, for a function of the model. */
export function resourcesForCall(model: ProjectModel, fn: FunctionModel, call: SdkCall): ActionResources[] {
  const service = Object.hasOwn(SERVICE_RESOURCES, call.service) ? SERVICE_RESOURCES[call.service] : undefined;
  const name = resolveName(model, fn, call.resource ?? { kind: 'unknown' }, service?.holds ?? 'name');
  const style: 'serverless' | 'cloudformation' = fn.format === 'serverless' ? 'serverless' : 'cloudformation';
  return call.actions.map((action): ActionResources => {
    const info = actionInfo(action);
    if (!info?.hasResourceTypes) return { action, resources: ['*'], scoped: info !== undefined };
    const typeName = service ? Object.keys(service.types).find((type) => info.resourceTypes.some((resourceType) => resourceType.name === type)) : undefined;
    const pattern = typeName === undefined || !service ? undefined : service.types[typeName];
    if (pattern === undefined) return { action, resources: ['*'], scoped: false };
    const useIndex = call.service === 'dynamodb' && call.index !== undefined && info.resourceTypes.some((type) => type.name === 'index');
    const suffix = useIndex ? DYNAMODB_INDEX_SUFFIX : '';
    const rendered = renderArn(pattern, name, suffix, style);
    return { action, resources: [rendered.value], scoped: rendered.scoped };
  });
}

/** The template's root and the map of its resources, for the function's own template. */
function templateResources(model: ProjectModel, fn: FunctionModel): { resources?: DocNode; parameters?: DocNode } {
  const root = model.template(fn.file)?.root;
  if (fn.format === 'serverless') return { resources: getPath(root, 'resources', 'Resources') };
  return { resources: get(root, 'Resources'), parameters: get(root, 'Parameters') };
}

function resolveName(model: ProjectModel, fn: FunctionModel, source: ResourceSource, holds: 'name' | 'url' | 'arn'): ResourceName {
  if (source.kind === 'literal') return { kind: 'text', text: source.value };
  if (source.kind === 'unknown') return { kind: 'unknown' };
  // The innermost definition wins: the model lists provider/Globals variables before the function's.
  const variable = [...fn.environment].reverse().find((candidate) => candidate.name === source.name);
  if (!variable) return { kind: 'unknown' };
  return templateName(model, fn, variable.value, holds);
}

function templateName(model: ProjectModel, fn: FunctionModel, value: DocNode, holds: 'name' | 'url' | 'arn'): ResourceName {
  const intrinsic = intrinsicName(value);
  if (intrinsic === undefined) {
    const text = stringValue(value);
    return text === undefined ? { kind: 'unknown' } : { kind: 'text', text };
  }
  const argument = get(value, intrinsic);
  const { resources, parameters } = templateResources(model, fn);
  if (intrinsic === 'Ref') {
    const id = stringValue(argument);
    if (id === undefined || id.startsWith('AWS::')) return { kind: 'unknown' };
    // A parameter holds whatever the code expects in the field.
    if (get(parameters, id) !== undefined) return { kind: 'ref', id, returns: holds === 'url' ? 'url' : holds, hasArn: false };
    const type = stringValue(getPath(resources, id, 'Type'));
    if (type === undefined) return { kind: 'unknown' };
    const returns = Object.hasOwn(REF_RETURNS, type) ? (REF_RETURNS[type] ?? 'name') : 'name';
    return { kind: 'ref', id, returns, hasArn: HAS_ARN_ATTRIBUTE.has(type) };
  }
  if (intrinsic === 'Fn::GetAtt') {
    const parts = isSeq(argument) ? argument.items.map((item) => stringValue(item)) : (stringValue(argument)?.split('.') ?? []);
    const [id, attribute] = parts;
    if (id === undefined || attribute === undefined) return { kind: 'unknown' };
    if (attribute === 'Arn') return { kind: 'arn-attribute', id };
    // `!GetAtt Queue.QueueName`, `!GetAtt Topic.TopicName`: names.
    if (/Name$/.test(attribute)) return { kind: 'ref', id, returns: 'name', hasArn: true };
    if (attribute === 'QueueUrl') return { kind: 'ref', id, returns: 'url', hasArn: true };
    return { kind: 'unknown' };
  }
  if (intrinsic === 'Fn::Sub' && fn.format !== 'serverless') {
    const template = stringValue(argument);
    return template === undefined ? { kind: 'unknown' } : { kind: 'sub', template };
  }
  return { kind: 'unknown' };
}

/** `https://sqs.eu-west-1.amazonaws.com/123456789012/jobs` → the queue's ARN. */
function queueArn(url: string): string | undefined {
  const match = /^https:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/(\d{12})\/([^/?#]+)$/.exec(url);
  return match ? `arn:aws:sqs:${match[1]}:${match[2]}:${match[3]}` : undefined;
}

function renderArn(pattern: string, name: ResourceName, suffix: string, style: 'serverless' | 'cloudformation'): { value: TemplateValue; scoped: boolean } {
  const [rawPrefix = '', rawSuffix = ''] = pattern.split('{name}');
  const end = rawSuffix + suffix;
  const needsAccount = rawPrefix.includes('{region}') || rawPrefix.includes('{account}');
  const prefixFor = (target: 'serverless' | 'sub'): string =>
    target === 'serverless'
      ? rawPrefix.replace('{region}', '${aws:region}').replace('{account}', '${aws:accountId}')
      : rawPrefix.replace('{region}', '${AWS::Region}').replace('{account}', '${AWS::AccountId}');
  /** Text around a name known as text: a plain string when no account part is needed. */
  const withText = (text: string, scoped: boolean): { value: TemplateValue; scoped: boolean } => {
    if (style === 'serverless' || !needsAccount) return { value: prefixFor('serverless') + text + end, scoped };
    return { value: { 'Fn::Sub': prefixFor('sub') + text + end }, scoped };
  };
  switch (name.kind) {
    case 'text': {
      const text = name.text;
      if (text.startsWith('arn:')) return { value: text + end, scoped: true };
      const arn = queueArn(text);
      if (arn !== undefined) return { value: arn + end, scoped: true };
      // A URL or ARN written with variables cannot be taken apart reliably.
      if (text.startsWith('https://')) return withText('*', false);
      // In a CloudFormation `Fn::Sub`, a literal `${` must not read as a variable.
      return withText(style === 'cloudformation' && needsAccount ? text.replace(/\$\{/g, '${!') : text, true);
    }
    case 'sub':
      return { value: { 'Fn::Sub': (style === 'serverless' ? prefixFor('serverless') : prefixFor('sub')) + name.template + end }, scoped: true };
    case 'arn-attribute':
      return arnOf(name.id, end, style);
    case 'ref': {
      if (name.returns === 'arn') {
        if (end === '') return { value: { Ref: name.id }, scoped: true };
        return style === 'serverless'
          ? { value: { 'Fn::Join': ['', [{ Ref: name.id }, end]] }, scoped: true }
          : { value: { 'Fn::Sub': `\${${name.id}}${end}` }, scoped: true };
      }
      if (name.returns === 'url') return name.hasArn ? arnOf(name.id, end, style) : withText('*', false);
      if (style === 'serverless') return { value: { 'Fn::Join': ['', [prefixFor('serverless'), { Ref: name.id }, end].filter((part) => part !== '')] }, scoped: true };
      return { value: { 'Fn::Sub': `${prefixFor('sub')}\${${name.id}}${end}` }, scoped: true };
    }
    case 'unknown':
      return withText('*', false);
  }
}

function arnOf(id: string, end: string, style: 'serverless' | 'cloudformation'): { value: TemplateValue; scoped: boolean } {
  if (end === '') return { value: { 'Fn::GetAtt': [id, 'Arn'] }, scoped: true };
  if (style === 'serverless') return { value: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, end]] }, scoped: true };
  return { value: { 'Fn::Sub': `\${${id}.Arn}${end}` }, scoped: true };
}
