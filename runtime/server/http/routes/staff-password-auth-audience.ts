import type { RecordDoc } from '../../../store/types.ts';
import type { Runtime } from '../../runtime-types.ts';
import type { PasswordAuthAudience } from './password-auth-routes.ts';

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
 * user enabled it or an administrator requires it; reset links open `/reset-password`; staff tokens
 * never name a portal type.
 */
export function staffPasswordAuthAudience(runtime: Runtime): PasswordAuthAudience {
  return {
    audience: 'staff',
    sessions: runtime.staffSessions,
    resetPageUrl: `${runtime.publicUrl}/reset-password`,
    mfaIssuer: runtime.getApp().app.label,
    canLogIn: () => true,
    needsMfa: (user) => user.mfaEnabled === true || user.mfaRequired === true,
    acceptsTokenData: (data) => !Object.hasOwn(data, 'portalType'),
    describeUser: describeStaffUser,
  };
}
