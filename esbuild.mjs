// Bundles the extension, the language server and the CLI. esbuild does not type-check:
// `npm run check` (tsc --noEmit) does.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's default entry is a UMD build whose dynamic requires esbuild cannot follow;
  // its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js' },
  { entryPoints: ['cli/src/main.ts'], outfile: 'cli/out/main.js' },
];

// The client must stay thin: no engine module may end up in its bundle.
const keepEngineOutOfClient = {
  name: 'keep-engine-out-of-client',
  setup(build) {
    build.onResolve({ filter: /(^|\/)rules(\/|$)/ }, (args) => {
      if (args.importer.includes('/client/')) {
        return { errors: [{ text: `the client may not import the engine (${args.path})` }] };
      }
      return undefined;
    });
  },
};

const contexts = await Promise.all(
  entries.map((entry) => esbuild.context({ ...common, ...entry, plugins: [keepEngineOutOfClient] })),
);

if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
