/**
 * `eval` used to parse JSON → `JSON.parse`. Pure: reads a parsed program and its text.
 *
 * Two shapes are recognised: `eval('(' + text + ')')` (the parentheses only make an object literal
 * an expression: the classic pre-JSON idiom) and `eval(text)` whose result is only read as data
 * (`eval(text).items`, or a variable bound once whose every use is a property read). An `eval`
 * whose result is computed with, printed or called is left alone: it evaluates code, not data.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { walk } from '../analysis/estree';
import type { Range } from '../engine/types';
import { bindingsOf, callWithFirstArgument, referencesTo, splitSqlExpression, type TextEditDraft } from './sql';

/** `'(' + x + ')'` or `` `(${x})` ``: the source of `x`. */
function parenthesisedValue(node: TSESTree.Node, text: string): string | undefined {
  const split = splitSqlExpression(node, text);
  if (!split) return undefined;
  const [open, value, close, ...rest] = split.pieces;
  if (rest.length > 0 || open?.kind !== 'text' || value?.kind !== 'value' || close?.kind !== 'text') return undefined;
  if (open.cooked.trim() !== '(' || close.cooked.trim() !== ')') return undefined;
  return text.slice(value.node.range[0], value.node.range[1]);
}

function parentOf(program: TSESTree.Program, child: TSESTree.Node): TSESTree.Node | undefined {
  let parent: TSESTree.Node | undefined;
  walk(program, (node) => {
    if (parent) return;
    for (const value of Object.values(node)) {
      if (value === child || (Array.isArray(value) && value.includes(child))) parent = node;
    }
  });
  return parent;
}

/** The result of the call is only read as data. */
function isReadAsData(program: TSESTree.Program, call: TSESTree.CallExpression): boolean {
  const parent = parentOf(program, call);
  if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === call) return true;
  if (parent?.type !== AST_NODE_TYPES.VariableDeclarator || parent.init !== call || parent.id.type !== AST_NODE_TYPES.Identifier) return false;
  const name = parent.id.name;
  if (bindingsOf(program).filter((binding) => binding.name === name).length !== 1) return false;
  const references = referencesTo(program, name);
  if (references.length === 0) return false;
  return references.every((reference) => {
    const use = parentOf(program, reference);
    return use?.type === AST_NODE_TYPES.MemberExpression && use.object === reference;
  });
}

/** `eval(…)` → `JSON.parse(…)` where the eval parses JSON. */
export function jsonParseEdits(program: TSESTree.Program, text: string, argument: Range): TextEditDraft[] | undefined {
  const call = callWithFirstArgument(program, argument);
  if (!call || call.arguments.length !== 1 || call.callee.type !== AST_NODE_TYPES.Identifier || call.callee.name !== 'eval') return undefined;
  const first = call.arguments[0];
  if (!first) return undefined;
  const inner = parenthesisedValue(first, text);
  if (inner !== undefined) return [{ range: { start: call.range[0], end: call.range[1] }, text: `JSON.parse(${inner})` }];
  if (!isReadAsData(program, call)) return undefined;
  return [{ range: { start: call.callee.range[0], end: call.callee.range[1] }, text: 'JSON.parse' }];
}
