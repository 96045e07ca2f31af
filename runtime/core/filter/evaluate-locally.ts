import { evaluate } from './evaluate.ts';
import type { FilterNode } from './types.ts';

/**
 * Whether `record` matches a bound filter, decided from the record alone: `true` or `false` when it
 * does, `undefined` when the answer depends on a condition behind a relation hop
 * (`account.industry`), whose related record is not at hand. Three-valued: an unknown condition
 * leaves its `and`/`or`/`not` unknown unless the other children decide it (`false AND unknown` is
 * false, `true OR unknown` is true). Known answers are `evaluate`'s, so they agree with every
 * compiler on the shared case table.
 */
export function evaluateLocally(args: {
  node: FilterNode;
  record: Readonly<Record<string, unknown>>;
}): boolean | undefined {
  const { node, record } = args;
  switch (node.kind) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and': {
      let result: boolean | undefined = true;
      for (const child of node.children) {
        const truth = evaluateLocally({ node: child, record });
        if (truth === false) return false;
        if (truth === undefined) result = undefined;
      }
      return result;
    }
    case 'or': {
      let result: boolean | undefined = false;
      for (const child of node.children) {
        const truth = evaluateLocally({ node: child, record });
        if (truth === true) return true;
        if (truth === undefined) result = undefined;
      }
      return result;
    }
    case 'not': {
      const truth = evaluateLocally({ node: node.child, record });
      return truth === undefined ? undefined : !truth;
    }
    case 'condition':
      return node.field.via ? undefined : evaluate({ node, record });
  }
}
