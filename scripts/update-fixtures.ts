/**
 * Rewrites `test/fixtures/templates/findings.snap` from the current engine and rules. Run it after
 * adding or changing a rule, and review the diff like code.
 */
import { writeFileSync } from 'node:fs';
import { renderFixturesSnapshot, SNAPSHOT_FILE } from './fixtures-snapshot';

writeFileSync(SNAPSHOT_FILE, renderFixturesSnapshot());
console.log(`wrote ${SNAPSHOT_FILE}`);
