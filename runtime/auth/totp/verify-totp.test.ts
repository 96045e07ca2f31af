import { generateHOTP } from '@oslojs/otp';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../create-manual-clock.ts';
import { verifyTotp } from './verify-totp.ts';

// RFC 6238 appendix B: the SHA1 secret is the ASCII of "12345678901234567890".
const secret = new TextEncoder().encode('12345678901234567890');
const step = 1_000_000;
const clock = createManualClock(step * 30_000 + 12_000);

function codeAt(offset: number): string {
  return generateHOTP(secret, BigInt(step + offset), 6);
}

describe('verifyTotp', () => {
  it('matches the RFC 6238 test vector (T = 59 s)', () => {
    // The 8-digit vector is 94287082; the 6-digit code is its last six digits.
    expect(verifyTotp({ secret, code: '287082', clock: createManualClock(59_000) })).toEqual({
      ok: true,
      step: 1,
    });
  });

  it('accepts the current code and reports its step', () => {
    expect(verifyTotp({ secret, code: codeAt(0), clock })).toEqual({ ok: true, step });
  });

  it.each([-1, 1])('accepts the code one step away (%i)', (offset) => {
    expect(verifyTotp({ secret, code: codeAt(offset), clock })).toEqual({ ok: true, step: step + offset });
  });

  it.each([-2, 2])('refuses the code two steps away (%i)', (offset) => {
    expect(verifyTotp({ secret, code: codeAt(offset), clock })).toEqual({ ok: false });
  });

  it('refuses a replay: the code of the last used step', () => {
    expect(verifyTotp({ secret, code: codeAt(0), clock, lastUsedStep: step })).toEqual({ ok: false });
  });

  it('refuses an older code once a later step was used', () => {
    expect(verifyTotp({ secret, code: codeAt(-1), clock, lastUsedStep: step })).toEqual({ ok: false });
  });

  it('accepts the next step after the last used one', () => {
    expect(verifyTotp({ secret, code: codeAt(1), clock, lastUsedStep: step })).toEqual({
      ok: true,
      step: step + 1,
    });
  });

  it('ignores spaces in the code', () => {
    const code = codeAt(0);
    expect(verifyTotp({ secret, code: `${code.slice(0, 3)} ${code.slice(3)}`, clock })).toMatchObject({
      ok: true,
    });
  });

  it.each(['', '12345', '1234567', 'abcdef', '12345a', '١٢٣٤٥٦'])(
    'refuses the malformed code "%s"',
    (code) => {
      expect(verifyTotp({ secret, code, clock })).toEqual({ ok: false });
    },
  );

  it('refuses a code made with another secret', () => {
    const other = new TextEncoder().encode('09876543210987654321');
    expect(verifyTotp({ secret: other, code: codeAt(0), clock })).toEqual({ ok: false });
  });
});
