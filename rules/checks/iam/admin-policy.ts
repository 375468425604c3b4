import { describeRole, flattenPlaceholders, functionsOfRole, isSymbolicText, literalScalar, literalText } from '../../analysis/iam-grants';
import { countActions } from '../../analysis/policy-values';
import { defineRule, type FindingDraft, type FixDraft } from '../../engine/define-rule';
import { replaceManagedPolicy } from '../../fixes/managed-policy';
import type { DocNode } from '../../parse/document';

/**
 * AWS managed policies that hand over the account, or a whole service, by name. What each grants
 * completes "… gives <holder> <grants>".
 */
const ADMINISTRATOR_POLICIES: ReadonlyMap<string, string> = new Map([
  ['AdministratorAccess', 'every action on every resource'],
  ['PowerUserAccess', 'every action outside IAM and Organizations'],
  ['IAMFullAccess', 'every IAM action, enough to make itself an administrator'],
]);

/** `AmazonS3FullAccess`, `AWSLambda_FullAccess`, `CloudWatchLogsFullAccess` … */
const FULL_ACCESS = /FullAccess$/;

/**
 * An AWS managed policy ARN (`arn:aws:iam::aws:policy/…`, any partition, `${AWS::Partition}`
 * too), or a bare name as SAM `Policies` accept it. The path (`service-role/`, `job-function/`)
 * is not part of the name. Customer managed policies (`iam::123456789012:policy/…`) are not AWS's.
 */
const MANAGED_POLICY_ARN = /^arn:[^:]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/;
const BARE_NAME = /^[A-Za-z0-9_+=,.@-]+$/;

export default defineRule({
  id: 'iam/admin-policy',
  family: 'iam',
  severity: 'error',
  docs: {
    summary: 'Flag AWS managed policies that grant administrator access or every action of a service',
    cwe: ['CWE-250', 'CWE-732'],
  },
  messages: {
    administrator: '{policy} gives {holder} {grants}; attach a policy with only the actions its functions call.',
    fullAccess: '{policy} gives {holder} every action of a service on every resource; attach a policy with only the actions its functions call.',
    narrow: 'Replace with the {actions} the handlers use{note}',
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<'administrator' | 'fullAccess' | 'narrow'>[] = [];
    // A per-function role that inherits the provider's policies holds the same nodes: report
    // each written policy once.
    const seen = new Set<DocNode>();
    for (const role of ctx.model.roles) {
      if (role.file !== ctx.file.path) continue;
      const functions = functionsOfRole(ctx.model.functions, role);
      for (const policy of role.managedPolicies) {
        if (seen.has(policy)) continue;
        seen.add(policy);
        const name = managedPolicyName(policy);
        const underline = literalScalar(policy);
        if (name === undefined || underline === undefined) continue;
        const grants = ADMINISTRATOR_POLICIES.get(name);
        if (grants === undefined && !FULL_ACCESS.test(name)) continue;
        const holders = ctx.model.functions.filter((model) => model.managedPolicies.includes(policy));
        const related = holders.flatMap((model) => {
          const node = model.nameNode ?? model.node;
          return node ? [ctx.related({ file: model.file, range: node.range }, `function ${model.name} runs with ${name}`)] : [];
        });
        const data = { policy: name, holder: describeRole(role, functions) };
        const replacement = replaceManagedPolicy(ctx, policy, name, holders);
        const suggest: FixDraft<'narrow'>[] = replacement
          ? [{ messageId: 'narrow', data: { actions: countActions(replacement.actions.length), note: replacement.scoped ? '' : ' (some resource names are unknown and stay "*")' }, edits: replacement.edits }]
          : [];
        findings.push(
          grants === undefined
            ? { messageId: 'fullAccess', data, node: underline, related, suggest }
            : { messageId: 'administrator', data: { ...data, grants }, node: underline, related, suggest },
        );
      }
    }
    return findings;
  },
});

/** The AWS managed policy a value names, judged on its literal parts; undefined otherwise. */
function managedPolicyName(node: DocNode): string | undefined {
  const written = literalText(node)?.trim();
  if (written === undefined) return undefined;
  const text = flattenPlaceholders(written);
  const fromArn = MANAGED_POLICY_ARN.exec(text)?.[1];
  const name = fromArn ?? (BARE_NAME.test(text) ? text : undefined);
  // `policy/${PolicyName}`: the name is only known at deploy time.
  return name === undefined || isSymbolicText(name) ? undefined : name;
}
