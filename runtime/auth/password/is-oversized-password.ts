import { countCodePoints } from './count-code-points.ts';
import { passwordLimits } from './password-limits.ts';

/**
 * Whether a password is over the size limits (256 code points or 1024 UTF-8 bytes). Cheap on any
 * input: a string longer than 1024 UTF-16 units is refused before it is measured further.
 */
export function isOversizedPassword(password: string): boolean {
  if (password.length > passwordLimits.maxBytes) return true;
  if (new TextEncoder().encode(password).length > passwordLimits.maxBytes) return true;
  return countCodePoints(password) > passwordLimits.maxLength;
}
