/**
 * The expected findings of the example apps: the CLI's JSON output over `examples/`, kept in
 * `examples/expected-findings.json`. `npm run examples:update` rewrites it; a test compares.
 */
import * as path from 'node:path';
import { formatJson } from '../cli/src/format/json';
import { run } from '../cli/src/run';
import { PINNED_NOW } from '../test/helpers/now';

export const EXAMPLES_FOLDER = path.resolve(__dirname, '..', 'examples');
export const SNAPSHOT_FILE = path.join(EXAMPLES_FOLDER, 'expected-findings.json');

/** The CLI's JSON report for `examples/`, paths relative to that folder. */
export async function examplesReport(): Promise<string> {
  const result = await run({ cwd: EXAMPLES_FOLDER, paths: ['.'], now: PINNED_NOW });
  return formatJson(result);
}
