import { createTOTPKeyURI } from '@oslojs/otp';
import { totpSettings } from './totp-settings.ts';

/** A new TOTP secret and the `otpauth://` URI an authenticator app imports (usually as a QR code). */
export type TotpEnrolment = { secret: Uint8Array; uri: string };

/**
 * Starts TOTP enrolment: a random 160-bit secret and its `otpauth://totp/Issuer:account?…` URI. Keep
 * the secret server-side until the user proves it with a first `verifyTotp`, then store it; show the
 * URI (or its QR code) once and never return the secret again.
 */
export function createTotpEnrolment(args: { issuer: string; accountName: string }): TotpEnrolment {
  const secret = new Uint8Array(totpSettings.secretBytes);
  crypto.getRandomValues(secret);
  const uri = createTOTPKeyURI(
    args.issuer,
    args.accountName,
    secret,
    totpSettings.periodSeconds,
    totpSettings.digits,
  );
  return { secret, uri };
}
