import { defineRule, type FindingDraft } from '../../engine/define-rule';
import type { RelatedLocation } from '../../engine/types';
import type { CorsModel, FunctionModel } from '../../model/types';
import { stringValue, type DocNode } from '../../parse/document';

export default defineRule({
  id: 'auth/wildcard-cors',
  family: 'auth',
  severity: 'error',
  docs: {
    summary: 'Flag CORS settings that allow every origin together with credentials',
    cwe: ['CWE-942', 'CWE-346'],
  },
  messages: {
    anyOriginWithCredentials:
      'CORS allows every origin ({origin}) together with credentials, asking browsers to let any website make calls as the signed-in visitor and read the answers (functions: {functions}).',
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    // One CORS block often serves many endpoints (an API's `Cors`, `provider.httpApi.cors`):
    // report it once, naming every function behind it.
    const served = new Map<DocNode, { cors: CorsModel; functions: FunctionModel[] }>();
    for (const model of ctx.model.functions) {
      if (model.file !== ctx.file.path) continue;
      const settings = [...model.events.map((event) => event.http?.cors), model.url?.cors];
      for (const cors of settings) {
        if (!cors?.anyOrigin || !cors.allowCredentials) continue;
        const entry = served.get(cors.node) ?? { cors, functions: [] };
        if (!entry.functions.includes(model)) entry.functions.push(model);
        served.set(cors.node, entry);
      }
    }
    const findings: FindingDraft<'anyOriginWithCredentials'>[] = [];
    for (const { cors, functions } of served.values()) {
      if (!cors.anyOrigin || !cors.allowCredentials) continue;
      const related: RelatedLocation[] = [ctx.related(cors.allowCredentials, 'credentials are allowed here')];
      for (const model of functions) {
        if (model.nameNode) related.push(ctx.related(model.nameNode, `applies to function ${model.name}`));
      }
      const origin = stringValue(cors.anyOrigin)?.trim();
      findings.push({
        messageId: 'anyOriginWithCredentials',
        data: {
          // As written (`*`, SAM's `'*'`); a serverless `cors` map without origins defaults to `*`.
          origin: origin === "'*'" ? origin : '*',
          functions: functions.map((model) => model.name).join(', '),
        },
        node: cors.anyOrigin,
        related,
      });
    }
    return findings;
  },
});
