import type { Clock } from '../types.ts';
import { isPlausibleToken } from './is-plausible-token.ts';
import { oneTimeTokenHash } from './one-time-token-hash.ts';
import type { OneTimeTokenClaim, OneTimeTokenPurpose, OneTimeTokenStore } from './types.ts';

/**
 * Uses up a one-time token: answers what it was issued for, or null when it is unknown, already
 * used, revoked, expired or issued for another purpose. The store's atomic `take` makes it single use
 * even under concurrent requests. An expired token is removed by the attempt; a token presented for
 * the wrong purpose is not found and stays usable for its own purpose.
 */
export async function consumeOneTimeToken(args: {
  store: OneTimeTokenStore;
  purpose: OneTimeTokenPurpose;
  token: string;
  clock: Clock;
}): Promise<OneTimeTokenClaim | null> {
  if (!isPlausibleToken(args.token)) return null;
  const record = await args.store.take(oneTimeTokenHash({ purpose: args.purpose, token: args.token }));
  if (!record || record.purpose !== args.purpose) return null;
  if (args.clock.now() >= record.expiresAt) return null;
  return { subject: record.subject, data: record.data };
}
