/**
 * Rewrites `examples/expected-findings.json` from the current engine. Review its diff like code.
 */
import { writeFileSync } from 'node:fs';
import { examplesReport, SNAPSHOT_FILE } from './examples-snapshot';

examplesReport()
  .then((report) => {
    writeFileSync(SNAPSHOT_FILE, report);
    console.log(`wrote ${SNAPSHOT_FILE}`);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
