/**
 * Which files the secret rules read, and how: lockfiles are skipped, minified bundles get no
 * name-based guessing, and test fixtures are left to `secrets/test-fixture` at a lower severity.
 */
import picomatch from 'picomatch';
import type { RuleContext } from '../../engine/define-rule';
import type { FilePath } from '../../engine/types';
import { baseName, folderOf } from '../../model/handlers';
import type { ProjectModel } from '../../model/types';

/**
 * Dependency lockfiles: megabytes of integrity hashes and registry URLs in which a random run of
 * characters eventually looks like a key. None holds a credential the user wrote.
 */
const LOCKFILES: ReadonlySet<string> = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'composer.lock',
  'gemfile.lock',
  'cargo.lock',
  'poetry.lock',
  'pipfile.lock',
  'go.sum',
]);

export function isLockfile(path: FilePath): boolean {
  return LOCKFILES.has(baseName(path).toLowerCase());
}

/** A line this long with this little white space is generated, not written by a person. */
const MINIFIED_LINE_LENGTH = 1000;
const MINIFIED_WHITESPACE_RATIO = 0.05;

/**
 * True for `*.min.js` and for text with a line over 1,000 characters of which under 5% is white
 * space: a bundle or data blob, where names are mangled and long literals are data. Name-based
 * detection would only guess there; the provider patterns still run.
 */
export function looksMinified(path: FilePath, text: string): boolean {
  if (/\.min\.[cm]?js$/i.test(path)) return true;
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 10;
    if (code !== 10 && code !== 13) continue;
    if (i - lineStart > MINIFIED_LINE_LENGTH) {
      let spaces = 0;
      for (let j = lineStart; j < i; j++) if (text.charCodeAt(j) <= 32) spaces++;
      if (spaces / (i - lineStart) < MINIFIED_WHITESPACE_RATIO) return true;
    }
    lineStart = i + 1;
  }
  return false;
}

/**
 * Where test data lives by convention, as globs relative to the project's root (see
 * {@link pathBelowProjectRoot}): test folders, fixture and mock folders, and `*.test.*` /
 * `*.spec.*` / `*.fixture.*` files. The `testFixtures` option of every secret rule replaces the list.
 */
export const DEFAULT_TEST_FIXTURES: readonly string[] = [
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/spec/**',
  '**/__mocks__/**',
  '**/__fixtures__/**',
  '**/fixtures/**',
  '**/testdata/**',
  '**/*.test.*',
  '**/*.spec.*',
  '**/*.fixture.*',
  '**/*.fixtures.*',
];

export interface SecretRuleOptions {
  /** Globs of test fixture files (relative to the app root); replaces the default list. */
  testFixtures: readonly string[];
}

/**
 * The options every secret rule accepts, validated: `{ testFixtures?: string[] }`. Throws on any
 * other shape, which the runner turns into a finding naming the rule, so a typo is visible.
 */
export function secretRuleOptions(options: unknown): SecretRuleOptions {
  if (options === undefined || options === null) return { testFixtures: DEFAULT_TEST_FIXTURES };
  if (typeof options !== 'object' || Array.isArray(options)) throw new Error('options must be a map: { testFixtures: [globs] }');
  const record = options as Record<string, unknown>;
  const unknownKey = Object.keys(record).find((key) => key !== 'testFixtures');
  if (unknownKey !== undefined) throw new Error(`unknown option "${unknownKey}" (expected "testFixtures")`);
  const globs = record['testFixtures'];
  if (globs === undefined) return { testFixtures: DEFAULT_TEST_FIXTURES };
  if (!Array.isArray(globs) || !globs.every((glob): glob is string => typeof glob === 'string')) {
    throw new Error('option "testFixtures" must be a list of glob strings');
  }
  return { testFixtures: globs };
}

const matchers = new Map<string, (path: string) => boolean>();

/**
 * True when the file being checked is test data by the rule's `testFixtures` globs, matched
 * against its path below the project's root (see {@link pathBelowProjectRoot}).
 */
export function isTestFixture(ctx: Pick<RuleContext, 'file' | 'model' | 'options'>): boolean {
  const { testFixtures } = secretRuleOptions(ctx.options);
  if (testFixtures.length === 0) return false;
  const key = JSON.stringify(testFixtures);
  let matcher = matchers.get(key);
  if (!matcher) {
    matcher = picomatch([...testFixtures], { dot: true });
    matchers.set(key, matcher);
  }
  return matcher(pathBelowProjectRoot(ctx.file.path, ctx.model));
}

/**
 * The path relative to the project's root, taken as the deepest folder that holds the file and
 * every template of the project. A template inside a fixture folder does not make that folder a
 * root of its own, and a checkout under `~/tests/` does not make every file test data.
 */
export function pathBelowProjectRoot(path: FilePath, model: ProjectModel): string {
  // With no template there is no root to go by: the path as given (relative in tests and docs,
  // absolute from the CLI, where a `test` folder above the project would then count).
  if (model.templates.length === 0) return path.replace(/^\/+/, '');
  const folders = [folderOf(path), ...model.templates.map((template) => folderOf(template.file))];
  const split = (folder: string): string[] => (folder === '.' ? [] : folder.split('/'));
  let common = split(folders[0] ?? '.');
  for (const folder of folders.slice(1)) {
    const segments = split(folder);
    let length = 0;
    while (length < common.length && length < segments.length && common[length] === segments[length]) length++;
    common = common.slice(0, length);
  }
  const relative = path.split('/').slice(common.length).join('/');
  return relative.replace(/^\/+/, '');
}
