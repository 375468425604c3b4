/**
 * The project model: functions ⇄ handler files ⇄ roles and statements ⇄ environment ⇄ events,
 * built from every template format we read. Every value keeps its file and its node (and so its
 * range). Rules ask the model; they do not re-parse templates.
 *
 * Serverless variables (`${self:…}`, `${ssm:…}` …) stay strings and CloudFormation references stay
 * intrinsic-function maps: symbolic values are kept as written, never resolved by guessing.
 */
import type { FilePath } from '../engine/types';
import type { DocNode, MapNode, ScalarNode } from '../parse/document';

export type TemplateFormat =
  | 'serverless' // serverless.yml / .yaml / .json (Serverless Framework)
  | 'sam' // CloudFormation with the AWS::Serverless transform
  | 'cloudformation' // plain CloudFormation YAML or JSON
  | 'iam-policy' // a standalone IAM policy document (JSON)
  | 'azure-function' // an Azure Functions function.json
  | 'azure-settings'; // an Azure Functions local.settings.json

export interface TemplateModel {
  file: FilePath;
  format: TemplateFormat;
  /** The document the format was recognised in (the first for multi-document YAML). */
  root: DocNode;
}

export type PolicyOwnerKind =
  | 'serverless-provider-role' // provider.iam.role.statements / provider.iamRoleStatements
  | 'serverless-function-role' // functions.X.iamRoleStatements / functions.X.iam.role.statements
  | 'sam-function-policies' // AWS::Serverless::Function Policies (inline statements)
  | 'cloudformation-role' // AWS::IAM::Role Policies[].PolicyDocument
  | 'cloudformation-policy' // AWS::IAM::Policy / AWS::IAM::ManagedPolicy PolicyDocument
  | 'resource-policy' // a resource's own policy (bucket, queue, topic …)
  | 'policy-file'; // a standalone IAM policy JSON file

export interface PolicyOwner {
  kind: PolicyOwnerKind;
  /** Logical id, function name or file name: how a user would name the owner. */
  name: string;
  /** The node that defines the owner (resource, function or role block), when there is one. */
  node?: DocNode;
}

export interface PolicyStatement {
  file: FilePath;
  node: MapNode;
  /** The `Effect` scalar, when present. */
  effect?: ScalarNode;
  /** True for `Effect: Allow` (the only effect that grants). */
  isAllow: boolean;
  /** `Action` or `NotAction`, whichever the statement uses. */
  actionKey?: 'Action' | 'NotAction';
  /** Each entry of the action list (a scalar, or an intrinsic such as `!If`/`!Ref`). */
  actions: DocNode[];
  resourceKey?: 'Resource' | 'NotResource';
  resources: DocNode[];
  principal?: DocNode;
  condition?: DocNode;
  owner: PolicyOwner;
  /**
   * Set on a statement the SAM loader expanded from a policy template (`S3ReadPolicy:
   * {BucketName: …}`). Such a statement is synthetic: `node` is the template's entry in
   * `Policies`; each action is a scalar ranged on the template's key; each resource is what SAM
   * would deploy, ranged on the parameter value it uses (else on the key): a plain scalar when
   * fully known, else `Fn::Sub` with the written parameters as variables. None of it is action
   * or ARN text the user wrote, so rules that quote or edit statement text check this first.
   */
  template?: PolicyTemplateUse;
}

/** A SAM policy template, as one entry of a function's `Policies` uses it. */
export interface PolicyTemplateUse {
  /** The template's name (`S3ReadPolicy`). */
  name: string;
  /** The key that names the template in `Policies`. */
  key: ScalarNode;
  /** The value written for each parameter, by parameter name (`BucketName` → `!Ref Bucket`). */
  parameters: ReadonlyMap<string, DocNode>;
}

export interface PolicyDocument {
  file: FilePath;
  /** The policy document map (with `Statement`), or the bare statement list for serverless. */
  node: DocNode;
  owner: PolicyOwner;
  statements: PolicyStatement[];
}

export interface RoleModel {
  /** Unique within the project: `${file}#${logicalIdOrName}`. */
  id: string;
  file: FilePath;
  name: string;
  node?: DocNode;
  statements: PolicyStatement[];
  /** Managed policy names or ARNs (scalars or intrinsics) attached to the role. */
  managedPolicies: DocNode[];
  /**
   * Who may assume the role (`AssumeRolePolicyDocument` of an `AWS::IAM::Role`). Kept out of
   * `ProjectModel.policies`: its statements grant no actions to the role's functions.
   */
  trustPolicy?: PolicyDocument;
}

/**
 * An `AWS::Lambda::Permission`: one statement of a function's resource policy, saying who may
 * invoke it (from CloudFormation, SAM or serverless `resources`).
 */
export interface LambdaPermissionModel {
  file: FilePath;
  /** The resource's logical id. */
  name: string;
  key: ScalarNode;
  /** The resource block. */
  node: MapNode;
  properties?: MapNode;
  action?: DocNode;
  principal?: DocNode;
  sourceArn?: DocNode;
  sourceAccount?: DocNode;
  principalOrgId?: DocNode;
  /** Alexa Skills Kit callers are restricted by skill id here instead of SourceArn. */
  eventSourceToken?: DocNode;
  functionUrlAuthType?: DocNode;
  functionName?: DocNode;
  /** The function `FunctionName` names, when it is one of the same template's. */
  function?: FunctionModel;
}

export interface HandlerReference {
  /** The handler as written (`src/upload.handler`, `app.lambdaHandler`, `index.js`). */
  value: string;
  node?: ScalarNode;
  /** The handler file that exists in the workspace, when one of the candidates does. */
  file?: FilePath;
  /** The files the handler may live in, most likely first (relative to the template's folder). */
  candidates: FilePath[];
  /** The exported function name, when the format names one. */
  exportName?: string;
}

export interface EnvironmentVariable {
  name: string;
  nameNode: ScalarNode;
  value: DocNode;
  level: 'provider' | 'globals' | 'function' | 'settings';
}

export interface EventModel {
  /** `http`, `httpApi`, `sqs`, `s3`, `Api`, `SQS`, `httpTrigger`, `queueTrigger` … as written. */
  type: string;
  /** The whole event entry (the serverless list item, the SAM event, the Azure binding). */
  node: DocNode;
  /**
   * The event's settings, the same place in every format: the serverless item's value
   * (`http: {…}`), SAM `Properties`, an event source mapping's `Properties`, the Azure binding.
   */
  config?: DocNode;
  /** The key naming the event: the serverless item's type key (`http`), a SAM event's name. */
  key?: ScalarNode;
  /** Set when the event is an HTTP entry point (API Gateway REST or HTTP API, Azure HTTP trigger). */
  http?: HttpEndpointModel;
}

/**
 * Who may call an HTTP entry point, as its template says:
 * - `protected`: an authorizer, IAM authorization, a required API key, a function key or a
 *   private endpoint stands between the internet and the function;
 * - `public`: the template says in so many words that anyone may call it (`Authorizer: NONE`,
 *   `AuthType: NONE`, `authLevel: anonymous`);
 * - `missing`: nothing protects it and nothing is written, so the platform's public default applies;
 * - `unknown`: the deciding value is a variable or an intrinsic, known only at deploy time.
 */
export interface HttpAuthModel {
  state: 'protected' | 'public' | 'missing' | 'unknown';
  /** The value that decides (the authorizer, `NONE`, `anonymous`, `private: true`), when one is written. */
  node?: DocNode;
  /** True when the deciding value is a default of the API, the provider or `Globals`, not the event's own. */
  inherited?: boolean;
}

/** CORS settings that apply to an HTTP entry point, wherever they are written (event, API, Globals, provider). */
export interface CorsModel {
  /** The settings as written: `cors: true`, `Cors: "'*'"`, `CorsConfiguration: {…}`. */
  node: DocNode;
  /** The value that admits every origin: a `*` origin, or the `true` of `cors: true`. */
  anyOrigin?: DocNode;
  /** The value that allows credentials (`allowCredentials: true`, `AllowCredentials: true`). */
  allowCredentials?: DocNode;
}

export interface HttpEndpointModel {
  kind: 'rest-api' | 'http-api' | 'function-url' | 'azure-http';
  auth: HttpAuthModel;
  cors?: CorsModel;
  /** The integration timeout the event sets (SAM `TimeoutInMillis`), in seconds. */
  integrationTimeout?: { seconds: number; node: ScalarNode };
  /** True when API Gateway invokes the function asynchronously and answers at once (serverless `async: true`). */
  asynchronous?: boolean;
}

/** A function URL as an HTTP entry point (serverless `url`, SAM `FunctionUrlConfig`, `AWS::Lambda::Url`). */
export interface FunctionUrlModel extends HttpEndpointModel {
  kind: 'function-url';
  /** The URL's settings (`urlConfig`). */
  node: DocNode;
  /** The key that declares the URL (`url`, `FunctionUrlConfig`, the `AWS::Lambda::Url` logical id). */
  key?: ScalarNode;
}

export interface FunctionModel {
  /** Unique within the project: `${file}#${name}`. */
  id: string;
  name: string;
  nameNode?: ScalarNode;
  file: FilePath;
  format: TemplateFormat;
  platform: 'aws' | 'azure' | 'gcp';
  /** The function's definition block. */
  node?: DocNode;
  handler?: HandlerReference;
  runtime?: ScalarNode;
  environment: EnvironmentVariable[];
  events: EventModel[];
  /** The role the function runs as, when the template defines it. */
  role?: RoleModel;
  /** Every statement that applies to the function (provider-level, its own, its role's). */
  statements: PolicyStatement[];
  managedPolicies: DocNode[];
  /** SAM `FunctionUrlConfig` / serverless `url`, when present. */
  urlConfig?: DocNode;
  /** The function URL with its auth and CORS settings, when the function has one. */
  url?: FunctionUrlModel;
  /** The timeout that applies, wherever it is written (function, provider, `Globals`); unset means the default. */
  timeout?: ScalarNode;
  /** The reserved concurrency that applies (`reservedConcurrency`, `ReservedConcurrentExecutions`), when written. */
  reservedConcurrency?: DocNode;
}

export interface ProjectModel {
  templates: TemplateModel[];
  functions: FunctionModel[];
  roles: RoleModel[];
  /** Every policy document in the project, attached to a function or not. */
  policies: PolicyDocument[];
  /** Every `AWS::Lambda::Permission` of the project. */
  permissions: LambdaPermissionModel[];
  template(file: FilePath): TemplateModel | undefined;
  /** Every statement whose node lives in `file`. */
  statementsIn(file: FilePath): PolicyStatement[];
  /** The functions whose handler resolves to `file`. */
  functionsForHandler(file: FilePath): FunctionModel[];
}
