import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/template',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag templates compiled from event data in a function handler',
    cwe: ['CWE-1336', 'CWE-94'],
  },
  messages: {
    templateText: '{sink} compiles template text taken from {source}; keep templates in code and pass the value as data to render.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'template', 'templateText');
  },
});
