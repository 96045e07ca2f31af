import { verify } from '@node-rs/argon2';
import { hasLoneSurrogate } from './has-lone-surrogate.ts';
import { isOversizedPassword } from './is-oversized-password.ts';
import { normalizePassword } from './normalize-password.ts';

/**
 * Whether `password` matches an Argon2 PHC `hash` made by `hashPassword`. Oversized or malformed
 * input, and a hash that cannot be parsed, answer `false` without hashing. For a user who does not
 * exist, call `dummyVerify` instead so both paths take the same time.
 */
export async function verifyPassword(args: { hash: string; password: string }): Promise<boolean> {
  if (isOversizedPassword(args.password) || hasLoneSurrogate(args.password)) return false;
  try {
    return await verify(args.hash, normalizePassword(args.password));
  } catch {
    return false;
  }
}
