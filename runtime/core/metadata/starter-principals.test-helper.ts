import { loadStarterApp } from '../../../test/helpers/load-starter-app.ts';
import { makeGrant } from '../../../test/helpers/make-grant.ts';
import { compileStaffPrincipal } from '../access/staff/compile-staff-principal.ts';
import type { StaffDirectory } from '../access/staff/staff-directory.ts';
import type { Principal } from '../access/types.ts';
import type { CompiledApp } from './compile-app.ts';

/** The clock the projection tests bind with. */
export const now = new Date('2026-03-15T12:00:00.000Z');

const directory: StaffDirectory = {
  users: [
    { id: 'admin1', role: 'administrator', active: true },
    { id: 'mgr1', role: 'salesManager', active: true },
    { id: 'rep1', role: 'salesRep', active: true },
    { id: 'sup1', role: 'support', active: true },
  ],
};

function staffPrincipal(args: { app: CompiledApp; userId: string; isAdministrator?: boolean }): Principal {
  const principal = compileStaffPrincipal({ ...args, directory });
  if (!principal) throw new Error(`expected a principal for ${args.userId}`);
  return principal;
}

/**
 * A portal principal of `portalType` whose grants mirror the portal type's modules (actions, scope,
 * allow-listed fields, presets), restricted to the modules of permission group `group`.
 */
function portalPrincipal(args: { app: CompiledApp; portalType: string; group: string }): Principal {
  const { app } = args;
  const portalType = app.portalTypes.get(args.portalType);
  const group = portalType?.groups.find((candidate) => candidate.name === args.group);
  if (!portalType || !group) throw new Error(`no portal group ${args.portalType}/${args.group}`);
  const grants = [...portalType.modules.values()].flatMap((exposed) => {
    const allowed = Object.hasOwn(group.modules, exposed.module) ? (group.modules[exposed.module] ?? []) : [];
    const actions = exposed.actions.filter((action) => allowed.includes(action));
    if (actions.length === 0) return [];
    return [
      makeGrant({
        app,
        module: exposed.module,
        actions,
        where: exposed.scope,
        fieldMode: 'allowList',
        fields: { ...exposed.fields },
        ...(exposed.presets ? { presets: { ...exposed.presets } } : {}),
      }),
    ];
  });
  return {
    kind: 'portal',
    id: 'portalUser1',
    attributes: { id: 'portalUser1', recordId: 'contact1', accountId: 'account1' },
    grants,
    portalType: args.portalType,
    group: args.group,
  };
}

/** The starter app and principals of each kind the projection tests look at it as. */
export async function starterPrincipals() {
  const app = await loadStarterApp();
  return {
    app,
    administrator: staffPrincipal({ app, userId: 'admin1', isAdministrator: true }),
    salesManager: staffPrincipal({ app, userId: 'mgr1' }),
    salesRep: staffPrincipal({ app, userId: 'rep1' }),
    support: staffPrincipal({ app, userId: 'sup1' }),
    client: portalPrincipal({ app, portalType: 'client', group: 'clientUsers' }),
    clientSupportOnly: portalPrincipal({ app, portalType: 'client', group: 'clientSupportOnly' }),
    partner: portalPrincipal({ app, portalType: 'partner', group: 'partnerUsers' }),
    withoutGrants: {
      kind: 'staff',
      id: 'nobody',
      attributes: { id: 'nobody' },
      grants: [],
    } satisfies Principal,
  };
}
