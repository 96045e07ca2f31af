import type { Clock } from '../types.ts';
import { isPlausibleToken } from './is-plausible-token.ts';
import { oneTimeTokenHash } from './one-time-token-hash.ts';
import type { OneTimeTokenClaim, OneTimeTokenPurpose, OneTimeTokenStore } from './types.ts';

/**
 * What a one-time token stands for, without using it up: for the page a link opens (GET), so that mail
 * scanners that follow links do not burn the token. The action itself (POST) must call
 * `consumeOneTimeToken`. Null under the same conditions.
 */
export async function peekOneTimeToken(args: {
  store: OneTimeTokenStore;
  purpose: OneTimeTokenPurpose;
  token: string;
  clock: Clock;
}): Promise<(OneTimeTokenClaim & { expiresAt: number }) | null> {
  if (!isPlausibleToken(args.token)) return null;
  const record = await args.store.get(oneTimeTokenHash({ purpose: args.purpose, token: args.token }));
  if (!record || record.purpose !== args.purpose) return null;
  if (args.clock.now() >= record.expiresAt) return null;
  return { subject: record.subject, data: record.data, expiresAt: record.expiresAt };
}
