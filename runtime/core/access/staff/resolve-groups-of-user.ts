import type { CompiledApp } from '../../metadata/compile-app.ts';
import type { GroupDoc } from '../../metadata/types.ts';
import { isGroupOwnerKey } from './is-group-owner-key.ts';
import { isRoleWithin } from './is-role-within.ts';
import type { StaffDirectory } from './staff-directory.ts';

function isDirectMember(args: {
  app: CompiledApp;
  group: GroupDoc;
  userId: string;
  role: string | undefined;
}) {
  const { app, group, userId, role } = args;
  const { members } = group;
  if (members.users?.includes(userId)) return true;
  if (role === undefined) return false;
  if (members.roles?.includes(role)) return true;
  return members.rolesAndSubordinates?.some((top) => isRoleWithin({ app, role, top })) ?? false;
}

/**
 * The names of every group `userId` belongs to, sorted: groups listing the user, the user's role, or a
 * role at or above it under `rolesAndSubordinates`, and — transitively — groups containing any of
 * those groups. A user missing from the directory is a member only where listed by id; an id that
 * looks like a group owner key (`group:…`) belongs to nothing.
 */
export function resolveGroupsOfUser(args: {
  app: CompiledApp;
  directory: StaffDirectory;
  userId: string;
}): string[] {
  const { app, userId } = args;
  if (isGroupOwnerKey(userId)) return [];
  const role = args.directory.users.find((user) => user.id === userId)?.role;
  const groups = [...app.groups.values()];
  const found = new Set(
    groups.filter((group) => isDirectMember({ app, group, userId, role })).map((group) => group.name),
  );
  for (let isGrowing = true; isGrowing; ) {
    isGrowing = false;
    for (const group of groups) {
      if (found.has(group.name) || !group.members.groups?.some((inner) => found.has(inner))) continue;
      found.add(group.name);
      isGrowing = true;
    }
  }
  return [...found].sort();
}
