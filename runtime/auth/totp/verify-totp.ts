import { verifyHOTP } from '@oslojs/otp';
import type { Clock } from '../types.ts';
import { totpSettings } from './totp-settings.ts';

/** The outcome of `verifyTotp`: on success, the time step the code belonged to. */
export type TotpVerification = { ok: true; step: number } | { ok: false };

const codePattern = /^\d+$/;

/**
 * Checks a TOTP code (RFC 6238: HMAC-SHA1, 30 s, 6 digits) against the current time step and one
 * step either side, and never a step at or before `lastUsedStep`, so each code works once. On
 * success, store `step` as the new `lastUsedStep` with a compare-and-set (only if the stored value is
 * still lower), so two concurrent requests with one code cannot both pass. Spaces in the code are
 * ignored. Throttle attempts per account (`createThrottle`): a 6-digit code falls to unlimited guesses.
 */
export function verifyTotp(args: {
  secret: Uint8Array;
  code: string;
  clock: Clock;
  lastUsedStep?: number;
}): TotpVerification {
  const code = args.code.replace(/\s/g, '');
  if (code.length !== totpSettings.digits || !codePattern.test(code)) return { ok: false };
  const current = Math.floor(args.clock.now() / (totpSettings.periodSeconds * 1000));
  const lastUsedStep = args.lastUsedStep ?? Number.NEGATIVE_INFINITY;
  let matched: number | undefined;
  // Every candidate is computed, so the time taken does not say which step matched.
  for (const step of [current - 1, current, current + 1]) {
    const isMatch = verifyHOTP(args.secret, BigInt(step), totpSettings.digits, code);
    if (isMatch && step > lastUsedStep && matched === undefined) matched = step;
  }
  return matched === undefined ? { ok: false } : { ok: true, step: matched };
}
