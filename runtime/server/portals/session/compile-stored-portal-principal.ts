import { compilePortalPrincipal } from '../../../core/access/portal/compile-portal-principal.ts';
import type { Principal } from '../../../core/access/types.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { toPortalUser } from '../to-portal-user.ts';
import { portalAudience } from './portal-audience.ts';

/**
 * The principal of a stored portal user of `portalTypeName`, or null: a user of another audience
 * (staff, another portal type), inactive, outside its support dates, or of a portal type the app no
 * longer has. Compile on every request: the answer reflects only the user and app given.
 */
export function compileStoredPortalPrincipal(args: {
  app: CompiledApp;
  user: RecordDoc;
  portalTypeName: string;
  now: Date;
}): Principal | null {
  if (args.user.audience !== portalAudience(args.portalTypeName)) return null;
  const portalUser = toPortalUser({ user: args.user });
  return portalUser ? compilePortalPrincipal({ app: args.app, user: portalUser, now: args.now }) : null;
}
