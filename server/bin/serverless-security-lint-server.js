#!/usr/bin/env node
'use strict';
// The standalone language server for editors other than VS Code: `serverless-security-lint-server --stdio`.
// The bundle checks its arguments and prints the usage (exit 2) when no transport is given.
const path = require('node:path');
const fs = require('node:fs');

const bundle = path.join(__dirname, '..', 'out', 'server.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('serverless-security-lint-server: the server is not built (run `npm run build`).\n');
  process.exit(2);
}
require(bundle);
