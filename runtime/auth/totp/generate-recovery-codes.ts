import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { hashToken } from '../hash-token.ts';
import { normalizeRecoveryCode } from './normalize-recovery-code.ts';

/** Recovery codes to show the user once, and the hashes to store in their place. */
export type RecoveryCodes = { codes: string[]; hashes: string[] };

function generateCode(): string {
  const bytes = new Uint8Array(10);
  crypto.getRandomValues(bytes);
  const code = encodeBase32LowerCaseNoPadding(bytes);
  return code.match(/.{4}/g)?.join('-') ?? code;
}

/**
 * Generates `count` recovery codes for when the authenticator is lost. Each carries 80 random bits,
 * shown as `abcd-efgh-ijkl-mnop`; store only `hashes` (SHA-256, in the same order) and show `codes`
 * once. Generating a new set should replace the old hashes.
 */
export function generateRecoveryCodes(count = 10): RecoveryCodes {
  if (!Number.isInteger(count) || count < 1 || count > 100) {
    throw new RangeError('count must be an integer from 1 to 100.');
  }
  const codes = Array.from({ length: count }, generateCode);
  const hashes = codes.map((code) => hashToken(normalizeRecoveryCode(code) ?? code));
  return { codes, hashes };
}
