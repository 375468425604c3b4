import { actionScalars, functionsOfRole, literalText } from '../../analysis/iam-grants';
import { defineRule, type FindingDraft, type RuleContext } from '../../engine/define-rule';
import type { RelatedLocation } from '../../engine/types';
import type { LambdaPermissionModel, PolicyDocument, PolicyStatement } from '../../model/types';
import { entryOf, get, intrinsicName, isMap, isScalar, isSeq, stringValue, type DocNode, type ScalarNode } from '../../parse/document';

type MessageId = 'publicPrincipal' | 'notPrincipal' | 'publicTrust' | 'publicInvoke' | 'serviceWithoutSource';

/**
 * Condition keys that narrow who may use a grant to named accounts, an organization, a network
 * or the caller's own resources. `aws:SecureTransport` and the like restrict how, not who.
 */
const RESTRICTING_KEYS: ReadonlySet<string> = new Set(
  [
    'aws:SourceAccount',
    'aws:SourceArn',
    'aws:SourceOwner',
    'aws:SourceOrgID',
    'aws:SourceOrgPaths',
    'aws:PrincipalAccount',
    'aws:PrincipalArn',
    'aws:PrincipalOrgID',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalServiceName',
    'aws:SourceVpce',
    'aws:SourceVpc',
    'aws:SourceIp',
    'aws:userid',
    // KMS key policies give `*` with the caller's account as a condition (the AWS default).
    'kms:CallerAccount',
  ].map((key) => key.toLowerCase()),
);

/**
 * Operators that only match when the key is present and equal: `StringNotEquals` or an
 * `…IfExists` operator let callers without the key through, so they restrict nothing.
 */
const MATCHING_OPERATORS: ReadonlySet<string> = new Set(
  ['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike', 'IpAddress'].map((name) => name.toLowerCase()),
);

/** Service principals: `s3.amazonaws.com`, `events.amazonaws.com`, `alexa-appkit.amazon.com`. */
const SERVICE_PRINCIPAL = /^[a-z0-9.-]+\.amazon(aws)?\.com(\.cn)?$/i;

/** How many actions a message names. */
const NAMED_ACTIONS = 3;

export default defineRule({
  id: 'iam/public-principal',
  family: 'iam',
  severity: 'error',
  docs: {
    summary: 'Flag resource policies, trust policies and Lambda permissions that let any AWS account, or anyone, in',
    cwe: ['CWE-284', 'CWE-732'],
  },
  messages: {
    publicPrincipal:
      '{principal} lets anyone, in any AWS account or none, call {actions} through {resource}; name the accounts, or add a condition on aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn.',
    notPrincipal:
      'Allow with NotPrincipal lets everyone but the principals listed call {actions} through {resource}; name who may with Principal instead.',
    publicTrust:
      '{principal} lets any AWS account assume role {role}; name the accounts or services that may, or add a condition on aws:PrincipalOrgID.',
    publicInvoke:
      'Principal "*" lets anyone, in any AWS account, invoke {function}; name the calling service or account and add SourceArn or SourceAccount.',
    serviceWithoutSource:
      '{service} may invoke {function} on behalf of any AWS account; add SourceArn or SourceAccount so only your own resources can.',
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    const path = ctx.file.path;
    const findings: FindingDraft<MessageId>[] = [];
    for (const policy of ctx.model.policies) {
      if (policy.file !== path) continue;
      // Identity policies have no Principal; a policy file that has one is a resource policy.
      if (policy.owner.kind !== 'resource-policy' && policy.owner.kind !== 'policy-file') continue;
      for (const statement of policy.statements) findings.push(...resourcePolicyFindings(policy, statement));
    }
    for (const role of ctx.model.roles) {
      if (role.file !== path || !role.trustPolicy) continue;
      const functions = functionsOfRole(ctx.model.functions, role);
      const related = functions.flatMap((model) => functionLocation(ctx, model, `function ${model.name} runs as ${role.name}`));
      for (const statement of role.trustPolicy.statements) {
        if (!statement.isAllow || isRestricted(statement.condition)) continue;
        for (const node of publicPrincipalNodes(statement.principal)) {
          findings.push({ messageId: 'publicTrust', data: { principal: describePrincipal(statement, node), role: role.name }, node, related });
        }
      }
    }
    for (const permission of ctx.model.permissions) {
      if (permission.file === path) findings.push(...permissionFindings(ctx, permission));
    }
    return findings;
  },
});

function resourcePolicyFindings(policy: PolicyDocument, statement: PolicyStatement): FindingDraft<MessageId>[] {
  // A Deny with `*` takes access away from everyone: the usual way to enforce TLS or a VPC.
  if (!statement.isAllow || isRestricted(statement.condition)) return [];
  const data = { actions: describeActions(statement), resource: policy.owner.name };
  const findings: FindingDraft<MessageId>[] = [];
  for (const node of publicPrincipalNodes(statement.principal)) {
    findings.push({ messageId: 'publicPrincipal', data: { ...data, principal: describePrincipal(statement, node) }, node });
  }
  const notPrincipal = entryOf(statement.node, 'NotPrincipal');
  if (notPrincipal) findings.push({ messageId: 'notPrincipal', data, node: notPrincipal.key });
  return findings;
}

/** The `*` scalars of a Principal: `"*"`, `{AWS: "*"}`, `{AWS: ["*", …]}`. */
function publicPrincipalNodes(principal: DocNode | undefined): ScalarNode[] {
  if (isScalar(principal)) return stringValue(principal)?.trim() === '*' ? [principal] : [];
  const aws = get(principal, 'AWS');
  const entries = isSeq(aws) ? aws.items : aws === undefined ? [] : [aws];
  return entries.filter((entry): entry is ScalarNode => isScalar(entry) && stringValue(entry)?.trim() === '*');
}

function describePrincipal(statement: PolicyStatement, node: ScalarNode): string {
  return statement.principal === node ? 'Principal "*"' : 'Principal {AWS: "*"}';
}

function describeActions(statement: PolicyStatement): string {
  if (statement.actionKey === 'NotAction') return 'every action but those listed';
  const texts = statement.actions.flatMap((entry) => actionScalars(entry)).map((scalar) => String(scalar.value).trim());
  if (texts.length === 0) return 'its actions';
  const named = texts.slice(0, NAMED_ACTIONS).join(', ');
  return texts.length > NAMED_ACTIONS ? `${named} and ${texts.length - NAMED_ACTIONS} more` : named;
}

/**
 * True when a Condition narrows the callers: a matching operator on one of RESTRICTING_KEYS
 * with a value other than `*`. A Condition we cannot read (an intrinsic) counts as restricting:
 * this rule would rather miss a finding than invent one.
 */
function isRestricted(condition: DocNode | undefined): boolean {
  if (condition === undefined) return false;
  if (!isMap(condition) || intrinsicName(condition) !== undefined) return true;
  for (const { key: operatorKey, value: clauses } of condition.entries) {
    const operator = (stringValue(operatorKey) ?? '').replace(/^For(AnyValue|AllValues):/i, '').toLowerCase();
    if (!MATCHING_OPERATORS.has(operator)) continue;
    if (!isMap(clauses)) return true;
    for (const { key, value } of clauses.entries) {
      if (!RESTRICTING_KEYS.has((stringValue(key) ?? '').toLowerCase())) continue;
      const values = isSeq(value) ? value.items : [value];
      if (values.some((item) => literalText(item)?.trim() !== '*')) return true;
    }
  }
  return false;
}

function permissionFindings(ctx: RuleContext, permission: LambdaPermissionModel): FindingDraft<MessageId>[] {
  const principal = permission.principal;
  const text = isScalar(principal) ? stringValue(principal)?.trim() : undefined;
  if (!isScalar(principal) || text === undefined) return [];
  // A function URL with AuthType NONE needs exactly this permission; the public URL itself is
  // the function URL rule's finding, and reporting its permission too would say it twice.
  if (stringValue(permission.functionUrlAuthType) === 'NONE') return [];
  const named = permission.function?.name ?? referencedName(permission.functionName) ?? literalText(permission.functionName);
  const functionName = named === undefined ? 'the function' : `function ${named}`;
  const related = permission.function ? functionLocation(ctx, permission.function, `${functionName} is defined here`) : [];
  const sourceGiven = isGiven(permission.sourceArn) || isGiven(permission.sourceAccount);
  if (text === '*') {
    if (sourceGiven || isGiven(permission.principalOrgId)) return [];
    return [{ messageId: 'publicInvoke', data: { function: functionName }, node: principal, related }];
  }
  if (SERVICE_PRINCIPAL.test(text)) {
    // Alexa skills are named by skill id in EventSourceToken instead.
    if (sourceGiven || isGiven(permission.eventSourceToken)) return [];
    return [{ messageId: 'serviceWithoutSource', data: { service: text, function: functionName }, node: principal, related }];
  }
  return [];
}

/** A restricting property that is set to something other than `*`. */
function isGiven(node: DocNode | undefined): boolean {
  return node !== undefined && literalText(node)?.trim() !== '*';
}

function referencedName(node: DocNode | undefined): string | undefined {
  const intrinsic = intrinsicName(node);
  if (intrinsic === 'Ref') return stringValue(get(node, 'Ref'));
  if (intrinsic === 'Fn::GetAtt') {
    const argument = get(node, 'Fn::GetAtt');
    return isSeq(argument) ? stringValue(argument.items[0]) : stringValue(argument)?.split('.')[0];
  }
  return undefined;
}

function functionLocation(ctx: RuleContext, model: { file: string; nameNode?: ScalarNode; node?: DocNode }, message: string): RelatedLocation[] {
  const node = model.nameNode ?? model.node;
  return node ? [ctx.related({ file: model.file, range: node.range }, message)] : [];
}
