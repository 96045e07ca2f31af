import { describe, expect, it } from 'vitest';
import { normalizeRecoveryCode } from './normalize-recovery-code.ts';

describe('normalizeRecoveryCode', () => {
  it('drops hyphens and spaces and lower-cases', () => {
    expect(normalizeRecoveryCode(' ABCD-efgh ijkl-MNOP ')).toBe('abcdefghijklmnop');
  });

  it.each(['abcdefghijklmno', 'abcdefghijklmnopq', 'abcdefghijklmno0', 'x'.repeat(100)])(
    'refuses %s',
    (code) => {
      expect(normalizeRecoveryCode(code)).toBeNull();
    },
  );
});
