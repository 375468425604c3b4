/**
 * "Split into per-function roles" (issue 6 §2): a role shared by several functions whose code
 * needs different things gets the union of their needs when narrowed in place; splitting gives
 * each function its own least-privilege statements instead, and takes the shared statements away.
 *
 * - serverless: each function gets `iam.role.statements` (or `iamRoleStatements` when the template
 *   uses the serverless-iam-roles-per-function plugin), and the provider's statement list goes;
 * - SAM: each function's `Role` becomes `Policies` with one inline `Statement` list, and the
 *   shared `AWS::IAM::Role` resource goes;
 * - plain CloudFormation (`AWS::Lambda::Function`): the shared `AWS::IAM::Role` gives way to one
 *   `AWS::IAM::Role` per function, named `<Function>Role`, with the shared role's trust policy,
 *   managed policies and path and a `least-privilege` inline policy; each function's `Role`
 *   names its own role.
 *
 * YAML and JSON templates alike (serverless: YAML only). In SAM and CloudFormation the shared
 * role must be named nowhere else (an output, a state machine, a `DependsOn`) and have no other
 * property (a role name, a boundary, tags would not carry over).
 *
 * A function with its own statements no longer runs with the shared ones, so the split is offered
 * only when nothing else is lost: every function of the role has its code read whole, every
 * action the shared statements allow is one some function's code calls (or a wildcard covering
 * one), the role has no managed policy beyond Lambda's basic execution, no Deny, no Condition, and
 * the functions' needs differ (otherwise the in-place rewrite is as narrow).
 */
import type { RuleContext } from '../engine/define-rule';
import type { Range } from '../engine/types';
import type { FunctionModel, PolicyStatement, RoleModel } from '../model/types';
import { get, getPath, isMap, isSeq, stringValue, type DocNode, type MapEntry, type MapNode } from '../parse/document';
import { isDocumentFile, type SourceFile } from '../parse/source-file';
import { actionMatches } from '../analysis/iam-data';
import { functionsWithStatement, policyValues } from '../analysis/policy-values';
import { planPolicy, type PlannedStatement } from '../analysis/sdk/policy';
import { indentUnit, jsonRolePolicies, jsonStatementList, yamlRolePolicies, yamlStatementItems } from '../analysis/sdk/rewrite';

export interface RoleSplit {
  edits: { range: Range; text: string }[];
  /** How many functions get a role of their own. */
  functions: number;
  /** False when some resource name is unknown and stays `*`. */
  scoped: boolean;
}

/** Lambda's own logging policy: SAM adds it to the roles it generates, so dropping it loses nothing. */
const BASIC_EXECUTION = /(^|\/)AWSLambdaBasicExecutionRole$/;

/** The edits that give each function using `statement`'s role its own statements; undefined when none are safe. */
export function splitRoles(ctx: RuleContext, statement: PolicyStatement): RoleSplit | undefined {
  const file = ctx.file;
  if ((file.language !== 'yaml' && file.language !== 'json') || statement.file !== file.path || statement.template) return undefined;
  const functions = functionsWithStatement(ctx.model, statement);
  const [first] = functions;
  if (!first || functions.length < 2) return undefined;
  const role = first.role;
  if (!role || role.file !== file.path || functions.some((fn) => fn.role !== role || fn.file !== file.path || !isMap(fn.node))) return undefined;
  // Every function of the role moves: one left behind would keep the shared statements alive.
  const users = ctx.model.functions.filter((fn) => fn.role === role);
  if (users.length !== functions.length) return undefined;
  const plans = functions.map((fn) => planPolicy(ctx.model, (path) => ctx.sourceFile(path), [fn]));
  if (plans.some((plan) => !plan.complete)) return undefined;
  const shapes = new Set(plans.map((plan) => JSON.stringify(plan.statements)));
  if (shapes.size < 2) return undefined;
  const called = plans.flatMap((plan) => plan.statements.flatMap((entry) => entry.actions));
  if (!onlyCalledActions(role, called)) return undefined;
  const needs = plans.map((plan) => plan.statements);
  const edits =
    first.format === 'serverless'
      ? serverlessEdits(ctx, file, statement, role, functions, needs)
      : first.format === 'sam'
        ? samEdits(file, statement, role, functions, needs)
        : first.format === 'cloudformation'
          ? cloudFormationEdits(file, statement, role, functions, needs)
          : undefined;
  if (!edits) return undefined;
  const crlf = file.text.includes('\r\n');
  return {
    edits: edits.map((edit) => (crlf ? { range: edit.range, text: edit.text.replace(/\r?\n/g, '\r\n') } : edit)),
    functions: functions.length,
    scoped: plans.every((plan) => plan.scoped),
  };
}

/** Whether every statement of the role is a plain Allow of literal actions that some function calls. */
function onlyCalledActions(role: RoleModel, called: readonly string[]): boolean {
  for (const policy of role.managedPolicies) {
    const values = policyValues(policy);
    if (values.length === 0 || !values.every((value) => value.literal && BASIC_EXECUTION.test(value.text))) return false;
  }
  return role.statements.every((statement) => {
    if (!statement.isAllow || statement.actionKey !== 'Action' || statement.condition !== undefined || statement.template) return false;
    const values = statement.actions.flatMap((node) => policyValues(node));
    if (values.length !== statement.actions.length) return false;
    return values.every((value) => value.literal && called.some((action) => actionMatches(value.text, action)));
  });
}

function serverlessEdits(ctx: RuleContext, file: SourceFile, like: PolicyStatement, role: RoleModel, functions: readonly FunctionModel[], plans: readonly PlannedStatement[][]): { range: Range; text: string }[] | undefined {
  if (file.language !== 'yaml' || role.id !== `${file.path}#provider`) return undefined;
  const root = ctx.model.template(file.path)?.root;
  const provider = get(root, 'provider');
  if (!isMap(provider)) return undefined;
  const plugins = get(root, 'plugins');
  const usesPlugin = isSeq(plugins) && plugins.items.some((item) => stringValue(item) === 'serverless-iam-roles-per-function');
  const unit = indentUnit(file);
  const edits: { range: Range; text: string }[] = [];
  // The provider's statement lists go (`iam.role.statements`, `iamRoleStatements`).
  const iamRole = getPath(provider, 'iam', 'role');
  // A role name, boundary or tags of the shared role would not carry over to the functions' roles.
  if (isMap(iamRole) && iamRole.entries.some((entry) => entry.key.value !== 'statements')) return undefined;
  const lists: { map: MapNode; key: string }[] = [];
  if (isMap(iamRole) && get(iamRole, 'statements') !== undefined) lists.push({ map: iamRole, key: 'statements' });
  if (get(provider, 'iamRoleStatements') !== undefined) lists.push({ map: provider, key: 'iamRoleStatements' });
  for (const { map, key } of lists) {
    const removal = removeEntry(file, root, map, key, provider);
    if (!removal) return undefined;
    edits.push(removal);
  }
  for (const [index, fn] of functions.entries()) {
    const definition = fn.node;
    const statements = plans[index];
    if (!isMap(definition) || !statements || file.text[definition.range.start] === '{') return undefined;
    if (['iam', 'iamRoleStatements', 'role'].some((key) => get(definition, key) !== undefined)) return undefined;
    const firstKey = definition.entries[0]?.key;
    if (!firstKey) return undefined;
    const column = columnOf(file.text, firstKey.range.start);
    const pad = ' '.repeat(column);
    const block = usesPlugin
      ? list(`${pad}iamRoleStatements`, file, statements, column + unit.length, like)
      : `${pad}iam:\n${pad}${unit}role:\n${list(`${pad}${unit}${unit}statements`, file, statements, column + 3 * unit.length, like)}`;
    const at = lineEndAfter(file.text, definition.range.end);
    // The last line of a file may have no line break of its own.
    const before = at === file.text.length && !file.text.endsWith('\n') ? '\n' : '';
    edits.push({ range: { start: at, end: at }, text: `${before}${block}\n` });
  }
  return edits;
}

function list(key: string, file: SourceFile, statements: readonly PlannedStatement[], column: number, like: PolicyStatement): string {
  return statements.length === 0 ? `${key}: []` : `${key}:\n${yamlStatementItems(file, statements, column, like)}`;
}

/**
 * Removes `key` from `map`, whole lines; when it is the map's only entry, the entry holding the
 * map goes instead (`iam:` with nothing but `role.statements`), never past `stop`.
 */
function removeEntry(file: SourceFile, root: DocNode | undefined, map: MapNode, key: string, stop: MapNode): { range: Range; text: string } | undefined {
  let entry = map.entries.find((candidate) => candidate.key.value === key);
  let holder: MapNode = map;
  while (entry && holder !== stop && holder.entries.length === 1) {
    const parent = parentEntry(root, holder);
    if (!parent) break;
    entry = parent.entry;
    holder = parent.map;
  }
  return entry ? removeLines(file.text, entry) : undefined;
}

function parentEntry(root: DocNode | undefined, target: DocNode): { map: MapNode; entry: MapEntry } | undefined {
  const stack: DocNode[] = root ? [root] : [];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isMap(node)) {
      for (const entry of node.entries) {
        if (entry.value === target) return { map: node, entry };
        stack.push(entry.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return undefined;
}

/** The shared role's resource entry and its properties, when it holds nothing a split would lose. */
function sharedRoleResource(file: SourceFile, role: RoleModel): { resources: MapNode; entry: MapEntry; name: string; properties: MapNode } | undefined {
  if (!isDocumentFile(file)) return undefined;
  const resources = get(file.documents[0], 'Resources');
  if (!isMap(resources)) return undefined;
  const entry = resources.entries.find((candidate) => candidate.value === role.node);
  if (!entry || typeof entry.key.value !== 'string' || !/^[A-Za-z0-9]+$/.test(entry.key.value) || !isMap(entry.value)) return undefined;
  // Type and Properties only: a DependsOn, Condition or DeletionPolicy would not carry over.
  if (entry.value.entries.some((candidate) => candidate.key.value !== 'Type' && candidate.key.value !== 'Properties')) return undefined;
  const properties = get(entry.value, 'Properties');
  const allowed = new Set(['AssumeRolePolicyDocument', 'Policies', 'ManagedPolicyArns', 'Path']);
  if (!isMap(properties) || properties.entries.some((candidate) => typeof candidate.key.value !== 'string' || !allowed.has(candidate.key.value))) return undefined;
  return { resources, entry, name: entry.key.value, properties };
}

/** Whether the role's logical id appears nowhere but inside the edited ranges (it is about to go). */
function unreferenced(file: SourceFile, name: string, edits: readonly { range: Range; text: string }[]): boolean {
  const references = new RegExp(`\\b${name}\\b`, 'g');
  return [...file.text.matchAll(references)].every((match) => edits.some((edit) => match.index >= edit.range.start && match.index < edit.range.end));
}

/** SAM: each function's `Role` entry becomes `Policies`, and the role resource goes. */
function samEdits(file: SourceFile, like: PolicyStatement, role: RoleModel, functions: readonly FunctionModel[], plans: readonly PlannedStatement[][]): { range: Range; text: string }[] | undefined {
  const shared = sharedRoleResource(file, role);
  if (!shared) return undefined;
  const json = file.language === 'json';
  const edits: { range: Range; text: string }[] = [];
  const roleEdit = json ? removeMember(shared.resources, shared.entry) : removeLines(file.text, shared.entry);
  if (!roleEdit) return undefined;
  edits.push(roleEdit);
  const unit = indentUnit(file);
  for (const [index, fn] of functions.entries()) {
    const fnProperties = get(fn.node, 'Properties');
    const statements = plans[index];
    if (!isMap(fnProperties) || !statements || get(fnProperties, 'Policies') !== undefined) return undefined;
    const roleProperty = fnProperties.entries.find((entry) => entry.key.value === 'Role');
    if (!roleProperty) return undefined;
    if (json) {
      // The `"Role"` member becomes `"Policies"` in its place, on one line as the fixes write JSON.
      edits.push({ range: { start: roleProperty.key.range.start, end: roleProperty.value.range.end }, text: `"Policies": ${statements.length === 0 ? '[]' : `[{ "Statement": ${jsonStatementList(statements)} }]`}` });
      continue;
    }
    const column = columnOf(file.text, roleProperty.key.range.start);
    const pad = ' '.repeat(column);
    const text =
      statements.length === 0
        ? `${pad}Policies: []\n`
        : `${pad}Policies:\n${pad}${unit}- Statement:\n${yamlStatementItems(file, statements, column + unit.length + 2 + unit.length, like)}\n`;
    const removal = removeLines(file.text, roleProperty);
    if (!removal) return undefined;
    edits.push({ range: removal.range, text });
  }
  // Any other reference to the role (an output, another resource) would break once it is gone.
  return unreferenced(file, shared.name, edits) ? edits : undefined;
}

/**
 * Plain CloudFormation: the shared role's entry gives way to one role per function, in the same
 * place and layout (its trust policy, managed policies and path copied as written), and each
 * function's `Role` names its own (`!GetAtt SharedRole.Arn` → `!GetAtt ListFunctionRole.Arn`).
 */
function cloudFormationEdits(file: SourceFile, like: PolicyStatement, role: RoleModel, functions: readonly FunctionModel[], plans: readonly PlannedStatement[][]): { range: Range; text: string }[] | undefined {
  const shared = sharedRoleResource(file, role);
  if (!shared) return undefined;
  const json = file.language === 'json';
  const text = file.text;
  // The new names must be free, and the shared role's name must appear in each function's `Role` once.
  const taken = new Set(shared.resources.entries.map((entry) => String(entry.key.value)));
  const edits: { range: Range; text: string }[] = [];
  const roles: string[] = [];
  const resource = shared.entry.value;
  const typeEntry = isMap(resource) ? resource.entries[0] : undefined;
  const oneLine = !text.slice(resource.range.start, resource.range.end).includes('\n');
  // YAML: block maps only, so the copied lines keep their indentation.
  if (!typeEntry || (!json && (oneLine || text[resource.range.start] === '{' || text[shared.properties.range.start] === '{'))) return undefined;
  const resourceColumn = columnOf(text, shared.entry.key.range.start);
  const typeColumn = columnOf(text, typeEntry.key.range.start);
  const firstProperty = shared.properties.entries[0];
  if (!firstProperty) return undefined;
  const propertyColumn = columnOf(text, firstProperty.key.range.start);
  for (const [index, fn] of functions.entries()) {
    const statements = plans[index];
    const fnProperties = getPath(fn.node, 'Properties');
    const roleEntry = isMap(fnProperties) ? fnProperties.entries.find((entry) => entry.key.value === 'Role') : undefined;
    const name = `${fn.name}Role`;
    if (!statements || !roleEntry || !/^[A-Za-z0-9]+$/.test(name) || taken.has(name)) return undefined;
    taken.add(name);
    const value = text.slice(roleEntry.value.range.start, roleEntry.value.range.end);
    const occurrences = [...value.matchAll(new RegExp(`\\b${shared.name}\\b`, 'g'))];
    if (occurrences.length !== 1) return undefined;
    edits.push({ range: roleEntry.value.range, text: value.replace(new RegExp(`\\b${shared.name}\\b`), name) });
    roles.push(json ? jsonRole(file, shared.properties, name, statements, { resourceColumn, typeColumn, propertyColumn, oneLine }) : yamlRole(file, shared.properties, name, statements, { resourceColumn, typeColumn, propertyColumn }, like));
  }
  if (json) {
    edits.push({ range: { start: shared.entry.key.range.start, end: shared.entry.value.range.end }, text: roles.join(oneLine ? ', ' : `,\n${' '.repeat(resourceColumn)}`) });
  } else {
    const removal = removeLines(text, shared.entry);
    if (!removal) return undefined;
    edits.push({ range: removal.range, text: roles.join('') });
  }
  return unreferenced(file, shared.name, edits) ? edits : undefined;
}

interface RoleLayout {
  resourceColumn: number;
  typeColumn: number;
  propertyColumn: number;
}

/** A per-function role in YAML, whole lines: the shared role's properties in their order, `Policies` replaced. */
function yamlRole(file: SourceFile, properties: MapNode, name: string, statements: readonly PlannedStatement[], layout: RoleLayout, like: PolicyStatement): string {
  const text = file.text;
  const typePad = ' '.repeat(layout.typeColumn);
  const lines = [`${' '.repeat(layout.resourceColumn)}${name}:\n${typePad}Type: AWS::IAM::Role\n${typePad}Properties:\n`];
  const policies = statements.length === 0 ? '' : `${yamlRolePolicies(file, statements, layout.propertyColumn, like)}\n`;
  for (const entry of properties.entries) {
    if (entry.key.value === 'Policies') lines.push(policies);
    else lines.push(text.slice(text.lastIndexOf('\n', entry.key.range.start - 1) + 1, lineEndAfter(text, entry.value.range.end)));
  }
  if (get(properties, 'Policies') === undefined) lines.push(policies);
  const role = lines.join('');
  return role.endsWith('\n') ? role : `${role}\n`;
}

/** A per-function role in JSON, laid out as the shared one (one line, or one member a line). */
function jsonRole(file: SourceFile, properties: MapNode, name: string, statements: readonly PlannedStatement[], layout: RoleLayout & { oneLine: boolean }): string {
  const text = file.text;
  const unit = indentUnit(file);
  const members = properties.entries.flatMap((entry) => {
    if (entry.key.value === 'Policies') return statements.length === 0 ? [] : [jsonRolePolicies(statements, layout.propertyColumn, unit, layout.oneLine)];
    return [text.slice(entry.key.range.start, entry.value.range.end)];
  });
  if (get(properties, 'Policies') === undefined && statements.length > 0) members.push(jsonRolePolicies(statements, layout.propertyColumn, unit, layout.oneLine));
  if (layout.oneLine) return `"${name}": { "Type": "AWS::IAM::Role", "Properties": { ${members.join(', ')} } }`;
  const typePad = ' '.repeat(layout.typeColumn);
  const propertyPad = ' '.repeat(layout.propertyColumn);
  const resourcePad = ' '.repeat(layout.resourceColumn);
  return `"${name}": {\n${typePad}"Type": "AWS::IAM::Role",\n${typePad}"Properties": {\n${members.map((member) => propertyPad + member).join(',\n')}\n${typePad}}\n${resourcePad}}`;
}

/** Removes a JSON object member with the comma that separates it from a neighbour; undefined for the only member. */
function removeMember(map: MapNode, entry: MapEntry): { range: Range; text: string } | undefined {
  const index = map.entries.indexOf(entry);
  const previous = map.entries[index - 1];
  if (previous) return { range: { start: previous.value.range.end, end: entry.value.range.end }, text: '' };
  const next = map.entries[index + 1];
  return next ? { range: { start: entry.key.range.start, end: next.key.range.start }, text: '' } : undefined;
}

/** The whole lines of a block map entry, from its key's line to the end of its value's line. */
function removeLines(text: string, entry: MapEntry): { range: Range; text: string } | undefined {
  const start = text.lastIndexOf('\n', entry.key.range.start - 1) + 1;
  if (text.slice(start, entry.key.range.start).trim() !== '') return undefined;
  return { range: { start, end: lineEndAfter(text, entry.value.range.end) }, text: '' };
}

/** The offset just past the line break that ends the line holding `offset - 1` (trailing comment included). */
function lineEndAfter(text: string, offset: number): number {
  const newline = text.indexOf('\n', Math.max(offset - 1, 0));
  return newline < 0 ? text.length : newline + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/**
 * The "Split into per-function roles" suggestion of the IAM rules, offered next to the in-place
 * rewrite (the union) when the statement's role is shared by functions whose needs differ.
 */
export function splitSuggestions(ctx: RuleContext, statement: PolicyStatement): { messageId: 'split'; data: Record<string, string>; edits: RoleSplit['edits'] }[] {
  const split = splitRoles(ctx, statement);
  if (!split) return [];
  const note = split.scoped ? '' : ' (some resource names are unknown and stay "*")';
  return [{ messageId: 'split', data: { count: String(split.functions), note }, edits: split.edits }];
}
