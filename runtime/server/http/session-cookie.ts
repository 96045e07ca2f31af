import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SessionAudience } from '../../auth/session/types.ts';

/** The cookie of one audience: `__Host-` prefixed (and Secure) when served over HTTPS. */
function cookieName(args: { audience: SessionAudience; isSecure: boolean }): string {
  const base =
    args.audience === 'staff' ? 'atrium_staff' : `atrium_portal_${args.audience.slice('portal:'.length)}`;
  return args.isSecure ? `__Host-${base}` : base;
}

/** Reads, sets and clears the session cookie of one audience; each audience has its own cookie. */
export function sessionCookie(args: { audience: SessionAudience; publicUrl: string }) {
  const isSecure = args.publicUrl.startsWith('https://');
  const name = cookieName({ audience: args.audience, isSecure });
  return {
    read: (c: Context) => getCookie(c, name),
    set: (c: Context, args: { token: string; expiresAt: number }) =>
      setCookie(c, name, args.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isSecure,
        path: '/',
        expires: new Date(args.expiresAt),
      }),
    clear: (c: Context) => deleteCookie(c, name, { path: '/', secure: isSecure }),
  };
}
