import type { OneTimeTokenData } from '../../../auth/one-time-token/types.ts';
import type { SessionManager } from '../../../auth/session/types.ts';
import type { CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { compileStoredPortalPrincipal } from '../../portals/session/compile-stored-portal-principal.ts';
import { portalAudience } from '../../portals/session/portal-audience.ts';
import type { Runtime } from '../../runtime-types.ts';
import type { PasswordAuthAudience } from './password-auth-routes.ts';

/** What a portal client is told about its user: never hashes, secrets or codes. */
function describePortalUser(user: RecordDoc) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    portalType: String(user.audience ?? '').slice('portal:'.length),
    recordId: user.recordId ?? null,
    accountId: user.accountId ?? null,
    mfaEnabled: user.mfaEnabled === true,
  };
}

/** A token's `portalType` / `audience`, when it names one, must be this portal type's. */
function namesThisPortal(args: { data: OneTimeTokenData; portalType: CompiledPortalType }): boolean {
  const { data, portalType } = args;
  const named = Object.hasOwn(data, 'portalType') ? data.portalType : portalType.name;
  const audience = Object.hasOwn(data, 'audience') ? data.audience : portalAudience(portalType.name);
  return named === portalType.name && audience === portalAudience(portalType.name);
}

/**
 * Password login settings of one portal type for `passwordAuthRoutes`: its own audience and
 * session lifetimes; a user may log in only while `compilePortalPrincipal` gives a principal
 * (active, inside the support dates); MFA when the user enabled it, staff require it, or the portal
 * type's `auth.mfa` is `required`; reset links open `/portal/<type>/reset-password`.
 */
export function portalPasswordAuthAudience(args: {
  runtime: Runtime;
  portalType: CompiledPortalType;
  sessions: SessionManager;
}): PasswordAuthAudience {
  const { runtime, portalType } = args;
  return {
    audience: portalAudience(portalType.name),
    sessions: args.sessions,
    resetPageUrl: `${runtime.publicUrl}/portal/${encodeURIComponent(portalType.name)}/reset-password`,
    mfaIssuer: portalType.branding.title,
    passwordMinLength: portalType.auth.passwordMinLength,
    canLogIn: (user) =>
      compileStoredPortalPrincipal({
        app: runtime.getApp(),
        user,
        portalTypeName: portalType.name,
        now: new Date(runtime.clock.now()),
      }) !== null,
    needsMfa: (user) =>
      user.mfaEnabled === true || user.mfaRequired === true || portalType.auth.mfa === 'required',
    acceptsTokenData: (data) => namesThisPortal({ data, portalType }),
    describeUser: describePortalUser,
  };
}
