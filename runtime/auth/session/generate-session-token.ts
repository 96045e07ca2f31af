import { generateRandomToken } from '../generate-random-token.ts';

/**
 * A new session token: 20 random bytes (160 bits) as 32 lower-case base32 characters, as in the Lucia
 * guide. Give it to the client only; store `sessionIdFromToken(token)`.
 */
export function generateSessionToken(): string {
  return generateRandomToken(20);
}
