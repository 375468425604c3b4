import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/code',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag code evaluated, deserialised or loaded from event data in a function handler',
    cwe: ['CWE-94', 'CWE-502'],
  },
  messages: {
    evaluatedCode: '{sink} evaluates code built from {source}; parse the data (JSON.parse) or map it to a fixed set of functions instead.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'code', 'evaluatedCode');
  },
});
