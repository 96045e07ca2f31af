import { evaluate } from '../filter/evaluate.ts';
import type { FilterNode } from '../filter/types.ts';

/** true, false, or `undefined` when the record alone cannot tell. */
type Truth = boolean | undefined;

function truthOf(args: { node: FilterNode; record: Record<string, unknown> }): Truth {
  const { node, record } = args;
  switch (node.kind) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and': {
      let result: Truth = true;
      for (const child of node.children) {
        const truth = truthOf({ node: child, record });
        if (truth === false) return false;
        if (truth === undefined) result = undefined;
      }
      return result;
    }
    case 'or': {
      let result: Truth = false;
      for (const child of node.children) {
        const truth = truthOf({ node: child, record });
        if (truth === true) return true;
        if (truth === undefined) result = undefined;
      }
      return result;
    }
    case 'not': {
      const truth = truthOf({ node: node.child, record });
      return truth === undefined ? undefined : !truth;
    }
    case 'condition':
      return node.field.via ? undefined : evaluate({ node, record });
  }
}

/**
 * Whether a grant's bound `where` certainly holds for `record`, in memory. A condition behind a
 * relation hop (`account.industry`) needs the related record, which is not at hand: it counts as
 * unknown (three-valued logic), and a grant applies only when its `where` is true whatever the
 * unknown conditions are. So a grant scoped only through a relation never applies here.
 */
export function isGrantApplicable(args: {
  where: FilterNode;
  record: Readonly<Record<string, unknown>>;
}): boolean {
  return truthOf({ node: args.where, record: args.record }) === true;
}
