/**
 * The packaged .vsix holds what runs and nothing else (issue 8; STYLE.md §10): the bundles, the
 * manifest, README, CHANGELOG, LICENSE, snippets, the rule pages the "Show Rule Documentation"
 * command opens, an icon and data files the bundles load. No sources, tests, source maps or
 * node_modules (the bundles carry their dependencies: `vsce package --no-dependencies`), and under
 * 10 MB.
 *
 * It reads the .vsix named by SSL_E2E_VSIX (the code-server launcher sets it after
 * `npm run package`). Named `.spec.ts`, not `.test.ts`, so `npm test` (which builds no .vsix)
 * leaves it to the e2e step:
 *
 *   npm run package && SSL_E2E_VSIX=serverless-security-lint-0.1.0.vsix npx mocha test/e2e/package/vsix-content.spec.ts
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as yauzl from 'yauzl';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const MAX_BYTES = 10 * 1024 * 1024;

/** Paths inside `extension/` that may ship, each with the reason it is there. */
const ALLOWED: readonly { pattern: RegExp; why: string }[] = [
  { pattern: /^package\.json$/, why: 'the manifest' },
  { pattern: /^(readme|changelog)\.md$/i, why: 'README and CHANGELOG (vsce lower-cases them)' },
  { pattern: /^LICENSE(\.txt)?$/, why: 'the license' },
  { pattern: /^(client|server|cli)\/out\/[\w.-]+\.js$/, why: 'an esbuild bundle' },
  { pattern: /^(server|cli)\/bin\/[\w.-]+\.js$/, why: 'a launcher script of a bundle' },
  { pattern: /^snippets\/[\w.-]+\.json$/, why: 'a snippet file of contributes.snippets' },
  { pattern: /^docs\/([\w.-]+\/)*[\w.-]+\.(md|png|svg)$/, why: 'documentation the extension opens' },
  { pattern: /^(icon\.png|(images|media)\/[\w.-]+\.(png|svg))$/, why: 'the icon' },
  { pattern: /^([\w.-]+\/)*data\/[\w.-]+\.json$/, why: 'a data file a bundle loads' },
];

/** What must never ship, named so a failure says what went wrong. */
const FORBIDDEN: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /(^|\/)node_modules\//, what: 'node_modules (the bundles carry their dependencies)' },
  { pattern: /\.(ts|tsx|mts|cts)$/, what: 'TypeScript sources' },
  { pattern: /\.map$/, what: 'source maps' },
  { pattern: /(^|\/)(test|tests|__tests__|fixtures)\//, what: 'tests' },
  { pattern: /\.(test|spec)\.[cm]?[jt]s$/, what: 'tests' },
  { pattern: /^(examples|scripts|rules|host|protocol|\.e2e|\.ci|\.vscode|\.vscode-test|\.git|coverage)\//, what: 'development folders' },
  { pattern: /^(client|server|cli)\/src\//, what: 'sources' },
  { pattern: /(^|\/)(tsconfig[\w.-]*\.json|esbuild\.mjs|package-lock\.json|\.mocharc[\w.]*|\.vscodeignore|\.gitignore|[\w.-]+\.vsix)$/, what: 'build and development files' },
];

interface VsixEntry {
  /** Relative to `extension/` for the extension's files; the zip path for vsce's own two files. */
  path: string;
  uncompressedSize: number;
}

interface Vsix {
  file: string;
  bytes: number;
  entries: VsixEntry[];
  manifest: unknown;
}

function vsixPath(): string {
  const named = process.env.SSL_E2E_VSIX;
  if (named !== undefined && named !== '') return resolve(named);
  const manifest: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  const field = (key: string): string => String(typeof manifest === 'object' && manifest !== null ? Reflect.get(manifest, key) : '');
  return join(REPO_ROOT, `${field('name')}-${field('version')}.vsix`);
}

function readVsix(file: string): Promise<Vsix> {
  return new Promise((resolvePromise, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: true }, (openError, zip) => {
      if (openError !== null || zip === undefined) {
        reject(openError ?? new Error(`cannot open ${file}`));
        return;
      }
      const entries: VsixEntry[] = [];
      let manifestText: string | undefined;
      zip.on('error', reject);
      zip.on('entry', (entry: yauzl.Entry) => {
        const path = entry.fileName.startsWith('extension/') ? entry.fileName.slice('extension/'.length) : entry.fileName;
        if (!entry.fileName.endsWith('/')) entries.push({ path, uncompressedSize: entry.uncompressedSize });
        if (entry.fileName !== 'extension/package.json') {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError !== null || stream === undefined) {
            reject(streamError ?? new Error('cannot read extension/package.json'));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            manifestText = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => {
        const manifest: unknown = manifestText === undefined ? undefined : JSON.parse(manifestText);
        resolvePromise({ file, bytes: statSync(file).size, entries, manifest });
      });
      zip.readEntry();
    });
  });
}

function field(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) current = typeof current === 'object' && current !== null ? Reflect.get(current, key) : undefined;
  return current;
}

/** A path as the manifest writes it (`./client/out/extension.js`) → a path inside `extension/`. */
function packaged(path: string): string {
  return path.replace(/^\.\//, '');
}

describe('the packaged .vsix', function () {
  this.timeout(30_000);
  let vsix: Vsix;
  const extensionFiles = (): VsixEntry[] => vsix.entries.filter((entry) => entry.path !== 'extension.vsixmanifest' && entry.path !== '[Content_Types].xml');

  before(async function () {
    const file = vsixPath();
    assert.ok(existsSync(file), `${file} does not exist: run \`npm run package\` first, or set SSL_E2E_VSIX`);
    vsix = await readVsix(file);
    console.log(`      ${vsix.file}: ${vsix.entries.length} files, ${(vsix.bytes / 1024 / 1024).toFixed(2)} MB`);
    for (const entry of [...vsix.entries].sort((a, b) => a.path.localeCompare(b.path))) {
      console.log(`        ${entry.path} (${(entry.uncompressedSize / 1024).toFixed(1)} KB)`);
    }
  });

  it('is smaller than 10 MB', () => {
    assert.ok(vsix.bytes < MAX_BYTES, `${vsix.file} is ${(vsix.bytes / 1024 / 1024).toFixed(2)} MB`);
  });

  it('holds no node_modules, sources, tests, source maps or development files', () => {
    const offenders = extensionFiles().flatMap((entry) =>
      FORBIDDEN.filter((rule) => rule.pattern.test(entry.path)).map((rule) => `${entry.path}: ${rule.what}`),
    );
    assert.deepEqual(offenders, [], 'fix .vscodeignore');
  });

  it('holds only files that run or document the extension', () => {
    const unexpected = extensionFiles()
      .filter((entry) => !ALLOWED.some((rule) => rule.pattern.test(entry.path)))
      .map((entry) => entry.path);
    assert.deepEqual(unexpected, [], 'not a bundle, manifest, document, snippet, icon or data file: exclude it in .vscodeignore or allow it here with a reason');
  });

  it('holds the manifest of this version of the repository', () => {
    const repository: unknown = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.equal(field(vsix.manifest, 'name'), field(repository, 'name'));
    assert.equal(field(vsix.manifest, 'version'), field(repository, 'version'));
  });

  it('holds every file its manifest and its bundles load', () => {
    const paths = new Set(extensionFiles().map((entry) => entry.path));
    const main = field(vsix.manifest, 'main');
    assert.ok(typeof main === 'string', 'the manifest has no main');
    const snippets = field(vsix.manifest, 'contributes', 'snippets');
    assert.ok(Array.isArray(snippets), 'the manifest contributes no snippets');
    const wanted = [
      `${packaged(main).replace(/\.js$/, '')}.js`,
      // The client starts the server from this path (client/src/extension.ts).
      'server/out/server.js',
      ...snippets.map((snippet: unknown) => packaged(String(field(snippet, 'path')))),
      'package.json',
      'readme.md',
      'changelog.md',
      'LICENSE.txt',
    ];
    const icon = field(vsix.manifest, 'icon');
    if (typeof icon === 'string') wanted.push(packaged(icon));
    assert.deepEqual(wanted.filter((path) => !paths.has(path)), []);
  });

  it('bundles every rule page that "Show Rule Documentation" opens', () => {
    const docs = join(REPO_ROOT, 'docs', 'rules');
    const pages = readdirSync(docs, { withFileTypes: true })
      .filter((family) => family.isDirectory())
      .flatMap((family) =>
        readdirSync(join(docs, family.name))
          .filter((file) => file.endsWith('.md'))
          .map((file) => `docs/rules/${family.name}/${file}`),
      );
    assert.ok(pages.length > 0, 'docs/rules has no rule pages');
    const paths = new Set(extensionFiles().map((entry) => entry.path));
    assert.deepEqual(pages.filter((page) => !paths.has(page)), []);
  });
});
