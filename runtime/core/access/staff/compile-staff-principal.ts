import type { CompiledApp } from '../../metadata/compile-app.ts';
import { deepFreeze } from '../../metadata/deep-freeze.ts';
import type { Principal } from '../types.ts';
import { compileModuleGrants } from './compile-module-grants.ts';
import { groupOwnerKey } from './group-owner-key.ts';
import { isGroupOwnerKey } from './is-group-owner-key.ts';
import { resolveGroupsOfUser } from './resolve-groups-of-user.ts';
import type { StaffDirectory } from './staff-directory.ts';

/**
 * Compiles one staff user's access (DESIGN §5, the vtiger model) into a frozen `staff` principal.
 *
 * Attributes: `id`; `roleId`; `groupIds` (every group the user belongs to, transitively, sorted);
 * `visibleOwnerIds` — the owner values whose records the user sees and changes as if they were its
 * own: the user, every user (active or not) of a role below the user's role unless that role has
 * `seeSubordinates: false`, and `group:<name>` for each of the user's groups. Peers in the same role
 * are not included.
 *
 * Grants: see `compileModuleGrants`, for every module of the app. `isAdministrator` widens every row
 * scope to all records but never adds an action the profiles do not allow.
 *
 * Returns `null` — no principal, so no session — for a user missing from the directory, an inactive
 * one, or an id that looks like a group owner key. A user whose role is unknown gets a principal with
 * no grants (fail closed). Compile again after any change to roles, groups, profiles, sharing or the
 * directory: the result reflects only what it was compiled from.
 */
export function compileStaffPrincipal(args: {
  app: CompiledApp;
  directory: StaffDirectory;
  userId: string;
  isAdministrator?: boolean;
}): Principal | null {
  const { app, directory, userId } = args;
  if (isGroupOwnerKey(userId)) return null;
  const user = directory.users.find((candidate) => candidate.id === userId);
  if (!user?.active) return null;
  const role = app.roles.get(user.role);
  const groupIds = resolveGroupsOfUser({ app, directory, userId });
  const below = new Set(role && role.seeSubordinates !== false ? role.descendants : []);
  const subordinateIds = directory.users
    .filter((other) => below.has(other.role) && !isGroupOwnerKey(other.id))
    .map((other) => other.id);
  const visibleOwnerIds = [...new Set([userId, ...subordinateIds, ...groupIds.map(groupOwnerKey)])].sort();
  const grants = role
    ? [...app.modules.values()].flatMap((module) =>
        compileModuleGrants({
          app,
          directory,
          module,
          roleId: role.name,
          groupIds,
          isAdministrator: args.isAdministrator === true,
        }),
      )
    : [];
  return deepFreeze({
    kind: 'staff',
    id: userId,
    attributes: { id: userId, roleId: user.role, groupIds, visibleOwnerIds },
    grants,
  });
}
