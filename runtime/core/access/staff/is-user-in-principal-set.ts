import type { CompiledApp } from '../../metadata/compile-app.ts';
import type { PrincipalSet } from '../../metadata/types.ts';
import { isRoleWithin } from './is-role-within.ts';

/**
 * Whether a user with `roleId` and (transitive) `groupIds` is in a sharing rule's `sharedWith` set:
 * has that role, has it or a role below it, or belongs to that group.
 */
export function isUserInPrincipalSet(args: {
  app: CompiledApp;
  roleId: string;
  groupIds: readonly string[];
  set: PrincipalSet;
}): boolean {
  const { app, roleId, set } = args;
  if (set.type === 'group') return args.groupIds.includes(set.name);
  if (set.type === 'role') return roleId === set.name;
  return isRoleWithin({ app, role: roleId, top: set.name });
}
