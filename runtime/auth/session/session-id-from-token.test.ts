import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { generateSessionToken } from './generate-session-token.ts';
import { sessionIdFromToken } from './session-id-from-token.ts';

describe('sessionIdFromToken', () => {
  it('is the SHA-256 of the token in lower-case hex', () => {
    const token = generateSessionToken();
    expect(sessionIdFromToken(token)).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
    expect(sessionIdFromToken(token)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable for one token and differs between tokens', () => {
    const token = generateSessionToken();
    expect(sessionIdFromToken(token)).toBe(sessionIdFromToken(token));
    expect(sessionIdFromToken(token)).not.toBe(sessionIdFromToken(generateSessionToken()));
  });
});
