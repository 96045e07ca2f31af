import type { LinkContext } from './link-context.ts';
import type { PrincipalSet, SharingDoc } from './types.ts';

function checkPrincipalSet(ctx: LinkContext, set: PrincipalSet, path: string): void {
  const exists = set.type === 'group' ? ctx.docs.group.has(set.name) : ctx.docs.role.has(set.name);
  if (!exists)
    ctx.report(`${path}/name`, `${set.type === 'group' ? 'group' : 'role'} "${set.name}" does not exist`);
}

/** Cross-checks a module's sharing: the module, the roles and groups rules name, and rule criteria. */
export function linkSharing(ctx: LinkContext, sharing: SharingDoc): void {
  if (!ctx.modules.has(sharing.module)) {
    ctx.report('/module', `module "${sharing.module}" does not exist`);
    return;
  }
  const names = new Set<string>();
  sharing.rules.forEach((rule, i) => {
    const path = `/rules/${i}`;
    if (names.has(rule.name)) ctx.report(`${path}/name`, `sharing rule "${rule.name}" is defined twice`);
    names.add(rule.name);
    checkPrincipalSet(ctx, rule.ownedBy, `${path}/ownedBy`);
    checkPrincipalSet(ctx, rule.sharedWith, `${path}/sharedWith`);
    if (rule.criteria) ctx.filter({ json: rule.criteria, module: sharing.module, path: `${path}/criteria` });
  });
}
