/**
 * Serverless Framework service files (serverless.yml / .yaml / .json).
 *
 * Every function runs as the provider role (`IamRoleLambdaExecution`, one for the whole service)
 * unless it names its own `role`, or has its own statements (the serverless-iam-roles-per-function
 * plugin's `iamRoleStatements`, or `iam.role.statements`), which give it a role of its own.
 *
 * Serverless variables (`${self:…}`, `${sls:stage}`, `${opt:…}`, `${ssm:…}`, `${env:…}`,
 * `${file(…)}`) are kept as the strings written: resolving them needs the CLI, the stage and
 * often AWS, and a guess would put findings on values that are never deployed.
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
  type MapEntry,
  type MapNode,
} from '../parse/document';
import { environmentVariables, loadCloudFormation, mergeEnvironment, referencedId } from './cloudformation';
import { baseName, folderOf, handlerReference, HANDLER_EXTENSIONS, lambdaHandler, resolvePath } from './handlers';
import type { ModelParts } from './index';
import { readPolicyDocument } from './statements';
import type { EventModel, FunctionModel, PolicyDocument, PolicyOwner, RoleModel } from './types';

/** True when a document is a Serverless Framework service, by file name or by its keys. */
export function isServerlessService(file: FilePath, root: DocNode): boolean {
  if (!isMap(root)) return false;
  if (/^serverless\.(ya?ml|json)$/i.test(baseName(file))) return true;
  return get(root, 'service') !== undefined && isMap(get(root, 'provider'));
}

/** The role the framework generates for the service, as CloudFormation resources name it. */
const PROVIDER_ROLE_LOGICAL_ID = 'IamRoleLambdaExecution';

/** Functions, roles and policies of a service, its `resources.Resources` included. */
export function loadServerless(file: FilePath, root: MapNode, paths: ReadonlySet<FilePath>): ModelParts {
  const provider = get(root, 'provider');
  const platform = platformOf(stringValue(get(provider, 'name')));
  const policies: PolicyDocument[] = [];
  const roles: RoleModel[] = [];

  // `provider.iam.role` is either the settings of the generated role (a map) or a custom role
  // (a logical id, an ARN or an intrinsic), as is the legacy `provider.role`.
  const iamRole = getPath(provider, 'iam', 'role');
  const roleSettings = isMap(iamRole) && intrinsicName(iamRole) === undefined ? iamRole : undefined;
  const customRole = roleSettings ? undefined : (iamRole ?? get(provider, 'role'));

  const providerRole: RoleModel = {
    id: `${file}#provider`,
    file,
    name: 'provider',
    statements: [],
    managedPolicies: [...asList(get(roleSettings, 'managedPolicies')), ...asList(get(provider, 'iamManagedPolicies'))],
  };
  const providerNode = isMap(provider) ? provider : undefined;
  const providerRoleNode = roleSettings ?? get(provider, 'iamRoleStatements') ?? providerNode;
  if (providerRoleNode) providerRole.node = providerRoleNode;
  const providerOwner: PolicyOwner = { kind: 'serverless-provider-role', name: 'provider' };
  const ownerNode = roleSettings ?? providerNode;
  if (ownerNode) providerOwner.node = ownerNode;
  for (const statementsNode of [get(roleSettings, 'statements'), get(provider, 'iamRoleStatements')]) {
    if (statementsNode === undefined) continue;
    const policy = readPolicyDocument(file, statementsNode, providerOwner);
    policies.push(policy);
    providerRole.statements.push(...policy.statements);
  }

  // Resources may attach policies to the generated role by its logical id.
  const cloudFormation = loadCloudFormation({
    file,
    format: 'serverless',
    paths,
    resources: resourceBlocks(get(root, 'resources')),
    knownRoles: new Map([[PROVIDER_ROLE_LOGICAL_ID, providerRole]]),
  });
  const serviceRole = customRole === undefined ? providerRole : cloudFormation.resolveRole(customRole);

  const defaultInherit = isTrue(getPath(root, 'custom', 'serverless-iam-roles-per-function', 'defaultInherit'));
  const providerRuntime = get(provider, 'runtime');
  const providerEnvironment = environmentVariables(get(provider, 'environment'), 'provider');

  const functions: FunctionModel[] = [];
  for (const entry of functionEntries(get(root, 'functions'))) {
    const name = stringValue(entry.key);
    const definition = entry.value;
    if (name === undefined || !isMap(definition)) continue;
    const model: FunctionModel = {
      id: `${file}#${name}`,
      name,
      nameNode: entry.key,
      file,
      format: 'serverless',
      platform,
      node: definition,
      environment: mergeEnvironment(providerEnvironment, environmentVariables(get(definition, 'environment'), 'function')),
      events: serverlessEvents(get(definition, 'events')),
      statements: [],
      managedPolicies: [],
    };
    const runtime = get(definition, 'runtime') ?? providerRuntime;
    if (isScalar(runtime)) model.runtime = runtime;

    const handler = get(definition, 'handler');
    const handlerValue = stringValue(handler);
    if (isScalar(handler) && handlerValue !== undefined && platform === 'gcp') {
      // Google Cloud Functions name only the exported function; the module is the service's main file.
      const candidates = HANDLER_EXTENSIONS.map((extension) => resolvePath(folderOf(file), `index${extension}`));
      model.handler = handlerReference(handlerValue, handler, candidates, paths, handlerValue);
    } else if (isScalar(handler) && handlerValue !== undefined) {
      model.handler = lambdaHandler({ value: handlerValue, node: handler, codeFolder: folderOf(file), runtime: stringValue(runtime), paths });
    }

    const url = get(definition, 'url');
    if (url !== undefined && !(isScalar(url) && (url.value === false || url.value === null))) model.urlConfig = url;

    const role = functionRole(file, name, definition, {
      providerRole,
      serviceRole,
      inherit: defaultInherit,
      resolveRole: cloudFormation.resolveRole,
      policies,
      roles,
    });
    if (role) {
      model.role = role;
      model.statements = [...role.statements];
      model.managedPolicies = [...role.managedPolicies];
    }
    functions.push(model);
  }

  // The generated role exists only when something uses it or it says something.
  const providerRoleUsed = functions.some((model) => model.role === providerRole);
  if (providerRoleUsed || providerRole.statements.length > 0 || providerRole.managedPolicies.length > 0) roles.unshift(providerRole);

  // `resources` name the framework's functions by the logical ids it generates for them.
  const byLogicalId = new Map(functions.map((model) => [functionLogicalId(model.name), model]));
  for (const permission of cloudFormation.permissions) {
    const target = permission.function ? undefined : byLogicalId.get(referencedId(permission.functionName) ?? '');
    if (target) permission.function = target;
  }

  return {
    functions: [...functions, ...cloudFormation.functions],
    roles: [...roles, ...cloudFormation.roles],
    policies: [...policies, ...cloudFormation.policies],
    permissions: cloudFormation.permissions,
  };
}

/** The framework's logical id for a function: `get-item` → `GetDashitemLambdaFunction`. */
export function functionLogicalId(name: string): string {
  const normalised = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
  return `${normalised.charAt(0).toUpperCase()}${normalised.slice(1)}LambdaFunction`;
}

interface RoleContext {
  providerRole: RoleModel;
  /** The role functions run as by default: the provider role or the custom role it names. */
  serviceRole: RoleModel | undefined;
  inherit: boolean;
  resolveRole(node: DocNode | undefined): RoleModel | undefined;
  policies: PolicyDocument[];
  roles: RoleModel[];
}

/**
 * A function's own `role` wins; its own statements make a per-function role (which replaces the
 * provider's statements unless `iamRoleStatementsInherit`/`defaultInherit` says to keep them);
 * otherwise the function shares the service role.
 */
function functionRole(file: FilePath, name: string, definition: MapNode, context: RoleContext): RoleModel | undefined {
  const iamRole = getPath(definition, 'iam', 'role');
  const settings = isMap(iamRole) && intrinsicName(iamRole) === undefined ? iamRole : undefined;
  const customRole = get(definition, 'role') ?? (settings ? undefined : iamRole);
  if (customRole !== undefined) return context.resolveRole(customRole);

  const statementNodes = [get(settings, 'statements'), get(definition, 'iamRoleStatements')].filter(
    (node): node is DocNode => node !== undefined,
  );
  if (statementNodes.length === 0) return context.serviceRole;

  const role: RoleModel = {
    id: `${file}#functions.${name}`,
    file,
    name,
    node: definition,
    statements: [],
    managedPolicies: asList(get(settings, 'managedPolicies')),
  };
  const owner: PolicyOwner = { kind: 'serverless-function-role', name, node: definition };
  for (const node of statementNodes) {
    const policy = readPolicyDocument(file, node, owner);
    context.policies.push(policy);
    role.statements.push(...policy.statements);
  }
  const inheritNode = get(definition, 'iamRoleStatementsInherit');
  const inherit = inheritNode === undefined ? context.inherit : isTrue(inheritNode);
  if (inherit) {
    role.statements.push(...context.providerRole.statements);
    role.managedPolicies.push(...context.providerRole.managedPolicies);
  }
  context.roles.push(role);
  return role;
}

/** `functions` is a map of functions, or a list of such maps (often `${file(…)}` includes). */
function functionEntries(node: DocNode | undefined): MapEntry[] {
  if (isMap(node)) return node.entries;
  if (isSeq(node)) return node.items.flatMap((item) => (isMap(item) ? item.entries : []));
  return [];
}

/** `resources` is `{Resources: …}` or a list of such blocks. */
function resourceBlocks(node: DocNode | undefined): DocNode[] {
  const blocks = isSeq(node) ? node.items : node === undefined ? [] : [node];
  return blocks.map((block) => get(block, 'Resources')).filter((resources): resources is DocNode => resources !== undefined);
}

/** Each event item is a map whose single key is the event type: `- http: {…}`, `- sqs: arn`. */
function serverlessEvents(node: DocNode | undefined): EventModel[] {
  const events: EventModel[] = [];
  for (const item of isSeq(node) ? node.items : []) {
    const first = isMap(item) ? item.entries[0] : undefined;
    const type = stringValue(first?.key);
    if (!first || type === undefined) continue;
    events.push({ type, node: item, config: first.value });
  }
  return events;
}

function platformOf(providerName: string | undefined): FunctionModel['platform'] {
  if (providerName === 'azure') return 'azure';
  if (providerName === 'google') return 'gcp';
  return 'aws';
}

function isTrue(node: DocNode | undefined): boolean {
  return isScalar(node) && (node.value === true || node.value === 'true');
}
