import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/regex',
  family: 'injection',
  severity: 'warning',
  docs: {
    summary: 'Flag regular expressions compiled from event data in a function handler',
    cwe: ['CWE-1333', 'CWE-625'],
  },
  messages: {
    regexPattern: '{sink} compiles a regular expression from {source}; escape the value (escape-string-regexp) or match it as plain text (includes, startsWith).',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'regex', 'regexPattern');
  },
});
