import type { LinkContext } from './link-context.ts';
import type { PortalLayouts, PortalModule, PortalTypeDoc } from './types.ts';

const layoutViewBySlot: Record<keyof PortalLayouts, string> = {
  list: 'list',
  canvas: 'canvas',
  detail: 'detail',
  form: 'form',
};

function linkExposedModule(
  ctx: LinkContext,
  portal: PortalTypeDoc,
  exposed: PortalModule,
  path: string,
): void {
  const { module } = exposed;
  if (!ctx.modules.has(module)) {
    ctx.report(`${path}/module`, `module "${module}" does not exist`);
    return;
  }
  for (const [slot, name] of Object.entries(exposed.layouts) as Array<[keyof PortalLayouts, string]>) {
    const layout = ctx.docs.layout.get(name);
    if (!layout) ctx.report(`${path}/layouts/${slot}`, `layout "${name}" does not exist`);
    else if (
      layout.module !== module ||
      layout.audience !== portal.name ||
      layout.view !== layoutViewBySlot[slot]
    ) {
      ctx.report(
        `${path}/layouts/${slot}`,
        `layout "${name}" is not a ${layoutViewBySlot[slot]} layout of "${module}" for portal "${portal.name}"`,
      );
    }
  }
  ctx.filter({ json: exposed.scope, module, path: `${path}/scope` });
  if (exposed.accountScope) ctx.filter({ json: exposed.accountScope, module, path: `${path}/accountScope` });
  for (const field of Object.keys(exposed.fields)) {
    ctx.field({ module, field, path: `${path}/fields/${field}`, customOnly: true });
  }
  for (const [field, value] of Object.entries(exposed.presets ?? {})) {
    ctx.field({ module, field, path: `${path}/presets/${field}`, customOnly: true });
    if (!/^\$principal\.[a-zA-Z][a-zA-Z0-9]*$/.test(value)) {
      ctx.report(
        `${path}/presets/${field}`,
        'a preset must be a $principal variable, e.g. "$principal.accountId"',
      );
    }
  }
}

function linkGroups(ctx: LinkContext, portal: PortalTypeDoc): void {
  const exposed = new Map(portal.modules.map((m) => [m.module, new Set<string>(m.actions)]));
  const defaults = portal.groups.filter((g) => g.isDefault).length;
  if (defaults !== 1) ctx.report('/groups', `exactly one group must be the default; found ${defaults}`);
  const tokenGroups = portal.groups.filter((g) => g.isNonPortalUsers).length;
  if (tokenGroups > 1)
    ctx.report('/groups', `at most one group may be the non-portal-users group; found ${tokenGroups}`);
  if (portal.auth.tokenLink && tokenGroups === 0) {
    ctx.report('/groups', 'token-link login needs a group marked isNonPortalUsers');
  }
  portal.groups.forEach((group, i) => {
    if (portal.groups.findIndex((g) => g.name === group.name) !== i) {
      ctx.report(`/groups/${i}/name`, `group "${group.name}" is defined twice`);
    }
    for (const [module, actions] of Object.entries(group.modules)) {
      const allowed = exposed.get(module);
      if (!allowed) {
        ctx.report(
          `/groups/${i}/modules/${module}`,
          `portal type "${portal.name}" does not expose "${module}"`,
        );
        continue;
      }
      actions.forEach((action, j) => {
        if (!allowed.has(action)) {
          ctx.report(
            `/groups/${i}/modules/${module}/${j}`,
            `"${module}" does not allow "${action}" in this portal type`,
          );
        }
      });
    }
  });
}

/**
 * Cross-checks a portal type: identity module, login field and account path; every exposed module's
 * layouts, scopes, field allow-list and presets; its permission groups and navigation.
 */
export function linkPortalType(ctx: LinkContext, portal: PortalTypeDoc): void {
  const principal = portal.principalModule;
  if (!ctx.modules.has(principal)) {
    ctx.report('/principalModule', `module "${principal}" does not exist`);
  } else {
    ctx.field({
      module: principal,
      field: portal.loginField ?? 'email',
      path: '/loginField',
      customOnly: true,
    });
    if (portal.accountPath) {
      const path = ctx.field({
        module: principal,
        field: portal.accountPath,
        path: '/accountPath',
        customOnly: true,
      });
      if (path && path.relation?.cardinality !== 'one') {
        ctx.report('/accountPath', `"${portal.accountPath}" must be a one-relation`);
      }
    }
  }
  portal.modules.forEach((exposed, i) => {
    if (portal.modules.findIndex((m) => m.module === exposed.module) !== i) {
      ctx.report(`/modules/${i}/module`, `module "${exposed.module}" is exposed twice`);
    }
    linkExposedModule(ctx, portal, exposed, `/modules/${i}`);
  });
  linkGroups(ctx, portal);
  const exposedNames = new Set(portal.modules.map((m) => m.module));
  portal.navigation?.forEach((item, i) => {
    if (item.module && !exposedNames.has(item.module)) {
      ctx.report(`/navigation/${i}/module`, `portal type "${portal.name}" does not expose "${item.module}"`);
    }
  });
}
