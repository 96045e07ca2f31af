import type { SessionAudience } from '../../auth/session/types.ts';

/** The unique key of a login within an audience: logins are case-insensitive and per audience. */
export function loginKey(args: { audience: SessionAudience; login: string }): string {
  return `${args.audience}|${args.login.trim().normalize('NFKC').toLowerCase()}`;
}
