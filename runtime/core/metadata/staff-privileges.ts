import type { CompiledApp } from './compile-app.ts';
import type { SystemPrivilege } from './types.ts';

/**
 * The system privileges (`manageMetadata`, `manageUsers`, …) a staff role has: those any of the
 * role's profiles grants. All `false` for an unknown role; unknown profiles grant nothing.
 */
export function staffPrivileges(args: {
  app: CompiledApp;
  roleId: string;
}): Record<SystemPrivilege, boolean> {
  const role = args.app.roles.get(args.roleId);
  const profiles = (role?.profiles ?? []).flatMap((name) => {
    const profile = args.app.profiles.get(name);
    return profile ? [profile] : [];
  });
  const has = (privilege: SystemPrivilege) =>
    profiles.some((profile) => profile.privileges[privilege] === true);
  return {
    manageMetadata: has('manageMetadata'),
    manageUsers: has('manageUsers'),
    managePortals: has('managePortals'),
    managePlugins: has('managePlugins'),
    viewAudit: has('viewAudit'),
  };
}
