import { parseWithin } from './parse-within.ts';

const dayMs = 86_400_000;

/** One bound of a resolved `within` range. */
export type WithinBound = { op: 'gte' | 'lte' | 'lt' | 'gt'; value: string };

/** First and last day (UTC midnight, ms) of the period `offset` units away from the one holding `today`. */
function periodDays(args: {
  today: Date;
  unit: 'day' | 'week' | 'month' | 'quarter' | 'year';
  offset: number;
}): { first: number; last: number } {
  const year = args.today.getUTCFullYear();
  const month = args.today.getUTCMonth();
  const todayMs = Date.UTC(year, month, args.today.getUTCDate());
  const periods = {
    day: () => ({ first: todayMs + args.offset * dayMs, last: todayMs + args.offset * dayMs }),
    week: () => {
      const monday = todayMs - ((args.today.getUTCDay() + 6) % 7) * dayMs + args.offset * 7 * dayMs;
      return { first: monday, last: monday + 6 * dayMs };
    },
    month: () => ({
      first: Date.UTC(year, month + args.offset, 1),
      last: Date.UTC(year, month + args.offset + 1, 0),
    }),
    quarter: () => {
      const firstMonth = Math.floor(month / 3) * 3 + args.offset * 3;
      return { first: Date.UTC(year, firstMonth, 1), last: Date.UTC(year, firstMonth + 3, 0) };
    },
    year: () => ({ first: Date.UTC(year + args.offset, 0, 1), last: Date.UTC(year + args.offset, 11, 31) }),
  };
  return periods[args.unit]();
}

/**
 * The concrete bounds a `within` operand stands for at `now`, in UTC: inclusive `gte`/`lte` for
 * calendar ranges (`YYYY-MM-DD` for date fields; for dateTime fields ISO strings from the first to
 * the last millisecond), and `lt`/`gt` now for `past`/`future` (today for date fields).
 * Throws on an operand `parseWithin` does not accept.
 */
export function withinRange(args: { within: string; now: Date; isDateTime: boolean }): WithinBound[] {
  const range = parseWithin(args.within);
  if (!range) throw new Error(`not a within range: ${args.within}`);
  const now = args.isDateTime ? args.now.toISOString() : args.now.toISOString().slice(0, 10);
  if (range.kind === 'past') return [{ op: 'lt', value: now }];
  if (range.kind === 'future') return [{ op: 'gt', value: now }];
  const todayMs = Date.UTC(args.now.getUTCFullYear(), args.now.getUTCMonth(), args.now.getUTCDate());
  const { first, last } =
    range.kind === 'days'
      ? { first: todayMs + range.from * dayMs, last: todayMs + range.to * dayMs }
      : periodDays({ today: args.now, unit: range.unit, offset: range.offset });
  const format = (ms: number) => new Date(ms).toISOString();
  if (args.isDateTime) {
    return [
      { op: 'gte', value: format(first) },
      { op: 'lte', value: format(last + dayMs - 1) },
    ];
  }
  return [
    { op: 'gte', value: format(first).slice(0, 10) },
    { op: 'lte', value: format(last).slice(0, 10) },
  ];
}
