import { isSystemPrincipal } from '../../../core/access/as-system.ts';
import type { Principal } from '../../../core/access/types.ts';
import type { CompiledApp, CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { ConversionTarget } from '../../../core/metadata/types.ts';
import { staffPrivileges } from '../../../core/metadata/staff-privileges.ts';
import { forbidden } from '../../records/record-errors.ts';
import { invalidConversion } from './conversion-errors.ts';

/**
 * Checks a conversion's `portalType` before anything is written: the portal type exists (400), the
 * caller may hand out portal access (a staff user needs the `managePortals` privilege, the system
 * may; anyone else is refused, 403), and one of the converted targets is a record of the type's
 * principal module (400). Answers the portal type and that target.
 */
export function resolvePortalChoice(args: {
  app: CompiledApp;
  principal: Principal;
  portalType: string;
  targets: readonly ConversionTarget[];
}): { portalType: CompiledPortalType; identityTarget: ConversionTarget } {
  const { app, principal } = args;
  const portalType = app.portalTypes.get(args.portalType);
  if (!portalType) throw invalidConversion(`There is no portal type "${args.portalType}"`);
  const roleId = principal.attributes.roleId;
  const mayGrant =
    isSystemPrincipal(principal) ||
    (principal.kind === 'staff' &&
      typeof roleId === 'string' &&
      staffPrivileges({ app, roleId }).managePortals);
  if (!mayGrant) throw forbidden('Making someone a portal user needs the managePortals privilege');
  const identityTarget = args.targets.find((target) => target.module === portalType.principalModule);
  if (!identityTarget) {
    throw invalidConversion(
      `The ${portalType.name} portal's users are ${portalType.principalModule} records, and none is converted here`,
    );
  }
  return { portalType, identityTarget };
}
