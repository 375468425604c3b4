import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/redirect',
  family: 'injection',
  severity: 'warning',
  docs: {
    summary: 'Flag redirects to a URL taken from event data in a function handler',
    cwe: ['CWE-601'],
  },
  messages: {
    redirectTarget: '{sink} redirects to a URL taken from {source}; redirect only to paths of this site or to targets from an allow-list.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'redirect', 'redirectTarget');
  },
});
