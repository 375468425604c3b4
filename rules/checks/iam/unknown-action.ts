import { actionInfo, expandAction, hasWildcard, nearestAction, nearestService, serviceExists } from '../../analysis/iam-data';
import { policyValues, statementRelated, type PolicyValue } from '../../analysis/policy-values';
import { defineRule, type FindingDraft, type FixDraft } from '../../engine/define-rule';

type MessageId = 'unknownService' | 'unknownAction' | 'noMatch' | 'malformed' | 'replace';

export default defineRule({
  id: 'iam/unknown-action',
  family: 'iam',
  severity: 'warning',
  docs: {
    summary: 'Flag IAM actions and service prefixes that do not exist, such as s3:GetObjects',
    cwe: ['CWE-284'],
  },
  messages: {
    unknownService: '"{action}" names no AWS service "{service}"; IAM matches nothing with it, so the statement neither grants nor denies it.',
    unknownAction: '"{action}" is not an action of {service}; IAM matches nothing with it, so the statement neither grants nor denies it.',
    noMatch: '"{action}" matches no existing action; IAM matches nothing with it, so the statement neither grants nor denies it.',
    malformed: '"{action}" is not an IAM action: actions are written service:Action.',
    replace: 'Replace with {replacement}',
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<MessageId>[] = [];
    for (const statement of ctx.model.statementsIn(ctx.file.path)) {
      // Deny statements count too: a misspelt action in a Deny silently denies nothing. Actions a
      // SAM policy template expands to are AWS's text, not the user's.
      if (statement.actionKey === undefined || statement.template) continue;
      for (const value of statement.actions.flatMap((action) => policyValues(action))) {
        // Only text known before deploy is judged (`${…}`, `!Ref` parts are not).
        if (!value.literal) continue;
        const problem = judge(value);
        if (!problem) continue;
        const finding: FindingDraft<MessageId> = {
          messageId: problem.messageId,
          data: problem.data,
          node: value.node,
          related: statementRelated(ctx, statement),
        };
        const suggestion = problem.replacement && replaceSuggestion(ctx.file.text, value, problem.replacement);
        if (suggestion) finding.suggest = [suggestion];
        findings.push(finding);
      }
    }
    return findings;
  },
});

interface Problem {
  messageId: Exclude<MessageId, 'replace'>;
  data: Record<string, string>;
  /** The part of the text to replace and what with, when a real name is close enough. */
  replacement?: { from: string; to: string };
}

function judge(value: PolicyValue): Problem | undefined {
  const text = value.text;
  if (text === '' || text === '*') return undefined;
  const colon = text.indexOf(':');
  if (colon < 0) {
    // IAM matches a pattern against the whole `service:Action`, so `s3*` is valid if odd.
    return hasWildcard(text) && expandAction(text).length > 0 ? undefined : { messageId: 'malformed', data: { action: text } };
  }
  const service = text.slice(0, colon);
  const name = text.slice(colon + 1);
  if (!hasWildcard(service) && !serviceExists(service)) {
    const problem: Problem = { messageId: 'unknownService', data: { action: text, service } };
    if (hasWildcard(name)) {
      const nearest = nearestService(service);
      // Offered only when the corrected pattern matches something: a suggestion must not leave
      // another unknown action behind.
      if (nearest !== undefined && expandAction(`${nearest}:${name}`).length > 0) problem.replacement = { from: service, to: nearest };
    } else {
      const nearest = nearestAction(text);
      if (nearest !== undefined) problem.replacement = { from: text, to: nearest };
    }
    return problem;
  }
  if (!hasWildcard(text)) {
    if (actionInfo(text)) return undefined;
    const problem: Problem = { messageId: 'unknownAction', data: { action: text, service: service.toLowerCase() } };
    const nearest = nearestAction(text);
    if (nearest !== undefined) problem.replacement = { from: text, to: nearest };
    return problem;
  }
  return expandAction(text).length === 0 ? { messageId: 'noMatch', data: { action: text } } : undefined;
}

/**
 * Replaces only the wrong text inside the scalar, so quotes and the rest of the line stay as
 * written. A value that is not a plain scalar, or whose text is escaped in the file (so the
 * value does not appear verbatim), gets no suggestion.
 */
function replaceSuggestion(source: string, value: PolicyValue, replacement: { from: string; to: string }): FixDraft<MessageId> | undefined {
  if (!value.scalar) return undefined;
  const { start, end } = value.scalar.range;
  const offset = source.slice(start, end).indexOf(value.text);
  if (offset < 0) return undefined;
  const from = start + offset;
  return {
    messageId: 'replace',
    data: { replacement: replacement.from === value.text ? replacement.to : `${replacement.to}${value.text.slice(replacement.from.length)}` },
    edits: [{ range: { start: from, end: from + replacement.from.length }, text: replacement.to }],
  };
}
