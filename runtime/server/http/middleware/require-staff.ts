import type { MiddlewareHandler } from 'hono';
import type { Principal } from '../../../core/access/types.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { resolveStaffPrincipal } from '../../identity/resolve-staff-principal.ts';
import type { Runtime } from '../../runtime-types.ts';
import { unauthenticated } from '../http-errors.ts';
import { sessionCookie } from '../session-cookie.ts';

/** Variables set for requests of a logged-in staff user. */
export type StaffEnv = { Variables: { principal: Principal; user: RecordDoc; sessionToken: string } };

/**
 * Requires a full (not MFA-pending) staff session of an active user; sets `principal`, `user` and
 * `sessionToken`. Anything else is a 401 and the cookie is cleared.
 */
export function requireStaff(runtime: Runtime): MiddlewareHandler<StaffEnv> {
  const cookie = sessionCookie({ audience: 'staff', publicUrl: runtime.publicUrl });
  const everything = { kind: 'true' } as const;
  return async (c, next) => {
    const token = cookie.read(c);
    const session = token ? await runtime.staffSessions.validate({ token, audience: 'staff' }) : null;
    const user = session
      ? await runtime.store.get({ module: 'atriumUsers', id: session.userId, where: everything })
      : null;
    const principal =
      user?.active === true
        ? await resolveStaffPrincipal({ store: runtime.store, app: runtime.getApp(), user })
        : null;
    if (!token || !user || !principal) {
      cookie.clear(c);
      throw unauthenticated('Log in first');
    }
    c.set('principal', principal);
    c.set('user', user);
    c.set('sessionToken', token);
    c.header('Cache-Control', 'no-store');
    await next();
  };
}
