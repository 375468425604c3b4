/**
 * The suggestions the secret rules offer. All are `suggestion`s, never automatic fixes: the code
 * or template behaves differently until the parameter, secret or app setting exists.
 *
 * - In a handler: read the value from `process.env.NAME` and add `NAME` to the environment of
 *   every function that runs the handler, as a reference in the function's template. One
 *   suggestion edits both files.
 * - In a template or settings file: replace the plaintext value with the reference form of that
 *   format.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/typescript-estree';
import type { FixDraft, RuleContext } from '../../engine/define-rule';
import type { FilePath } from '../../engine/types';
import { baseName } from '../../model/handlers';
import type { TemplateFormat } from '../../model/types';
import { get, isMap, type DocNode, type ScalarNode } from '../../parse/document';
import type { DocumentFile } from '../../parse/source-file';
import type { SecretLiteral } from './detect';
import { environmentTarget, insertEntry, referenceFor, replaceScalar, type Edit, type ReferenceKind } from './template-edits';

/** The fix titles every secret rule with suggestions shares. */
export const FIX_MESSAGES = {
  moveToEnvironment: 'Read the value from process.env.{name} and add {name} to {templates} as {reference}',
  readFromEnvironment: 'Read the value from process.env.{name}',
  useSsmParameter: 'Replace the value with the SSM parameter reference {reference}',
  useSecretsManager: 'Replace the value with the Secrets Manager dynamic reference {reference}',
  useKeyVault: 'Replace the value with the Key Vault reference {reference}',
  useDevelopmentStorage: 'Use the local storage emulator (UseDevelopmentStorage=true)',
} as const;

export type FixMessageId = keyof typeof FIX_MESSAGES;

const REFERENCE_MESSAGES: Record<ReferenceKind, FixMessageId> = {
  ssmParameter: 'useSsmParameter',
  secretsManager: 'useSecretsManager',
  keyVault: 'useKeyVault',
};

const REFERENCE_DESCRIPTIONS: Record<ReferenceKind, string> = {
  ssmParameter: 'an SSM parameter reference',
  secretsManager: 'a Secrets Manager reference',
  keyVault: 'a Key Vault reference',
};

/**
 * Parents under which a string literal is an expression that `process.env.NAME` can replace.
 * Anywhere else (a type, an import source, a property key, an enum) the edit would not parse
 * or would change meaning beyond the value.
 */
const EXPRESSION_PARENTS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.VariableDeclarator,
  AST_NODE_TYPES.Property,
  AST_NODE_TYPES.PropertyDefinition,
  AST_NODE_TYPES.AssignmentExpression,
  AST_NODE_TYPES.AssignmentPattern,
  AST_NODE_TYPES.CallExpression,
  AST_NODE_TYPES.NewExpression,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.ReturnStatement,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.JSXExpressionContainer,
  AST_NODE_TYPES.JSXAttribute,
]);

/**
 * "Move to an environment variable" for a secret literal in code, or undefined where the literal
 * cannot be replaced by an expression.
 */
export function moveToEnvironment(ctx: RuleContext, literal: SecretLiteral): FixDraft<FixMessageId> | undefined {
  const parent = literal.parent;
  if (!parent || !EXPRESSION_PARENTS.has(parent.type)) return undefined;
  if (parent.type === AST_NODE_TYPES.Property && parent.key === literal.node) return undefined;
  const name = literal.environmentName;
  const expression = `process.env.${name}`;
  const edits: FixDraft['edits'] = [
    { range: { start: literal.node.range[0], end: literal.node.range[1] }, text: parent.type === AST_NODE_TYPES.JSXAttribute ? `{${expression}}` : expression },
  ];

  const templates = new Set<FilePath>();
  const references = new Set<ReferenceKind>();
  const targets = new Set<string>();
  for (const fn of ctx.model.functionsForHandler(ctx.file.path)) {
    if (fn.environment.some((variable) => variable.name === name)) continue;
    const target = environmentTarget(fn, ctx.model, (path) => ctx.sourceFile(path));
    if (!target) continue;
    // Functions sharing one settings file (Azure) or one environment block get one edit.
    const key = `${target.file.path}#${target.map.range.start}`;
    if (targets.has(key)) continue;
    const reference = referenceFor(target.format, target.root, name, target.owner);
    const edit = reference ? insertEntry(target.file, target.map, target.path, name, reference.value) : undefined;
    if (!reference || !edit) continue;
    targets.add(key);
    templates.add(target.file.path);
    references.add(reference.kind);
    edits.push({ file: target.file.path, ...edit });
  }
  if (templates.size === 0) return { messageId: 'readFromEnvironment', data: { name }, edits };
  return {
    messageId: 'moveToEnvironment',
    data: {
      name,
      templates: [...templates].map((path) => baseName(path)).join(', '),
      reference: [...references].map((kind) => REFERENCE_DESCRIPTIONS[kind]).join(' or '),
    },
    edits,
  };
}

/**
 * Replacing a plaintext value in a template with the reference form of its format. `name` names
 * the parameter or secret key; `owner` the secret (the function or resource logical id) for
 * SAM/CloudFormation. A storage connection string in local.settings.json is also offered the
 * local emulator, which is what that file is for.
 */
export function referenceSuggestions(
  file: DocumentFile,
  format: TemplateFormat,
  root: DocNode,
  node: ScalarNode,
  name: string,
  owner: string | undefined,
): FixDraft<FixMessageId>[] {
  const suggestions: FixDraft<FixMessageId>[] = [];
  const value = typeof node.value === 'string' ? node.value : '';
  if (format === 'azure-settings' && /AccountKey=/i.test(value) && /AccountName=/i.test(value)) {
    suggestions.push({ messageId: 'useDevelopmentStorage', edits: [replaceScalar(file, node, 'UseDevelopmentStorage=true')] });
  }
  const reference = referenceFor(format, root, name, owner);
  if (reference) {
    const edit: Edit = replaceScalar(file, node, reference.value);
    suggestions.push({ messageId: REFERENCE_MESSAGES[reference.kind], data: { reference: reference.value }, edits: [edit] });
  }
  return suggestions;
}

/**
 * The secret's owner for a value inside a CloudFormation resource: its logical id
 * (`Resources.<Id>.Properties…`), so each resource reads its own secret.
 */
export function resourceOwner(root: DocNode, path: readonly string[]): string | undefined {
  if (path[0] !== 'Resources' || path.length < 3) return undefined;
  return isMap(get(get(root, 'Resources'), path[1] ?? '')) ? path[1] : undefined;
}
