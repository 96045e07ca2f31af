import { isSystemPrincipal } from './as-system.ts';
import type { Principal } from './types.ts';

/** The principal kinds whose access comes from their grants. */
export type GrantedKind = 'staff' | 'portal' | 'plugin';

/**
 * The kind access decisions may rely on: `system` only for a principal made by `asSystem`, the
 * granted kinds as they are, and `undefined` (deny everything) for a forged system principal or a
 * kind this code does not know.
 */
export function trustedKind(principal: Principal): GrantedKind | 'system' | undefined {
  switch (principal.kind) {
    case 'system':
      return isSystemPrincipal(principal) ? 'system' : undefined;
    case 'staff':
    case 'portal':
    case 'plugin':
      return principal.kind;
    default:
      return undefined;
  }
}
