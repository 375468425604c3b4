import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/sql',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag SQL text built from event data in a function handler',
    cwe: ['CWE-89'],
  },
  messages: {
    sqlText: '{sink} runs SQL built from {source}; pass the value as a bound parameter instead of writing it into the SQL text.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'sql', 'sqlText');
  },
});
