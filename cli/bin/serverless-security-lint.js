#!/usr/bin/env node
'use strict';
// The bundled CLI (built by `npm run build` from cli/src/main.ts).
require('../out/main.js');
