import type { LinkContext } from './link-context.ts';
import type { GroupDoc } from './types.ts';

function containsItself(ctx: LinkContext, group: GroupDoc): boolean {
  const pending = [...(group.members.groups ?? [])];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop() as string;
    if (name === group.name) return true;
    if (seen.has(name)) continue;
    seen.add(name);
    pending.push(...(ctx.docs.group.get(name)?.members.groups ?? []));
  }
  return false;
}

/** Cross-checks a group: member roles and groups exist (users too, when known), and it never contains itself. */
export function linkGroup(ctx: LinkContext, group: GroupDoc): void {
  const { members } = group;
  for (const key of ['roles', 'rolesAndSubordinates'] as const) {
    members[key]?.forEach((role, i) => {
      if (!ctx.docs.role.has(role)) ctx.report(`/members/${key}/${i}`, `role "${role}" does not exist`);
    });
  }
  members.groups?.forEach((name, i) => {
    if (!ctx.docs.group.has(name)) ctx.report(`/members/groups/${i}`, `group "${name}" does not exist`);
  });
  if (containsItself(ctx, group)) ctx.report('/members/groups', `group "${group.name}" contains itself`);
  const users = ctx.knownUsers;
  if (users) {
    members.users?.forEach((user, i) => {
      if (!users.has(user)) ctx.report(`/members/users/${i}`, `user "${user}" does not exist`);
    });
  }
}
