/**
 * Timing of the secret detection on inputs built to provoke backtracking: long runs of each
 * pattern's character class, near-misses of every prefix repeated, a minified line of
 * forty-character words. Not a test (timing in unit tests is flaky); run it by hand after changing
 * a pattern and compare how time grows with size: it should grow linearly.
 *
 *   npm run bench:secrets
 */
import { detectSecrets } from '../../rules/analysis/secrets/detect';
import { scanPatterns } from '../../rules/analysis/secrets/patterns';
import { Project } from '../../rules/engine/project';
import { randomText } from '../../test/rules/secrets/tokens';

const INPUTS: Record<string, (size: number) => string> = {
  'base64 run': (size) => randomText(1, size, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
  'one letter': (size) => 'a'.repeat(size),
  'near-miss prefixes': (size) =>
    'ghp_ github_pat_ glpat- xoxb-1234567890- sk_live_ SK AIza AccountKey= sig= Password= postgres://u: npm_ sk-ant-api03- sk-proj- eyJ.eyJ. -----BEGIN PRIVATE KEY----- '
      .repeat(Math.ceil(size / 180))
      .slice(0, size),
  'minified words': (size) => Array.from({ length: Math.ceil(size / 43) }, (_, i) => `"${randomText(i, 40)}"`).join(',').slice(0, size),
  'url without @': (size) => `postgres://user:${'p'.repeat(size)}`,
};

function time(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

for (const [name, make] of Object.entries(INPUTS)) {
  const row: string[] = [];
  for (const size of [250_000, 500_000, 1_000_000]) {
    const text = make(size);
    const scan = time(() => scanPatterns(text));
    const all = time(() => detectSecrets(new Project([['src/bundle.js', `const s = ${JSON.stringify(text)};\n`]]).sourceFile('src/bundle.js')!, new Project().model));
    row.push(`${size / 1000}k: scan ${scan.toFixed(0)} ms, all ${all.toFixed(0)} ms`);
  }
  console.log(`${name.padEnd(20)} ${row.join(' | ')}`);
}
