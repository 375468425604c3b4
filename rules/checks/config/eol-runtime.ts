import { defineRule, type FindingDraft, type RuleContext } from '../../engine/define-rule';
import type { RelatedLocation } from '../../engine/types';
import { AZURE_FUNCTIONS_HOSTS, hasPassed, LAMBDA_RUNTIMES } from '../../data/runtime-support';
import type { FunctionModel } from '../../model/types';
import { isScalar, stringValue, walk, type DocNode, type ScalarNode } from '../../parse/document';
import { isDocumentFile } from '../../parse/source-file';

type MessageId = 'deprecated' | 'updatesBlocked' | 'azureHost';

export default defineRule<MessageId>({
  id: 'config/eol-runtime',
  family: 'config',
  severity: 'warning',
  docs: {
    summary: 'Flag functions that run on a runtime past its end of support',
    cwe: ['CWE-1104'],
  },
  messages: {
    deprecated: '{runtime} reached end of support on {date}: AWS Lambda no longer patches it. Move to {successor}.',
    updatesBlocked:
      '{runtime} reached end of support on {date}, and since {blocked} Lambda refuses to update functions that use it. Move to {successor}.',
    azureHost: 'Azure Functions host version {version} reached end of support on {date}; set FUNCTIONS_EXTENSION_VERSION to {successor}.',
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    // A provider-level or `Globals` runtime is one value that many functions share: one finding
    // on that value, with the functions as related locations.
    const users = new Map<ScalarNode, FunctionModel[]>();
    for (const model of ctx.model.functions) {
      if (model.file !== ctx.file.path || model.platform !== 'aws' || !model.runtime) continue;
      users.set(model.runtime, [...(users.get(model.runtime) ?? []), model]);
    }
    const findings: FindingDraft<MessageId>[] = [];
    for (const [runtime, functions] of users) {
      const id = stringValue(runtime)?.trim();
      const support = id === undefined ? undefined : LAMBDA_RUNTIMES.get(id);
      if (id === undefined || !support || !hasPassed(support.deprecated, ctx.now)) continue;
      const related: RelatedLocation[] = [];
      for (const model of functions) {
        const inside = model.node && model.node.range.start <= runtime.range.start && runtime.range.end <= model.node.range.end;
        if (!inside && model.nameNode) related.push(ctx.related(model.nameNode, `function ${model.name} runs on it`));
      }
      const data = { runtime: id, date: support.deprecated, successor: support.successor };
      if (support.blockUpdate !== undefined && hasPassed(support.blockUpdate, ctx.now)) {
        findings.push({ messageId: 'updatesBlocked', data: { ...data, blocked: support.blockUpdate }, node: runtime, related });
      } else {
        findings.push({ messageId: 'deprecated', data, node: runtime, related });
      }
    }
    findings.push(...azureHostFindings(ctx));
    return findings;
  },
});

/**
 * `FUNCTIONS_EXTENSION_VERSION` in local.settings.json pins the Functions host major version
 * (`~3`, `3.0.15417`). Reported where it is written, when a function of the app reads it.
 */
function azureHostFindings(ctx: RuleContext): FindingDraft<'azureHost'>[] {
  if (ctx.model.template(ctx.file.path)?.format !== 'azure-settings' || !isDocumentFile(ctx.file)) return [];
  const own = new Set<DocNode>();
  for (const document of ctx.file.documents) walk(document, (node) => own.add(node));
  const seen = new Set<DocNode>();
  const findings: FindingDraft<'azureHost'>[] = [];
  for (const model of ctx.model.functions) {
    if (model.format !== 'azure-function') continue;
    const setting = model.environment.find((variable) => variable.name === 'FUNCTIONS_EXTENSION_VERSION');
    const value = setting?.value;
    if (!isScalar(value) || !own.has(value) || seen.has(value)) continue;
    seen.add(value);
    const version = stringValue(value)?.trim() ?? '';
    const major = /^~?(\d+)(\.|$)/.exec(version)?.[1];
    const support = major === undefined ? undefined : AZURE_FUNCTIONS_HOSTS.get(major);
    if (!support || !hasPassed(support.deprecated, ctx.now)) continue;
    findings.push({ messageId: 'azureHost', data: { version, date: support.deprecated, successor: support.successor }, node: value });
  }
  return findings;
}
