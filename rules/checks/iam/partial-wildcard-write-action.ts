import {
  countActions,
  describeAccessLevels,
  listForMessage,
  partialWildcards,
  statementRelated,
} from '../../analysis/policy-values';
import { defineRule, type FindingDraft } from '../../engine/define-rule';

export default defineRule({
  id: 'iam/partial-wildcard-write-action',
  family: 'iam',
  severity: 'error',
  docs: {
    summary: 'Flag IAM Allow actions with a partial wildcard, such as s3:Put*, that grant write or permissions-management actions',
    cwe: ['CWE-732', 'CWE-250'],
  },
  messages: {
    partialWildcard: '"{action}" grants {count} ({levels}), including {examples}; list only the actions the functions need.',
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<'partialWildcard'>[] = [];
    for (const statement of ctx.model.statementsIn(ctx.file.path)) {
      for (const { value, grants } of partialWildcards(statement)) {
        // Permissions management first: those are the actions that let a role widen itself.
        const powerful = [
          ...grants.filter((action) => action.accessLevel === 'Permissions management'),
          ...grants.filter((action) => action.accessLevel === 'Write'),
        ];
        if (powerful.length === 0) continue;
        findings.push({
          messageId: 'partialWildcard',
          data: {
            action: value.text,
            count: countActions(grants.length),
            levels: describeAccessLevels(grants),
            examples: listForMessage(powerful.map((action) => action.action)),
          },
          node: value.node,
          related: statementRelated(ctx, statement),
        });
      }
    }
    return findings;
  },
});
