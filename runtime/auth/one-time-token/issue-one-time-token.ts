import { generateRandomToken } from '../generate-random-token.ts';
import type { Clock } from '../types.ts';
import { oneTimeTokenHash } from './one-time-token-hash.ts';
import type { OneTimeTokenData, OneTimeTokenPurpose, OneTimeTokenStore } from './types.ts';

/**
 * Issues a single-use token for `purpose` and `subject` that expires after `ttlMs`, and returns it
 * (160 random bits, 32 lower-case base32 characters) to put in the link. Only its hash is stored, and
 * issuing revokes every earlier token of the same purpose and subject. Keep reset tokens to an hour
 * or less.
 */
export async function issueOneTimeToken(args: {
  store: OneTimeTokenStore;
  purpose: OneTimeTokenPurpose;
  subject: string;
  ttlMs: number;
  clock: Clock;
  data?: OneTimeTokenData;
}): Promise<string> {
  if (!Number.isFinite(args.ttlMs) || args.ttlMs <= 0) {
    throw new RangeError('ttlMs must be a positive number of milliseconds.');
  }
  const token = generateRandomToken(20);
  const now = args.clock.now();
  await args.store.replace({
    hash: oneTimeTokenHash({ purpose: args.purpose, token }),
    purpose: args.purpose,
    subject: args.subject,
    data: { ...args.data },
    createdAt: now,
    expiresAt: now + args.ttlMs,
  });
  return token;
}
