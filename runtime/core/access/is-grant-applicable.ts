import { evaluateLocally } from '../filter/evaluate-locally.ts';
import type { FilterNode } from '../filter/types.ts';

/**
 * Whether a grant's bound `where` certainly holds for `record`, in memory. A condition behind a
 * relation hop (`account.industry`) needs the related record, which is not at hand: it counts as
 * unknown (`evaluateLocally`), and a grant applies only when its `where` is true whatever the
 * unknown conditions are. So a grant scoped only through a relation never applies here.
 */
export function isGrantApplicable(args: {
  where: FilterNode;
  record: Readonly<Record<string, unknown>>;
}): boolean {
  return evaluateLocally({ node: args.where, record: args.record }) === true;
}
