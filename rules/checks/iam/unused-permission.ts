import { actionMatches } from '../../analysis/iam-data';
import { functionsWithStatement, listForMessage, policyValues, statementRelated, type PolicyValue } from '../../analysis/policy-values';
import { completePlan, parentSeq, platformActions, removeItem } from '../../analysis/sdk/permissions';
import { actionsOf } from '../../analysis/sdk/usage';
import { defineRule, type FindingDraft, type FixDraft, type RuleContext } from '../../engine/define-rule';
import type { DocNode } from '../../parse/document';

type MessageId = 'unused' | 'removeAction' | 'removeStatement';

const WHOLE_WILDCARD = /^(\*|[a-z0-9-]+:\*)$/i;

export default defineRule({
  id: 'iam/unused-permission',
  family: 'iam',
  severity: 'info',
  docs: {
    summary: 'Flag IAM actions granted to functions whose code never calls them',
    cwe: ['CWE-250'],
  },
  messages: {
    unused: '"{action}" is granted to {functions}, whose code never calls it; remove it.',
    removeAction: 'Remove "{action}"',
    removeStatement: 'Remove the statement: none of its actions is used',
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<MessageId>[] = [];
    for (const statement of ctx.model.statementsIn(ctx.file.path)) {
      // A SAM policy template's actions are SAM's text; a resource policy grants to others.
      if (!statement.isAllow || statement.actionKey !== 'Action' || statement.template || statement.owner.kind === 'resource-policy') continue;
      const functions = functionsWithStatement(ctx.model, statement);
      if (functions.length === 0) continue;
      const used = new Set<string>();
      let complete = true;
      for (const fn of functions) {
        const plan = completePlan(ctx, fn);
        if (!plan) {
          complete = false;
          break;
        }
        for (const action of [...actionsOf(plan.calls), ...platformActions(fn)]) used.add(action);
      }
      // Quiet unless every function's code was read whole: an unresolved call may use anything.
      if (!complete) continue;
      const values = statement.actions.flatMap((action) => policyValues(action));
      if (values.length !== statement.actions.length || values.some((value) => !value.literal)) continue;
      // `*` and `s3:*` are iam/wildcard-action's (an error, with its own rewrite): one finding per problem.
      const unused = values.filter((value) => !WHOLE_WILDCARD.test(value.text) && ![...used].some((action) => actionMatches(value.text, action)));
      const wholeStatement = unused.length === values.length;
      const names = listForMessage(functions.map((fn) => `function ${fn.name}`));
      for (const value of unused) {
        findings.push({
          messageId: 'unused',
          data: { action: value.text, functions: names },
          node: value.node,
          related: statementRelated(ctx, statement),
          suggest: removal(ctx, statement.node, value, wholeStatement),
        });
      }
    }
    return findings;
  },
});

function removal(ctx: RuleContext, statementNode: DocNode, value: PolicyValue, wholeStatement: boolean): FixDraft<MessageId>[] {
  if (wholeStatement) {
    const list = parentSeq(ctx.file, statementNode);
    const edit = list && removeItem(ctx.file, list, statementNode);
    return edit ? [{ messageId: 'removeStatement', edits: [edit] }] : [];
  }
  const list = parentSeq(ctx.file, value.node);
  const edit = list && removeItem(ctx.file, list, value.node);
  return edit ? [{ messageId: 'removeAction', data: { action: value.text }, edits: [edit] }] : [];
}
