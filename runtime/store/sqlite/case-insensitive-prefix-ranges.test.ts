import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseInsensitivePrefixRanges, type TextRange } from './case-insensitive-prefix-ranges.ts';

/** SQLite compares text as UTF-8 bytes, which is code point order (not JavaScript's UTF-16 order). */
function compareCodePoints(left: string, right: string): number {
  const a = [...left].map((char) => char.codePointAt(0) ?? 0);
  const b = [...right].map((char) => char.codePointAt(0) ?? 0);
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

function isInside(value: string, range: TextRange): boolean {
  const isAboveLow = compareCodePoints(value, range.low) >= 0;
  return isAboveLow && (range.high === undefined || compareCodePoints(value, range.high) < 0);
}

describe('caseInsensitivePrefixRanges', () => {
  it('covers both cases of an ASCII letter, in order', () => {
    expect(caseInsensitivePrefixRanges('sm')).toEqual([
      { low: 'S', high: 'T' },
      { low: 's', high: 't' },
    ]);
  });

  it('includes the letters whose lower case is the prefix letter (Kelvin sign, dotted capital I)', () => {
    expect(caseInsensitivePrefixRanges('k')?.map((range) => range.low)).toEqual(['K', 'k', '\u212a']);
    expect(caseInsensitivePrefixRanges('i\u0307')?.map((range) => range.low)).toEqual(['I', 'i', '\u0130']);
  });

  it('gives one range for a character without case, and none for an empty prefix', () => {
    expect(caseInsensitivePrefixRanges('7a')).toEqual([{ low: '7', high: '8' }]);
    expect(caseInsensitivePrefixRanges('')).toBeNull();
  });

  it('steps over the surrogate block and leaves the last code point unbounded', () => {
    expect(caseInsensitivePrefixRanges('\ud7ff')).toEqual([{ low: '\ud7ff', high: '\ue000' }]);
    expect(caseInsensitivePrefixRanges('\u{10ffff}')).toEqual([{ low: '\u{10ffff}' }]);
  });

  it('never leaves out a value whose lower case starts with the prefix', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 6 });
    fc.assert(
      fc.property(text, text, (head, tail) => {
        const value = head + tail;
        const prefix = head.toLowerCase();
        const ranges = caseInsensitivePrefixRanges(prefix);
        if (ranges === null) return;
        expect(ranges.some((range) => isInside(value, range))).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
