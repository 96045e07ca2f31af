import { describe, expect, it } from 'vitest';
import { withinRange } from './within-range.ts';

const now = new Date('2026-03-15T12:00:00.000Z');

describe('withinRange', () => {
  it('gives inclusive day bounds for date fields', () => {
    expect(withinRange({ within: 'thisWeek', now, isDateTime: false })).toEqual([
      { op: 'gte', value: '2026-03-09' },
      { op: 'lte', value: '2026-03-15' },
    ]);
  });

  it('gives millisecond bounds for dateTime fields', () => {
    expect(withinRange({ within: 'next7days', now, isDateTime: true })).toEqual([
      { op: 'gte', value: '2026-03-15T00:00:00.000Z' },
      { op: 'lte', value: '2026-03-22T23:59:59.999Z' },
    ]);
  });

  it('counts in UTC whatever the local time zone', () => {
    const lateInNewYork = new Date('2026-03-31T22:00:00.000-04:00');
    expect(withinRange({ within: 'thisMonth', now: lateInNewYork, isDateTime: false })).toEqual([
      { op: 'gte', value: '2026-04-01' },
      { op: 'lte', value: '2026-04-30' },
    ]);
  });

  it('throws on a name it does not know', () => {
    expect(() => withinRange({ within: 'someday', now, isDateTime: false })).toThrow();
  });
});
