import { hash } from '@node-rs/argon2';
import { argon2Options } from './argon2-options.ts';
import { hasLoneSurrogate } from './has-lone-surrogate.ts';
import { isOversizedPassword } from './is-oversized-password.ts';
import { normalizePassword } from './normalize-password.ts';
import { passwordMalformed, passwordTooLong } from './password-errors.ts';

/**
 * Hashes a password with Argon2id (19 MiB, t=2, p=1, random 16-byte salt) into a PHC string
 * `$argon2id$v=19$m=19456,t=2,p=1$…`. The whole password is hashed (after NFKC), never truncated.
 *
 * Oversized (> 256 code points or > 1024 bytes) or malformed input throws synchronously, before any
 * hashing starts, so a huge body cannot buy CPU time. It does not apply the rest of the policy: call
 * `checkPasswordPolicy` first when a user chooses a password.
 */
export function hashPassword(password: string): Promise<string> {
  if (isOversizedPassword(password)) throw passwordTooLong('The password is too long.');
  if (hasLoneSurrogate(password)) throw passwordMalformed('The password contains an invalid character.');
  return hash(normalizePassword(password), argon2Options);
}
