/**
 * CloudFormation resources: IAM roles and policies, Lambda functions, resource policies and
 * function URLs. Also the resource reader behind the SAM loader and serverless.yml's
 * `resources.Resources`, so an `AWS::IAM::Role` means the same thing in all three.
 *
 * References are followed only inside one template: `!Ref R`, `!GetAtt R.Arn`, `${R.Arn}` in
 * `!Sub`, or a role name/ARN that matches a role's `RoleName`. Anything else (an imported value,
 * a role in another stack) stays unlinked rather than guessed.
 */
import type { FilePath } from '../engine/types';
import {
  asList,
  get,
  getPath,
  intrinsicName,
  isMap,
  isScalar,
  isSeq,
  stringValue,
  type DocNode,
  type MapNode,
  type ScalarNode,
} from '../parse/document';
import { folderOf, lambdaHandler, resolvePath } from './handlers';
import type { ModelParts } from './index';
import { readPolicyDocument } from './statements';
import type {
  EnvironmentVariable,
  EventModel,
  FunctionModel,
  LambdaPermissionModel,
  PolicyDocument,
  PolicyStatement,
  RoleModel,
  TemplateFormat,
} from './types';

/** One entry of a `Resources` map. */
export interface Resource {
  logicalId: string;
  key: ScalarNode;
  /** The resource block (`Type`, `Properties`, `Metadata` …). */
  node: MapNode;
  type: string;
  properties: MapNode | undefined;
}

/** What a function loader for a resource type (SAM's `AWS::Serverless::Function`) may use. */
export interface ResourceScope {
  file: FilePath;
  format: TemplateFormat;
  paths: ReadonlySet<FilePath>;
  /** The role a `Role` value names, when it is a role of this template. */
  resolveRole(node: DocNode | undefined): RoleModel | undefined;
  /** The statements of an `AWS::IAM::ManagedPolicy` of this template that `node` references. */
  managedPolicyStatements(node: DocNode): PolicyStatement[];
  addRole(role: RoleModel): void;
  addPolicy(policy: PolicyDocument): void;
}

export type FunctionLoader = (resource: Resource, scope: ResourceScope) => FunctionModel | undefined;

export interface CloudFormationOptions {
  file: FilePath;
  format: TemplateFormat;
  paths: ReadonlySet<FilePath>;
  /** `Resources` maps to read (serverless.yml may spread them over several blocks). */
  resources: DocNode[];
  /** Roles defined outside `Resources` that resources may reference by logical id. */
  knownRoles?: ReadonlyMap<string, RoleModel>;
  /** Loaders for function resource types beyond `AWS::Lambda::Function`, by type. */
  functionLoaders?: ReadonlyMap<string, FunctionLoader>;
}

export interface CloudFormationResult extends ModelParts {
  /** Every role the resources may name by logical id (the known roles included). */
  rolesById: ReadonlyMap<string, RoleModel>;
  /** Resolves a role reference (`!GetAtt R.Arn`, `!Ref R`, a logical id, a role ARN). */
  resolveRole(node: DocNode | undefined): RoleModel | undefined;
}

/** Resource types whose own policy document says who may use the resource. */
const RESOURCE_POLICY_PROPERTIES: ReadonlyMap<string, string> = new Map([
  ['AWS::S3::BucketPolicy', 'PolicyDocument'],
  ['AWS::SQS::QueuePolicy', 'PolicyDocument'],
  ['AWS::SNS::TopicPolicy', 'PolicyDocument'],
  ['AWS::KMS::Key', 'KeyPolicy'],
  ['AWS::SecretsManager::ResourcePolicy', 'ResourcePolicy'],
  ['AWS::ApiGateway::RestApi', 'Policy'],
]);

/** Event source types of `AWS::Lambda::EventSourceMapping`, named as SAM names its events. */
const EVENT_SOURCE_TYPES: ReadonlyMap<string, string> = new Map([
  ['AWS::SQS::Queue', 'SQS'],
  ['AWS::DynamoDB::Table', 'DynamoDB'],
  ['AWS::Kinesis::Stream', 'Kinesis'],
  ['AWS::MSK::Cluster', 'MSK'],
  ['AWS::AmazonMQ::Broker', 'MQ'],
  ['AWS::DocDB::DBCluster', 'DocumentDB'],
]);

const EVENT_SOURCE_ARN_SERVICES: ReadonlyMap<string, string> = new Map([
  ['sqs', 'SQS'],
  ['dynamodb', 'DynamoDB'],
  ['kinesis', 'Kinesis'],
  ['kafka', 'MSK'],
  ['mq', 'MQ'],
  ['rds', 'DocumentDB'],
]);

/** The entries of a `Resources` map that have a `Type`. */
export function resourcesOf(resources: DocNode | undefined): Resource[] {
  if (!isMap(resources)) return [];
  const result: Resource[] = [];
  for (const entry of resources.entries) {
    const logicalId = stringValue(entry.key);
    const type = stringValue(get(entry.value, 'Type'));
    if (logicalId === undefined || type === undefined || !isMap(entry.value)) continue;
    const properties = get(entry.value, 'Properties');
    result.push({ logicalId, key: entry.key, node: entry.value, type, properties: isMap(properties) ? properties : undefined });
  }
  return result;
}

/** True when a document is a CloudFormation (or SAM) template. */
export function isCloudFormationTemplate(root: DocNode): boolean {
  if (!isMap(root)) return false;
  if (get(root, 'AWSTemplateFormatVersion') !== undefined) return true;
  return resourcesOf(get(root, 'Resources')).some((resource) => /^(AWS|Alexa)::/.test(resource.type));
}

/**
 * The logical id a reference names: `{Ref: X}`, `{Fn::GetAtt: [X, Arn]}`, `{Fn::GetAtt: "X.Arn"}`,
 * `{Fn::Sub: "…${X.Arn}…"}`, or a plain string (serverless names roles by logical id).
 */
export function referencedId(node: DocNode | undefined): string | undefined {
  const intrinsic = intrinsicName(node);
  if (intrinsic === undefined) return stringValue(node);
  const argument = get(node, intrinsic);
  if (intrinsic === 'Ref') return stringValue(argument);
  if (intrinsic === 'Fn::GetAtt') {
    if (isSeq(argument)) return stringValue(argument.items[0]);
    return stringValue(argument)?.split('.')[0];
  }
  if (intrinsic === 'Fn::Sub') {
    const template = isSeq(argument) ? stringValue(argument.items[0]) : stringValue(argument);
    const match = template === undefined ? null : /^\$\{([A-Za-z0-9]+)\.Arn\}$/.exec(template.trim());
    return match?.[1];
  }
  return undefined;
}

/** Reads every resource of the given `Resources` maps into the model. */
export function loadCloudFormation(options: CloudFormationOptions): CloudFormationResult {
  const { file } = options;
  const resources = options.resources.flatMap((node) => resourcesOf(node));
  const roles: RoleModel[] = [];
  const policies: PolicyDocument[] = [];
  const functions: FunctionModel[] = [];
  const rolesById = new Map<string, RoleModel>(options.knownRoles ?? []);
  const rolesByName = new Map<string, RoleModel>();
  const managedPolicies = new Map<string, PolicyDocument>();
  const iamPolicies = new Map<string, PolicyDocument>();
  const resourcesById = new Map(resources.map((resource) => [resource.logicalId, resource]));

  // Roles first: policies and functions below attach to them.
  for (const resource of resources) {
    if (resource.type !== 'AWS::IAM::Role') continue;
    const role = readRole(file, resource, policies);
    roles.push(role);
    rolesById.set(resource.logicalId, role);
    const roleName = stringValue(get(resource.properties, 'RoleName'));
    if (roleName !== undefined) rolesByName.set(roleName, role);
  }

  for (const resource of resources) {
    if (resource.type !== 'AWS::IAM::Policy' && resource.type !== 'AWS::IAM::ManagedPolicy') continue;
    const documentNode = get(resource.properties, 'PolicyDocument');
    if (documentNode === undefined) continue;
    const policy = readPolicyDocument(file, documentNode, {
      kind: 'cloudformation-policy',
      name: resource.logicalId,
      node: resource.node,
    });
    policies.push(policy);
    iamPolicies.set(resource.logicalId, policy);
    if (resource.type === 'AWS::IAM::ManagedPolicy') managedPolicies.set(resource.logicalId, policy);
  }

  const resolveRole = (node: DocNode | undefined): RoleModel | undefined => {
    const id = referencedId(node);
    if (id === undefined) return undefined;
    const byId = rolesById.get(id);
    if (byId) return byId;
    // A literal ARN `arn:aws:iam::123456789012:role/path/name` or a bare role name.
    const name = id.startsWith('arn:') ? id.slice(id.lastIndexOf('/') + 1) : id;
    return rolesByName.get(name);
  };
  const managedPolicyStatements = (node: DocNode): PolicyStatement[] => {
    if (intrinsicName(node) !== 'Ref') return [];
    const id = referencedId(node);
    return (id === undefined ? undefined : managedPolicies.get(id))?.statements ?? [];
  };

  // `AWS::IAM::Policy`/`ManagedPolicy` `Roles: [!Ref R]` and a role's `ManagedPolicyArns:
  // [!Ref P]` both grant the policy's statements to the role.
  for (const resource of resources) {
    const policy = iamPolicies.get(resource.logicalId);
    if (!policy || policy.owner.node !== resource.node) continue;
    for (const target of asList(get(resource.properties, 'Roles'))) {
      const role = resolveRole(target);
      if (role) role.statements.push(...policy.statements);
    }
  }
  // Known roles too: serverless's `iam.role.managedPolicies` may reference a policy of `resources`.
  for (const role of new Set(rolesById.values())) {
    for (const arn of role.managedPolicies) role.statements.push(...managedPolicyStatements(arn));
  }

  for (const resource of resources) {
    const property = RESOURCE_POLICY_PROPERTIES.get(resource.type);
    const documentNode = property === undefined ? undefined : get(resource.properties, property);
    if (documentNode === undefined) continue;
    policies.push(readPolicyDocument(file, documentNode, { kind: 'resource-policy', name: resource.logicalId, node: resource.node }));
  }

  const scope: ResourceScope = {
    file,
    format: options.format,
    paths: options.paths,
    resolveRole,
    managedPolicyStatements,
    addRole: (role) => roles.push(role),
    addPolicy: (policy) => policies.push(policy),
  };
  const functionsById = new Map<string, FunctionModel>();
  const permissions: LambdaPermissionModel[] = [];
  for (const resource of resources) {
    const loader = resource.type === 'AWS::Lambda::Function' ? lambdaFunction : options.functionLoaders?.get(resource.type);
    const model = loader?.(resource, scope);
    if (!model) continue;
    functions.push(model);
    functionsById.set(resource.logicalId, model);
  }

  for (const resource of resources) {
    if (resource.type === 'AWS::Lambda::Url') {
      const target = functionsById.get(referencedId(get(resource.properties, 'TargetFunctionArn')) ?? '');
      if (target && resource.properties) target.urlConfig = resource.properties;
    } else if (resource.type === 'AWS::Lambda::EventSourceMapping') {
      const target = functionsById.get(referencedId(get(resource.properties, 'FunctionName')) ?? '');
      if (target) target.events.push(eventSourceMapping(resource, resourcesById));
    } else if (resource.type === 'AWS::Lambda::Permission') {
      permissions.push(lambdaPermission(file, resource, functionsById));
    }
  }

  // Last, once every policy is attached: a function is granted exactly what its role is.
  for (const model of functions) {
    if (!model.role) continue;
    model.statements = [...model.role.statements];
    model.managedPolicies = [...model.role.managedPolicies];
  }
  return { functions, roles, policies, permissions, rolesById, resolveRole };
}

function readRole(file: FilePath, resource: Resource, policies: PolicyDocument[]): RoleModel {
  const role: RoleModel = {
    id: `${file}#${resource.logicalId}`,
    file,
    name: resource.logicalId,
    node: resource.node,
    statements: [],
    managedPolicies: asList(get(resource.properties, 'ManagedPolicyArns')),
  };
  for (const inline of asList(get(resource.properties, 'Policies'))) {
    const documentNode = get(inline, 'PolicyDocument');
    if (documentNode === undefined) continue;
    const policy = readPolicyDocument(file, documentNode, { kind: 'cloudformation-role', name: resource.logicalId, node: resource.node });
    policies.push(policy);
    role.statements.push(...policy.statements);
  }
  const trust = get(resource.properties, 'AssumeRolePolicyDocument');
  if (trust !== undefined) {
    role.trustPolicy = readPolicyDocument(file, trust, { kind: 'cloudformation-role', name: resource.logicalId, node: resource.node });
  }
  return role;
}

/** The properties that say who may invoke the function; `function` when it is one of ours. */
function lambdaPermission(file: FilePath, resource: Resource, functionsById: ReadonlyMap<string, FunctionModel>): LambdaPermissionModel {
  const permission: LambdaPermissionModel = { file, name: resource.logicalId, key: resource.key, node: resource.node };
  const properties = resource.properties;
  if (!properties) return permission;
  permission.properties = properties;
  const fields = [
    ['action', 'Action'],
    ['principal', 'Principal'],
    ['sourceArn', 'SourceArn'],
    ['sourceAccount', 'SourceAccount'],
    ['principalOrgId', 'PrincipalOrgID'],
    ['eventSourceToken', 'EventSourceToken'],
    ['functionUrlAuthType', 'FunctionUrlAuthType'],
    ['functionName', 'FunctionName'],
  ] as const;
  for (const [field, key] of fields) {
    const value = get(properties, key);
    if (value !== undefined) permission[field] = value;
  }
  const target = functionsById.get(referencedId(permission.functionName) ?? '');
  if (target) permission.function = target;
  return permission;
}

function lambdaFunction(resource: Resource, scope: ResourceScope): FunctionModel {
  const properties = resource.properties;
  const model = newFunction(scope, resource);
  const runtime = get(properties, 'Runtime');
  if (isScalar(runtime)) model.runtime = runtime;
  const handler = get(properties, 'Handler');
  const handlerValue = stringValue(handler);
  if (isScalar(handler) && handlerValue !== undefined) {
    model.handler = lambdaHandler({
      value: handlerValue,
      node: handler,
      codeFolder: lambdaCodeFolder(scope.file, get(properties, 'Code')),
      runtime: stringValue(runtime),
      paths: scope.paths,
    });
  }
  model.environment = environmentVariables(getPath(properties, 'Environment', 'Variables'), 'function');
  const role = scope.resolveRole(get(properties, 'Role'));
  if (role) model.role = role;
  return model;
}

/**
 * Where `AWS::Lambda::Function` code lives in the project: `aws cloudformation package` accepts a
 * local path as `Code`. S3 locations and inline `ZipFile` code have no file in the project.
 */
function lambdaCodeFolder(file: FilePath, code: DocNode | undefined): FilePath | undefined {
  const written = stringValue(code);
  if (written === undefined || written.startsWith('s3://') || written.includes('${')) return undefined;
  // A packaged zip is not a folder we can look into.
  if (/\.(zip|jar)$/i.test(written)) return undefined;
  return resolvePath(folderOf(file), written);
}

/** A FunctionModel for a resource, with empty collections to fill in. */
export function newFunction(scope: Pick<ResourceScope, 'file' | 'format'>, resource: Resource): FunctionModel {
  return {
    id: `${scope.file}#${resource.logicalId}`,
    name: resource.logicalId,
    nameNode: resource.key,
    file: scope.file,
    format: scope.format,
    platform: 'aws',
    node: resource.node,
    environment: [],
    events: [],
    statements: [],
    managedPolicies: [],
  };
}

/** The entries of an environment map (`Variables`, serverless `environment`). */
export function environmentVariables(node: DocNode | undefined, level: EnvironmentVariable['level']): EnvironmentVariable[] {
  if (!isMap(node)) return [];
  const variables: EnvironmentVariable[] = [];
  for (const entry of node.entries) {
    const name = stringValue(entry.key);
    if (name === undefined) continue;
    variables.push({ name, nameNode: entry.key, value: entry.value, level });
  }
  return variables;
}

/** Outer variables overridden by name by inner ones (function over provider or Globals). */
export function mergeEnvironment(outer: EnvironmentVariable[], inner: EnvironmentVariable[]): EnvironmentVariable[] {
  const innerNames = new Set(inner.map((variable) => variable.name));
  return [...outer.filter((variable) => !innerNames.has(variable.name)), ...inner];
}

function eventSourceMapping(resource: Resource, resourcesById: ReadonlyMap<string, Resource>): EventModel {
  const source = get(resource.properties, 'EventSourceArn');
  const sourceId = intrinsicName(source) === undefined ? undefined : referencedId(source);
  const sourceResource = sourceId === undefined ? undefined : resourcesById.get(sourceId);
  let type = sourceResource ? EVENT_SOURCE_TYPES.get(sourceResource.type) : undefined;
  const arn = intrinsicName(source) === undefined ? stringValue(source) : undefined;
  if (type === undefined && arn?.startsWith('arn:')) type = EVENT_SOURCE_ARN_SERVICES.get(arn.split(':')[2] ?? '');
  const event: EventModel = { type: type ?? 'EventSourceMapping', node: resource.node };
  if (resource.properties) event.config = resource.properties;
  return event;
}
