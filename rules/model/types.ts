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
}

export interface ProjectModel {
  templates: TemplateModel[];
  functions: FunctionModel[];
  roles: RoleModel[];
  /** Every policy document in the project, attached to a function or not. */
  policies: PolicyDocument[];
  template(file: FilePath): TemplateModel | undefined;
  /** Every statement whose node lives in `file`. */
  statementsIn(file: FilePath): PolicyStatement[];
  /** The functions whose handler resolves to `file`. */
  functionsForHandler(file: FilePath): FunctionModel[];
}
