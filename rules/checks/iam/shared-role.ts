import { describeRole, flattenPlaceholders, functionsOfRole, keysByValue, literalText } from '../../analysis/iam-grants';
import * as posix from 'node:path/posix';
import { defineRule, type FindingDraft } from '../../engine/define-rule';
import type { FunctionModel, RoleModel } from '../../model/types';
import type { DocNode, ScalarNode } from '../../parse/document';

/**
 * Managed policies that only let a function run (write its logs, attach to a VPC, send traces).
 * A role with nothing else grants no data access, so sharing it exposes nothing.
 */
const RUN_ONLY_POLICIES: ReadonlySet<string> = new Set([
  'AWSLambdaBasicExecutionRole',
  'AWSLambdaVPCAccessExecutionRole',
  'AWSXRayDaemonWriteAccess',
  'AWSLambdaENIManagementAccess',
]);

/** How many function names a message lists before it only counts the rest. */
const NAMED_FUNCTIONS = 4;

export default defineRule({
  id: 'iam/shared-role',
  family: 'iam',
  severity: 'warning',
  docs: {
    summary: 'Flag one IAM role shared by functions that are triggered differently or run different handlers',
    cwe: ['CWE-250'],
  },
  messages: {
    sharedRole:
      '{count} functions with different triggers or handlers share {role} ({functions}); a flaw in one of them gives an attacker the permissions all of them need.',
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<'sharedRole'>[] = [];
    let keys: Map<DocNode, ScalarNode> | undefined;
    for (const role of ctx.model.roles) {
      if (role.file !== ctx.file.path || !grantsMoreThanRunning(role)) continue;
      const functions = functionsOfRole(ctx.model.functions, role).filter((model) => model.platform === 'aws');
      // Heuristic until the SDK-usage analysis can say what each function needs: functions with
      // the same handler file and the same kinds of trigger most likely need the same rights
      // (one handler deployed per schedule or per queue), so only differing ones are reported.
      // It misses two different jobs written in one file with the same trigger.
      if (functions.length < 2 || new Set(functions.map(profileOf)).size < 2) continue;
      keys ??= keysByValue(ctx.file);
      // The key that defines the role: `SharedRole:` in Resources, `role:` under
      // `provider.iam`, `iamRoleStatements:`. One place to read, fix or suppress, however
      // many functions point at it.
      const underline = role.node ? keys.get(role.node) : undefined;
      if (!underline) continue;
      const names = functions.map((model) => model.name);
      const listed = names.length > NAMED_FUNCTIONS ? `${names.slice(0, NAMED_FUNCTIONS).join(', ')} and ${names.length - NAMED_FUNCTIONS} more` : names.join(', ');
      findings.push({
        messageId: 'sharedRole',
        data: { count: String(functions.length), role: describeRole(role, functions), functions: listed },
        node: underline,
        related: functions.flatMap((model) => {
          const node = model.nameNode ?? model.node;
          return node ? [ctx.related({ file: model.file, range: node.range }, `function ${model.name} (${describeProfile(model)}) runs as this role`)] : [];
        }),
      });
    }
    return findings;
  },
});

/** True when the role grants anything beyond what every function needs to run. */
function grantsMoreThanRunning(role: RoleModel): boolean {
  if (role.statements.length > 0) return true;
  return role.managedPolicies.some((policy) => {
    const text = literalText(policy);
    // A policy we cannot name may grant anything.
    if (text === undefined) return true;
    const name = flattenPlaceholders(text).split('/').pop() ?? text;
    return !RUN_ONLY_POLICIES.has(name);
  });
}

function handlerOf(model: FunctionModel): string {
  return model.handler?.file ?? model.handler?.candidates[0] ?? model.handler?.value ?? '';
}

function eventTypesOf(model: FunctionModel): string[] {
  return [...new Set(model.events.map((event) => event.type))].sort();
}

function profileOf(model: FunctionModel): string {
  return JSON.stringify([handlerOf(model), eventTypesOf(model)]);
}

function describeProfile(model: FunctionModel): string {
  // Relative to the template: a message never shows where the project sits on disk.
  const file = model.handler?.file ?? model.handler?.candidates[0];
  const handler = file ? posix.relative(posix.dirname(model.file), file) : model.handler?.value || 'no handler';
  const events = eventTypesOf(model);
  return `${handler}; ${events.length === 0 ? 'no events' : `events ${events.join(', ')}`}`;
}
