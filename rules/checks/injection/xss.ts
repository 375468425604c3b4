import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/xss',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag event data written into an HTML response by a function handler',
    cwe: ['CWE-79'],
  },
  messages: {
    htmlBody: '{sink} serves HTML that contains {source}; escape the value for HTML (escape-html, he.encode) or send it as JSON or plain text.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'xss', 'htmlBody');
  },
});
