/**
 * The form of a password that is checked and hashed: Unicode NFKC, so the same password typed on
 * keyboards that compose characters differently (é as one code point or e + accent) still matches.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}
