/**
 * The shape of `rules/data/iam-action-descriptions.json`, shared by its generator
 * (`scripts/build-iam-descriptions.ts`) and its reader (`iam-descriptions.ts`).
 *
 * Per service: the service's title (`Amazon S3`), and one string of short action descriptions
 * separated by line breaks, in the order `serviceActions(prefix)` lists the service's actions.
 * The names themselves are not repeated (they are already bundled in `iam-actions.json`); the
 * checksum of the names the descriptions were written for guards the pairing, so a regenerated
 * action table never shows one action's description on another.
 */

export interface DescribedService {
  title: string;
  /** {@link namesChecksum} of the action names, in order, the descriptions belong to. */
  checksum: string;
  descriptions: string;
}

export interface DescriptionsFile {
  package: string;
  version: string;
  /** Keyed by the lower-case service prefix, as in `iam-actions.json`. */
  services: Record<string, DescribedService>;
}

/** FNV-1a (32 bit) over the lower-case names joined by line breaks, as 8 hex digits. */
export function namesChecksum(names: readonly string[]): string {
  let hash = 0x811c9dc5;
  const text = names.map((name) => name.toLowerCase()).join('\n');
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Narrows the parsed JSON at the boundary; a malformed file is a build bug, so this throws. */
export function validateDescriptions(raw: unknown): DescriptionsFile {
  if (!isRecord(raw) || typeof raw.package !== 'string' || typeof raw.version !== 'string' || !isRecord(raw.services)) {
    throw new Error('iam-action-descriptions.json: expected { package, version, services }');
  }
  const services: Record<string, DescribedService> = {};
  for (const [prefix, service] of Object.entries(raw.services)) {
    if (
      !isRecord(service) ||
      typeof service.title !== 'string' ||
      typeof service.checksum !== 'string' ||
      typeof service.descriptions !== 'string'
    ) {
      throw new Error(`iam-action-descriptions.json: malformed service ${prefix}`);
    }
    services[prefix] = { title: service.title, checksum: service.checksum, descriptions: service.descriptions };
  }
  return { package: raw.package, version: raw.version, services };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
