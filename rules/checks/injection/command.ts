import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { flowsForFile, taintFindings } from '../../analysis/taint/index';
import { execFileEdits } from '../../fixes/command';

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
    execFile: 'Run {program} with execFile and an argument array, without a shell',
  },
  // A suggestion: without a shell a value is one argument, never split, globbed or expanded,
  // which is the point but not the same behaviour for every value.
  fixable: 'suggestion',
  appliesTo: ['javascript'],
  check(ctx) {
    const findings: FindingDraft<'shellCommand' | 'execFile'>[] = taintFindings(ctx, 'command', 'shellCommand');
    const program = ctx.file.language === 'javascript' ? ctx.file.ast : undefined;
    if (!program) return findings;
    const flows = flowsForFile(ctx, 'command');
    for (const finding of findings) {
      const range = finding.range;
      if (!range) continue;
      const flow = flows.find(({ flow: candidate, range: at }) => at[0] === range.start && at[1] === range.end && candidate.sinkFile === ctx.file.path && candidate.sinkRange[0] === range.start && candidate.sinkRange[1] === range.end)?.flow;
      if (!flow || !flow.spec.modules?.includes('child_process') || (flow.spec.export !== 'exec' && flow.spec.export !== 'execSync')) continue;
      const rewritten = execFileEdits(program, ctx.file.text, range);
      if (!rewritten) continue;
      finding.suggest = [{ messageId: 'execFile', data: { program: rewritten.program }, edits: rewritten.edits }];
    }
    return findings;
  },
});
