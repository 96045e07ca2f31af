import { evaluate } from './evaluate.ts';
import type { FilterNode } from './types.ts';

/** `and` (decisive false) or `or` (decisive true): one decisive child decides, else any unknown leaves it unknown. */
function decideAll(args: {
  children: readonly FilterNode[];
  record: Readonly<Record<string, unknown>>;
  decisive: boolean;
}): boolean | undefined {
  let result: boolean | undefined = !args.decisive;
  for (const child of args.children) {
    const truth = evaluateLocally({ node: child, record: args.record });
    if (truth === args.decisive) return truth;
    if (truth === undefined) result = undefined;
  }
  return result;
}

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
    case 'and':
      return decideAll({ children: node.children, record, decisive: false });
    case 'or':
      return decideAll({ children: node.children, record, decisive: true });
    case 'not': {
      const truth = evaluateLocally({ node: node.child, record });
      return truth === undefined ? undefined : !truth;
    }
    case 'condition':
      return node.field.via ? undefined : evaluate({ node, record });
  }
}
