import { describe, expect, it } from 'vitest';
import { hasLoneSurrogate } from './has-lone-surrogate.ts';

describe('hasLoneSurrogate', () => {
  it('accepts text with complete surrogate pairs', () => {
    expect(hasLoneSurrogate('key 🔐 lock')).toBe(false);
  });

  it.each(['\uD800', 'a\uDBFFb', '\uDC00', 'a\uDFFF', '\uDC00\uD800'])(
    'finds the lone surrogate in %j',
    (text) => {
      expect(hasLoneSurrogate(text)).toBe(true);
    },
  );
});
