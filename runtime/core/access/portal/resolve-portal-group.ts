import type { CompiledPortalType } from '../../metadata/compile-app.ts';
import type { PortalGroup } from '../../metadata/types.ts';
import type { PortalUser } from './portal-user.ts';

/**
 * The permission group a portal user's session uses (DESIGN §6):
 * - a token-link session: the `nonPortalUsers` group, whatever `permissionGroup` says — `undefined`
 *   when the portal type has none or has token-link login turned off;
 * - otherwise the user's `permissionGroup` when the portal type has a group of that name, else the
 *   default group (`undefined` if, against the linker's checks, there is none).
 */
export function resolvePortalGroup(args: {
  portalType: CompiledPortalType;
  user: Pick<PortalUser, 'permissionGroup' | 'isTokenLink'>;
}): PortalGroup | undefined {
  const { portalType, user } = args;
  const { groups } = portalType;
  // Any truthy flag counts: reading a malformed flag as a token link can only narrow access.
  if (user.isTokenLink) {
    return portalType.auth.tokenLink === true
      ? groups.find((group) => group.isNonPortalUsers === true)
      : undefined;
  }
  const named =
    typeof user.permissionGroup === 'string'
      ? groups.find((group) => group.name === user.permissionGroup)
      : undefined;
  return named ?? groups.find((group) => group.isDefault === true);
}
