/**
 * `exec(<built command>)` → `execFile(program, [arguments])`: the command runs without a shell, each
 * value is one argument, whatever it holds. Pure: reads a parsed program and its text.
 *
 * Offered only when the command splits cleanly: a literal program name, then literal words made of
 * characters a shell leaves alone, and values that form whole words (`-n ${x}`, `--name=${x}`,
 * `"${x}"`, `'${x}'`). Any other shell syntax (pipes, redirections, `$VAR`, globs, quotes inside a
 * word) means the shell did work the argument array would not, so nothing is offered.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { walk } from '../analysis/estree';
import type { Range } from '../engine/types';
import { callWithFirstArgument, splitSqlExpression, type TextEditDraft } from './sql';

/** Characters no shell treats specially inside an unquoted word. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]$/;
const EXEC_FILE: Record<string, string> = { exec: 'execFile', execSync: 'execFileSync' };

type Part = { kind: 'text'; text: string } | { kind: 'value'; source: string };

/** The command's words: the program (literal) and its arguments as JavaScript source. */
export function splitCommand(node: TSESTree.Node, text: string): { program: string; arguments: string[] } | undefined {
  const split = splitSqlExpression(node, text);
  if (!split) return undefined;
  const words: Part[][] = [];
  let word: Part[] | undefined;
  let quote: "'" | '"' | undefined;
  let quotedWord = false;
  const addText = (char: string) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last?.kind === 'text') last.text += char;
    else word.push({ kind: 'text', text: char });
  };
  for (const piece of split.pieces) {
    if (piece.kind === 'value') {
      word ??= [];
      word.push({ kind: 'value', source: text.slice(piece.node.range[0], piece.node.range[1]) });
      continue;
    }
    for (const char of piece.cooked) {
      if (quote) {
        if (char === quote) {
          quote = undefined;
          continue;
        }
        if (!PLAIN.test(char) && char !== ' ') return undefined;
        addText(char);
        continue;
      }
      if (char === ' ' || char === '\t') {
        if (word) words.push(word);
        word = undefined;
        quotedWord = false;
        continue;
      }
      if (char === "'" || char === '"') {
        // A quoted word: the quotes open it and close it, nothing is glued around them.
        if (word || quotedWord) return undefined;
        quote = char;
        quotedWord = true;
        word = [];
        continue;
      }
      if (quotedWord || !PLAIN.test(char)) return undefined;
      addText(char);
    }
  }
  if (quote) return undefined;
  if (word) words.push(word);
  const [programWord, ...argumentWords] = words;
  const program = programWord?.length === 1 && programWord[0]?.kind === 'text' ? programWord[0].text : undefined;
  if (!program || !argumentWords.some((parts) => parts.some((part) => part.kind === 'value'))) return undefined;
  return { program, arguments: argumentWords.map(argumentSource) };
}

function argumentSource(parts: Part[]): string {
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'value') return only.source;
  if (only?.kind === 'text') return `'${only.text}'`;
  return `\`${parts.map((part) => (part.kind === 'text' ? part.text : `\${${part.source}}`)).join('')}\``;
}

function isFunctionExpression(node: TSESTree.Node | undefined): boolean {
  return node?.type === AST_NODE_TYPES.ArrowFunctionExpression || node?.type === AST_NODE_TYPES.FunctionExpression;
}

/** `exec`/`execSync` options that execFile reads alike: an object literal without `shell`. */
function isPlainOptions(node: TSESTree.Node): boolean {
  if (node.type !== AST_NODE_TYPES.ObjectExpression) return false;
  return node.properties.every(
    (property) => property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name !== 'shell',
  );
}

/** Where `exec` is bound: `const { exec } = require('child_process')` or `import { exec } from 'child_process'`. */
function childProcessBinding(program: TSESTree.Program, name: string): { insertAt: number; has: Set<string> } | undefined {
  let found: { insertAt: number; has: Set<string> } | undefined;
  walk(program, (node) => {
    if (found) return;
    if (node.type === AST_NODE_TYPES.ImportDeclaration && /^(node:)?child_process$/.test(String(node.source.value))) {
      const has = new Set(node.specifiers.flatMap((s) => (s.type === AST_NODE_TYPES.ImportSpecifier && s.imported.type === AST_NODE_TYPES.Identifier && s.local.name === s.imported.name ? [s.local.name] : [])));
      const specifier = node.specifiers.find((s) => s.type === AST_NODE_TYPES.ImportSpecifier && s.local.name === name && s.imported.type === AST_NODE_TYPES.Identifier && s.imported.name === name);
      if (specifier && node.importKind !== 'type') found = { insertAt: specifier.range[1], has };
    }
    if (
      node.type === AST_NODE_TYPES.VariableDeclarator &&
      node.id.type === AST_NODE_TYPES.ObjectPattern &&
      node.init?.type === AST_NODE_TYPES.CallExpression &&
      node.init.callee.type === AST_NODE_TYPES.Identifier &&
      node.init.callee.name === 'require' &&
      node.init.arguments[0]?.type === AST_NODE_TYPES.Literal &&
      /^(node:)?child_process$/.test(String(node.init.arguments[0].value))
    ) {
      const shorthand = node.id.properties.flatMap((p) => (p.type === AST_NODE_TYPES.Property && p.shorthand && p.key.type === AST_NODE_TYPES.Identifier ? [p] : []));
      const property = shorthand.find((p) => p.key.type === AST_NODE_TYPES.Identifier && p.key.name === name);
      if (property) found = { insertAt: property.range[1], has: new Set(shorthand.flatMap((p) => (p.key.type === AST_NODE_TYPES.Identifier ? [p.key.name] : []))) };
    }
  });
  return found;
}

/**
 * The edits that turn `exec(command[, options][, callback])` (or `execSync`) into `execFile` with
 * an argument array; `exec` imported by name gets `execFile` added beside it.
 */
export function execFileEdits(program: TSESTree.Program, text: string, argument: Range): { edits: TextEditDraft[]; program: string } | undefined {
  const call = callWithFirstArgument(program, argument);
  if (!call) return undefined;
  const [first, ...rest] = call.arguments;
  if (!first || first.type === AST_NODE_TYPES.Identifier || rest.length > 2) return undefined;
  const [second, third] = rest;
  if (second && !isFunctionExpression(second) && !isPlainOptions(second)) return undefined;
  if (third && (!second || isFunctionExpression(second) || !isFunctionExpression(third))) return undefined;
  const split = splitCommand(first, text);
  if (!split) return undefined;
  const replacement: TextEditDraft = { range: argument, text: `'${split.program}', [${split.arguments.join(', ')}]` };

  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    const renamed = EXEC_FILE[callee.property.name];
    if (!renamed) return undefined;
    return { edits: [{ range: { start: callee.property.range[0], end: callee.property.range[1] }, text: renamed }, replacement], program: split.program };
  }
  if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
  const renamed = EXEC_FILE[callee.name];
  if (!renamed) return undefined;
  const binding = childProcessBinding(program, callee.name);
  if (!binding) return undefined;
  const edits: TextEditDraft[] = [{ range: { start: callee.range[0], end: callee.range[1] }, text: renamed }, replacement];
  if (!binding.has.has(renamed)) edits.unshift({ range: { start: binding.insertAt, end: binding.insertAt }, text: `, ${renamed}` });
  return { edits, program: split.program };
}
