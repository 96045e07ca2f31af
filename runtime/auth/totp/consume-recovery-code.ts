import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex } from '@oslojs/encoding';
import { hashToken } from '../hash-token.ts';
import { normalizeRecoveryCode } from './normalize-recovery-code.ts';

function toBytes(hash: string): Uint8Array | null {
  try {
    return decodeHex(hash);
  } catch {
    return null;
  }
}

/**
 * Uses up one recovery code: answers the stored hashes without the one that matched, or null when the
 * code matches none. Store the answer in place of the old list with a compare-and-set (only if the
 * stored list is unchanged) so one code cannot be used twice concurrently. Throttle attempts as for
 * TOTP.
 */
export function consumeRecoveryCode(args: { hashes: readonly string[]; code: string }): string[] | null {
  const canonical = normalizeRecoveryCode(args.code);
  if (canonical === null) return null;
  const candidate = toBytes(hashToken(canonical));
  if (candidate === null) return null;
  let matchedIndex = -1;
  args.hashes.forEach((hash, index) => {
    const stored = toBytes(hash);
    const isMatch =
      stored !== null && stored.length === candidate.length && constantTimeEqual(stored, candidate);
    if (isMatch && matchedIndex === -1) matchedIndex = index;
  });
  if (matchedIndex === -1) return null;
  return args.hashes.filter((_, index) => index !== matchedIndex);
}
