import { narrowSuggestions, rewriteStatement, type StatementRewrite } from '../../analysis/sdk/rewrite';
import { keysByValue } from '../../analysis/iam-grants';
import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { splitSuggestions } from '../../fixes/split-roles';
import type { RelatedLocation } from '../../engine/types';
import type { PolicyOwner } from '../../model/types';
import { isScalar } from '../../parse/document';

/** `*`, or a whole service such as `s3:*`. Partial wildcards (`s3:Get*`) are another rule's. */
const SERVICE_WILDCARD = /^([a-z0-9-]+):\*$/i;

export default defineRule({
  id: 'iam/wildcard-action',
  family: 'iam',
  severity: 'error',
  docs: {
    summary: 'Flag IAM Allow statements that grant all actions, or all actions of a service, with a wildcard',
    cwe: ['CWE-732', 'CWE-250'],
  },
  messages: {
    wildcard: '"{action}" allows every action of {service}; list only the actions the functions need.',
    narrow: 'Replace with the {actions} the handlers use{note}',
    split: 'Split into {count} per-function roles, each with the actions its handler uses{note}',
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<'wildcard' | 'narrow' | 'split'>[] = [];
    for (const statement of ctx.model.statementsIn(ctx.file.path)) {
      // A Deny with a wildcard takes rights away; NotAction has its own rule. A SAM policy
      // template's actions are SAM's, not text the user wrote (TextractPolicy grants textract:*).
      if (!statement.isAllow || statement.actionKey !== 'Action' || statement.template) continue;
      let rewrite: StatementRewrite | undefined | null = null;
      let split: ReturnType<typeof splitSuggestions> | null = null;
      for (const action of statement.actions) {
        // Intrinsics (`!Ref`, `!If`, `!Sub`) are left alone: their value is unknown until deploy.
        if (!isScalar(action) || typeof action.value !== 'string') continue;
        const text = action.value.trim();
        const service = text === '*' ? 'every service' : SERVICE_WILDCARD.exec(text)?.[1];
        if (service === undefined) continue;
        const related: RelatedLocation[] = [];
        const owner = statement.owner;
        // A policy file is its own owner: pointing at the whole file adds nothing.
        if (owner.node && owner.kind !== 'policy-file') {
          // The key naming the owner (`UploadFunction:`, `resize:`) reads better than its whole block.
          const range = keysByValue(ctx.file).get(owner.node)?.range ?? owner.node.range;
          related.push(ctx.related({ file: statement.file, range }, `granted to ${describeOwner(owner)}`));
        }
        if (rewrite === null) rewrite = rewriteStatement(ctx, statement);
        split ??= splitSuggestions(ctx, statement);
        findings.push({ messageId: 'wildcard', data: { action: text, service }, node: action, related, suggest: [...narrowSuggestions(rewrite), ...split] });
      }
    }
    return findings;
  },
});

function describeOwner(owner: PolicyOwner): string {
  switch (owner.kind) {
    case 'serverless-provider-role':
      return 'the provider role, shared by every function of the service';
    case 'serverless-function-role':
    case 'sam-function-policies':
      return `function ${owner.name}`;
    case 'cloudformation-role':
      return `role ${owner.name}`;
    case 'cloudformation-policy':
      return `policy ${owner.name}`;
    case 'resource-policy':
      return `the resource policy of ${owner.name}`;
    case 'policy-file':
      return owner.name;
  }
}
