import { describe, expect, it } from 'vitest';
import { isWithinSupportPeriod } from './is-within-support-period.ts';

type Row = {
  why: string;
  supportStart?: string | null;
  supportEnd?: string | null;
  at: string;
  isWithin: boolean;
};

// biome-ignore format: one row per line reads as a table
const rows: Row[] = [
  { why: 'no dates', at: '2026-03-15T12:00:00.000Z', isWithin: true },
  { why: 'null dates count as absent', supportStart: null, supportEnd: null, at: '2026-03-15T12:00:00.000Z', isWithin: true },
  { why: 'the first day, at midnight UTC', supportStart: '2026-03-15', at: '2026-03-15T00:00:00.000Z', isWithin: true },
  { why: 'the day before the start', supportStart: '2026-03-15', at: '2026-03-14T23:59:59.999Z', isWithin: false },
  { why: 'the last day, just before midnight UTC', supportEnd: '2026-03-15', at: '2026-03-15T23:59:59.999Z', isWithin: true },
  { why: 'the day after the end', supportEnd: '2026-03-15', at: '2026-03-16T00:00:00.000Z', isWithin: false },
  { why: 'between both ends', supportStart: '2026-01-01', supportEnd: '2026-12-31', at: '2026-06-30T08:00:00.000Z', isWithin: true },
  { why: 'an end before the start', supportStart: '2026-12-31', supportEnd: '2026-01-01', at: '2026-06-30T08:00:00.000Z', isWithin: false },
  { why: 'a start that is not a day', supportStart: '2026-1-1', at: '2026-06-30T08:00:00.000Z', isWithin: false },
  { why: 'an end that is not a real day', supportEnd: '2026-02-30', at: '2026-01-30T08:00:00.000Z', isWithin: false },
  { why: 'an empty end', supportEnd: '', at: '2026-01-30T08:00:00.000Z', isWithin: false },
  { why: 'an end with a time', supportEnd: '2026-12-31T00:00:00Z', at: '2026-01-30T08:00:00.000Z', isWithin: false },
];

describe('isWithinSupportPeriod', () => {
  it.each(rows)('$why: $isWithin', (row) => {
    const user = { supportStart: row.supportStart, supportEnd: row.supportEnd } as {
      supportStart?: string;
      supportEnd?: string;
    };
    expect(isWithinSupportPeriod({ user, now: new Date(row.at) })).toBe(row.isWithin);
  });

  it('is false for an invalid clock', () => {
    expect(isWithinSupportPeriod({ user: {}, now: new Date(Number.NaN) })).toBe(false);
  });
});
