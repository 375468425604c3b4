import { defineRule } from '../../engine/define-rule';
import { taintFindings } from '../../analysis/taint/index';

export default defineRule({
  id: 'injection/command',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag shell commands built from event data in a function handler',
    cwe: ['CWE-78'],
  },
  messages: {
    shellCommand: '{sink} runs a shell command built from {source}; pass the value as an argument to execFile without a shell.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    return taintFindings(ctx, 'command', 'shellCommand');
  },
});
