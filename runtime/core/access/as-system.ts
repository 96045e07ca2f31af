import type { Principal } from './types.ts';

/** Receives one entry each time system access is taken; the caller passes its audit logger. */
export type SystemAccessLog = (entry: { reason: string; at: Date }) => void;

// The only record of which `system` principals are genuine. Not exported: nothing outside this file
// can add to it, so an object literal with `kind: 'system'` is never trusted.
const genuineSystemPrincipals = new WeakSet<Principal>();

/**
 * Makes a `system` principal: every module, action and field (DESIGN §1.2). Logs `{ reason, at }`
 * through `log` before returning, every call. Throws when `reason` is not a non-empty string or
 * `log` is not a function. The principal is frozen, has no attributes (so `$principal.*` binds to
 * nothing) and is recognised by `decideAccess` by identity: a copy of it is not a system principal.
 */
export function asSystem(args: { reason: string; log: SystemAccessLog }): Principal {
  const { reason, log } = args;
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new TypeError('asSystem needs a reason: a non-empty string saying why system access is taken');
  }
  if (typeof log !== 'function') throw new TypeError('asSystem needs a log function');
  log({ reason, at: new Date() });
  const principal: Principal = Object.freeze({
    kind: 'system',
    id: 'system',
    attributes: Object.freeze({}),
    grants: Object.freeze([]),
    reason,
  });
  genuineSystemPrincipals.add(principal);
  return principal;
}

/**
 * Whether `principal` is a system principal made by `asSystem` (by identity, not by shape). Lives in
 * this file, against the one-export rule, because it must share the private set with `asSystem`.
 */
export function isSystemPrincipal(principal: Principal): boolean {
  return principal.kind === 'system' && genuineSystemPrincipals.has(principal);
}
