import type { RecordDoc } from '../../../store/types.ts';
import type { Runtime } from '../../runtime-types.ts';
import type { PasswordAuthAudience } from './password-auth-routes.ts';

/** Whether any profile of the user's role requires a second factor. */
function roleRequiresMfa(args: { runtime: Runtime; role: unknown }): boolean {
  const app = args.runtime.getApp();
  const role = typeof args.role === 'string' ? app.roles.get(args.role) : undefined;
  return (role?.profiles ?? []).some((name) => app.profiles.get(name)?.requireMfa === true);
}

/** What a staff client is told about its user: never hashes, secrets or codes. */
function describeStaffUser(user: RecordDoc) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role ?? null,
    mfaEnabled: user.mfaEnabled === true,
  };
}

/**
 * Password login settings of the staff CRM for `passwordAuthRoutes`: staff sessions; MFA when the
 * user enabled it, an administrator requires it for the user, or a profile of the user's role does; reset links open `/reset-password`; staff tokens
 * never name a portal type.
 */
export function staffPasswordAuthAudience(runtime: Runtime): PasswordAuthAudience {
  return {
    audience: 'staff',
    sessions: runtime.staffSessions,
    resetPageUrl: `${runtime.publicUrl}/reset-password`,
    mfaIssuer: runtime.getApp().app.label,
    canLogIn: () => true,
    needsMfa: (user) =>
      user.mfaEnabled === true || user.mfaRequired === true || roleRequiresMfa({ runtime, role: user.role }),
    acceptsTokenData: (data) => !Object.hasOwn(data, 'portalType'),
    describeUser: describeStaffUser,
  };
}
