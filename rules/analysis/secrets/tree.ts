/**
 * One pass over a JavaScript/TypeScript tree for the secrets analysis: every node, depth first with
 * children in source order (children starting together in property order), each with its parent.
 * The analysis reads the list several times (value sites, literals, constants, Authorization
 * values); walking the tree once keeps it linear in the size of the file, with a small constant.
 *
 * The children of a node are its properties holding a node or a list of nodes; back links,
 * positions, tokens and type annotations are left out, as in the walks of `../estree`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';

const SKIPPED_KEYS: ReadonlySet<string> = new Set([
  'parent',
  'range',
  'loc',
  'type',
  'tokens',
  'comments',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'typeArguments',
]);

export interface TreeIndex {
  /**
   * Every node, the program first, in visiting order. Starts do not decrease along the list (a
   * child starts where its parent does or later, and siblings come in source order), which
   * `positionOf` searches by; it still finds a node placed otherwise.
   */
  nodes: readonly TSESTree.Node[];
  /** `parents[i]` is the position in `nodes` of the parent of `nodes[i]`; -1 for the program. */
  parents: Int32Array;
}

/**
 * The tree of a program as a list. Not cached: the analysis keeps its findings per file, and
 * a list per file of a large workspace would hold memory for nothing.
 */
export function indexTree(program: TSESTree.Program): TreeIndex {
  // Nodes are not used as map keys: giving thousands of tree nodes an identity hash costs more
  // than the walk. Parents are positions in the list instead.
  const nodes: TSESTree.Node[] = [];
  const parentPositions: number[] = [];
  const stack: TSESTree.Node[] = [program];
  const stackParents: number[] = [-1];
  const children: TSESTree.Node[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const position = nodes.length;
    nodes.push(node);
    parentPositions.push(stackParents.pop()!);
    children.length = 0;
    collectChildren(node, children);
    if (!inSourceOrder(children)) children.sort(byStart);
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push(children[i]!);
      stackParents.push(position);
    }
  }
  return { nodes, parents: Int32Array.from(parentPositions) };
}

/** The position of `node` in the list, or -1 when it is not in the tree. */
export function positionOf(tree: TreeIndex, node: TSESTree.Node): number {
  const start = node.range[0];
  let low = 0;
  let high = tree.nodes.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (tree.nodes[middle]!.range[0] < start) low = middle + 1;
    else high = middle;
  }
  for (let i = low; i < tree.nodes.length && tree.nodes[i]!.range[0] === start; i++) if (tree.nodes[i] === node) return i;
  // A parser quirk may start a child before its parent (a decorator before `export`).
  return tree.nodes.indexOf(node);
}

/** The parent of the node at `position`, if it has one. */
export function parentAt(tree: TreeIndex, position: number): TSESTree.Node | undefined {
  const parent = position < 0 ? -1 : (tree.parents[position] ?? -1);
  return parent < 0 ? undefined : tree.nodes[parent];
}

/** The parent of a node of the tree. */
export function parentOf(tree: TreeIndex, node: TSESTree.Node): TSESTree.Node | undefined {
  return parentAt(tree, positionOf(tree, node));
}

function collectChildren(node: TSESTree.Node, into: TSESTree.Node[]): void {
  const record = node as unknown as Record<string, unknown>;
  // Tree nodes are plain objects: `for … in` sees their own properties only.
  for (const key in record) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = record[key];
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) into.push(item);
    } else if (isNode(value)) {
      into.push(value);
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function inSourceOrder(nodes: readonly TSESTree.Node[]): boolean {
  for (let i = 1; i < nodes.length; i++) if (nodes[i - 1]!.range[0] > nodes[i]!.range[0]) return false;
  return true;
}

function byStart(a: TSESTree.Node, b: TSESTree.Node): number {
  return a.range[0] - b.range[0];
}
