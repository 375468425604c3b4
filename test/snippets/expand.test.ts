import assert from 'node:assert/strict';
import { expandSnippet, insertInto, placeholderDefaults, SnippetSyntaxError } from './expand';

describe('snippet expander', () => {
  it('keeps placeholder defaults, nested ones included, and drops bare tabstops', () => {
    assert.equal(expandSnippet('a ${1:one} $2 ${3:x ${4:y} z}$0'), 'a one  x y z');
  });

  it('mirrors a bare tabstop from the placeholder with its number, wherever that one is', () => {
    assert.equal(expandSnippet('$1 = ${1:value}; ${2:b} ${2}'), 'value = value; b b');
  });

  it('takes the first option of a choice, with escaped commas and bars', () => {
    assert.equal(expandSnippet('${1|get,post|} ${2|a\\,b,c|} ${3|x\\|y|}'), 'get a,b x|y');
  });

  it('resolves variables, falls back to their default, and writes unknown names as VS Code does', () => {
    assert.equal(expandSnippet('$TM_FILENAME ${TM_SELECTED_TEXT:none} ${NOT_A_VARIABLE} ${UUID}'), 'handler.js none NOT_A_VARIABLE 00000000-0000-4000-8000-000000000000');
    assert.equal(expandSnippet('${TM_FILENAME}', { variables: { TM_FILENAME: 'a.ts' } }), 'a.ts');
  });

  it('reads \\$, \\} and \\\\ as literal text, and a $ that starts nothing as itself', () => {
    assert.equal(expandSnippet('\\${ssm:/a} ${1:{id\\}} \\\\ $ 5 $-'), '${ssm:/a} {id} \\ $ 5 $-');
  });

  it('joins a body given as lines with line breaks', () => {
    assert.equal(expandSnippet(['a: ${1:b}', '  c: $1']), 'a: b\n  c: b');
  });

  it('rejects transformations and unbalanced braces instead of guessing', () => {
    assert.throws(() => expandSnippet('${1/(.*)/$1/}'), SnippetSyntaxError);
    assert.throws(() => expandSnippet('${1:open'), SnippetSyntaxError);
    assert.throws(() => expandSnippet('${1|a,b'), SnippetSyntaxError);
  });

  it('lists the defaults of each number for the consistency check', () => {
    assert.deepEqual([...placeholderDefaults('${1:a} ${1:b} ${2|x,y|} ${3:${4:n}}')], [
      [1, ['a', 'b']],
      [2, ['x']],
      [3, ['n']],
      [4, ['n']],
    ]);
  });

  it('inserts into a host line, indenting every following line like the editor', () => {
    assert.equal(insertInto('functions:\n  <<S>>\nend\n', '<<S>>', 'a:\n  b: 1\n\nc'), 'functions:\n  a:\n    b: 1\n\n  c\nend\n');
    assert.throws(() => insertInto('no marker', '<<S>>', 'x'), /no line holding only/);
  });
});
