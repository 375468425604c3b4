/**
 * Completion and hover for IAM actions in an `Action` / `NotAction` list: service prefixes first,
 * then the actions of the service typed so far, each with its access level and description.
 */
import {
  actionInfo,
  expandActionInfo,
  hasWildcard,
  nearestAction,
  serviceActions,
  servicePrefixes,
  ACCESS_LEVELS,
  type ActionInfo,
} from '../analysis/iam-data';
import type { CursorContext } from './context';
import { actionDescription, serviceTitle } from './iam-descriptions';
import { escapeSnippet, place } from './render';
import type { AssistCompletionItem, AssistCompletionList } from './types';

/** How many actions a wildcard's hover lists by name before summing up the rest. */
const LISTED_MATCHES = 12;

/**
 * Before a `:` is typed the service is still open, so the list holds service prefixes and is
 * incomplete (the editor asks again as the user types on); after it, the service's actions,
 * less the ones the statement already lists.
 */
export function actionCompletions(context: CursorContext, listed: readonly string[]): AssistCompletionList {
  const typed = context.token.typed;
  const colon = typed.indexOf(':');
  if (colon < 0) {
    const items = servicePrefixes().map((prefix): AssistCompletionItem => {
      // `$0` leaves the cursor before a closing quote, where the actions are completed next.
      const placement = place({ kind: 'scalar', text: `${escapeSnippet(prefix)}:$0`, quoted: false }, context, 'plain', true);
      const title = serviceTitle(prefix);
      return {
        label: `${prefix}:`,
        kind: 'service',
        ...(title ? { detail: title } : {}),
        insertText: placement.insertText,
        snippet: true,
        range: placement.range,
        retrigger: true,
      };
    });
    return { items, isIncomplete: true };
  }
  const service = typed.slice(0, colon).toLowerCase();
  const present = new Set(listed.map((action) => action.toLowerCase()));
  const items: AssistCompletionItem[] = [];
  for (const info of serviceActions(service)) {
    if (present.has(info.action.toLowerCase())) continue;
    const placement = place({ kind: 'scalar', text: escapeSnippet(info.action), quoted: false }, context, 'plain', true);
    items.push({
      label: info.action,
      kind: 'action',
      detail: info.accessLevel,
      documentation: actionMarkdown(info, false),
      insertText: placement.insertText,
      snippet: true,
      range: placement.range,
      // Typed `s3:` stays the same across the list: the name decides.
      filterText: info.action,
    });
  }
  return { items, isIncomplete: false };
}

/** Markdown for one action: access level, description and what it can be scoped to. */
export function actionMarkdown(info: ActionInfo, withTitle: boolean): string {
  const parts: string[] = [];
  if (withTitle) parts.push(`**${info.action}** · ${info.accessLevel}`);
  const description = actionDescription(info);
  if (description) parts.push(description);
  if (!withTitle) parts.push(`Access level: ${info.accessLevel}`);
  parts.push(resourceTypesMarkdown(info));
  return parts.join('\n\n');
}

function resourceTypesMarkdown(info: ActionInfo): string {
  if (!info.hasResourceTypes) return 'Supports no resource-level permissions: `Resource` must be `"*"`.';
  const lines = info.resourceTypes.map((type) => `- ${type.name}${type.arn ? `: \`${type.arn}\`` : ''}`);
  return ['Resource types:', ...lines].join('\n');
}

/**
 * Markdown for an action as written in a policy: an exact action, a wildcard (what it expands
 * to, by access level) or an unknown name (with the nearest real one).
 */
export function actionHoverMarkdown(text: string): string | undefined {
  const action = text.trim();
  if (action === '' || !action.includes(':')) {
    return action === '*' ? '**\\*** grants every action of every service.' : undefined;
  }
  if (!hasWildcard(action)) {
    const info = actionInfo(action);
    if (info) return actionMarkdown(info, true);
    const nearest = nearestAction(action);
    return `**${escapeMarkdown(action)}** is not an IAM action${nearest ? `; did you mean \`${nearest}\`?` : '.'}`;
  }
  const matches = expandActionInfo(action);
  if (matches.length === 0) return `**${escapeMarkdown(action)}** matches no IAM action.`;
  const byLevel = ACCESS_LEVELS.map((level) => [level, matches.filter((info) => info.accessLevel === level).length] as const)
    .filter(([, count]) => count > 0)
    .map(([level, count]) => `${level} ${count}`)
    .join(', ');
  const listed = matches.slice(0, LISTED_MATCHES).map((info) => `\`${info.action}\``);
  const more = matches.length > LISTED_MATCHES ? ` and ${matches.length - LISTED_MATCHES} more` : '';
  return [
    `**${escapeMarkdown(action)}** matches ${matches.length} action${matches.length === 1 ? '' : 's'} (${byLevel}).`,
    `${listed.join(', ')}${more}`,
  ].join('\n\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, (character) => `\\${character}`);
}
