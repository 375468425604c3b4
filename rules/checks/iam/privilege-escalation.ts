import {
  coversAnyResource,
  describePolicy,
  describeRole,
  functionsOfRole,
  grantOf,
  isDeniedEverywhere,
  type Grant,
} from '../../analysis/iam-grants';
import { PRIVILEGE_ESCALATION_PATHS, type EscalationPath, type EscalationRequirement } from '../../data/privilege-escalation-paths';
import { defineRule, type FindingDraft, type RuleContext } from '../../engine/define-rule';
import type { RelatedLocation } from '../../engine/types';
import type { FunctionModel, PolicyStatement, ProjectModel } from '../../model/types';
import type { ScalarNode } from '../../parse/document';

/** Statements that are granted together: one role's, or one policy that belongs to no role. */
interface Holder {
  name: string;
  statements: PolicyStatement[];
  functions: FunctionModel[];
}

interface SatisfiedPath {
  path: EscalationPath;
  /** One grant per requirement, in the path's order. */
  grants: Grant[];
}

interface Report {
  grant: Grant;
  holder: string;
  paths: SatisfiedPath[];
  functions: Set<FunctionModel>;
}

/** How many paths a message names before it only counts the rest. */
const NAMED_PATHS = 3;

export default defineRule({
  id: 'iam/privilege-escalation',
  family: 'iam',
  severity: 'error',
  docs: {
    summary: 'Flag IAM grants that let a function raise its own privileges',
    cwe: ['CWE-269', 'CWE-250'],
  },
  messages: {
    escalation: '"{grant}" lets {holder} escalate privileges with {permissions}: {reason}.',
    escalationMany: '"{grant}" lets {holder} escalate privileges in {count} ways, among them {permissions}: {reason}.',
  },
  fixable: 'none',
  appliesTo: ['template'],
  check(ctx) {
    const path = ctx.file.path;
    const reports = new Map<ScalarNode, Report>();
    for (const holder of holdersIn(ctx.model, path)) {
      for (const satisfied of mostSpecific(satisfiedPaths(holder.statements))) {
        // The grant that completes the combination: the last one written. Each file reports the
        // grants it holds, so a grant in another file is left to that file's run.
        const last = satisfied.grants.reduce((a, b) => (b.node.range.start > a.node.range.start ? b : a));
        if (last.statement.file !== path) continue;
        const report = reports.get(last.node) ?? { grant: last, holder: holder.name, paths: [], functions: new Set() };
        if (!report.paths.some((known) => known.path === satisfied.path)) report.paths.push(satisfied);
        for (const model of holder.functions) report.functions.add(model);
        reports.set(last.node, report);
      }
    }

    const findings: FindingDraft<'escalation' | 'escalationMany'>[] = [];
    for (const report of reports.values()) {
      const [first] = report.paths;
      if (!first) continue;
      const permissions = report.paths.slice(0, NAMED_PATHS).map((satisfied) => describePath(satisfied.path)).join('; ');
      const data = { grant: report.grant.text, holder: report.holder, permissions, reason: first.path.reason };
      findings.push({
        ...(report.paths.length === 1
          ? { messageId: 'escalation' as const, data }
          : { messageId: 'escalationMany' as const, data: { ...data, count: String(report.paths.length) } }),
        node: report.grant.node,
        related: relatedOf(ctx, report),
      });
    }
    return findings;
  },
});

/**
 * Every role with a statement in the file, and every policy of the file that no role holds (a
 * policy file, an unattached managed policy). Resource policies grant other principals, and
 * SAM ignores a function's `Policies` once it names a `Role`, so neither is a holder.
 */
function holdersIn(model: ProjectModel, path: string): Holder[] {
  const holders: Holder[] = [];
  const held = new Set<PolicyStatement>();
  for (const role of model.roles) {
    for (const statement of role.statements) held.add(statement);
    if (!role.statements.some((statement) => statement.file === path)) continue;
    const functions = functionsOfRole(model.functions, role);
    holders.push({ name: describeRole(role, functions), statements: role.statements, functions });
  }
  for (const policy of model.policies) {
    if (policy.file !== path || policy.owner.kind === 'resource-policy' || policy.owner.kind === 'sam-function-policies') continue;
    if (policy.statements.length === 0 || policy.statements.some((statement) => held.has(statement))) continue;
    holders.push({ name: `whoever is given ${describePolicy(policy)}`, statements: policy.statements, functions: [] });
  }
  return holders;
}

function satisfiedPaths(statements: readonly PolicyStatement[]): SatisfiedPath[] {
  const satisfied: SatisfiedPath[] = [];
  for (const path of PRIVILEGE_ESCALATION_PATHS) {
    const grants: Grant[] = [];
    for (const requirement of path.requires) {
      const grant = bestGrant(statements, requirement);
      if (!grant) break;
      grants.push(grant);
    }
    if (grants.length === path.requires.length) satisfied.push({ path, grants });
  }
  return satisfied;
}

/** The grant to point at: an exact action name before a wildcard, then the first written. */
function bestGrant(statements: readonly PolicyStatement[], requirement: EscalationRequirement): Grant | undefined {
  if (isDeniedEverywhere(requirement.action, statements)) return undefined;
  let best: Grant | undefined;
  for (const statement of statements) {
    if (requirement.anyResource && !coversAnyResource(statement, requirement.action)) continue;
    const grant = grantOf(statement, requirement.action);
    if (!grant) continue;
    if (!best || (grant.exact && !best.exact) || (grant.exact === best.exact && grant.node.range.start < best.node.range.start)) best = grant;
  }
  return best;
}

/**
 * Drops a path whose requirements are all part of another satisfied path's: `iam:PassRole` on
 * `*` alone says less than `iam:PassRole` + `lambda:CreateFunction`, and both would otherwise
 * point at the same grants.
 */
function mostSpecific(paths: SatisfiedPath[]): SatisfiedPath[] {
  const actions = (satisfied: SatisfiedPath) => new Set(satisfied.path.requires.map((requirement) => requirement.action));
  return paths.filter((candidate) => {
    const own = actions(candidate);
    return !paths.some((other) => {
      if (other === candidate) return false;
      const wider = actions(other);
      return wider.size > own.size && [...own].every((action) => wider.has(action));
    });
  });
}

function describePath(path: EscalationPath): string {
  return path.requires.map((requirement) => (requirement.anyResource ? `${requirement.action} on *` : requirement.action)).join(' + ');
}

function relatedOf(ctx: RuleContext, report: Report): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  const seen = new Set<ScalarNode>([report.grant.node]);
  for (const satisfied of report.paths) {
    satisfied.grants.forEach((grant, index) => {
      if (seen.has(grant.node)) return;
      seen.add(grant.node);
      const requirement = satisfied.path.requires[index];
      const action = requirement ? describePath({ requires: [requirement], reason: '' }) : grant.text;
      related.push(ctx.related({ file: grant.statement.file, range: grant.node.range }, `"${grant.text}" grants ${action}, also needed`));
    });
  }
  for (const model of report.functions) {
    const node = model.nameNode ?? model.node;
    if (node) related.push(ctx.related({ file: model.file, range: node.range }, `function ${model.name} runs with these permissions`));
  }
  return related;
}
