import type { PortalAccessChange } from '../../../core/access/portal/preview-portal-access-change.ts';
import { previewPortalAccessChange } from '../../../core/access/portal/preview-portal-access-change.ts';
import type { CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { badRequest } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';
import { toPortalUser } from '../to-portal-user.ts';
import { findPortalUser } from './find-portal-user.ts';
import { requirePortalType } from './require-portal-type.ts';

/** A checked move: the user, both portal types, the target group (if named) and the access diff. */
export type PortalUserMovePlan = {
  user: RecordDoc;
  from: string;
  to: CompiledPortalType;
  group: string | undefined;
  change: PortalAccessChange;
};

/**
 * Checks a move of a portal user to another portal type (and optionally a group there) and says what
 * access it gains and loses (`previewPortalAccessChange`). 400 when the target is the user's own type,
 * an unknown type or group (or the token-link group), or a type whose `principalModule` differs from
 * the user's identity record's module.
 */
export async function previewPortalUserMove(args: {
  runtime: Runtime;
  id: string;
  toPortalType: unknown;
  group?: unknown;
}): Promise<PortalUserMovePlan> {
  const { runtime } = args;
  const app = runtime.getApp();
  const { user, portalTypeName } = await findPortalUser({ store: runtime.store, id: args.id });
  const to = requirePortalType({ app, name: args.toPortalType });
  if (to.name === portalTypeName) throw badRequest('The user is already in this portal type');
  const from = app.portalTypes.get(portalTypeName);
  if (from && from.principalModule !== to.principalModule)
    throw badRequest(
      `The ${to.name} portal's users are ${to.principalModule} records, this user's is a ${from.principalModule} record`,
      { field: 'toPortalType' },
    );
  if (args.group !== undefined && typeof args.group !== 'string')
    throw badRequest('group must name a permission group', { field: 'group' });
  const group = args.group;
  if (group !== undefined && !to.groups.some((g) => g.name === group && g.isNonPortalUsers !== true))
    throw badRequest(`The ${to.name} portal has no permission group ${group}`, { field: 'group' });
  const portalUser = toPortalUser({ user });
  const change = portalUser
    ? previewPortalAccessChange({
        app,
        user: portalUser,
        toPortalType: to.name,
        toGroup: group,
        now: new Date(runtime.clock.now()),
      })
    : null;
  if (!change) throw badRequest(`The user cannot be moved to the ${to.name} portal`);
  return { user, from: portalTypeName, to, group, change };
}
