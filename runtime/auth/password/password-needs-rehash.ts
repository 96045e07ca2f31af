import { parseOptions } from '@node-rs/argon2';
import { argon2Options } from './argon2-options.ts';

/**
 * Whether a stored hash was made with weaker or different parameters than `hashPassword` uses now
 * (or cannot be parsed). After a successful login, rehash the password the user just typed and store
 * the new hash when this is true.
 */
export function passwordNeedsRehash(hash: string): boolean {
  try {
    const options = parseOptions(hash);
    return (
      options.algorithm !== argon2Options.algorithm ||
      options.memoryCost !== argon2Options.memoryCost ||
      options.timeCost !== argon2Options.timeCost ||
      options.parallelism !== argon2Options.parallelism ||
      options.outputLen !== argon2Options.outputLen
    );
  } catch {
    return true;
  }
}
