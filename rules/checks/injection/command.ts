import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FindingDraft } from '../../engine/define-rule';
import { propertyName, unwrap } from '../../analysis/estree';
import { collectImports, resolveCallee } from '../../analysis/imports';
import { findHandlers, forEachCall, HandlerTaint, type HandlerHints } from '../../analysis/taint-lite';

/** Run their first argument through a shell, always. */
const SHELL_FUNCTIONS = new Set(['exec', 'execSync']);
/** Run a program directly, unless told `shell: true`; then the command and its arguments go to a shell. */
const SHELL_OPTION_FUNCTIONS = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync']);

type MessageId = 'shellCommand';

export default defineRule({
  id: 'injection/command',
  family: 'injection',
  severity: 'error',
  docs: {
    summary: 'Flag shell commands built from event data in a function handler',
    cwe: ['CWE-78'],
  },
  messages: {
    shellCommand: '{sink} runs a shell command built from {source}; pass the value as an argument to execFile without a shell.',
  },
  fixable: 'none',
  appliesTo: ['javascript'],
  check(ctx) {
    const file = ctx.file;
    if (file.language !== 'javascript' || !file.ast) return [];
    const imports = collectImports(file.ast);
    const findings: FindingDraft<MessageId>[] = [];

    // The templates name handlers the conventions below would miss (`src/api.upload`).
    const exports = new Map<string, 'aws' | 'azure' | 'gcp'>();
    let moduleExportPlatform: HandlerHints['moduleExportPlatform'];
    for (const fn of ctx.model.functionsForHandler(file.path)) {
      const exportName = fn.handler?.exportName;
      if (exportName !== undefined) exports.set(exportName, fn.platform);
      else moduleExportPlatform = fn.platform;
    }

    for (const handler of findHandlers(file.ast, imports, { exports, moduleExportPlatform })) {
      const taint = new HandlerTaint(handler);
      forEachCall(handler, (call) => {
        const sink = resolveCallee(call.callee, imports);
        if (sink?.module !== 'child_process') return;
        for (const argument of shellArguments(sink.name, call.arguments)) {
          const origin = taint.taintOf(argument);
          if (!origin) continue;
          findings.push({
            messageId: 'shellCommand',
            data: { source: origin.label, sink: sink.name },
            node: argument,
            related: [ctx.related({ range: origin.node.range }, 'event data enters here')],
          });
        }
      });
    }
    return findings;
  },
});

/** The arguments of a child_process call that reach a shell, if any do. */
function shellArguments(name: string, args: readonly TSESTree.CallExpressionArgument[]): TSESTree.Node[] {
  const [command, second] = args;
  if (!command) return [];
  if (SHELL_FUNCTIONS.has(name)) return [command];
  if (!SHELL_OPTION_FUNCTIONS.has(name) || !hasShellOption(args)) return [];
  // With a shell, Node joins the command and its arguments with spaces into one command line: each
  // argument is as dangerous as the command. A literal array is checked element by element so the
  // finding underlines the tainted element, not the whole list.
  const list = second ? unwrap(second) : undefined;
  if (list?.type === AST_NODE_TYPES.ArrayExpression) {
    return [command, ...list.elements.filter((element): element is NonNullable<typeof element> => element !== null)];
  }
  return second && second.type !== AST_NODE_TYPES.ObjectExpression ? [command, second] : [command];
}

/**
 * `{ shell: true }` or `{ shell: '/bin/bash' }` among the arguments. Only literal values count: an
 * option computed at run time (`shell: useShell`) is not followed, a false negative we accept to
 * keep `execFile` calls with a configurable option from being reported on a guess.
 */
function hasShellOption(args: readonly TSESTree.CallExpressionArgument[]): boolean {
  return args.some((argument) => {
    const options = unwrap(argument);
    if (options.type !== AST_NODE_TYPES.ObjectExpression) return false;
    return options.properties.some((property) => {
      if (property.type !== AST_NODE_TYPES.Property || propertyName(property.key, property.computed) !== 'shell') return false;
      const value = unwrap(property.value);
      return value.type === AST_NODE_TYPES.Literal && (value.value === true || (typeof value.value === 'string' && value.value !== ''));
    });
  });
}
