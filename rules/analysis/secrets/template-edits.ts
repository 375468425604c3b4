/**
 * Text edits to templates for the secret fixes: replace a plaintext value with a reference to a
 * secrets store, or add an environment variable that holds such a reference. Edits are computed
 * on the text with the parser's ranges, keep the file's indentation, quoting and line breaks, and
 * produce YAML or JSON that parses (the rule tests re-parse every result).
 */
import type { Range } from '../../engine/types';
import type { FunctionModel, ProjectModel, TemplateFormat } from '../../model/types';
import { entryOf, get, isMap, isScalar, stringValue, type DocNode, type MapNode, type ScalarNode } from '../../parse/document';
import { folderOf } from '../../model/handlers';
import type { DocumentFile, SourceFile } from '../../parse/source-file';

export interface Edit {
  range: Range;
  text: string;
}

export type ReferenceKind = 'ssmParameter' | 'secretsManager' | 'keyVault';

export interface Reference {
  kind: ReferenceKind;
  /** The value to write in place of the secret. */
  value: string;
}

/**
 * The reference a template of this format uses for a secret named `name`:
 * - serverless.yml (AWS): `${ssm:/<service>/${sls:stage}/<name>}`, resolved (and decrypted) at deploy;
 * - SAM / CloudFormation: `{{resolve:secretsmanager:<owner>:SecretString:<name>}}`, one secret per
 *   function or resource (`owner`) holding a JSON key per variable;
 * - Azure app settings: a Key Vault reference, `@Microsoft.KeyVault(VaultName=<vault-name>;SecretName=…)`,
 *   whose vault name the user fills in (Key Vault secret names allow only letters, digits and `-`).
 */
export function referenceFor(format: TemplateFormat, root: DocNode, name: string, owner: string | undefined): Reference | undefined {
  switch (format) {
    case 'serverless': {
      const provider = stringValue(get(get(root, 'provider'), 'name'));
      if (provider !== undefined && provider !== 'aws') return undefined;
      return { kind: 'ssmParameter', value: `\${ssm:/${serviceName(root)}/\${sls:stage}/${name}}` };
    }
    case 'sam':
    case 'cloudformation':
      return { kind: 'secretsManager', value: `{{resolve:secretsmanager:${owner ?? name}:SecretString:${name}}}` };
    case 'azure-settings':
    case 'azure-function':
      return { kind: 'keyVault', value: `@Microsoft.KeyVault(VaultName=<vault-name>;SecretName=${name.replace(/[^A-Za-z0-9-]/g, '-')})` };
    default:
      return undefined;
  }
}

/** The service's name, or `${self:service}` when it is itself a variable. */
function serviceName(root: DocNode): string {
  const service = get(root, 'service');
  const name = stringValue(isMap(service) ? get(service, 'name') : service);
  return name === undefined || name.includes('${') || !/^[A-Za-z0-9_.-]+$/.test(name) ? '${self:service}' : name;
}

/** Replaces a scalar value, keeping its quoting style where the new value allows it. */
export function replaceScalar(file: DocumentFile, node: ScalarNode, value: string): Edit {
  if (file.language === 'json') return { range: node.range, text: JSON.stringify(value) };
  const first = file.text[node.range.start];
  if (node.quoted && first === '"') return { range: node.range, text: JSON.stringify(value) };
  if (!node.quoted && isPlainVariable(value) && !inFlowCollection(file.text, node.range.end)) return { range: node.range, text: value };
  return { range: node.range, text: singleQuoted(value) };
}

/**
 * The edit that adds `key: value` at `path` below `map` (creating the maps along the path), or
 * undefined when the shape does not allow a safe edit (a path element holds a scalar or an
 * intrinsic, or the text layout is unusual).
 */
export function insertEntry(file: DocumentFile, map: MapNode, path: readonly string[], key: string, value: string): Edit | undefined {
  let current: MapNode = map;
  let index = 0;
  for (; index < path.length; index++) {
    const entry = entryOf(current, path[index] ?? '');
    if (!entry) break;
    if (isMap(entry.value) && !isIntrinsic(entry.value)) {
      current = entry.value;
      continue;
    }
    // `environment:` with nothing after it: the rest goes below the key.
    if (isScalar(entry.value) && entry.value.value === null) return fillEmpty(file, entry.key, entry.value, path.slice(index + 1), key, value);
    return undefined;
  }
  const rest = path.slice(index);
  return file.language === 'json' ? appendJson(file, current, rest, key, value) : appendYaml(file, current, rest, key, value);
}

function isIntrinsic(node: MapNode): boolean {
  const only = node.entries.length === 1 ? node.entries[0]?.key.value : undefined;
  return typeof only === 'string' && (only === 'Ref' || only.startsWith('Fn::'));
}

function appendYaml(file: DocumentFile, map: MapNode, rest: readonly string[], key: string, value: string): Edit | undefined {
  const text = file.text;
  const last = map.entries[map.entries.length - 1];
  if (text[map.range.start] === '{' || !last) return appendFlowYaml(file, map, rest, key, value);
  const first = map.entries[0];
  if (!first) return undefined;
  const column = blockColumn(text, first.key.range.start);
  if (column === undefined) return undefined;
  const eol = lineBreakOf(text);
  const unit = indentUnit(text);
  let block = '';
  rest.forEach((segment, depth) => {
    block += `${eol}${' '.repeat(column + depth * unit)}${yamlKey(segment)}:`;
  });
  block += `${eol}${' '.repeat(column + rest.length * unit)}${yamlKey(key)}: ${blockValue(value)}`;
  const at = lineEndAt(text, Math.max(last.value.range.end, last.key.range.end));
  return { range: { start: at, end: at }, text: block };
}

function appendFlowYaml(file: DocumentFile, map: MapNode, rest: readonly string[], key: string, value: string): Edit | undefined {
  const text = file.text;
  if (text[map.range.start] !== '{' || text[map.range.end - 1] !== '}') return undefined;
  let inner = `${yamlKey(key)}: ${singleQuoted(value)}`;
  for (const segment of [...rest].reverse()) inner = `${yamlKey(segment)}: { ${inner} }`;
  const last = map.entries[map.entries.length - 1];
  if (!last) return { range: { start: map.range.start + 1, end: map.range.start + 1 }, text: ` ${inner} ` };
  return { range: { start: last.value.range.end, end: last.value.range.end }, text: `, ${inner}` };
}

function appendJson(file: DocumentFile, map: MapNode, rest: readonly string[], key: string, value: string): Edit | undefined {
  const text = file.text;
  let inner = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  for (const segment of [...rest].reverse()) inner = `${JSON.stringify(segment)}: { ${inner} }`;
  const last = map.entries[map.entries.length - 1];
  if (!last) return { range: { start: map.range.start + 1, end: map.range.start + 1 }, text: inner };
  const column = blockColumn(text, last.key.range.start);
  const separator = column === undefined ? ' ' : `${lineBreakOf(text)}${' '.repeat(column)}`;
  return { range: { start: last.value.range.end, end: last.value.range.end }, text: `,${separator}${inner}` };
}

/** `key:` (or `key: null`) becomes `key:` with the new entries below it. */
function fillEmpty(file: DocumentFile, key: ScalarNode, empty: ScalarNode, rest: readonly string[], name: string, value: string): Edit | undefined {
  const text = file.text;
  if (file.language === 'json') {
    let inner = `${JSON.stringify(name)}: ${JSON.stringify(value)}`;
    for (const segment of [...rest].reverse()) inner = `${JSON.stringify(segment)}: { ${inner} }`;
    return { range: empty.range, text: `{ ${inner} }` };
  }
  const column = blockColumn(text, key.range.start);
  if (column === undefined) return undefined;
  const eol = lineBreakOf(text);
  const unit = indentUnit(text);
  let block = '';
  rest.forEach((segment, depth) => {
    block += `${eol}${' '.repeat(column + (depth + 1) * unit)}${yamlKey(segment)}:`;
  });
  block += `${eol}${' '.repeat(column + (rest.length + 1) * unit)}${yamlKey(name)}: ${blockValue(value)}`;
  // An empty value sits right after the colon, so this inserts there; an explicit `null` or `~`
  // is replaced (leaving a blank after the colon, which YAML allows).
  return { range: empty.range, text: block };
}

/**
 * The column of a block mapping key: the text before it on its line is indentation, possibly
 * with sequence dashes (`- Name: x`). Undefined when something else precedes it (flow style).
 */
function blockColumn(text: string, offset: number): number | undefined {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const before = text.slice(lineStart, offset);
  return /^[ ]*(-[ ]+)*$/.test(before) ? offset - lineStart : undefined;
}

/** The end of the line an offset is on (before its line break). */
function lineEndAt(text: string, offset: number): number {
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return end;
}

function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The file's indentation step: the smallest indentation of any indented line, 2 when none is. */
function indentUnit(text: string): number {
  let smallest: number | undefined;
  for (const line of text.split(/\r?\n/)) {
    const indent = /^( +)[^ #]/.exec(line)?.[1]?.length;
    if (indent !== undefined && (smallest === undefined || indent < smallest)) smallest = indent;
  }
  return smallest === undefined || smallest > 8 ? 2 : smallest;
}

function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key) ? key : singleQuoted(key);
}

/** A serverless variable is written plain, as the framework's docs do; anything else quoted. */
function blockValue(value: string): string {
  return isPlainVariable(value) ? value : singleQuoted(value);
}

function isPlainVariable(value: string): boolean {
  return /^\$\{[^'"#\s]*\}$/.test(value);
}

function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** True when the next non-blank character after `offset` ends a flow collection item. */
function inFlowCollection(text: string, offset: number): boolean {
  const next = /[^ \t]/.exec(text.slice(offset, offset + 200))?.[0];
  return next === ',' || next === '}' || next === ']';
}

// ---------------------------------------------------------------------------------------------

/** Where a function's environment variables are written, and in which file. */
export interface EnvironmentTarget {
  file: DocumentFile;
  map: MapNode;
  path: readonly string[];
  format: TemplateFormat;
  root: DocNode;
  /** The secret's owner for SAM/CloudFormation references: the function's logical id. */
  owner?: string;
}

/**
 * Where to add an environment variable for a function: serverless `functions.<name>.environment`,
 * `Properties.Environment.Variables` of a SAM/CloudFormation function, `Values` of the Azure app's
 * local.settings.json. Undefined for platforms without a reference form (Google Cloud) or when the
 * file is not at hand.
 */
export function environmentTarget(fn: FunctionModel, model: ProjectModel, sourceFile: (path: string) => SourceFile | undefined): EnvironmentTarget | undefined {
  if (fn.platform === 'gcp') return undefined;
  if (fn.format === 'azure-function') {
    const settings = nearestSettings(fn.file, model);
    const file = settings ? sourceFile(settings.file) : undefined;
    if (!settings || !file || (file.language !== 'json' && file.language !== 'yaml') || !isMap(settings.root)) return undefined;
    return { file, map: settings.root, path: ['Values'], format: 'azure-settings', root: settings.root };
  }
  const template = model.template(fn.file);
  const file = sourceFile(fn.file);
  if (!template || !file || (file.language !== 'json' && file.language !== 'yaml') || !isMap(fn.node)) return undefined;
  // A serverless.yml function has `environment`; a resource (SAM, CloudFormation, or one in
  // serverless `resources`) has `Type` and `Properties`.
  const isResource = get(fn.node, 'Type') !== undefined;
  const target: EnvironmentTarget = {
    file,
    map: fn.node,
    path: isResource ? ['Properties', 'Environment', 'Variables'] : ['environment'],
    format: template.format,
    root: template.root,
  };
  if (isResource) target.owner = fn.name;
  return target;
}

/** The local.settings.json of the Functions app a function.json belongs to. */
function nearestSettings(file: string, model: ProjectModel): { file: string; root: DocNode } | undefined {
  const settings = model.templates.filter((template) => template.format === 'azure-settings');
  for (let folder = folderOf(file); ; folder = folderOf(folder)) {
    const found = settings.find((template) => folderOf(template.file) === folder);
    if (found) return { file: found.file, root: found.root };
    if (folderOf(folder) === folder) return undefined;
  }
}
