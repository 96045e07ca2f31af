import type { LinkContext } from './link-context.ts';
import type { ProfileDoc } from './types.ts';

/** Cross-checks a profile: its modules exist and its field levels name real fields. */
export function linkProfile(ctx: LinkContext, profile: ProfileDoc): void {
  for (const [module, access] of Object.entries(profile.modules)) {
    if (!ctx.modules.has(module)) {
      ctx.report(`/modules/${module}`, `module "${module}" does not exist`);
      continue;
    }
    for (const field of Object.keys(access.fields ?? {})) {
      ctx.field({ module, field, path: `/modules/${module}/fields/${field}`, customOnly: true });
    }
  }
}
