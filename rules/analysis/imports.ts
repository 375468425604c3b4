/**
 * What the names of a module refer to: `require`, ESM imports and simple aliases of them, so a
 * rule can tell that `run(cmd)` is `child_process.exec`. Name-based over the whole file (scopes are
 * not modelled): a local that shadows an imported name is still taken for it.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/typescript-estree';
import { propertyName, requiredModule, unwrap, walk } from './estree';

/** A module export: `{ module: 'child_process', name: 'exec' }`; `name: '*'` is the module itself. */
export interface ImportedBinding {
  module: string;
  name: string;
}

export type ImportBindings = ReadonlyMap<string, ImportedBinding>;

/** Node's built-ins answer to `node:x` and `x` alike. */
function normalizeModule(name: string): string {
  return name.startsWith('node:') ? name.slice('node:'.length) : name;
}

/** Every local name bound to a module or to one of its exports, anywhere in the file. */
export function collectImports(program: TSESTree.Program): ImportBindings {
  const bindings = new Map<string, ImportedBinding>();
  walk(program, (node) => {
    if (node.type === AST_NODE_TYPES.ImportDeclaration) {
      if (node.importKind === 'type') return;
      const module = normalizeModule(node.source.value);
      for (const specifier of node.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
          if (specifier.importKind === 'type') continue;
          const imported = propertyName(specifier.imported, false);
          if (imported !== undefined) bindings.set(specifier.local.name, { module, name: imported });
        } else {
          // `import * as cp` and `import cp from`: for CommonJS modules (Node's built-ins included)
          // the default export is the module object.
          bindings.set(specifier.local.name, { module, name: '*' });
        }
      }
    } else if (node.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = node.moduleReference;
      if (reference.type === AST_NODE_TYPES.TSExternalModuleReference && reference.expression.type === AST_NODE_TYPES.Literal) {
        const value = reference.expression.value;
        if (typeof value === 'string') bindings.set(node.id.name, { module: normalizeModule(value), name: '*' });
      }
    } else if (node.type === AST_NODE_TYPES.VariableDeclarator && node.init) {
      bindDeclarator(node.id, node.init, bindings);
    }
  });
  return bindings;
}

function bindDeclarator(id: TSESTree.Node, init: TSESTree.Node, bindings: Map<string, ImportedBinding>): void {
  const value = resolveValue(init, bindings);
  if (!value) return;
  if (id.type === AST_NODE_TYPES.Identifier) {
    bindings.set(id.name, value);
  } else if (id.type === AST_NODE_TYPES.ObjectPattern && value.name === '*') {
    // const { exec, execSync: run } = require('child_process')
    for (const property of id.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const name = propertyName(property.key, property.computed);
      const target = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (name !== undefined && target.type === AST_NODE_TYPES.Identifier) bindings.set(target.name, { module: value.module, name });
    }
  }
}

/**
 * What an initialiser refers to: `require('m')`, `require('m').x`, `ns.x` for a bound namespace,
 * an alias of a bound name, or `promisify(x)` / `util.promisify(x)` of one (same command, same risk).
 */
function resolveValue(init: TSESTree.Node, bindings: ReadonlyMap<string, ImportedBinding>): ImportedBinding | undefined {
  const node = unwrap(init);
  const required = requiredModule(node);
  if (required !== undefined) return { module: normalizeModule(required), name: '*' };
  if (node.type === AST_NODE_TYPES.AwaitExpression) return resolveValue(node.argument, bindings);
  if (node.type === AST_NODE_TYPES.Identifier) return bindings.get(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = resolveValue(node.object, bindings);
    const name = propertyName(node.property, node.computed);
    if (object?.name === '*' && name !== undefined) return { module: object.module, name };
    return undefined;
  }
  if (node.type === AST_NODE_TYPES.CallExpression && isPromisify(node.callee, bindings)) {
    const argument = node.arguments[0];
    return argument ? resolveValue(argument, bindings) : undefined;
  }
  return undefined;
}

function isPromisify(callee: TSESTree.Node, bindings: ReadonlyMap<string, ImportedBinding>): boolean {
  const binding = resolveValue(callee, bindings);
  return binding?.module === 'util' && binding.name === 'promisify';
}

/** The module export a callee refers to (`exec`, `cp.exec`, `require('child_process').exec`). */
export function resolveCallee(callee: TSESTree.Node, bindings: ImportBindings): ImportedBinding | undefined {
  const binding = resolveValue(callee, bindings);
  return binding && binding.name !== '*' ? binding : undefined;
}
