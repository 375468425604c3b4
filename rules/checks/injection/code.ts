import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { flowsForFile, taintFindings } from '../../analysis/taint/index';
import { jsonParseEdits } from '../../fixes/code';

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
    jsonParse: 'Parse the data with JSON.parse instead of evaluating it',
  },
  // A suggestion: JSON is stricter than a JavaScript literal (quotes, keys, no functions or
  // comments), so text eval accepted may now throw.
  fixable: 'suggestion',
  appliesTo: ['javascript'],
  check(ctx) {
    const findings: FindingDraft<'evaluatedCode' | 'jsonParse'>[] = taintFindings(ctx, 'code', 'evaluatedCode');
    const program = ctx.file.language === 'javascript' ? ctx.file.ast : undefined;
    if (!program) return findings;
    const flows = flowsForFile(ctx, 'code');
    for (const finding of findings) {
      const range = finding.range;
      if (!range) continue;
      const flow = flows.find(({ flow: candidate, range: at }) => at[0] === range.start && at[1] === range.end && candidate.sinkFile === ctx.file.path && candidate.sinkRange[0] === range.start && candidate.sinkRange[1] === range.end)?.flow;
      if (flow?.spec.global !== 'eval') continue;
      const edits = jsonParseEdits(program, ctx.file.text, range);
      if (edits) finding.suggest = [{ messageId: 'jsonParse', edits }];
    }
    return findings;
  },
});
