import { describe, expect, it } from 'vitest';
import { normalizePassword } from './normalize-password.ts';

describe('normalizePassword', () => {
  it('composes a decomposed accent', () => {
    expect(normalizePassword('cafe\u0301')).toBe('caf\u00e9');
  });

  it('folds compatibility forms such as full-width letters', () => {
    expect(normalizePassword('ｐａｓｓ')).toBe('pass');
  });

  it('keeps case and spaces', () => {
    expect(normalizePassword('Correct Horse')).toBe('Correct Horse');
  });
});
