import { compileStaffPrincipal } from '../../core/access/staff/compile-staff-principal.ts';
import type { Principal } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { loadStaffDirectory } from './load-staff-directory.ts';

/**
 * The staff principal of a user, compiled fresh from the current app and directory on every call,
 * so a change to roles, groups, profiles or sharing rules applies to the next request.
 */
export async function resolveStaffPrincipal(args: {
  store: Store;
  app: CompiledApp;
  user: RecordDoc;
}): Promise<Principal | null> {
  const directory = await loadStaffDirectory(args.store);
  return compileStaffPrincipal({
    app: args.app,
    directory,
    userId: args.user.id,
    isAdministrator: args.user.isAdministrator === true,
  });
}
