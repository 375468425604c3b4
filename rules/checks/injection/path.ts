import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/path',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag file paths built from event data in a function handler',
    cwe: ['CWE-22'],
  },
  messages: {
    filePath: '{sink} opens a path built from {source}; keep only the file name (path.basename) or check the resolved path stays under its folder.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'path', 'filePath');
  },
});
