import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';

/**
 * The SHA-256 of a secret token's UTF-8 bytes, as 64 lower-case hex characters. A fast hash is enough
 * because the tokens hashed here carry at least 128 random bits; the store keeps only this value.
 */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
