import { defineRule, type FindingDraft } from '../../engine/define-rule';
import type { RelatedLocation } from '../../engine/types';
import { describeHttpEvent } from '../../model/endpoints';
import { get, isMap } from '../../parse/document';
import { insertMapEntry } from '../../fixes/template';

/** The placeholder the suggestion writes: a guess to adjust, small enough to cap a flood's cost. */
const PLACEHOLDER_LIMIT = '10';

export default defineRule({
  id: 'config/no-concurrency-limit',
  family: 'config',
  severity: 'info',
  docs: {
    summary: 'Flag functions that anyone can call and that have no reserved concurrency limit',
    cwe: ['CWE-770'],
  },
  messages: {
    noLimit:
      'Function {function} can be called without credentials and has no reserved concurrency, so a flood of requests scales it up to the account limit: a large bill, and throttling for every other function in the account.',
    addLimit: 'Add {key}: {limit} to {function} (a placeholder: set the peak you expect)',
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<'noLimit' | 'addLimit'>[] = [];
    const language = ctx.file.language === 'yaml' || ctx.file.language === 'json' ? ctx.file.language : undefined;
    for (const model of ctx.model.functions) {
      // Azure has no per-function limit in function.json; the app's scale-out limit is a portal
      // or infrastructure setting this project does not show.
      if (model.file !== ctx.file.path || model.platform !== 'aws' || !model.nameNode) continue;
      if (model.reservedConcurrency !== undefined) continue;
      // Public means callable without credentials. Callers who must sign requests or present a
      // token can be throttled and traced (usage plans, authorizer caching), so they are left out.
      const related: RelatedLocation[] = [];
      for (const event of model.events) {
        const state = event.http?.auth.state;
        if (state !== 'missing' && state !== 'public') continue;
        related.push(ctx.related(event.key ?? event.node, `public through the ${describeHttpEvent(event)}`));
      }
      const url = model.url;
      if (url && (url.auth.state === 'missing' || url.auth.state === 'public')) {
        related.push(ctx.related(url.key ?? url.node, 'public through its function URL'));
      }
      if (related.length === 0) continue;
      // serverless: the function's own settings; SAM and CloudFormation: the resource's Properties.
      const serverless = model.format === 'serverless';
      const target = serverless ? model.node : get(model.node, 'Properties');
      const key = serverless ? 'reservedConcurrency' : 'ReservedConcurrentExecutions';
      const edit = language && isMap(target) ? insertMapEntry(ctx.file.text, target, key, PLACEHOLDER_LIMIT, language) : undefined;
      findings.push({
        messageId: 'noLimit',
        data: { function: model.name },
        node: model.nameNode,
        related,
        ...(edit ? { suggest: [{ messageId: 'addLimit' as const, data: { key, limit: PLACEHOLDER_LIMIT, function: model.name }, edits: [edit] }] } : {}),
      });
    }
    return findings;
  },
});
