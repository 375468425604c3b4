/**
 * Builds the project model from every parsed template of a project: each YAML/JSON document is
 * recognised as one format and read by that format's loader; lookups are indexed once here.
 */
import type { FilePath } from '../engine/types';
import { get, isMap, type DocNode } from '../parse/document';
import { isDocumentFile, languageOf, type SourceFile } from '../parse/source-file';
import { isAzureFunction, isAzureSettings, loadAzureFunction, readAzureSettings, type AzureSettings } from './azure';
import { isCloudFormationTemplate, loadCloudFormation } from './cloudformation';
import { describeEndpoints } from './endpoints';
import { baseName, folderOf } from './handlers';
import { isIamPolicyFile, loadIamPolicyFile } from './iam-policy';
import { isSamTemplate, loadSam } from './sam';
import { isServerlessService, loadServerless } from './serverless';
import type {
  FunctionModel,
  LambdaPermissionModel,
  PolicyDocument,
  PolicyStatement,
  ProjectModel,
  RoleModel,
  TemplateFormat,
  TemplateModel,
} from './types';

export interface ModelInput {
  /** Every path in the project (handlers are resolved against these, parsed or not). */
  paths: ReadonlySet<FilePath>;
  /** The parsed file at a path (cached by the caller). */
  sourceFile(path: FilePath): SourceFile | undefined;
}

/** What one loader contributes to the model. */
export interface ModelParts {
  functions: FunctionModel[];
  roles: RoleModel[];
  policies: PolicyDocument[];
  permissions: LambdaPermissionModel[];
}

/**
 * Generated copies of templates: `.serverless/` and `.aws-sam/build/` hold what the CLIs
 * compiled from the user's template, and `node_modules/` holds other people's. Reading them
 * would report every function twice, at places the user does not edit.
 */
const GENERATED_PATH = /(^|\/)(node_modules|\.serverless|\.aws-sam)\//;

/**
 * Well-known YAML/JSON files that are never templates. Skipping them by name saves parsing a
 * lockfile (often megabytes) only to find it is not a template.
 */
const NEVER_TEMPLATES: ReadonlySet<string> = new Set([
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'composer.json',
  'host.json',
  'tsconfig.json',
  'jsconfig.json',
]);
/** `tsconfig.build.json`, `jsconfig.base.json` … */
const COMPILER_CONFIG = /^(ts|js)config\..+\.json$/i;

/**
 * Reads every YAML and JSON file of the project that is a template: Serverless Framework,
 * SAM, CloudFormation, IAM policy, Azure function.json / local.settings.json. Never throws on
 * template content: what does not fit a format's shape is skipped.
 */
export function buildProjectModel(input: ModelInput): ProjectModel {
  const templates: TemplateModel[] = [];
  const parts: ModelParts = { functions: [], roles: [], policies: [], permissions: [] };
  const azureSettings: AzureSettings[] = [];

  // Sorted so the model (and the order of everything rules report) does not depend on the order
  // files were opened in.
  for (const path of [...input.paths].sort()) {
    const name = baseName(path);
    if (GENERATED_PATH.test(path) || NEVER_TEMPLATES.has(name.toLowerCase()) || COMPILER_CONFIG.test(name)) continue;
    const language = languageOf(path);
    if (language !== 'yaml' && language !== 'json') continue;
    const source = input.sourceFile(path);
    if (!source || !isDocumentFile(source)) continue;
    let recognised = false;
    // Multi-document YAML: every document is read; the template is named after the first one.
    for (const document of source.documents) {
      const format = loadDocument(path, document, input.paths, parts, azureSettings);
      if (format === undefined || recognised) continue;
      recognised = true;
      templates.push({ file: path, format, root: document });
    }
  }

  applyAzureSettings(parts.functions, azureSettings);
  describeEndpoints(parts.functions, templates);
  return indexModel(templates, parts);
}

function loadDocument(
  file: FilePath,
  root: DocNode,
  paths: ReadonlySet<FilePath>,
  parts: ModelParts,
  azureSettings: AzureSettings[],
): TemplateFormat | undefined {
  if (!isMap(root)) return undefined;
  // Order matters: a serverless.yml may hold CloudFormation `Resources`, and a function.json or
  // a policy file must not be mistaken for a template because of a stray key.
  if (isServerlessService(file, root)) {
    add(parts, loadServerless(file, root, paths));
    return 'serverless';
  }
  if (isAzureFunction(file, root)) {
    parts.functions.push(loadAzureFunction(file, root, paths));
    return 'azure-function';
  }
  if (isAzureSettings(file, root)) {
    azureSettings.push(readAzureSettings(file, root));
    return 'azure-settings';
  }
  if (isSamTemplate(root)) {
    add(parts, loadSam(file, root, paths));
    return 'sam';
  }
  if (isCloudFormationTemplate(root)) {
    const resources = get(root, 'Resources');
    add(parts, loadCloudFormation({ file, format: 'cloudformation', paths, resources: resources ? [resources] : [] }));
    return 'cloudformation';
  }
  if (isIamPolicyFile(root)) {
    parts.policies.push(loadIamPolicyFile(file, root));
    return 'iam-policy';
  }
  return undefined;
}

function add(parts: ModelParts, more: ModelParts): void {
  parts.functions.push(...more.functions);
  parts.roles.push(...more.roles);
  parts.policies.push(...more.policies);
  parts.permissions.push(...more.permissions);
}

/** Each Azure function reads the local.settings.json of the nearest app root above it. */
function applyAzureSettings(functions: FunctionModel[], settings: AzureSettings[]): void {
  if (settings.length === 0) return;
  const byFolder = new Map(settings.map((entry) => [entry.folder, entry]));
  for (const model of functions) {
    if (model.format !== 'azure-function') continue;
    const found = nearestSettings(folderOf(model.file), byFolder);
    if (!found) continue;
    model.environment = [...found.values, ...model.environment];
    if (!model.runtime && found.runtime) model.runtime = found.runtime;
  }
}

function nearestSettings(start: FilePath, byFolder: ReadonlyMap<FilePath, AzureSettings>): AzureSettings | undefined {
  let folder = start;
  for (;;) {
    const found = byFolder.get(folder);
    if (found) return found;
    const parent = folderOf(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

function indexModel(templates: TemplateModel[], parts: ModelParts): ProjectModel {
  const templatesByFile = new Map<FilePath, TemplateModel>();
  for (const template of templates) if (!templatesByFile.has(template.file)) templatesByFile.set(template.file, template);

  const statementsByFile = new Map<FilePath, PolicyStatement[]>();
  const seen = new Set<PolicyStatement>();
  for (const policy of parts.policies) {
    for (const statement of policy.statements) {
      if (seen.has(statement)) continue;
      seen.add(statement);
      const list = statementsByFile.get(statement.file) ?? [];
      list.push(statement);
      statementsByFile.set(statement.file, list);
    }
  }
  for (const list of statementsByFile.values()) list.sort((a, b) => a.node.range.start - b.node.range.start);

  const functionsByHandler = new Map<FilePath, FunctionModel[]>();
  for (const model of parts.functions) {
    const handlerFile = model.handler?.file;
    if (handlerFile === undefined) continue;
    const list = functionsByHandler.get(handlerFile) ?? [];
    list.push(model);
    functionsByHandler.set(handlerFile, list);
  }

  return {
    templates,
    functions: parts.functions,
    roles: parts.roles,
    policies: parts.policies,
    permissions: parts.permissions,
    template: (file) => templatesByFile.get(file),
    // Copies: a rule that sorts or filters the result must not change what the next rule sees.
    statementsIn: (file) => [...(statementsByFile.get(file) ?? [])],
    functionsForHandler: (file) => [...(functionsByHandler.get(file) ?? [])],
  };
}
