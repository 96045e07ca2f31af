import type { CompiledApp } from '../../metadata/compile-app.ts';
import type { GroupDoc, PrincipalSet } from '../../metadata/types.ts';
import { groupOwnerKey } from './group-owner-key.ts';
import { isGroupOwnerKey } from './is-group-owner-key.ts';
import { isRoleWithin } from './is-role-within.ts';
import type { StaffDirectory, StaffUser } from './staff-directory.ts';

/** `name` and every group nested in it, transitively; empty when there is no such group. */
function groupsWithin(args: { app: CompiledApp; name: string }): GroupDoc[] {
  const found = new Map<string, GroupDoc>();
  const pending = [args.name];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const group = args.app.groups.get(name);
    if (!group || found.has(name)) continue;
    found.set(name, group);
    pending.push(...(group.members.groups ?? []));
  }
  return [...found.values()];
}

function ownersOfGroup(args: { app: CompiledApp; users: readonly StaffUser[]; name: string }): string[] {
  const { app, users } = args;
  const owners: string[] = [];
  for (const group of groupsWithin({ app, name: args.name })) {
    const { members } = group;
    owners.push(groupOwnerKey(group.name), ...(members.users ?? []).filter((id) => !isGroupOwnerKey(id)));
    for (const user of users) {
      const isInRole = members.roles?.includes(user.role) ?? false;
      const isBelow = members.rolesAndSubordinates?.some((top) =>
        isRoleWithin({ app, role: user.role, top }),
      );
      if (isInRole || isBelow) owners.push(user.id);
    }
  }
  return owners;
}

/**
 * Every owner value a sharing rule's `ownedBy` set stands for, sorted and without duplicates
 * (inactive users included: their records keep their owner):
 * - `role`: ids of directory users with that role;
 * - `roleAndSubordinates`: ids of directory users with that role or one below it;
 * - `group`: the group's own owner key (`group:<name>`) and those of groups nested in it, plus every
 *   member user — listed by id (even when not in the directory) or through a member role — of the
 *   group or a nested group. An unknown group stands for nobody.
 */
export function usersInPrincipalSet(args: {
  app: CompiledApp;
  directory: StaffDirectory;
  set: PrincipalSet;
}): string[] {
  const { app, set } = args;
  const users = args.directory.users.filter((user) => !isGroupOwnerKey(user.id));
  const owners =
    set.type === 'group'
      ? ownersOfGroup({ app, users, name: set.name })
      : users
          .filter((user) =>
            set.type === 'role'
              ? user.role === set.name
              : isRoleWithin({ app, role: user.role, top: set.name }),
          )
          .map((user) => user.id);
  return [...new Set(owners)].sort();
}
