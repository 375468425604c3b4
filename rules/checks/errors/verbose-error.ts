import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { walk } from '../../analysis/estree';

type MessageId = 'verboseError' | 'genericMessage';

const DETAILS = new Set(['stack', 'message']);
/** Express response methods that write the body. */
const RESPONSE_METHODS = new Set(['send', 'json', 'end', 'jsonp']);
/** Object keys that become the HTTP response body (Lambda proxy, Azure v3 and v4). */
const BODY_KEYS = new Set(['body', 'jsonBody']);

function keyName(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

function memberName(node: TSESTree.Node): string | undefined {
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier ? node.property.name : undefined;
}

/** `error.stack` / `error.message` reads under `node`. */
function detailReads(node: TSESTree.Node, errorName: string): TSESTree.MemberExpression[] {
  const reads: TSESTree.MemberExpression[] = [];
  walk(node, (inner) => {
    if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.Identifier && inner.object.name === errorName && DETAILS.has(memberName(inner) ?? '')) reads.push(inner);
  });
  return reads;
}

/** The body values of a response object literal: `{ statusCode, body }`. */
function bodyValues(object: TSESTree.Node): TSESTree.Node[] {
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return [];
  return object.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property && BODY_KEYS.has(keyName(property) ?? '') ? [property.value] : []));
}

/** The parts of a statement that become a response body. */
function responseBodies(statement: TSESTree.Node): TSESTree.Node[] {
  const bodies: TSESTree.Node[] = [];
  walk(statement, (node) => {
    // Lambda proxy and Azure v4: `return { statusCode: 500, body: … }`.
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) bodies.push(...bodyValues(node.argument));
    // Azure v3: `context.res = { status: 500, body: … }`.
    if (node.type === AST_NODE_TYPES.AssignmentExpression && memberName(node.left) === 'res') bodies.push(...bodyValues(node.right));
    // Express: `res.status(500).send(…)`, `res.json(…)`.
    if (node.type === AST_NODE_TYPES.CallExpression && RESPONSE_METHODS.has(memberName(node.callee) ?? '')) bodies.push(...node.arguments);
    // A Lambda callback: `callback(null, { statusCode: 500, body: … })`.
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 2) {
      const [first, second] = node.arguments;
      if (first?.type === AST_NODE_TYPES.Literal && first.value === null && second) bodies.push(...bodyValues(second));
    }
  });
  return bodies;
}

/**
 * A `stack: err.stack` entry next to other entries of an object literal is removed rather than
 * given the generic text, which would only repeat the message: the range to delete, with the
 * comma that separates it from its neighbour.
 */
function droppedProperty(body: TSESTree.Node, read: TSESTree.MemberExpression): { start: number; end: number } | undefined {
  let dropped: { start: number; end: number } | undefined;
  walk(body, (node) => {
    if (dropped || node.type !== AST_NODE_TYPES.ObjectExpression || node.properties.length < 2) return;
    const index = node.properties.findIndex((property) => property.type === AST_NODE_TYPES.Property && property.value === read);
    const property = node.properties[index];
    if (!property) return;
    // Remove from the end of the previous entry (its comma goes with this one), else up to the next entry.
    const previous = node.properties[index - 1];
    const next = node.properties[index + 1];
    if (previous) dropped = { start: previous.range[1], end: property.range[1] };
    else if (next) dropped = { start: property.range[0], end: next.range[0] };
  });
  return dropped;
}

function logsError(block: TSESTree.BlockStatement, errorName: string): boolean {
  let logs = false;
  walk(block, (node) => {
    if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression && node.callee.object.type === AST_NODE_TYPES.Identifier && node.callee.object.name === 'console') {
      if (node.arguments.some((argument) => argument.type === AST_NODE_TYPES.Identifier && argument.name === errorName)) logs = true;
    }
  });
  return logs;
}

export default defineRule<MessageId>({
  id: 'errors/verbose-error',
  family: 'errors',
  severity: 'warning',
  docs: {
    summary: "Flag a caught error's stack or message returned in a function's response body",
    cwe: ['CWE-209'],
  },
  messages: {
    verboseError: "The response body returns the caught error's {property}, which tells the caller about the function's internals.",
    genericMessage: 'Return a generic message and log the error with console.error',
  },
  fixable: 'suggestion',
  appliesTo: ['javascript'],
  check(ctx) {
    const findings: FindingDraft<MessageId>[] = [];
    const program = ctx.file.language === 'javascript' ? ctx.file.ast : undefined;
    if (!program) return findings;
    const text = ctx.file.text;
    const seen = new Set<number>();
    walk(program, (node) => {
      if (node.type !== AST_NODE_TYPES.CatchClause || node.param?.type !== AST_NODE_TYPES.Identifier) return;
      const errorName = node.param.name;
      const logged = logsError(node.body, errorName);
      for (const statement of node.body.body) {
        for (const body of responseBodies(statement)) {
          for (const read of detailReads(body, errorName)) {
            if (seen.has(read.range[0])) continue;
            seen.add(read.range[0]);
            const lineStart = text.lastIndexOf('\n', statement.range[0] - 1) + 1;
            const indent = /^[ \t]*/.exec(text.slice(lineStart, statement.range[0]))?.[0] ?? '';
            const onOwnLine = text.slice(lineStart, statement.range[0]).trim() === '';
            // Inside a template literal, `${err.message}` becomes the words themselves.
            const inTemplate = text.slice(read.range[0] - 2, read.range[0]) === '${' && text[read.range[1]] === '}';
            const dropped = memberName(read) === 'stack' ? droppedProperty(body, read) : undefined;
            const edits = [
              dropped
                ? { range: dropped, text: '' }
                : inTemplate
                  ? { range: { start: read.range[0] - 2, end: read.range[1] + 1 }, text: 'Internal server error' }
                  : { range: { start: read.range[0], end: read.range[1] }, text: "'Internal server error'" },
            ];
            if (!logged) {
              edits.unshift({ range: { start: statement.range[0], end: statement.range[0] }, text: onOwnLine ? `console.error(${errorName});\n${indent}` : `console.error(${errorName}); ` });
            }
            findings.push({
              messageId: 'verboseError',
              data: { property: memberName(read) ?? 'message' },
              range: { start: read.range[0], end: read.range[1] },
              suggest: [{ messageId: 'genericMessage', edits }],
            });
          }
        }
      }
    });
    return findings;
  },
});
