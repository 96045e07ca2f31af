/**
 * A relative date range, as `within` names it. `period` is a whole calendar unit `offset` units from
 * the current one (weeks start on Monday); `days` runs from the start of day `from` to the end of day
 * `to`, both counted from today; `past` and `future` are open-ended at now.
 */
export type WithinRange =
  | { kind: 'period'; unit: 'day' | 'week' | 'month' | 'quarter' | 'year'; offset: number }
  | { kind: 'days'; from: number; to: number }
  | { kind: 'past' }
  | { kind: 'future' };

/** The largest N in `lastNdays` / `nextNdays` (ten years). */
export const maxWithinDays = 3650;

const namedRanges: ReadonlyMap<string, WithinRange> = new Map<string, WithinRange>([
  ['today', { kind: 'period', unit: 'day', offset: 0 }],
  ['yesterday', { kind: 'period', unit: 'day', offset: -1 }],
  ['tomorrow', { kind: 'period', unit: 'day', offset: 1 }],
  ['thisWeek', { kind: 'period', unit: 'week', offset: 0 }],
  ['lastWeek', { kind: 'period', unit: 'week', offset: -1 }],
  ['nextWeek', { kind: 'period', unit: 'week', offset: 1 }],
  ['thisMonth', { kind: 'period', unit: 'month', offset: 0 }],
  ['lastMonth', { kind: 'period', unit: 'month', offset: -1 }],
  ['nextMonth', { kind: 'period', unit: 'month', offset: 1 }],
  ['thisQuarter', { kind: 'period', unit: 'quarter', offset: 0 }],
  ['lastQuarter', { kind: 'period', unit: 'quarter', offset: -1 }],
  ['nextQuarter', { kind: 'period', unit: 'quarter', offset: 1 }],
  ['thisYear', { kind: 'period', unit: 'year', offset: 0 }],
  ['lastYear', { kind: 'period', unit: 'year', offset: -1 }],
  ['nextYear', { kind: 'period', unit: 'year', offset: 1 }],
  ['past', { kind: 'past' }],
  ['future', { kind: 'future' }],
]);

const dayCountPattern = /^(last|next)([1-9][0-9]{0,3})days$/;

/** The range a `within` operand names (`thisWeek`, `last30days`, `past`, …), or `undefined` if none. */
export function parseWithin(value: unknown): WithinRange | undefined {
  if (typeof value !== 'string') return undefined;
  const named = namedRanges.get(value);
  if (named) return named;
  const match = dayCountPattern.exec(value);
  const days = Number(match?.[2]);
  if (!match || days > maxWithinDays) return undefined;
  return match[1] === 'last' ? { kind: 'days', from: -days, to: 0 } : { kind: 'days', from: 0, to: days };
}
