import type { MiddlewareHandler } from 'hono';
import type { SessionManager } from '../../../auth/session/types.ts';
import type { Principal } from '../../../core/access/types.ts';
import type { CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { portalAudience } from '../../portals/session/portal-audience.ts';
import { resolvePortalSession } from '../../portals/session/resolve-portal-session.ts';
import type { Runtime } from '../../runtime-types.ts';
import { unauthenticated } from '../http-errors.ts';
import { sessionCookie } from '../session-cookie.ts';

/** Variables set for requests of a logged-in portal user (or token-link session) of the path's portal type. */
export type PortalEnv = {
  Variables: {
    portalType: CompiledPortalType;
    principal: Principal;
    /** The portal user; null for a token-link session. */
    user: RecordDoc | null;
    /** Set for a token-link session: the account it is for. */
    tokenLinkAccountId: string | null;
    sessionToken: string;
  };
};

/**
 * Requires a full (not MFA-pending) session of THIS portal type, read from this portal type's own
 * cookie (a staff cookie or another portal type's is never read), and recompiles the principal on
 * every request: a deactivated user, one outside its support dates, or a token link whose account
 * now has portal users gets a 401, the session is deleted and the cookie cleared. Sets `principal`, `user`,
 * `tokenLinkAccountId` and `sessionToken`; answers are `Cache-Control: no-store`. Needs
 * `withPortalType` first.
 */
export function requirePortal(args: {
  runtime: Runtime;
  sessionsFor: (portalType: CompiledPortalType) => SessionManager;
}): MiddlewareHandler<PortalEnv> {
  const { runtime } = args;
  return async (c, next) => {
    const portalType = c.get('portalType');
    const audience = portalAudience(portalType.name);
    const cookie = sessionCookie({ audience, publicUrl: runtime.publicUrl });
    const token = cookie.read(c);
    const sessions = args.sessionsFor(portalType);
    const session = token ? await sessions.validate({ token, audience }) : null;
    const identity = session
      ? await resolvePortalSession({
          store: runtime.store,
          app: runtime.getApp(),
          portalTypeName: portalType.name,
          userId: session.userId,
          now: new Date(runtime.clock.now()),
        })
      : null;
    c.header('Cache-Control', 'no-store');
    if (!token || !identity) {
      // A session whose user may no longer log in ends for good, even if the user comes back.
      if (token && session) await sessions.invalidate(token);
      cookie.clear(c);
      throw unauthenticated('Log in first');
    }
    c.set('principal', identity.principal);
    c.set('user', identity.user);
    c.set('tokenLinkAccountId', identity.tokenLinkAccountId);
    c.set('sessionToken', token);
    await next();
  };
}
