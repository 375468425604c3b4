import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { flowsForFile, taintFindings, type SinkSpec } from '../../analysis/taint/index';
import {
  MYSQL_DIALECT,
  mssqlInputEdits,
  PG_DIALECT,
  PORTABLE_DIALECT,
  preparedStatementEdits,
  prismaTaggedEdits,
  SQLITE_DIALECT,
  type Dialect,
  type TextEditDraft,
  type ValuesStyle,
} from '../../fixes/sql';
import { allowListGuardEdits, allowListTitleData, identifierKeep } from '../../fixes/sql-identifiers';
import { athenaEdits, rdsDataEdits, redshiftDataEdits, tediousEdits, typeormQueryEdits, typeormWhereEdits } from '../../fixes/sql-drivers';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Range } from '../../engine/types';

type Builder = (program: TSESTree.Program, text: string, argument: Range) => { edits: TextEditDraft[]; parameters: number } | undefined;

const bind =
  (dialect: Dialect, style: ValuesStyle = 'array'): Builder =>
  (program, text, argument) =>
    preparedStatementEdits(program, text, argument, dialect, style, identifierKeep(program, text));

/**
 * The rewrite per driver, by a module of the sink's spec and its method (or export): values in an
 * array after the SQL (before a callback), sequelize `replacements`, mssql `.input`, tedious
 * `addParameter`, Prisma's tagged `$queryRaw`, RDS Data API `parameters`, Athena
 * `ExecutionParameters`, Redshift Data API `Parameters`, TypeORM parameters. Other sinks get no rewrite.
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
  { module: '@aws-sdk/client-rds-data', callee: ['ExecuteStatementCommand'], property: 'sql', build: rdsDataEdits },
  { module: 'aws-sdk', callee: ['executeStatement'], property: 'sql', build: rdsDataEdits },
  { module: 'tedious', callee: ['Request'], build: tediousEdits },
  { module: '@aws-sdk/client-athena', callee: ['StartQueryExecutionCommand'], property: 'QueryString', build: athenaEdits },
  { module: 'aws-sdk', callee: ['startQueryExecution'], property: 'QueryString', build: athenaEdits },
  { module: '@aws-sdk/client-redshift-data', callee: ['ExecuteStatementCommand'], property: 'Sql', build: redshiftDataEdits },
  { module: 'aws-sdk', callee: ['executeStatement'], property: 'Sql', build: redshiftDataEdits },
  { module: 'typeorm', callee: ['query'], build: typeormQueryEdits },
  { module: 'typeorm', callee: ['where', 'andWhere', 'orWhere', 'having', 'andHaving', 'orHaving'], build: typeormWhereEdits },
];

/** Drivers whose SQL argument gets an allow-list guard for identifiers. */
const GUARDED_MODULES: readonly string[] = ['mysql', 'pg', 'pg-promise', 'sqlite3', 'knex', 'sequelize'];

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
    allowListGuard: 'Check {names} against {lists} of allowed {kind} names{fill}',
  },
  // A prepared statement is always a suggestion: a bound value is not the text it replaces when it
  // is undefined (NULL, not 'undefined'), an object or array (mysql expands them) or holds a
  // backslash (mysql unescapes it in a literal), so behaviour is not provably kept.
  fixable: 'suggestion',
  appliesTo: ['javascript'],
  check(ctx) {
    const findings: FindingDraft<'sqlText' | 'preparedStatement' | 'allowListGuard'>[] = taintFindings(ctx, 'sql', 'sqlText');
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
      const guarded = flow.spec.modules?.some((module) => GUARDED_MODULES.includes(module)) ?? false;
      // Identifiers cannot be parameters: check them against an allow-list (a suggestion: it throws on other values).
      const guard = guarded ? allowListGuardEdits(program, ctx.file.text, range, /\.[cm]?tsx?$/.test(ctx.file.path)) : undefined;
      const suggest: NonNullable<(typeof finding)['suggest']> = [];
      if (prepared) suggest.push({ messageId: 'preparedStatement', data: { count: String(prepared.parameters) }, edits: prepared.edits });
      if (guard) suggest.push({ messageId: 'allowListGuard', data: allowListTitleData(guard), edits: guard.edits });
      if (suggest.length > 0) finding.suggest = suggest;
    }
    return findings;
  },
});
