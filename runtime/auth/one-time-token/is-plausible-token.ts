/** Tokens we issue are 32 base32 characters; anything empty or much longer is not worth hashing. */
export function isPlausibleToken(token: string): boolean {
  return token.length > 0 && token.length <= 128;
}
