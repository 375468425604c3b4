import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/ssrf',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag outgoing requests whose URL or host comes from event data in a function handler',
    cwe: ['CWE-918'],
  },
  messages: {
    requestUrl: '{sink} sends a request to a URL or host taken from {source}; keep the origin fixed and encode the value into a path segment with encodeURIComponent, or check the host against an allow-list.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'ssrf', 'requestUrl');
  },
});
