import { listForMessage, countActions } from '../../analysis/policy-values';
import { completePlan, isGranted, knownGrants, parentSeq } from '../../analysis/sdk/permissions';
import { appendStatements } from '../../analysis/sdk/rewrite';
import { actionsOf } from '../../analysis/sdk/usage';
import { defineRule, type FindingDraft, type FixDraft, type RuleContext } from '../../engine/define-rule';
import type { FunctionModel, PolicyStatement } from '../../model/types';
import type { PlannedStatement } from '../../analysis/sdk/policy';

type MessageId = 'missing' | 'grant';

export default defineRule({
  id: 'iam/missing-permission',
  family: 'iam',
  severity: 'warning',
  docs: {
    summary: 'Flag AWS SDK calls in a function\'s code that its role does not allow (AccessDenied at run time)',
    cwe: ['CWE-703'],
  },
  messages: {
    missing: 'Function {function} calls {actions}, which its role does not allow; the calls will fail with AccessDenied.',
    grant: 'Allow the {count} the code calls{note}',
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<MessageId>[] = [];
    for (const fn of ctx.model.functions) {
      if (fn.file !== ctx.file.path) continue;
      // Quiet unless both sides are known whole: the role's grants and every call of the code.
      const grants = knownGrants(fn);
      if (!grants) continue;
      const plan = completePlan(ctx, fn);
      if (!plan) continue;
      const missing = actionsOf(plan.calls).filter((action) => !isGranted(grants, action));
      if (missing.length === 0) continue;
      const node = fn.nameNode ?? fn.node;
      if (!node) continue;
      const related = plan.calls
        .filter((call) => call.actions.some((action) => missing.includes(action)))
        .map((call) => ctx.related({ file: call.file, range: call.range }, `calls ${call.service} ${call.operation}`));
      const statements = plan.statements
        .map((entry): PlannedStatement => ({ actions: entry.actions.filter((action) => missing.includes(action)), resources: entry.resources }))
        .filter((entry) => entry.actions.length > 0);
      findings.push({
        messageId: 'missing',
        data: { function: fn.name, actions: listForMessage(missing) },
        node,
        related,
        suggest: grantFix(ctx, fn, statements, missing.length, plan.scoped),
      });
    }
    return findings;
  },
});

/** Adds the statements after the last statement of the function's own list (else the shared one). */
function grantFix(ctx: RuleContext, fn: FunctionModel, statements: PlannedStatement[], count: number, scoped: boolean): FixDraft<MessageId>[] {
  const anchor = anchorStatement(ctx, fn);
  const edit = anchor && appendStatements(ctx.file, anchor, statements);
  if (!edit) return [];
  const note = scoped ? '' : ' (some resource names are unknown and stay "*")';
  return [{ messageId: 'grant', data: { count: countActions(count), note }, edits: [edit] }];
}

function anchorStatement(ctx: RuleContext, fn: FunctionModel): PolicyStatement | undefined {
  const own = (statement: PolicyStatement) => statement.owner.kind === 'serverless-function-role' || statement.owner.kind === 'sam-function-policies';
  const candidates = fn.statements.filter((statement) => statement.file === ctx.file.path && !statement.template && statement.isAllow);
  for (const statement of [...candidates.filter(own), ...candidates.filter((statement) => !own(statement))]) {
    const list = parentSeq(ctx.file, statement.node);
    const last = list?.items[list.items.length - 1];
    const lastStatement = last && candidates.find((candidate) => candidate.node === last);
    if (lastStatement) return lastStatement;
  }
  return undefined;
}
