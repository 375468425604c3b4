import assert from 'node:assert/strict';
import { AST_NODE_TYPES, parse, type TSESTree } from '@typescript-eslint/typescript-estree';
import { MYSQL_DIALECT, parameteriseSql, PG_DIALECT, PORTABLE_DIALECT, settingValues, sqlLiteral, type Dialect, stringLiteral } from '../../rules/fixes/sql';

/** The SQL expression of `query(<expression>)` in `source`. */
function rewrite(expression: string, dialect: Dialect) {
  const source = `query(${expression});`;
  const program = parse(source, { range: true });
  const statement = program.body[0] as TSESTree.ExpressionStatement;
  assert.equal(statement.expression.type, AST_NODE_TYPES.CallExpression);
  const argument = (statement.expression as TSESTree.CallExpression).arguments[0];
  assert.ok(argument);
  return parameteriseSql(argument, source, dialect);
}

describe('fixes/sql: parameteriseSql', () => {
  it('turns a quoted string value into one placeholder and an unquoted number into another', () => {
    assert.deepEqual(rewrite(`"SELECT * FROM t WHERE a = '" + x + "' AND b >= " + y`, PG_DIALECT), {
      sql: 'SELECT * FROM t WHERE a = $1 AND b >= $2',
      parameters: ['x', 'y'],
      kinds: ['string', 'number'],
      kept: [],
      quote: '"',
    });
  });

  it('keeps the text around a value inside its literal in a template parameter', () => {
    assert.deepEqual(rewrite("`SELECT * FROM t WHERE a LIKE '%${x}_' OR b = '${y}'`", MYSQL_DIALECT), {
      sql: 'SELECT * FROM t WHERE a LIKE ? OR b = ?',
      parameters: ['`%${x}_`', 'y'],
      kinds: ['string', 'string'],
      kept: [],
      quote: '`',
    });
  });

  it('keeps doubled quotes of literals without values and passes LIMIT through Number for mysql', () => {
    assert.deepEqual(rewrite(`'SELECT * FROM t WHERE a = \\'it\\'\\'s\\' LIMIT ' + n`, MYSQL_DIALECT), {
      sql: "SELECT * FROM t WHERE a = 'it''s' LIMIT ?",
      parameters: ['Number(n)'],
      kinds: ['number'],
      kept: [],
      quote: "'",
    });
  });

  it('gives nothing for identifiers, quoted identifiers, literal placeholders and escapes next to a value', () => {
    assert.equal(rewrite(`'SELECT * FROM ' + table`, PG_DIALECT), undefined);
    assert.equal(rewrite('`SELECT * FROM t ORDER BY "${column}"`', PG_DIALECT), undefined);
    assert.equal(rewrite('`SELECT * FROM \\`${table}\\``', MYSQL_DIALECT), undefined);
    assert.equal(rewrite(`"SELECT '?' FROM t WHERE a = " + x`, MYSQL_DIALECT), undefined);
    assert.equal(rewrite(`"SELECT '$1' FROM t WHERE a = " + x`, PG_DIALECT), undefined);
    assert.equal(rewrite(`"SELECT * FROM t WHERE a = '\\\\n" + x + "'"`, MYSQL_DIALECT), undefined);
    assert.equal(rewrite(`"SELECT * FROM t WHERE a = 'it''" + x + "'"`, PG_DIALECT), undefined);
    assert.equal(rewrite(`'SELECT * FROM t WHERE a = "' + x + '"'`, PORTABLE_DIALECT), undefined);
  });

  it('gives nothing when the first operand may be a number (a + b adds)', () => {
    assert.equal(rewrite(`a + b + ' = 1'`, PG_DIALECT), undefined);
  });
});

describe('fixes/sql: names from the function\'s settings', () => {
  /** The SQL expression of the last statement `query(<expression>)` of `source`, rewritten keeping settings. */
  function rewriteIn(source: string, dialect: Dialect) {
    const program = parse(source, { range: true });
    const statement = program.body[program.body.length - 1] as TSESTree.ExpressionStatement;
    const argument = (statement.expression as TSESTree.CallExpression).arguments[0];
    assert.ok(argument);
    const rewritten = parameteriseSql(argument, source, dialect, settingValues(program));
    return rewritten && { literal: sqlLiteral(rewritten), parameters: rewritten.parameters };
  }

  it('keeps process.env values and consts holding them in the text, as a template literal', () => {
    assert.deepEqual(rewriteIn(`const t = process.env.TABLE ?? 'items';\nquery('SELECT * FROM "' + t + '" WHERE a = \\'' + x + "'");`, PG_DIALECT), {
      literal: '`SELECT * FROM "${t}" WHERE a = $1`',
      parameters: ['x'],
    });
    assert.deepEqual(rewriteIn("query('SELECT * FROM ' + process.env.TABLE + ' WHERE a = ' + x);", MYSQL_DIALECT), {
      literal: '`SELECT * FROM ${process.env.TABLE} WHERE a = ?`',
      parameters: ['x'],
    });
  });

  it('keeps nothing that may hold input: a let, a parameter, a name bound twice', () => {
    assert.equal(rewriteIn("let t = process.env.TABLE;\nquery('SELECT * FROM ' + t + ' WHERE a = ' + x);", PG_DIALECT), undefined);
    assert.equal(rewriteIn("function f(t) {}\nquery('SELECT * FROM ' + t + ' WHERE a = ' + x);", PG_DIALECT), undefined);
    assert.equal(rewriteIn("const t = process.env.A;\n{ const t = y; }\nquery('SELECT * FROM ' + t + ' WHERE a = ' + x);", PG_DIALECT), undefined);
    assert.equal(rewriteIn("const t = process.env[y];\nquery('SELECT * FROM ' + t + ' WHERE a = ' + x);", PG_DIALECT), undefined);
  });
});

describe('fixes/sql: stringLiteral', () => {
  it('escapes for each quote style', () => {
    assert.equal(stringLiteral("a = 'x'\n", "'"), "'a = \\'x\\'\\n'");
    assert.equal(stringLiteral('a = "x"', '"'), '"a = \\"x\\""');
    assert.equal(stringLiteral('a = `x` ${y}\n', '`'), '`a = \\`x\\` \\${y}\n`');
  });
});
