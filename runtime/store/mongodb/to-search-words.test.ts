import { describe, expect, it } from 'vitest';
import { toSearchWords } from './to-search-words.ts';

describe('toSearchWords', () => {
  it('splits on whitespace and keeps words with a letter or digit', () => {
    expect(toSearchWords('  falcon   Peregrine * () 42 ')).toEqual(['falcon', 'Peregrine', '42']);
  });

  it('drops quotes and backslashes, the only syntax inside a $text phrase', () => {
    expect(toSearchWords('"OR NEAR(')).toEqual(['OR', 'NEAR(']);
    expect(toSearchWords('fal"con back\\slash \\')).toEqual(['fal', 'con', 'back', 'slash']);
  });

  it('keeps a leading minus inside the word, where a quoted phrase reads it literally', () => {
    expect(toSearchWords('-falcon')).toEqual(['-falcon']);
  });

  it('keeps non-ASCII words', () => {
    expect(toSearchWords('Ærø Zoë café')).toEqual(['Ærø', 'Zoë', 'café']);
  });

  it('keeps at most 32 words', () => {
    expect(toSearchWords(Array.from({ length: 40 }, (_, index) => `w${index}`).join(' '))).toHaveLength(32);
  });
});
