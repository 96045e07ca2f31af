import { combine } from '../../filter/combine.ts';
import type { FilterNode } from '../../filter/types.ts';
import type { CompiledPortalModule } from '../../metadata/compile-app.ts';
import { type PortalAction, type PortalGroup, portalActions } from '../../metadata/types.ts';
import type { Grant } from '../types.ts';
import { portalActionRules } from './portal-access-rules.ts';
import type { PortalUser } from './portal-user.ts';

/** The actions a layer lists for `module`; a layer that is not an own array lists nothing. */
function listedActions(args: {
  layer: Readonly<Record<string, unknown>>;
  module: string;
}): readonly unknown[] {
  const listed = Object.hasOwn(args.layer, args.module) ? args.layer[args.module] : undefined;
  return Array.isArray(listed) ? listed : [];
}

function grantedActions(args: {
  exposed: CompiledPortalModule;
  group: PortalGroup;
  user: Pick<PortalUser, 'componentOverrides'>;
}): PortalAction[] {
  const { exposed, group, user } = args;
  const module = exposed.module;
  const layers: (readonly unknown[])[] = [exposed.actions, listedActions({ layer: group.modules, module })];
  const overrides = user.componentOverrides;
  if (overrides && Object.hasOwn(overrides, module)) layers.push(listedActions({ layer: overrides, module }));
  const offered = portalActions.filter((action) => layers.every((layer) => layer.includes(action)));
  return portalActions.filter((action) =>
    portalActionRules[action].needs.every((needed) => offered.includes(needed)),
  );
}

function scopeOf(args: { exposed: CompiledPortalModule; seesWholeAccount: boolean }): FilterNode {
  const { scopeNode, accountScopeNode } = args.exposed;
  return args.seesWholeAccount && accountScopeNode ? combine.or([scopeNode, accountScopeNode]) : scopeNode;
}

/**
 * The grant one portal user gets on one module its portal type exposes (DESIGN §5, portal), or
 * `undefined` — no grant, so no access — when no action is left:
 * - actions: the portal module's actions ∩ the group's actions for the module ∩ the user's override
 *   for it (when the overrides list the module), then kept only with their prerequisites from
 *   `portalActionRules` (read for every other action);
 * - `where`: the module's scope, or — for a user with `seesWholeAccount: true` on a module with an
 *   `accountScope` — the OR of both (unbound: it reads `$principal.*`);
 * - `fieldMode: 'allowList'` with the portal module's field levels: an unlisted field is hidden;
 * - `presets`: the portal module's presets, when it has any.
 */
export function compilePortalModuleGrant(args: {
  exposed: CompiledPortalModule;
  group: PortalGroup;
  user: Pick<PortalUser, 'componentOverrides' | 'seesWholeAccount'>;
}): Grant | undefined {
  const { exposed, user } = args;
  const actions = grantedActions(args);
  if (actions.length === 0) return undefined;
  return {
    module: exposed.module,
    actions,
    where: scopeOf({ exposed, seesWholeAccount: user.seesWholeAccount === true }),
    fieldMode: 'allowList',
    fields: { ...exposed.fields },
    ...(exposed.presets ? { presets: { ...exposed.presets } } : {}),
  };
}
