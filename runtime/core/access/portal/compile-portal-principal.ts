import type { PrincipalAttributes } from '../../filter/types.ts';
import type { CompiledApp } from '../../metadata/compile-app.ts';
import { deepFreeze } from '../../metadata/deep-freeze.ts';
import type { Principal } from '../types.ts';
import { compilePortalModuleGrant } from './compile-portal-module-grant.ts';
import { isWithinSupportPeriod } from './is-within-support-period.ts';
import type { PortalUser } from './portal-user.ts';
import { resolvePortalGroup } from './resolve-portal-group.ts';

function isId(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

/** `$principal.*` of a portal user: the selected account only when it is one of the person's accounts. */
function portalAttributes(user: PortalUser): PrincipalAttributes {
  const linked =
    Array.isArray(user.accountIds) && user.accountIds.length > 0 ? user.accountIds : [user.accountId];
  const accountIds = [...new Set(linked.filter(isId))].sort();
  const accountId = isId(user.accountId) && accountIds.includes(user.accountId) ? user.accountId : undefined;
  return {
    id: user.id,
    recordId: user.recordId,
    ...(accountId === undefined ? {} : { accountId }),
    accountIds,
  };
}

/**
 * Compiles one portal user (DESIGN §5 and §6) into a frozen `portal` principal of its portal type and
 * permission group (see `resolvePortalGroup`: token-link sessions get the `nonPortalUsers` group).
 *
 * Attributes: `id`; `recordId` (the identity record); `accountIds` (sorted, deduplicated; just
 * `accountId` when none are listed); `accountId` — the selected account, left out when `accountIds`
 * are listed and do not include it, so scopes on it match nothing.
 *
 * Grants: one per module the portal type exposes and the group allows, in the portal type's order
 * (see `compilePortalModuleGrant`); a module the portal type does not expose, or the group or the
 * overrides leave out, gets none. Portal users never get `export` or `import`.
 *
 * Returns `null` — no principal, so no session — for an unknown portal type, a user that is not
 * `active: true`, one without an id or identity record, `now` outside the support period
 * (`isWithinSupportPeriod`), or no usable group (a token link where the portal type has token links
 * off or no `nonPortalUsers` group). Compile again on every request, or after any change to the user
 * or the portal type: the result reflects only what it was compiled from.
 */
export function compilePortalPrincipal(args: {
  app: CompiledApp;
  user: PortalUser;
  now: Date;
}): Principal | null {
  const { app, user, now } = args;
  const portalType = app.portalTypes.get(user.portalType);
  if (!portalType || user.active !== true || !isId(user.id) || !isId(user.recordId)) return null;
  if (!isWithinSupportPeriod({ user, now })) return null;
  const group = resolvePortalGroup({ portalType, user });
  if (!group) return null;
  const grants = [...portalType.modules.values()].flatMap(
    (exposed) => compilePortalModuleGrant({ exposed, group, user }) ?? [],
  );
  return deepFreeze({
    kind: 'portal',
    id: user.id,
    attributes: portalAttributes(user),
    grants,
    portalType: portalType.name,
    group: group.name,
  });
}
