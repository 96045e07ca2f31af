import { hashToken } from '../hash-token.ts';

/** The stored id of the session a token opens: SHA-256 of the token, 64 lower-case hex characters. */
export function sessionIdFromToken(token: string): string {
  return hashToken(token);
}
