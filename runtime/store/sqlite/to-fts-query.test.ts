import { describe, expect, it } from 'vitest';
import { toFtsQuery } from './to-fts-query.ts';

describe('toFtsQuery', () => {
  it('quotes every word, doubling inner quotes', () => {
    expect(toFtsQuery({ text: 'falcon "OR NEAR( a"b' })).toBe('"falcon" """OR" "NEAR(" "a""b"');
  });

  it('drops words without a letter or digit', () => {
    expect(toFtsQuery({ text: '* ( ) "' })).toBeNull();
    expect(toFtsQuery({ text: '  ' })).toBeNull();
  });

  it('limits the search to the given columns', () => {
    expect(toFtsQuery({ text: 'falcon', columns: ['f_name', 'f_body'] })).toBe(
      '{f_name f_body} : ("falcon")',
    );
    expect(toFtsQuery({ text: 'falcon', columns: [] })).toBeNull();
  });

  it('keeps at most 32 words', () => {
    const query = toFtsQuery({ text: Array.from({ length: 40 }, (_, index) => `w${index}`).join(' ') });
    expect(query?.split(' ')).toHaveLength(32);
  });
});
