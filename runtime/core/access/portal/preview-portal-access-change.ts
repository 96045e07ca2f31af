import { bindVariables } from '../../filter/bind-variables.ts';
import type { CompiledApp } from '../../metadata/compile-app.ts';
import type { CompiledModule } from '../../metadata/compile-module.ts';
import { type FieldLevel, type PortalAction, portalActions } from '../../metadata/types.ts';
import { grantFieldAccess } from '../grant-field-access.ts';
import type { Grant, Principal } from '../types.ts';
import { compilePortalPrincipal } from './compile-portal-principal.ts';
import { fieldLevelRank, portalWriteActions } from './portal-access-rules.ts';
import type { PortalUser } from './portal-user.ts';

/** One field whose effective level changes. */
export type PortalFieldChange = { field: string; from: FieldLevel; to: FieldLevel };

/** What changes on one module: actions gained (or lost) and fields whose level goes up (or down). */
export type PortalModuleChange = {
  module: string;
  actions: readonly PortalAction[];
  fields: readonly PortalFieldChange[];
};

/** The difference between a portal user's access now and after a move. */
export type PortalAccessChange = {
  gained: readonly PortalModuleChange[];
  lost: readonly PortalModuleChange[];
  /** Modules readable before and after whose record scope differs (bound for the user). */
  changedScopes: readonly string[];
};

/** A field's level under a grant as `decideAccess` would apply it: `readWrite` needs a write action. */
function effectiveLevel(args: {
  grant: Grant | undefined;
  module: CompiledModule;
  field: string;
}): FieldLevel {
  const { grant, module, field } = args;
  if (!grant) return 'hidden';
  const access = grantFieldAccess({ grant, module, kind: 'portal' });
  if (!access.readable.has(field)) return 'hidden';
  const canWrite = portalWriteActions.some((action) => grant.actions.includes(action));
  return canWrite && access.writable.has(field) ? 'readWrite' : 'readOnly';
}

function grantOf(principal: Principal | null, module: string): Grant | undefined {
  return principal?.grants.find((grant) => grant.module === module);
}

/** Whether both principals grant the module on the same records, once their scopes are bound. */
function hasSameScope(args: { before: Principal; after: Principal; module: string; now: Date }): boolean {
  const bound = (principal: Principal) => {
    const grant = grantOf(principal, args.module);
    return (
      grant &&
      JSON.stringify(bindVariables({ node: grant.where, principal: principal.attributes, now: args.now }))
    );
  };
  return bound(args.before) === bound(args.after);
}

/** Actions `left` grants and `right` does not. */
function actionsOnlyIn(left: Grant | undefined, right: Grant | undefined): PortalAction[] {
  return portalActions.filter(
    (action) => left?.actions.includes(action) === true && right?.actions.includes(action) !== true,
  );
}

/** What moving from grant `from` to grant `to` on `module` gains and loses; a side is left out when empty. */
function diffModule(args: { module: CompiledModule; from: Grant | undefined; to: Grant | undefined }): {
  gained?: PortalModuleChange;
  lost?: PortalModuleChange;
} {
  const { module, from, to } = args;
  const fields = [...module.fields.values()]
    .filter((field) => !field.isSystem)
    .map((field) => ({
      field: field.name,
      from: effectiveLevel({ grant: from, module, field: field.name }),
      to: effectiveLevel({ grant: to, module, field: field.name }),
    }));
  const change = (actions: PortalAction[], sign: number): PortalModuleChange | undefined => {
    const moved = fields.filter(
      (field) => Math.sign(fieldLevelRank[field.to] - fieldLevelRank[field.from]) === sign,
    );
    return actions.length > 0 || moved.length > 0
      ? { module: module.name, actions, fields: moved }
      : undefined;
  };
  const gained = change(actionsOnlyIn(to, from), 1);
  const lost = change(actionsOnlyIn(from, to), -1);
  return { ...(gained ? { gained } : {}), ...(lost ? { lost } : {}) };
}

/**
 * What a portal user would gain and lose if staff moved it to portal type `toPortalType` and group
 * `toGroup` (ANCHORS §4(b).7), from the user's principal before and after the move, for the
 * "move user" preview. It compares access, not login: both sides are compiled as if the user were
 * active and inside its support period. The move keeps the user's identity record, accounts,
 * `seesWholeAccount` and overrides (they only narrow). Without `toGroup` the user keeps its group
 * within the same portal type and gets the target's default group in another one.
 *
 * Per module, in app order: `gained` lists actions only the target grants and fields whose effective
 * level rises (hidden → readOnly → readWrite; `readWrite` counts only with create or update);
 * `lost` the reverse. A module appears only when something changes. `changedScopes` names modules
 * granted on both sides whose bound scope differs.
 *
 * Returns `null` when the move is impossible: an unknown target portal type, a `toGroup` it does not
 * have, or no usable group for the moved user.
 */
export function previewPortalAccessChange(args: {
  app: CompiledApp;
  user: PortalUser;
  toPortalType: string;
  toGroup?: string;
  now: Date;
}): PortalAccessChange | null {
  const { app, user, toPortalType, toGroup, now } = args;
  const target = app.portalTypes.get(toPortalType);
  if (!target) return null;
  if (toGroup !== undefined && !target.groups.some((group) => group.name === toGroup)) return null;
  const eligible: PortalUser = { ...user, active: true, supportStart: undefined, supportEnd: undefined };
  const keptGroup = toPortalType === user.portalType ? user.permissionGroup : undefined;
  const before = compilePortalPrincipal({ app, user: eligible, now });
  const after = compilePortalPrincipal({
    app,
    user: { ...eligible, portalType: toPortalType, permissionGroup: toGroup ?? keptGroup },
    now,
  });
  if (!after) return null;
  const gained: PortalModuleChange[] = [];
  const lost: PortalModuleChange[] = [];
  const changedScopes: string[] = [];
  for (const module of app.modules.values()) {
    const from = grantOf(before, module.name);
    const to = grantOf(after, module.name);
    if (!from && !to) continue;
    const diff = diffModule({ module, from, to });
    if (diff.gained) gained.push(diff.gained);
    if (diff.lost) lost.push(diff.lost);
    if (before && from && to && !hasSameScope({ before, after, module: module.name, now })) {
      changedScopes.push(module.name);
    }
  }
  return { gained, lost, changedScopes };
}
