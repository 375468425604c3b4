/**
 * AWS SAM templates: CloudFormation plus `AWS::Serverless::Function`, whose handler, role and
 * environment come partly from `Globals.Function`.
 *
 * A function without `Role` runs as the role SAM generates for it (`<LogicalId>Role`) from its
 * `Policies`; with `Role` SAM ignores `Policies`, so they are still listed as policies of the
 * project but grant the function nothing.
 */
import type { FilePath } from '../engine/types';
import {
  asList,
  get,
  getPath,
  intrinsicName,
  isMap,
  isScalar,
  stringValue,
  type DocNode,
  type MapNode,
} from '../parse/document';
import {
  environmentVariables,
  isCloudFormationTemplate,
  loadCloudFormation,
  mergeEnvironment,
  newFunction,
  type FunctionLoader,
  type Resource,
  type ResourceScope,
} from './cloudformation';
import { folderOf, lambdaHandler, resolvePath } from './handlers';
import type { ModelParts } from './index';
import { expandPolicyTemplates } from './sam-policy-templates';
import { isPolicyDocument, readPolicyDocument } from './statements';
import type { EventModel, FunctionModel, RoleModel } from './types';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/**
 * True for a CloudFormation template with the SAM transform. A template that uses
 * `AWS::Serverless::*` types without declaring the transform is read as SAM too: it will not
 * deploy as written, but its functions are what the author means.
 */
export function isSamTemplate(root: DocNode): boolean {
  if (!isCloudFormationTemplate(root)) return false;
  const transforms = asList(get(root, 'Transform')).map((node) => stringValue(node));
  if (transforms.includes(SAM_TRANSFORM)) return true;
  const resources = get(root, 'Resources');
  return isMap(resources) && resources.entries.some((entry) => stringValue(get(entry.value, 'Type'))?.startsWith('AWS::Serverless::'));
}

/** Every function, role and policy of a SAM template. */
export function loadSam(file: FilePath, root: MapNode, paths: ReadonlySet<FilePath>): ModelParts {
  const globals = getPath(root, 'Globals', 'Function');
  const loader: FunctionLoader = (resource, scope) => samFunction(resource, scope, isMap(globals) ? globals : undefined);
  const result = loadCloudFormation({
    file,
    format: 'sam',
    paths,
    resources: [get(root, 'Resources')].filter((node): node is DocNode => node !== undefined),
    functionLoaders: new Map([['AWS::Serverless::Function', loader]]),
  });
  return { functions: result.functions, roles: result.roles, policies: result.policies, permissions: result.permissions };
}

function samFunction(resource: Resource, scope: ResourceScope, globals: MapNode | undefined): FunctionModel {
  const properties = resource.properties;
  // `Globals.Function` supplies any property the function leaves out.
  const property = (key: string): DocNode | undefined => get(properties, key) ?? get(globals, key);
  const model = newFunction(scope, resource);

  const runtime = property('Runtime');
  if (isScalar(runtime)) model.runtime = runtime;

  const handler = property('Handler');
  const handlerValue = stringValue(handler);
  if (isScalar(handler) && handlerValue !== undefined) {
    const entryPoints = asList(getPath(resource.node, 'Metadata', 'BuildProperties', 'EntryPoints'))
      .map((node) => stringValue(node))
      .filter((entry): entry is string => entry !== undefined);
    const inline = get(properties, 'InlineCode') !== undefined;
    model.handler = lambdaHandler({
      value: handlerValue,
      node: handler,
      codeFolder: inline ? undefined : codeFolder(scope.file, property('CodeUri')),
      runtime: stringValue(runtime),
      entryPoints,
      paths: scope.paths,
    });
  }

  model.environment = mergeEnvironment(
    environmentVariables(getPath(globals, 'Environment', 'Variables'), 'globals'),
    environmentVariables(getPath(properties, 'Environment', 'Variables'), 'function'),
  );
  model.events = samEvents(get(properties, 'Events'));
  const urlConfig = property('FunctionUrlConfig');
  if (urlConfig !== undefined) model.urlConfig = urlConfig;

  const roleNode = property('Role');
  // Read even when `Role` is set, so the inline policies are still in the project's policies.
  const generated = generatedRole(resource, scope);
  if (roleNode === undefined) {
    scope.addRole(generated);
    model.role = generated;
  } else {
    const role = scope.resolveRole(roleNode);
    if (role) model.role = role;
  }
  return model;
}

/**
 * The folder `CodeUri` names, relative to the template. Absent means the template's folder; an
 * S3 location (a `s3://` URI, a `Bucket`/`Key` map) or an intrinsic is code we do not have.
 */
function codeFolder(file: FilePath, codeUri: DocNode | undefined): FilePath | undefined {
  if (codeUri === undefined) return folderOf(file);
  const written = stringValue(codeUri);
  if (written === undefined || written.startsWith('s3://') || written.includes('${')) return undefined;
  if (/\.(zip|jar)$/i.test(written)) return undefined;
  return resolvePath(folderOf(file), written);
}

/** `Events: {Name: {Type, Properties}}`: one event per entry with a `Type`. */
function samEvents(node: DocNode | undefined): EventModel[] {
  if (!isMap(node)) return [];
  const events: EventModel[] = [];
  for (const entry of node.entries) {
    const type = stringValue(get(entry.value, 'Type'));
    if (type === undefined) continue;
    const event: EventModel = { type, node: entry.value };
    const properties = get(entry.value, 'Properties');
    if (properties !== undefined) event.config = properties;
    events.push(event);
  }
  return events;
}

/**
 * The role SAM generates from `Policies`: managed policy names/ARNs and references, inline
 * policy documents, and policy templates (`S3ReadPolicy: {BucketName: …}`), expanded to the
 * statements SAM deploys for them (see sam-policy-templates.ts).
 */
function generatedRole(resource: Resource, scope: ResourceScope): RoleModel {
  const role: RoleModel = {
    id: `${scope.file}#${resource.logicalId}Role`,
    file: scope.file,
    name: `${resource.logicalId}Role`,
    node: resource.node,
    statements: [],
    managedPolicies: [],
  };
  const policiesNode = get(resource.properties, 'Policies');
  // `Policies` may be one policy document rather than a list of entries.
  const entries = isPolicyDocument(policiesNode) ? [policiesNode] : asList(policiesNode);
  for (const entry of entries) {
    if (isScalar(entry)) {
      if (typeof entry.value === 'string') role.managedPolicies.push(entry);
    } else if (intrinsicName(entry) !== undefined) {
      role.managedPolicies.push(entry);
      role.statements.push(...scope.managedPolicyStatements(entry));
    } else if (isPolicyDocument(entry)) {
      const policy = readPolicyDocument(scope.file, entry, { kind: 'sam-function-policies', name: resource.logicalId, node: resource.node });
      scope.addPolicy(policy);
      role.statements.push(...policy.statements);
    } else if (isMap(entry)) {
      const policy = expandPolicyTemplates(scope.file, entry, { kind: 'sam-function-policies', name: resource.logicalId, node: resource.node });
      if (policy) {
        scope.addPolicy(policy);
        role.statements.push(...policy.statements);
      }
    }
  }
  return role;
}
