import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { describe, expect, it } from 'vitest';
import { createTotpEnrolment } from './create-totp-enrolment.ts';

describe('createTotpEnrolment', () => {
  it('creates a random 160-bit secret', () => {
    const first = createTotpEnrolment({ issuer: 'Atrium', accountName: 'ada@example.com' });
    const second = createTotpEnrolment({ issuer: 'Atrium', accountName: 'ada@example.com' });
    expect(first.secret).toHaveLength(20);
    expect(first.secret).not.toEqual(second.secret);
  });

  it('describes the secret in an otpauth URI with issuer, account, SHA1, 30 s and 6 digits', () => {
    const { secret, uri } = createTotpEnrolment({ issuer: 'Acme CRM', accountName: 'ada@example.com' });
    const url = new URL(uri);
    expect(url.protocol).toBe('otpauth:');
    expect(uri.startsWith('otpauth://totp/Acme%20CRM:ada%40example.com?')).toBe(true);
    expect(url.searchParams.get('issuer')).toBe('Acme CRM');
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('period')).toBe('30');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(decodeBase32IgnorePadding(url.searchParams.get('secret') ?? '')).toEqual(secret);
  });
});
