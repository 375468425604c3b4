import * as assert from 'node:assert/strict';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { childrenOf, nodesOf, walk } from '../../rules/analysis/estree';
import { parseJavaScript } from '../../rules/parse/javascript';

function parsed(path: string, text: string): TSESTree.Program {
  const file = parseJavaScript(path, text);
  assert.equal(file.parseError, undefined, file.parseError?.message);
  assert.ok(file.ast);
  return file.ast;
}

/** The children as every property of a node holding nodes gives them, sorted: what `childrenOf` must equal. */
function referenceChildren(node: TSESTree.Node): TSESTree.Node[] {
  const skipped = new Set(['parent', 'range', 'loc', 'type', 'tokens', 'comments', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);
  const isNode = (value: unknown): value is TSESTree.Node => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
  const children: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (skipped.has(key)) continue;
    if (Array.isArray(value)) children.push(...value.filter(isNode));
    else if (isNode(value)) children.push(value);
  }
  return children.sort((a, b) => a.range[0] - b.range[0]);
}

const SAMPLE = [
  "import def, { a as b, c } from './m';",
  "import * as ns from 'ns';",
  'export { b as d, c };',
  'export * from "./all";',
  'export default class K extends Base { #p = 1; static s = 2; get g() { return this.#p; } m(x = 1, ...rest) { super.m(x, ...rest); } }',
  'const { p: [q, , r = 2] = [], ...others } = obj;',
  'label: for (const [k, v] of Object.entries(o)) { if (!k) continue label; else break; }',
  'for (let i = 0, j = 1; i < j; i++) {}',
  'for (const key in o) while (key) do { key--; } while (false);',
  'const t = tag`a${x}b${y}c`, u = `p${q}r${s}t`;',
  'async function* gen(a, { b }) { yield* a; await b; try { throw new Error(`e${a}`); } catch ({ message }) {} finally { a ??= b?.c?.[d]; } }',
  'switch (v) { case 1: case "x": f(); break; default: g(); }',
  'const f = async (x) => (x ? x.y : -x, typeof x, void 0, delete x.z, new.target, import("./lazy"));',
  'const o2 = { a, b: 1, [c]: 2, ...d, m() {}, get n() { return 1; }, set n(v) {} };',
  'x = y => z => `${y}${z}`; x += 1; x ||= 2; if (a) b(); else if (c) d(); else { e(); }',
  'class L { static { init(); } }',
  'const re = /a+/g, big = 10n, arr = [1, , ...rest];',
].join('\n');

const TYPESCRIPT = [
  'enum E { A = 1, B }',
  'interface I<T> { x: T; m(a: string): void }',
  'type U = { a: number } | string[];',
  'function generic<T extends object>(value: T, fallback?: T): T { return (value as T) ?? fallback!; }',
  'class P { constructor(private readonly db: Db, public name = "n") {} @dec() method(@inject() arg: string): void {} }',
  'const s = value satisfies Shape; const n = <number>count; namespace Space { export const v = 1; }',
  'declare module "m" { export function f(): void; }',
  'export = handler; import fs = require("fs");',
  'abstract class A { abstract run(): void; }',
].join('\n');

describe('estree: childrenOf', () => {
  for (const [path, text] of [
    ['sample.js', SAMPLE],
    ['sample.ts', TYPESCRIPT],
  ] as const) {
    it(`gives every node's children in source order, as the node's own properties do (${path})`, () => {
      let nodes = 0;
      walk(parsed(path, text), (node) => {
        nodes++;
        const actual = childrenOf(node);
        const expected = referenceChildren(node);
        assert.equal(actual.length, expected.length, `${node.type} at ${node.range[0]}`);
        actual.forEach((child, index) => assert.equal(child, expected[index], `${node.type} at ${node.range[0]}, child ${index}`));
      });
      assert.ok(nodes > 80, `walked ${nodes} nodes`);
    });
  }

  it('interleaves a template literal’s text and expressions', () => {
    const program = parsed('t.js', 'x = `a${b}c${d}e`;');
    let template: TSESTree.Node | undefined;
    walk(program, (node) => {
      if (node.type === 'TemplateLiteral') template = node;
    });
    assert.ok(template);
    assert.deepEqual(
      childrenOf(template).map((child) => child.type),
      ['TemplateElement', 'Identifier', 'TemplateElement', 'Identifier', 'TemplateElement'],
    );
  });

  it('leaves type annotations out', () => {
    const program = parsed('t.ts', 'function f(a: string): number { return 1; }');
    const fn = program.body[0];
    assert.ok(fn);
    assert.deepEqual(
      childrenOf(fn).map((child) => child.type),
      ['Identifier', 'Identifier', 'BlockStatement'],
    );
  });
});

describe('estree: walk over a program', () => {
  it('visits every node once, in the order a recursive pre-order walk does, from one cached list', () => {
    const program = parsed('/app/sample.ts', SAMPLE);
    const expected: TSESTree.Node[] = [];
    const visit = (node: TSESTree.Node): void => {
      expected.push(node);
      for (const child of referenceChildren(node)) visit(child);
    };
    visit(program);
    const first: TSESTree.Node[] = [];
    walk(program, (node) => first.push(node));
    assert.equal(first.length, expected.length);
    assert.ok(first.every((node, index) => node === expected[index]));
    assert.equal(nodesOf(program), nodesOf(program));
    // A subtree is walked on its own, not from the program's list.
    const statement = program.body[program.body.length - 1]!;
    const below: TSESTree.Node[] = [];
    walk(statement, (node) => below.push(node));
    assert.equal(below[0], statement);
    assert.ok(below.every((node) => node.range[0] >= statement.range[0] && node.range[1] <= statement.range[1]));
    assert.ok(below.length < first.length);
  });
});
