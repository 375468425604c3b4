import { defineRule, type FindingDraft, type RuleContext } from '../../engine/define-rule';
import type { RelatedLocation } from '../../engine/types';
import { describeHttpEvent } from '../../model/endpoints';
import type { FunctionModel } from '../../model/types';

type MessageId = 'missingAuthorizer' | 'explicitlyPublic' | 'anonymousTrigger' | 'publicUrl';

export default defineRule<MessageId>({
  id: 'auth/no-authorizer',
  family: 'auth',
  severity: 'warning',
  docs: {
    summary: 'Flag HTTP endpoints and function URLs that anyone can call without credentials',
    cwe: ['CWE-306'],
  },
  messages: {
    missingAuthorizer: 'The {event} of function {function} has no authorizer, so anyone who can reach the API can call it.',
    explicitlyPublic: 'The {event} of function {function} turns authorization off (Authorizer: NONE), so anyone who can reach the API can call it.',
    anonymousTrigger: 'The {event} of function {function} has authLevel "anonymous", so anyone who knows its URL can call it.',
    publicUrl: 'The function URL of {function} has AuthType NONE, so anyone who knows the URL can invoke the function.',
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<MessageId>[] = [];
    for (const model of ctx.model.functions) {
      if (model.file !== ctx.file.path) continue;
      const related = handlerLocation(ctx, model);
      for (const event of model.events) {
        const auth = event.http?.auth;
        if (!auth || (auth.state !== 'missing' && auth.state !== 'public')) continue;
        const data = { event: describeHttpEvent(event), function: model.name };
        if (auth.state === 'missing') {
          // The event's key (`http`, `GetItem`) names the endpoint that lacks the setting.
          findings.push({ messageId: 'missingAuthorizer', data, node: event.key ?? event.node, related });
        } else if (auth.node) {
          const messageId = event.http?.kind === 'azure-http' ? 'anonymousTrigger' : 'explicitlyPublic';
          findings.push({ messageId, data, node: auth.node, related });
        }
      }
      const url = model.url;
      if (url && (url.auth.state === 'missing' || url.auth.state === 'public')) {
        // `AuthType: NONE` itself, or for serverless `url: true` (NONE by default) the `url` key.
        const node = url.auth.node ?? url.key ?? url.node;
        findings.push({ messageId: 'publicUrl', data: { function: model.name }, node, related });
      }
    }
    return findings;
  },
});

/** The handler is what an anonymous caller gets to run: the place to review next. */
function handlerLocation(ctx: RuleContext, model: FunctionModel): RelatedLocation[] {
  const file = model.handler?.file;
  if (file === undefined) return [];
  return [ctx.related({ file, range: { start: 0, end: 0 } }, `handler of function ${model.name}`)];
}
