import {
  countActions,
  describeAccessLevels,
  partialWildcards,
  statementRelated,
} from '../../analysis/policy-values';
import { narrowSuggestions, rewriteStatement } from '../../analysis/sdk/rewrite';
import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { splitSuggestions } from '../../fixes/split-roles';

export default defineRule({
  id: 'iam/partial-wildcard-action',
  family: 'iam',
  severity: 'warning',
  docs: {
    summary: 'Flag IAM Allow actions with a partial wildcard, such as s3:Get*, that grant only read, list or tagging actions',
    cwe: ['CWE-732', 'CWE-250'],
  },
  messages: {
    partialWildcard: '"{action}" grants {count} ({levels}); list only the actions the functions need.',
    narrow: 'Replace with the {actions} the handlers use{note}',
    split: 'Split into {count} per-function roles, each with the actions its handler uses{note}',
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<'partialWildcard' | 'narrow' | 'split'>[] = [];
    for (const statement of ctx.model.statementsIn(ctx.file.path)) {
      for (const { value, grants } of partialWildcards(statement)) {
        // A pattern that reaches Write or Permissions management is iam/partial-wildcard-write-action's.
        if (grants.some((action) => action.accessLevel === 'Write' || action.accessLevel === 'Permissions management')) continue;
        findings.push({
          messageId: 'partialWildcard',
          data: { action: value.text, count: countActions(grants.length), levels: describeAccessLevels(grants) },
          node: value.node,
          related: statementRelated(ctx, statement),
          suggest: [...narrowSuggestions(rewriteStatement(ctx, statement)), ...splitSuggestions(ctx, statement)],
        });
      }
    }
    return findings;
  },
});
