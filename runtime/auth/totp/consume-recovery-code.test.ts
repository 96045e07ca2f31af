import { describe, expect, it } from 'vitest';
import { consumeRecoveryCode } from './consume-recovery-code.ts';
import { generateRecoveryCodes } from './generate-recovery-codes.ts';

describe('consumeRecoveryCode', () => {
  it('accepts a code and answers the remaining hashes without it', () => {
    const { codes, hashes } = generateRecoveryCodes(3);
    expect(consumeRecoveryCode({ hashes, code: codes[1] ?? '' })).toEqual([hashes[0], hashes[2]]);
  });

  it('works once: the code is refused against the remaining hashes', () => {
    const { codes, hashes } = generateRecoveryCodes(3);
    const code = codes[0] ?? '';
    const remaining = consumeRecoveryCode({ hashes, code }) ?? [];
    expect(remaining).toHaveLength(2);
    expect(consumeRecoveryCode({ hashes: remaining, code })).toBeNull();
  });

  it('accepts a code typed in upper case, without hyphens or with spaces', () => {
    const { codes, hashes } = generateRecoveryCodes(1);
    const code = codes[0] ?? '';
    expect(consumeRecoveryCode({ hashes, code: code.toUpperCase() })).toEqual([]);
    expect(consumeRecoveryCode({ hashes, code: code.replaceAll('-', '') })).toEqual([]);
    expect(consumeRecoveryCode({ hashes, code: ` ${code.replaceAll('-', ' ')} ` })).toEqual([]);
  });

  it('refuses a code from another set', () => {
    const { hashes } = generateRecoveryCodes(10);
    const other = generateRecoveryCodes(1).codes[0] ?? '';
    expect(consumeRecoveryCode({ hashes, code: other })).toBeNull();
  });

  it.each(['', 'abcd', 'abcd-efgh-ijkl-mno1', 'x'.repeat(10_000)])(
    'refuses the malformed code "%s"',
    (code) => {
      const { hashes } = generateRecoveryCodes(2);
      expect(consumeRecoveryCode({ hashes, code })).toBeNull();
    },
  );

  it('refuses every code when no hashes remain', () => {
    const { codes } = generateRecoveryCodes(1);
    expect(consumeRecoveryCode({ hashes: [], code: codes[0] ?? '' })).toBeNull();
  });
});
