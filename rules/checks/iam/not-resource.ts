import { expandActionInfo } from '../../analysis/iam-data';
import { listForMessage, policyValues, statementRelated } from '../../analysis/policy-values';
import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { entryOf } from '../../parse/document';

export default defineRule({
  id: 'iam/not-resource',
  family: 'iam',
  severity: 'warning',
  docs: {
    summary: 'Flag IAM Allow statements that use NotResource, granting their actions on every resource except the listed ones',
    cwe: ['CWE-732', 'CWE-250'],
  },
  messages: {
    notResource: 'NotResource in an Allow statement lets {actions} act on every resource except {excluded}, including resources created later; list the resources under Resource instead.',
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<'notResource'>[] = [];
    for (const statement of ctx.model.statementsIn(ctx.file.path)) {
      // `Deny` + `NotResource` ("deny outside these buckets") only takes rights away.
      if (!statement.isAllow || statement.resourceKey !== 'NotResource') continue;
      const key = entryOf(statement.node, 'NotResource')?.key;
      if (!key) continue;
      const notAction = statement.actionKey === 'NotAction';
      const actions = notAction ? [] : statement.actions.flatMap((action) => policyValues(action));
      // Actions that only accept `"Resource": "*"` are not scoped by any resource list; a
      // statement made only of them loses nothing to NotResource. Unknown values might scope.
      const scopable = actions.filter((value) => !value.literal || expandActionInfo(value.text).some((info) => info.hasResourceTypes));
      if (actions.length > 0 && scopable.length === 0) continue;
      const excluded = statement.resources.flatMap((resource) => policyValues(resource)).map((value) => value.written);
      findings.push({
        messageId: 'notResource',
        data: {
          actions: notAction ? 'every action but the NotAction ones' : scopable.length > 0 ? listForMessage(scopable.map((value) => value.written)) : "the statement's actions",
          excluded: excluded.length > 0 ? listForMessage(excluded) : 'the listed ones',
        },
        node: key,
        related: statementRelated(ctx, statement),
      });
    }
    return findings;
  },
});
