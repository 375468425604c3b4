import { defineRule, type FindingDraft } from '../../engine/define-rule';
import type { RelatedLocation } from '../../engine/types';
import type { FunctionModel } from '../../model/types';
import { isScalar, stringValue, type ScalarNode } from '../../parse/document';

/**
 * How long API Gateway waits for the integration by default: 29 s for a REST API (a Regional or
 * private REST API can be raised through a quota request, written as the event's
 * `TimeoutInMillis`), 30 s for an HTTP API. Amazon API Gateway quotas page.
 */
const GATEWAY_WAIT = { 'rest-api': 29, 'http-api': 30 } as const;
const GATEWAY_NAME = { 'rest-api': 'REST API', 'http-api': 'HTTP API' } as const;

interface Caller {
  model: FunctionModel;
  limit: number;
  gateway: string;
}

export default defineRule({
  id: 'config/long-timeout',
  family: 'config',
  severity: 'info',
  docs: {
    summary: 'Flag API-triggered functions whose timeout is longer than API Gateway waits for them',
    cwe: ['CWE-400'],
  },
  messages: {
    longTimeout:
      'A timeout of {timeout} s is longer than API Gateway waits for {functions} (at most {limit} s): past that the caller gets a 504 while the function keeps running and billing.',
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    // A provider-level or `Globals` timeout is one value many functions share: report it once.
    const callers = new Map<ScalarNode, Caller[]>();
    for (const model of ctx.model.functions) {
      if (model.file !== ctx.file.path || model.platform !== 'aws' || !model.timeout) continue;
      const timeout = seconds(model.timeout);
      const wait = gatewayWait(model);
      if (timeout === undefined || !wait || timeout <= wait.limit) continue;
      callers.set(model.timeout, [...(callers.get(model.timeout) ?? []), { model, ...wait }]);
    }
    const findings: FindingDraft<'longTimeout'>[] = [];
    for (const [node, list] of callers) {
      // The longest wait among the callers keeps "at most" true for each of them.
      const longest = list.reduce((a, b) => (b.limit > a.limit ? b : a));
      const related: RelatedLocation[] = [];
      for (const { model, limit, gateway } of list) {
        const inside = model.node && model.node.range.start <= node.range.start && node.range.end <= model.node.range.end;
        if (!inside && model.nameNode) related.push(ctx.related(model.nameNode, `function ${model.name}: its ${gateway} waits ${limit} s`));
      }
      findings.push({
        messageId: 'longTimeout',
        data: {
          timeout: String(seconds(node)),
          limit: String(longest.limit),
          functions: list.map((caller) => caller.model.name).join(', '),
        },
        node,
        related,
      });
    }
    return findings;
  },
});

/**
 * The longest any HTTP caller of the function waits, when every trigger of the function is a
 * synchronous API Gateway event. A queue, schedule or function URL caller may need the long
 * timeout (a URL waits up to 15 minutes), so functions with one are left alone.
 */
function gatewayWait(model: FunctionModel): { limit: number; gateway: string } | undefined {
  if (model.events.length === 0 || model.url) return undefined;
  let best: { limit: number; gateway: string } | undefined;
  for (const event of model.events) {
    const kind = event.http?.kind;
    // An asynchronous integration answers at once; nobody waits for the function.
    if ((kind !== 'rest-api' && kind !== 'http-api') || event.http?.asynchronous) return undefined;
    const limit = event.http?.integrationTimeout?.seconds ?? GATEWAY_WAIT[kind];
    if (!best || limit > best.limit) best = { limit, gateway: GATEWAY_NAME[kind] };
  }
  return best;
}

function seconds(node: ScalarNode): number | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number') return node.value;
  const text = stringValue(node)?.trim();
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}
