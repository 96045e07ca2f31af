import type { LinkContext } from './link-context.ts';
import type { RoleDoc } from './types.ts';

/** Cross-checks a role: its profiles exist, its parent exists, and following parents never comes back to it. */
export function linkRole(ctx: LinkContext, role: RoleDoc): void {
  role.profiles.forEach((profile, i) => {
    if (!ctx.docs.profile.has(profile)) ctx.report(`/profiles/${i}`, `profile "${profile}" does not exist`);
  });
  if (role.parent === undefined) return;
  if (!ctx.docs.role.has(role.parent)) {
    ctx.report('/parent', `parent role "${role.parent}" does not exist`);
    return;
  }
  const visited = new Set<string>([role.name]);
  for (
    let current = ctx.docs.role.get(role.parent);
    current;
    current = ctx.docs.role.get(current.parent ?? '')
  ) {
    if (visited.has(current.name)) {
      ctx.report('/parent', `roles must form a tree: "${role.name}" is its own ancestor`);
      return;
    }
    visited.add(current.name);
  }
}
