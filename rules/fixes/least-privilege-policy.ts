/**
 * The least-privilege policy of one function, printed in the syntax of the template that defines
 * it (issue 6 §2, `--print-policy` and the editor's "Show Least-Privilege Policy"), so it can be
 * reviewed or pasted elsewhere:
 *
 * - serverless.yml: the function's `iam.role.statements` (or `iamRoleStatements` when the
 *   template writes its statements that way), serverless variables and `Fn::` maps as the fixes
 *   write them;
 * - SAM: the function's `Policies` with one inline `Statement` list, the template's own `!Sub` /
 *   `!GetAtt` references;
 * - CloudFormation: a `PolicyDocument` for the function's role;
 * - a JSON template: the same shapes as JSON.
 *
 * The statements are those the SDK calls of the function's code need (the same plan as the
 * "Replace with the N actions the handlers use" fixes). What the analysis could not know (an
 * unresolved call, a resource name left `*`) is said in notes: YAML comments in the text, and a
 * list for callers that print JSON.
 */
import type { FilePath } from '../engine/types';
import type { FunctionModel, ProjectModel, TemplateFormat } from '../model/types';
import { get, getPath, isSeq, stringValue } from '../parse/document';
import type { SourceFile } from '../parse/source-file';
import { planPolicy } from '../analysis/sdk/policy';
import { indentUnit, statementData, yamlStatementItems, type StatementData } from '../analysis/sdk/rewrite';

export const POLICY_VERSION = '2012-10-17';

export interface FunctionPolicy {
  /** The function's name in its template. */
  function: string;
  /** The template that defines it. */
  file: FilePath;
  format: TemplateFormat;
  /** The language of `text`: the template's. */
  language: 'yaml' | 'json';
  /** The policy in the template's syntax, ending with a new line. */
  text: string;
  /** The statements as JSON data. */
  statements: StatementData[];
  /** What the policy may miss or leave wide, one sentence each. */
  notes: string[];
  /** True when the handler was found and every SDK call in it resolved. */
  complete: boolean;
  /** False when some resource name is unknown and stays `*`. */
  scoped: boolean;
}

export type FunctionLookup = { kind: 'found'; fn: FunctionModel } | { kind: 'error'; message: string };

/**
 * The function a user names: a serverless function key, a SAM or CloudFormation logical id, an
 * Azure function's folder name; `<template>#<name>` picks one of several templates. `describe`
 * turns an engine path into the path the user sees (relative to where they run the command).
 */
export function findFunction(model: ProjectModel, query: string, describe: (file: FilePath) => string): FunctionLookup {
  const hash = query.lastIndexOf('#');
  const name = hash >= 0 ? query.slice(hash + 1) : query;
  const templatePath = hash >= 0 ? query.slice(0, hash) : undefined;
  const qualified = (fn: FunctionModel) => `${describe(fn.file)}#${fn.name}`;
  const matches = model.functions.filter((fn) => fn.name === name && (templatePath === undefined || describe(fn.file) === templatePath));
  const known = [...new Set(model.functions.map((fn) => fn.name))].sort();
  if (matches.length === 0) {
    const list = known.length === 0 ? 'no function is defined in the files checked' : `the functions are: ${known.join(', ')}`;
    return { kind: 'error', message: `no function named "${query}": ${list}` };
  }
  const [only] = matches;
  if (matches.length > 1 || !only) {
    return {
      kind: 'error',
      message: `"${query}" names ${matches.length} functions; write one of ${matches.map(qualified).sort().join(', ')}`,
    };
  }
  if (only.platform !== 'aws') {
    return { kind: 'error', message: `function ${qualified(only)} is an Azure function: it runs with no IAM policy to print` };
  }
  return { kind: 'found', fn: only };
}

/** The least-privilege policy of an AWS function, in its template's syntax. */
export function functionPolicy(
  model: ProjectModel,
  load: (path: FilePath) => SourceFile | undefined,
  fn: FunctionModel,
  describe: (file: FilePath) => string,
): FunctionPolicy {
  const plan = planPolicy(model, load, [fn]);
  const template = load(fn.file);
  const notes: string[] = [];
  if (!fn.handler?.file) {
    const written = fn.handler?.value;
    notes.push(written === undefined ? `Function ${fn.name} names no handler: its code was not read.` : `The handler ${written} was not found: its code was not read.`);
  }
  for (const call of plan.unresolved) {
    const source = load(call.file);
    const position = source ? source.lines.positionAt(call.range.start) : undefined;
    const where = position ? `${describe(call.file)}:${position.line + 1}:${position.character + 1}` : describe(call.file);
    notes.push(`An SDK call at ${where} could not be resolved (${call.reason}): its actions are missing.`);
  }
  if (!plan.scoped) notes.push('Some resource names are unknown and stay "*".');
  if (plan.statements.length === 0 && fn.handler?.file) notes.push('The code calls no AWS SDK operation: the function needs no statements.');
  const statements = statementData(plan.statements);
  const language = template?.language === 'json' ? 'json' : 'yaml';
  const shape = shapeOf(model, fn);
  let text: string;
  if (language === 'json' || !template) {
    text = JSON.stringify(jsonShape(shape, statements), null, template ? jsonIndent(template) : 2) + '\n';
  } else {
    const unit = indentUnit(template);
    const like = fn.statements.find((statement) => statement.file === fn.file && !statement.template);
    const header = [`# Least-privilege policy of function ${fn.name} (${describe(fn.file)}): the actions its code calls.`, ...notes.map((note) => `# ${note}`)];
    text = [...header, yamlShape(shape, unit, (column) => yamlStatementItems(template, plan.statements, column, like), plan.statements.length === 0)].join('\n') + '\n';
  }
  return { function: fn.name, file: fn.file, format: fn.format, language, text, statements, notes, complete: plan.complete, scoped: plan.scoped };
}

/** Where the statements go in the template's format. */
type Shape = 'serverless-iam' | 'serverless-iamRoleStatements' | 'sam-policies' | 'policy-document';

function shapeOf(model: ProjectModel, fn: FunctionModel): Shape {
  if (fn.format === 'serverless') {
    const root = model.template(fn.file)?.root;
    const plugins = get(root, 'plugins');
    const usesPlugin = isSeq(plugins) && plugins.items.some((item) => stringValue(item) === 'serverless-iam-roles-per-function');
    const writesOldKey = get(fn.node, 'iamRoleStatements') !== undefined || getPath(root, 'provider', 'iamRoleStatements') !== undefined;
    return usesPlugin || writesOldKey ? 'serverless-iamRoleStatements' : 'serverless-iam';
  }
  return fn.format === 'sam' ? 'sam-policies' : 'policy-document';
}

function jsonShape(shape: Shape, statements: StatementData[]): unknown {
  switch (shape) {
    case 'serverless-iam':
      return { iam: { role: { statements } } };
    case 'serverless-iamRoleStatements':
      return { iamRoleStatements: statements };
    case 'sam-policies':
      return { Policies: [{ Statement: statements }] };
    case 'policy-document':
      return { PolicyDocument: { Version: POLICY_VERSION, Statement: statements } };
  }
}

/** The shape's keys, with the statement list at the column `items` is given. */
function yamlShape(shape: Shape, unit: string, items: (column: number) => string, empty: boolean): string {
  const step = unit.length;
  const list = (key: string, indent: number, column: number) => (empty ? `${' '.repeat(indent)}${key}: []` : `${' '.repeat(indent)}${key}:\n${items(column)}`);
  switch (shape) {
    case 'serverless-iam':
      return `iam:\n${unit}role:\n${list('statements', 2 * step, 3 * step)}`;
    case 'serverless-iamRoleStatements':
      return list('iamRoleStatements', 0, step);
    case 'sam-policies':
      // `- Statement:` puts the key two columns past the dash.
      return `Policies:\n${unit}- ${list('Statement', 0, step + 2 + step).trimStart()}`;
    case 'policy-document':
      return `PolicyDocument:\n${unit}Version: '${POLICY_VERSION}'\n${list('Statement', step, 2 * step)}`;
  }
}

/** The indentation of a JSON template's nested lines (two spaces when it is on one line). */
function jsonIndent(file: SourceFile): string {
  return /\n([ \t]+)\S/.exec(file.text)?.[1] ?? '  ';
}
