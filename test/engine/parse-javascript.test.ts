import assert from 'node:assert/strict';
import { simpleTraverse, type AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import type { Range } from '../../rules/engine/types';
import { parseSourceFile } from '../../rules/parse/index';
import { parseJavaScript } from '../../rules/parse/javascript';

function parsed(path: string, text: string): TSESTree.Program {
  const file = parseJavaScript(path, text);
  assert.equal(file.parseError, undefined, file.parseError?.message);
  assert.ok(file.ast);
  return file.ast;
}

function assertNodeSpan(text: string, node: { range: [number, number] } | undefined, expected: string, start = text.indexOf(expected)): void {
  assert.ok(node, `a node for ${JSON.stringify(expected)}`);
  assert.ok(start >= 0, `${JSON.stringify(expected)} is in the text`);
  assert.equal(text.slice(node.range[0], node.range[1]), expected);
  assert.deepEqual(node.range, [start, start + expected.length]);
}

function assertSpan(text: string, located: { range: Range } | undefined, expected: string, start = text.indexOf(expected)): void {
  assert.ok(located, `a range for ${JSON.stringify(expected)}`);
  assert.equal(text.slice(located.range.start, located.range.end), expected);
  assert.deepEqual(located.range, { start, end: start + expected.length });
}

/** The first node of a type in source order; only its range matters to these tests. */
function find(root: TSESTree.Program, type: `${AST_NODE_TYPES}`): TSESTree.Node | undefined {
  let found: TSESTree.Node | undefined;
  simpleTraverse(root, {
    enter(node) {
      if (!found && node.type === type) found = node;
    },
  });
  return found;
}

describe('parseJavaScript', () => {
  it('parses an ES module with exact node ranges', () => {
    const text = "import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async (event) => run(event.body);\n";
    const ast = parsed('src/handler.mjs', text);
    assert.equal(ast.sourceType, 'module');
    assertNodeSpan(text, ast.body[0], "import { S3Client } from '@aws-sdk/client-s3';", 0);
    assertNodeSpan(text, find(ast, 'MemberExpression'), 'event.body');
    assertNodeSpan(text, find(ast, 'CallExpression'), 'run(event.body)');
  });

  it('parses CommonJS', () => {
    const text = "const { exec } = require('child_process');\nmodule.exports.handler = (event) => exec(event.cmd);\n";
    const ast = parsed('src/handler.cjs', text);
    assert.equal(ast.sourceType, 'script');
    assert.equal(ast.body.length, 2);
    assertNodeSpan(text, find(ast, 'CallExpression'), "require('child_process')");
    assert.ok(parsed('src/handler.js', text));
  });

  it('parses JSX in .jsx and .js files and TSX in .tsx files', () => {
    const jsx = 'export const Page = ({ html }) => <div dangerouslySetInnerHTML={{ __html: html }} />;\n';
    for (const path of ['page.jsx', 'page.js']) {
      const ast = parsed(path, jsx);
      assertNodeSpan(jsx, find(ast, 'JSXElement'), '<div dangerouslySetInnerHTML={{ __html: html }} />');
    }
    const tsx = 'const List = <T,>({ items }: { items: T[] }) => <ul>{items.map((i) => <li>{String(i)}</li>)}</ul>;\n';
    const ast = parsed('list.tsx', tsx);
    assertNodeSpan(tsx, find(ast, 'TSTypeAnnotation'), ': { items: T[] }');
  });

  it('parses a .ts file with generics, <T> casts and as casts, which JSX would reject', () => {
    const text = 'function first<T>(list: T[]): T { return list[0] as T; }\nconst body = <string>event.body;\nconst n = (x as unknown) as number;\n';
    const ast = parsed('src/handler.ts', text);
    assertNodeSpan(text, find(ast, 'TSTypeAssertion'), '<string>event.body');
    assertNodeSpan(text, find(ast, 'TSAsExpression'), 'list[0] as T');
    for (const path of ['src/handler.mts', 'src/handler.cts']) assert.ok(parsed(path, text));
    // The same text as TSX is a syntax error: `<string>` opens a JSX element there.
    assert.ok(parseJavaScript('src/handler.tsx', text).parseError);
  });

  it('retries a .js file without JSX when the JSX reading fails', () => {
    const text = 'const body = <string>event.body;\n';
    const ast = parsed('legacy.js', text);
    assertNodeSpan(text, find(ast, 'TSTypeAssertion'), '<string>event.body');
  });

  it('collects line and block comments without their markers', () => {
    const text = '// first\nconst a = "// not a comment"; /* block\n  two */\n/** doc */ f();\n';
    const file = parseJavaScript('a.js', text);
    assert.deepEqual(
      file.comments.map((comment) => comment.value),
      [' first', ' block\n  two ', '* doc '],
    );
    assertSpan(text, file.comments[0], '// first', 0);
    assertSpan(text, file.comments[1], '/* block\n  two */');
    assertSpan(text, file.comments[2], '/** doc */');
  });

  describe('syntax errors', () => {
    it('reports the parser message at its position, with no tree and no comments', () => {
      const text = '// c\nconst x = ;\n';
      const file = parseJavaScript('bad.js', text);
      assert.equal(file.ast, undefined);
      assert.deepEqual(file.comments, []);
      assert.deepEqual(file.parseError, { message: 'Expression expected.', range: { start: 15, end: 16 } });
      assert.equal(text.slice(15, 16), ';');
    });

    it('gives an empty range at the end of the file', () => {
      const text = 'function f() {';
      const file = parseJavaScript('bad.ts', text);
      assert.deepEqual(file.parseError, { message: "'}' expected.", range: { start: text.length, end: text.length } });
    });

    it('reports the JSX reading of a .js file when neither reading parses', () => {
      const text = 'const a = <div>;\n';
      const file = parseJavaScript('bad.js', text);
      assert.ok(file.parseError);
      assert.match(file.parseError.message, /closing tag/i);
      assert.equal(file.ast, undefined);
    });
  });

  it('keeps offsets into the original text after a byte order mark', () => {
    const text = '\uFEFF// note\nconst a = 1;\n';
    const file = parseJavaScript('bom.js', text);
    assert.ok(file.ast);
    assertNodeSpan(text, file.ast.body[0], 'const a = 1;', 9);
    assertSpan(text, file.comments[0], '// note', 1);
    const broken = parseJavaScript('bom.ts', '\uFEFFlet x: = 1;');
    assert.deepEqual(broken.parseError, { message: 'Type expected.', range: { start: 8, end: 9 } });
  });

  it('keeps offsets with CRLF line endings', () => {
    const text = 'const a = 1;\r\n// two\r\nrun(a);\r\n';
    const file = parseJavaScript('crlf.js', text);
    assert.ok(file.ast);
    assertNodeSpan(text, file.ast.body[1], 'run(a);');
    assertSpan(text, file.comments[0], '// two');
    assert.equal(file.lines.positionAt(text.indexOf('run')).line, 2);
  });

  it('parseSourceFile dispatches every JavaScript and TypeScript extension here', () => {
    for (const path of ['a.js', 'a.cjs', 'a.mjs', 'a.jsx', 'a.ts', 'a.cts', 'a.mts', 'a.tsx', 'SRC/A.JS']) {
      const file = parseSourceFile(path, 'export const x = 1;\n');
      assert.ok(file.language === 'javascript' && file.ast, path);
    }
    const text = parseSourceFile('README.md', '# title\n');
    assert.equal(text.language, 'text');
    assert.deepEqual(text.comments, []);
    assert.equal(text.parseError, undefined);
  });
});
