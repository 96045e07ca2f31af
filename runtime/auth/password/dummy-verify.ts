import { verify } from '@node-rs/argon2';
import { dummyPasswordHash } from './dummy-password-hash.ts';
import { hasLoneSurrogate } from './has-lone-surrogate.ts';
import { isOversizedPassword } from './is-oversized-password.ts';
import { normalizePassword } from './normalize-password.ts';

/**
 * Does the work of `verifyPassword` against a hash no password matches, and answers `false`. Call
 * it when the account does not exist (or cannot log in) so the answer takes as long as a real check
 * and timing does not reveal which accounts exist. Oversized input answers at once, as in
 * `verifyPassword`.
 */
export async function dummyVerify(password = ''): Promise<false> {
  if (isOversizedPassword(password) || hasLoneSurrogate(password)) return false;
  try {
    await verify(dummyPasswordHash, normalizePassword(password));
  } catch {
    // The answer is false either way; only the time spent matters.
  }
  return false;
}
