/**
 * The TOTP parameters every authenticator app understands (RFC 6238 defaults): HMAC-SHA1, 30-second
 * steps, 6 digits, a 160-bit secret (RFC 4226 §4 recommends 160 bits).
 */
export const totpSettings = {
  periodSeconds: 30,
  digits: 6,
  secretBytes: 20,
} as const;
