import type { FilterNode } from './types.ts';

const trueNode: FilterNode = Object.freeze({ kind: 'true' });
const falseNode: FilterNode = Object.freeze({ kind: 'false' });

/** Appends `nodes` flattened into `out`; returns true as soon as the absorbing constant turns up. */
function gather(args: { nodes: readonly FilterNode[]; kind: 'and' | 'or'; out: FilterNode[] }): boolean {
  const absorbing = args.kind === 'and' ? 'false' : 'true';
  const identity = args.kind === 'and' ? 'true' : 'false';
  for (const node of args.nodes) {
    if (node.kind === absorbing) return true;
    if (node.kind === identity) continue;
    if (node.kind === args.kind) {
      if (gather({ nodes: node.children, kind: args.kind, out: args.out })) return true;
      continue;
    }
    args.out.push(node);
  }
  return false;
}

function junction(args: { nodes: readonly FilterNode[]; kind: 'and' | 'or' }): FilterNode {
  const children: FilterNode[] = [];
  const isAbsorbed = gather({ nodes: args.nodes, kind: args.kind, out: children });
  if (isAbsorbed) return args.kind === 'and' ? falseNode : trueNode;
  const [only] = children;
  if (children.length === 0) return args.kind === 'and' ? trueNode : falseNode;
  if (children.length === 1 && only !== undefined) return only;
  return { kind: args.kind, children };
}

/**
 * Builders for logical nodes that simplify as they go: FALSE absorbs `and`, TRUE absorbs `or`,
 * neutral constants are dropped, nested same-kind nodes are flattened, a single child is unwrapped,
 * an empty `and` is TRUE and an empty `or` FALSE; `not` folds constants and double negation.
 */
export const combine = {
  and: (nodes: readonly FilterNode[]): FilterNode => junction({ nodes, kind: 'and' }),
  or: (nodes: readonly FilterNode[]): FilterNode => junction({ nodes, kind: 'or' }),
  not: (node: FilterNode): FilterNode => {
    if (node.kind === 'true') return falseNode;
    if (node.kind === 'false') return trueNode;
    if (node.kind === 'not') return node.child;
    return { kind: 'not', child: node };
  },
};
