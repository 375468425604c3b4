/**
 * Azure Functions (programming model v1–v3 for Node.js): one folder per function holding
 * function.json, and an app root holding host.json and local.settings.json.
 */
import type { FilePath } from '../engine/types';
import { get, isMap, isScalar, isSeq, stringValue, type DocNode, type MapNode, type ScalarNode } from '../parse/document';
import { environmentVariables } from './cloudformation';
import { baseName, folderOf, handlerReference, resolvePath } from './handlers';
import type { EnvironmentVariable, EventModel, FunctionModel } from './types';

/** function.json: a map with `bindings`. host.json and other JSON in the folder are not functions. */
export function isAzureFunction(file: FilePath, root: DocNode): boolean {
  return baseName(file).toLowerCase() === 'function.json' && isMap(root) && get(root, 'bindings') !== undefined;
}

export function isAzureSettings(file: FilePath, root: DocNode): boolean {
  return baseName(file).toLowerCase() === 'local.settings.json' && isMap(root);
}

/** The default script files the Node.js worker looks for beside function.json, in its order. */
const DEFAULT_SCRIPTS = ['index.js', 'index.mjs', 'index.cjs', 'index.ts'];

/** The function a function.json defines; its name is its folder's name. */
export function loadAzureFunction(file: FilePath, root: MapNode, paths: ReadonlySet<FilePath>): FunctionModel {
  const folder = folderOf(file);
  const folderName = baseName(folder);
  const name = folderName === '' || folderName === '.' || folderName === '..' ? 'function' : folderName;
  const model: FunctionModel = {
    id: `${file}#${name}`,
    name,
    file,
    format: 'azure-function',
    platform: 'azure',
    node: root,
    environment: [],
    events: azureTriggers(get(root, 'bindings')),
    statements: [],
    managedPolicies: [],
  };

  const scriptFile = get(root, 'scriptFile');
  const script = stringValue(scriptFile);
  const entryPoint = stringValue(get(root, 'entryPoint'));
  const candidates: FilePath[] = [];
  if (script !== undefined) {
    const resolved = resolvePath(folder, script);
    candidates.push(resolved);
    // TypeScript apps point `scriptFile` at compiled output (`../dist/Fn/index.js`); the source
    // the user edits is the `.ts` of the same name beside function.json or beside the output.
    if (/\.js$/.test(resolved)) {
      const stem = baseName(resolved).replace(/\.js$/, '');
      candidates.push(resolved.replace(/\.js$/, '.ts'), resolvePath(folder, `${stem}.ts`));
    }
  } else {
    candidates.push(...DEFAULT_SCRIPTS.map((script) => resolvePath(folder, script)));
  }
  model.handler = handlerReference(
    script ?? 'index.js',
    isScalar(scriptFile) ? scriptFile : undefined,
    [...new Set(candidates)],
    paths,
    entryPoint,
  );
  return model;
}

/** Triggers are the `in` bindings whose type ends with `Trigger` (`httpTrigger`, `queueTrigger` …). */
function azureTriggers(bindings: DocNode | undefined): EventModel[] {
  const events: EventModel[] = [];
  for (const binding of isSeq(bindings) ? bindings.items : []) {
    const type = stringValue(get(binding, 'type'));
    const direction = stringValue(get(binding, 'direction'));
    if (type === undefined || direction?.toLowerCase() !== 'in' || !/trigger$/i.test(type)) continue;
    events.push({ type, node: binding, config: binding });
  }
  return events;
}

export interface AzureSettings {
  file: FilePath;
  /** The Functions app root: every function.json below it reads these settings. */
  folder: FilePath;
  values: EnvironmentVariable[];
  /** `FUNCTIONS_WORKER_RUNTIME`, the closest thing Azure has to a runtime setting. */
  runtime?: ScalarNode;
}

/** local.settings.json: its `Values` are the app settings every function of the app sees. */
export function readAzureSettings(file: FilePath, root: MapNode): AzureSettings {
  const values = environmentVariables(get(root, 'Values'), 'settings');
  const settings: AzureSettings = { file, folder: folderOf(file), values };
  const runtime = values.find((variable) => variable.name === 'FUNCTIONS_WORKER_RUNTIME')?.value;
  if (isScalar(runtime)) settings.runtime = runtime;
  return settings;
}
