import { defineRule, type FindingDraft, type RuleContext } from '../../engine/define-rule';
import type { RelatedLocation } from '../../engine/types';
import { describeHttpEvent } from '../../model/endpoints';
import type { EventModel, FunctionModel } from '../../model/types';
import { isMap, isScalar, type DocNode } from '../../parse/document';
import { insertMapEntry, type TemplateEdit } from '../../fixes/template';

type MessageId = 'missingAuthorizer' | 'explicitlyPublic' | 'anonymousTrigger' | 'publicUrl' | 'requireIam' | 'functionKey';

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
    requireIam: 'Require signed requests: {setting}',
    functionKey: 'Require a function key: authLevel "function"',
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<MessageId>[] = [];
    const language = ctx.file.language === 'yaml' || ctx.file.language === 'json' ? ctx.file.language : undefined;
    const text = ctx.file.text;
    for (const model of ctx.model.functions) {
      if (model.file !== ctx.file.path) continue;
      const related = handlerLocation(ctx, model);
      for (const event of model.events) {
        const auth = event.http?.auth;
        if (!auth || (auth.state !== 'missing' && auth.state !== 'public')) continue;
        const data = { event: describeHttpEvent(event), function: model.name };
        if (auth.state === 'missing') {
          // The event's key (`http`, `GetItem`) names the endpoint that lacks the setting.
          const suggestion = language ? addAuthorizer(text, model, event, language) : undefined;
          findings.push({ messageId: 'missingAuthorizer', data, node: event.key ?? event.node, related, ...(suggestion ? { suggest: [suggestion] } : {}) });
        } else if (auth.node) {
          const azure = event.http?.kind === 'azure-http';
          const messageId = azure ? 'anonymousTrigger' : 'explicitlyPublic';
          const edit = azure ? replaceScalarWord(text, auth.node, 'anonymous', 'function') : replaceScalarWord(text, auth.node, 'NONE', 'AWS_IAM');
          const suggest = edit ? [azure ? { messageId: 'functionKey' as const, edits: [edit] } : { messageId: 'requireIam' as const, data: { setting: 'Authorizer: AWS_IAM' }, edits: [edit] }] : [];
          findings.push({ messageId, data, node: auth.node, related, ...(suggest.length > 0 ? { suggest } : {}) });
        }
      }
      const url = model.url;
      if (url && (url.auth.state === 'missing' || url.auth.state === 'public')) {
        // `AuthType: NONE` itself, or for serverless `url: true` (NONE by default) the `url` key.
        const node = url.auth.node ?? url.key ?? url.node;
        const edit = url.auth.node ? replaceScalarWord(text, url.auth.node, 'NONE', 'AWS_IAM') : undefined;
        const suggest = edit ? [{ messageId: 'requireIam' as const, data: { setting: 'AuthType: AWS_IAM' }, edits: [edit] }] : [];
        findings.push({ messageId: 'publicUrl', data: { function: model.name }, node, related, ...(suggest.length > 0 ? { suggest } : {}) });
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

/** `NONE` → `AWS_IAM` inside a scalar, its quotes kept. */
function replaceScalarWord(text: string, node: DocNode, from: string, to: string): TemplateEdit | undefined {
  if (!isScalar(node) || node.value !== from) return undefined;
  const written = text.slice(node.range.start, node.range.end);
  const at = written.indexOf(from);
  if (at < 0) return undefined;
  return { range: { start: node.range.start + at, end: node.range.start + at + from.length }, text: to };
}

/**
 * IAM authorization added to an event's settings: serverless `http` → `authorizer: aws_iam`,
 * `httpApi` → `authorizer: { type: aws_iam }`, SAM `Api`/`HttpApi` → `Auth: { Authorizer: AWS_IAM }`.
 * Only where the settings are a map (`- http: GET /x` has none to add to).
 */
function addAuthorizer(text: string, model: FunctionModel, event: EventModel, language: 'yaml' | 'json') {
  const config = event.config;
  if (!isMap(config)) return undefined;
  const quote = (value: string) => (language === 'json' ? JSON.stringify(value) : value);
  const flowMap = (key: string, value: string) => (language === 'json' ? `{ ${JSON.stringify(key)}: ${JSON.stringify(value)} }` : `{ ${key}: ${value} }`);
  let key: string;
  let value: string;
  if (model.format === 'serverless' && event.type === 'http') {
    key = 'authorizer';
    value = quote('aws_iam');
  } else if (model.format === 'serverless' && event.type === 'httpApi') {
    key = 'authorizer';
    value = flowMap('type', 'aws_iam');
  } else if (model.format === 'sam' && (event.type === 'Api' || event.type === 'HttpApi')) {
    key = 'Auth';
    value = flowMap('Authorizer', 'AWS_IAM');
  } else {
    return undefined;
  }
  if (config.entries.some((entry) => entry.key.value === key)) return undefined;
  const edit = insertMapEntry(text, config, key, value, language);
  return edit ? { messageId: 'requireIam' as const, data: { setting: `${key}: ${value}` }, edits: [edit] } : undefined;
}
