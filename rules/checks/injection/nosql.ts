import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/nosql',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag NoSQL statements, expressions and query filters built from event data in a function handler',
    cwe: ['CWE-943'],
  },
  messages: {
    nosqlQuery:
      '{sink} runs a query built from {source}; keep input out of statement and expression text (use parameters and ExpressionAttributeValues) and out of filter operators.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'nosql', 'nosqlQuery');
  },
});
