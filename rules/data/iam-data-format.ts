/**
 * The shape of `iam-actions.json`, shared by the generator (`scripts/build-iam-data.ts`) and the
 * reader (`rules/analysis/iam-data.ts`) so the two cannot drift apart.
 *
 * The file is compact on purpose: it is bundled into the server and the CLI. Per service:
 *
 * - `actions`: one space-separated string of `Name:L` or `Name:L:i.j…` entries, sorted by name,
 *   where `L` is the access level code and `i.j…` index `resourceTypes` (absent when the action
 *   takes only `"Resource": "*"`). Action names never contain `:`, `.` or spaces.
 * - `resourceTypes`: `[name, ARN format]` pairs, for example
 *   `["object", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"]`; the ARN format is empty when
 *   the package names a resource type it does not describe.
 */

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

/** One letter per access level, in the order AWS lists them in the service authorization reference. */
export const ACCESS_LEVEL_CODES: Readonly<Record<string, AccessLevel>> = {
  L: 'List',
  R: 'Read',
  W: 'Write',
  P: 'Permissions management',
  T: 'Tagging',
};

export interface IamDataService {
  actions: string;
  resourceTypes: [name: string, arn: string][];
}

export interface IamDataFile {
  /** The npm package the data was generated from, and its version (checked by a test). */
  package: string;
  version: string;
  /** Keyed by the lower-case service prefix (`s3`, `dynamodb`, `execute-api`). */
  services: Record<string, IamDataService>;
}

/** Narrows the parsed JSON at the boundary; a malformed file is a build bug, so this throws. */
export function validateIamData(raw: unknown): IamDataFile {
  if (!isRecord(raw) || typeof raw.package !== 'string' || typeof raw.version !== 'string' || !isRecord(raw.services)) {
    throw new Error('iam-actions.json: expected { package, version, services }');
  }
  const services: Record<string, IamDataService> = {};
  for (const [prefix, service] of Object.entries(raw.services)) {
    if (!isRecord(service) || typeof service.actions !== 'string' || !Array.isArray(service.resourceTypes)) {
      throw new Error(`iam-actions.json: malformed service ${prefix}`);
    }
    const resourceTypes = service.resourceTypes.map((entry: unknown): [string, string] => {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') {
        throw new Error(`iam-actions.json: malformed resource type in ${prefix}`);
      }
      return [entry[0], entry[1]];
    });
    services[prefix] = { actions: service.actions, resourceTypes };
  }
  return { package: raw.package, version: raw.version, services };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
