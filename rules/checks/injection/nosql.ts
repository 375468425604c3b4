import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { flowsForFile, taintFindings } from '../../analysis/taint/index';
import { partiqlEdits } from '../../fixes/sql-drivers';

/** PartiQL statements (`Statement`, `Statements.*.Statement`, `TransactStatements.*.Statement`) get a rewrite; other sinks none. */
const PARTIQL_PROPERTY = /(?:^|\.)Statement$/;

export default defineRule({
  id: 'injection/nosql',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag NoSQL statements, expressions and query filters built from event data in a function handler',
    cwe: ['CWE-943'],
  },
  messages: {
    nosqlQuery:
      '{sink} runs a query built from {source}; keep input out of statement and expression text (use parameters and ExpressionAttributeValues) and out of filter operators.',
    partiqlParameters: 'Use a PartiQL statement with {count} parameter(s)',
  },
  // Like a SQL prepared statement, a parameter is not always the text it replaces (a value that is
  // not a string at run time, an empty number), so it stays a suggestion.
  fixable: 'suggestion',
  appliesTo: ['javascript'],
  check(ctx) {
    const findings: FindingDraft<'nosqlQuery' | 'partiqlParameters'>[] = taintFindings(ctx, 'nosql', 'nosqlQuery');
    const program = ctx.file.language === 'javascript' ? ctx.file.ast : undefined;
    if (!program) return findings;
    const flows = flowsForFile(ctx, 'nosql');
    for (const finding of findings) {
      const range = finding.range;
      if (!range) continue;
      const flow = flows.find(({ flow: candidate, range: at }) => at[0] === range.start && at[1] === range.end && candidate.sinkFile === ctx.file.path)?.flow;
      if (!flow || !PARTIQL_PROPERTY.test(flow.spec.property ?? '')) continue;
      const prepared = partiqlEdits(program, ctx.file.text, range);
      if (!prepared) continue;
      finding.suggest = [{ messageId: 'partiqlParameters', data: { count: String(prepared.parameters) }, edits: prepared.edits }];
    }
    return findings;
  },
});
