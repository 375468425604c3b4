import { expandActionInfo, resourceMatches, type ActionInfo } from '../../analysis/iam-data';
import { listForMessage, policyValues, statementRelated, type PolicyValue } from '../../analysis/policy-values';
import { narrowSuggestions, rewriteStatement } from '../../analysis/sdk/rewrite';
import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { splitSuggestions } from '../../fixes/split-roles';
import type { PolicyStatement, PolicyTemplateUse } from '../../model/types';
import { isMap, isScalar, type DocNode } from '../../parse/document';

type MessageId = 'wildcardResource' | 'everyResourceOfType' | 'templateParameter' | 'narrow' | 'split';

export default defineRule({
  id: 'iam/wildcard-resource',
  family: 'iam',
  severity: 'warning',
  docs: {
    summary: 'Flag IAM Allow statements whose Resource is "*" (or an ARN matching every resource of a type) for actions that can be scoped to resources',
    cwe: ['CWE-732', 'CWE-250'],
  },
  messages: {
    wildcardResource: 'Resource "*" lets {actions} act on every resource in the account; name the ARNs the functions use.',
    everyResourceOfType: '"{resource}" matches every {types}: {actions} may act on any of them; name the ARNs the functions use.',
    templateParameter: '{parameter} "{value}" makes {template} grant {actions} on every {types}; pass the one the functions use.',
    narrow: 'Replace with the {actions} the handlers use{note}',
    split: 'Split into {count} per-function roles, each with the actions its handler uses{note}',
  },
  fixable: 'suggestion',
  appliesTo: ['template'],
  check(ctx) {
    const findings: FindingDraft<MessageId>[] = [];
    for (const statement of ctx.model.statementsIn(ctx.file.path)) {
      // NotAction and NotResource have their own rules. A resource policy's statements are about
      // the resource it is attached to, whatever their Resource says.
      if (!statement.isAllow || statement.actionKey !== 'Action' || statement.resourceKey !== 'Resource') continue;
      if (statement.owner.kind === 'resource-policy' || scopedByCondition(statement.condition)) continue;
      const scopable = scopableActions(statement);
      // Actions without resource types (`xray:PutTraceSegments`, `s3:ListAllMyBuckets`) only
      // accept `*`: a statement made only of them is as narrow as IAM allows.
      if (scopable.length === 0) continue;
      // Values that share a node (the bucket and the object ARN a SAM policy template derives
      // from one `BucketName: "*"`) make one finding there.
      const byNode = new Map<string, PolicyValue[]>();
      for (const resource of statement.resources.flatMap((node) => policyValues(node))) {
        // A SAM policy template's own ARNs (ranged on its key) are AWS's text; a `*` the user
        // passed as a parameter is ranged on that parameter and is judged.
        if (statement.template && within(resource.node, statement.template.key)) continue;
        const key = `${resource.node.range.start}:${resource.node.range.end}`;
        byNode.set(key, [...(byNode.get(key) ?? []), resource]);
      }
      for (const resources of byNode.values()) {
        const node = resources[0]?.node;
        let finding = node && judgeResources(resources, scopable);
        if (!node || !finding) continue;
        if (statement.template) finding = describeTemplateParameter(finding, node, statement.template);
        // A SAM policy template is not statement text to rewrite (rewriteStatement declines it).
        findings.push({ ...finding, node, related: statementRelated(ctx, statement), suggest: [...narrowSuggestions(rewriteStatement(ctx, statement)), ...splitSuggestions(ctx, statement)] });
      }
    }
    return findings;
  },
});

interface ScopableAction {
  /** The action as written (`s3:Get*`). */
  written: string;
  /** What it grants that supports resource-level permissions. */
  grants: ActionInfo[];
}

function scopableActions(statement: PolicyStatement): ScopableAction[] {
  const result: ScopableAction[] = [];
  for (const value of statement.actions.flatMap((action) => policyValues(action))) {
    // Only text known before deploy is judged; an unknown action or a typo is another rule's.
    if (!value.literal) continue;
    const grants = expandActionInfo(value.text).filter((info) => info.hasResourceTypes);
    if (grants.length > 0) result.push({ written: value.written, grants });
  }
  return result;
}

function judgeResources(resources: readonly PolicyValue[], scopable: readonly ScopableAction[]): Judgement | undefined {
  if (resources.some((resource) => resource.text === '*')) {
    return { messageId: 'wildcardResource', data: { actions: listForMessage(scopable.map((action) => action.written)) } };
  }
  const typeNames = new Map<string, string>();
  const actions = new Set<string>();
  const written: string[] = [];
  for (const resource of resources) {
    if (!resource.text.startsWith('arn:')) continue;
    let matched = false;
    // `Action: "*"` grants some 20,000 actions sharing a few thousand ARN formats.
    const covers = new Map<string, boolean>();
    for (const action of scopable) {
      for (const info of action.grants) {
        for (const type of info.resourceTypes) {
          let covered = covers.get(type.arn);
          if (covered === undefined) {
            covered = arnCoversEvery(resource.text, type.arn);
            covers.set(type.arn, covered);
          }
          if (!covered) continue;
          // Another service may name the same ARN format its own way (ssm's "iam-role" is an IAM
          // role): the owning service's name wins, and the ARN's service prefixes it.
          const arnService = type.arn.split(':')[2] ?? info.service;
          const shape = type.arn.replace(/\$\{[^}]*\}/g, '${}');
          if (info.service === arnService || !typeNames.has(shape)) typeNames.set(shape, `${arnService} ${type.name}`);
          actions.add(action.written);
          matched = true;
        }
      }
    }
    if (matched) written.push(resource.written);
  }
  if (written.length === 0) return undefined;
  return {
    messageId: 'everyResourceOfType',
    data: { resource: written.join('", "'), types: listForMessage([...new Set(typeNames.values())].sort()), actions: listForMessage([...actions]) },
  };
}

type Judgement = Pick<FindingDraft<MessageId>, 'messageId' | 'data'>;

/**
 * A SAM policy template's ARNs are not the user's text: the message names the parameter they
 * wrote (`BucketName: "*"`) and the template instead.
 */
function describeTemplateParameter(finding: Judgement, node: DocNode, template: PolicyTemplateUse): Judgement {
  const parameter = [...template.parameters].find(([, value]) => value.range.start === node.range.start && value.range.end === node.range.end);
  const value = parameter?.[1];
  if (!parameter || !isScalar(value) || value.value === null) return finding;
  return {
    messageId: 'templateParameter',
    data: {
      parameter: parameter[0],
      value: String(value.value),
      template: template.name,
      actions: finding.data?.actions ?? '',
      types: finding.data?.types ?? 'resource',
    },
  };
}

/**
 * Stand-ins for the variable parts of an ARN format. An ARN pattern that matches the format with
 * both (one plain, one full of separators) has no literal text of its own where the format has a
 * name: it matches every resource of the type.
 */
const SAMPLE_NAMES = ['Zq7Zq7', 'a/b:c-d.e'];

/**
 * Whether a Resource ARN pattern matches every resource of a type (`arn:aws:s3:::*` for S3
 * objects, `arn:aws:dynamodb:*:*:table/*` for tables). Partition, region and account are taken as
 * written: a role acts in its own account, so `arn:aws:dynamodb:us-east-1:123456789012:table/*`
 * is still every table the functions can reach there.
 */
function arnCoversEvery(pattern: string, format: string): boolean {
  if (format === '') return false;
  const parts = pattern.split(':');
  // An empty region or account in the pattern cannot stand for a format's required one.
  const own = (index: number) => (parts.length >= 6 && parts[index] !== '' ? parts[index] : undefined);
  return SAMPLE_NAMES.every((sample) => {
    const arn = format.replace(/\$\{(\w+)\}/g, (_, name: string) => {
      if (name === 'Partition') return own(1) ?? sample;
      if (name === 'Region') return own(3) ?? sample;
      if (name === 'Account') return own(4) ?? sample;
      return sample;
    });
    return resourceMatches(pattern, arn);
  });
}

/**
 * Condition keys that narrow which resources a statement reaches: the resource's tags, account
 * or organisation, and service-specific keys (`s3:prefix`, `dynamodb:LeadingKeys`,
 * `ec2:ResourceTag/…`). A statement with one of them is taken as scoped; this trades a missed
 * finding on an unrelated service key for no false positive on attribute-based access control.
 */
function scopedByCondition(condition: DocNode | undefined): boolean {
  if (!isMap(condition)) return false;
  return condition.entries.some(
    (operator) =>
      isMap(operator.value) &&
      operator.value.entries.some((entry) => {
        const key = typeof entry.key.value === 'string' ? entry.key.value : '';
        if (NOT_SCOPING_KEYS.has(key.toLowerCase())) return false;
        return /^aws:Resource(Tag\/|Account$|OrgID$|OrgPaths$)/i.test(key) || (key.includes(':') && !/^aws:/i.test(key));
      }),
  );
}

/**
 * Service keys often written next to `Resource: "*"` that say who calls or which service
 * receives, not which resource: `iam:PassRole` on `*` limited by `iam:PassedToService` still
 * passes every role in the account.
 */
const NOT_SCOPING_KEYS: ReadonlySet<string> = new Set(['iam:passedtoservice', 'kms:viaservice', 'kms:calleraccount']);

function within(node: DocNode, outer: { range: { start: number; end: number } }): boolean {
  return node.range.start >= outer.range.start && node.range.end <= outer.range.end;
}
