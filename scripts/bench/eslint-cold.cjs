/**
 * The cold ESLint run of `npm run bench`: a fresh `node` process that lints the workspace's JS/TS
 * files with the configuration in eslint-config.cjs and prints one JSON line of counts. The
 * benchmark times the process from spawn to exit, as it does for our CLI.
 *
 *   node scripts/bench/eslint-cold.cjs <workspace folder>
 */
'use strict';

const { ESLint } = require('eslint');
const { ESLINT_FILES, eslintOptions } = require('./eslint-config.cjs');

async function main() {
  const root = process.argv[2];
  if (!root) throw new Error('usage: node scripts/bench/eslint-cold.cjs <workspace folder>');
  const eslint = new ESLint(eslintOptions(root));
  const results = await eslint.lintFiles(ESLINT_FILES);
  let messages = 0;
  let fatal = 0;
  for (const result of results) {
    messages += result.messages.length;
    fatal += result.fatalErrorCount;
  }
  process.stdout.write(`${JSON.stringify({ files: results.length, messages, fatal })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
});
