import { bindVariables } from '../../filter/bind-variables.ts';
import { evaluate } from '../../filter/evaluate.ts';
import type { RecordAction } from '../../metadata/types.ts';
import type { Principal } from '../types.ts';

/** The clock staff tests bind with. */
export const now = new Date('2026-03-15T12:00:00.000Z');

/**
 * What `decideAccess` would answer for one record, computed straight from the grants with the filter
 * functions: some grant of `module` naming `action` has a `where` that, bound with the principal's
 * attributes, matches `record`. `null` (no principal) allows nothing.
 */
export function staffAllows(args: {
  principal: Principal | null;
  module: string;
  action: RecordAction;
  record: Record<string, unknown>;
}): boolean {
  const { principal, module, action, record } = args;
  if (!principal) return false;
  return principal.grants
    .filter((grant) => grant.module === module && grant.actions.includes(action))
    .some((grant) =>
      evaluate({ node: bindVariables({ node: grant.where, principal: principal.attributes, now }), record }),
    );
}
