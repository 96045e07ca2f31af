import { hashToken } from '../hash-token.ts';
import type { OneTimeTokenPurpose } from './types.ts';

/**
 * The stored hash of a one-time token. The purpose is hashed in, so a token looked up under the wrong
 * purpose finds nothing at all (and is not used up by the attempt).
 */
export function oneTimeTokenHash(args: { purpose: OneTimeTokenPurpose; token: string }): string {
  return hashToken(`${args.purpose}:${args.token}`);
}
