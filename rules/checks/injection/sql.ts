import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { flowsForFile, taintFindings, type SinkSpec } from '../../analysis/taint/index';
import {
  MYSQL_DIALECT,
  mssqlInputEdits,
  PG_DIALECT,
  PORTABLE_DIALECT,
  preparedStatementEdits,
  prismaTaggedEdits,
  rdsDataParameterEdits,
  SQLITE_DIALECT,
  type Dialect,
  type TextEditDraft,
  type ValuesStyle,
} from '../../fixes/sql';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Range } from '../../engine/types';

type Builder = (program: TSESTree.Program, text: string, argument: Range) => { edits: TextEditDraft[]; parameters: number } | undefined;

const bind =
  (dialect: Dialect, style: ValuesStyle = 'array'): Builder =>
  (program, text, argument) =>
    preparedStatementEdits(program, text, argument, dialect, style);

/**
 * The rewrite per driver, by a module of the sink's spec and its method (or export): values in an
 * array after the SQL (before a callback), sequelize `replacements`, mssql `.input`, Prisma's
 * tagged `$queryRaw`, RDS Data API `parameters`. Other sinks get no rewrite.
 */
const BUILDERS: readonly { module: string; callee: readonly string[]; property?: string; build: Builder }[] = [
  { module: 'mysql', callee: ['query', 'execute'], build: bind(MYSQL_DIALECT) },
  { module: 'pg', callee: ['query'], build: bind(PG_DIALECT) },
  { module: 'pg-promise', callee: ['query', 'none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'result'], build: bind(PG_DIALECT) },
  // sqlite3 and sqlite take `(sql, values[, callback])`; better-sqlite3 databases have none of these methods.
  { module: 'sqlite3', callee: ['run', 'get', 'all', 'each'], build: bind(SQLITE_DIALECT) },
  { module: 'knex', callee: ['raw', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'joinRaw', 'orderByRaw', 'groupByRaw', 'fromRaw', 'selectRaw'], build: bind(PORTABLE_DIALECT) },
  { module: 'sequelize', callee: ['query'], build: bind(PORTABLE_DIALECT, 'replacements') },
  { module: 'mssql', callee: ['query'], build: mssqlInputEdits },
  { module: '@prisma/client', callee: ['$queryRawUnsafe', '$executeRawUnsafe'], build: prismaTaggedEdits },
  { module: '@aws-sdk/client-rds-data', callee: ['ExecuteStatementCommand'], property: 'sql', build: rdsDataParameterEdits },
  { module: 'aws-sdk', callee: ['executeStatement'], property: 'sql', build: rdsDataParameterEdits },
];

function builderFor(spec: SinkSpec): Builder | undefined {
  const callee = spec.method ?? spec.export;
  if (callee === undefined) return undefined;
  return BUILDERS.find((entry) => spec.modules?.includes(entry.module) && entry.callee.includes(callee) && entry.property === spec.property)?.build;
}

export default defineRule({
  id: 'injection/sql',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag SQL text built from event data in a function handler',
    cwe: ['CWE-89'],
  },
  messages: {
    sqlText: '{sink} runs SQL built from {source}; pass the value as a bound parameter instead of writing it into the SQL text.',
    preparedStatement: 'Use a prepared statement with {count} bound parameter(s)',
  },
  // A prepared statement is always a suggestion: a bound value is not the text it replaces when it
  // is undefined (NULL, not 'undefined'), an object or array (mysql expands them) or holds a
  // backslash (mysql unescapes it in a literal), so behaviour is not provably kept.
  fixable: 'suggestion',
  appliesTo: ['javascript'],
  check(ctx) {
    const findings: FindingDraft<'sqlText' | 'preparedStatement'>[] = taintFindings(ctx, 'sql', 'sqlText');
    const program = ctx.file.language === 'javascript' ? ctx.file.ast : undefined;
    if (!program) return findings;
    const flows = flowsForFile(ctx, 'sql');
    for (const finding of findings) {
      const range = finding.range;
      if (!range) continue;
      const flow = flows.find(({ flow: candidate, range: at }) => at[0] === range.start && at[1] === range.end && candidate.sinkFile === ctx.file.path && candidate.sinkRange[0] === range.start && candidate.sinkRange[1] === range.end)?.flow;
      const build = flow && builderFor(flow.spec);
      if (!build) continue;
      const prepared = build(program, ctx.file.text, range);
      if (!prepared) continue;
      finding.suggest = [{ messageId: 'preparedStatement', data: { count: String(prepared.parameters) }, edits: prepared.edits }];
    }
    return findings;
  },
});
