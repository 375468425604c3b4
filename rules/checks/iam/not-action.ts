import { listForMessage, policyValues, statementRelated } from '../../analysis/policy-values';
import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { entryOf } from '../../parse/document';

export default defineRule({
  id: 'iam/not-action',
  family: 'iam',
  severity: 'error',
  docs: {
    summary: 'Flag IAM Allow statements that use NotAction, granting every action except the listed ones',
    cwe: ['CWE-732', 'CWE-250'],
  },
  messages: {
    notAction: "NotAction in an Allow statement allows every action except {excluded} on the statement's resources, including actions AWS adds later; list the allowed actions under Action instead.",
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<'notAction'>[] = [];
    for (const statement of ctx.model.statementsIn(ctx.file.path)) {
      // `Deny` + `NotAction` is the usual, safe guard-rail ("deny everything but …").
      if (!statement.isAllow || statement.actionKey !== 'NotAction') continue;
      const key = entryOf(statement.node, 'NotAction')?.key;
      if (!key) continue;
      const excluded = statement.actions.flatMap((action) => policyValues(action)).map((value) => value.written);
      findings.push({
        messageId: 'notAction',
        data: { excluded: excluded.length > 0 ? listForMessage(excluded) : 'the listed ones' },
        node: key,
        related: statementRelated(ctx, statement),
      });
    }
    return findings;
  },
});
