import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/**
 * A random secret of `byteCount` bytes from the platform CSPRNG, encoded as lower-case base32 without
 * padding (`[a-z2-7]`, 8 characters per 5 bytes). The default 20 bytes give 160 bits.
 */
export function generateRandomToken(byteCount = 20): string {
  if (!Number.isInteger(byteCount) || byteCount < 16) {
    throw new RangeError('A token needs at least 16 random bytes (128 bits).');
  }
  const bytes = new Uint8Array(byteCount);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}
