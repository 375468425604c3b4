import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/prototype-pollution',
  family: 'injection',
  severity: 'warning',
  docs: {
    summary: 'Flag deep merges and path setters fed with event data in a function handler',
    cwe: ['CWE-1321'],
  },
  messages: {
    pollutedObject: '{sink} writes keys or a property path taken from {source}; validate the object against a schema or refuse __proto__, constructor and prototype keys.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'prototype-pollution', 'pollutedObject');
  },
});
