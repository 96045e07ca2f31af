import type { AggregateMetric, AggregateRow } from '../types.ts';

function read(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null ? Reflect.get(record, key) : undefined;
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function rank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number' || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return 2;
  return 3;
}

/** Nulls first, then numbers (false and true as 0 and 1), then strings by code unit — as SQLite orders groups. */
function compareValues(left: unknown, right: unknown): number {
  const byRank = rank(left) - rank(right);
  if (byRank !== 0) return byRank;
  if (rank(left) === 1) return Number(left) - Number(right);
  const a = String(left);
  const b = String(right);
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * Rows of an aggregate from the `$group` output of `buildAggregatePipeline`: group values by field
 * name, metrics by their `as` (null where no numeric value went in), sorted by the group values. No
 * records, no rows — with or without `groupBy`.
 */
export function readAggregateRows(args: {
  documents: readonly unknown[];
  groupBy: readonly string[];
  metrics: readonly AggregateMetric[];
}): AggregateRow[] {
  const { groupBy, metrics } = args;
  const rows = args.documents.map((document): AggregateRow => {
    const id = read(document, '_id');
    const group: Record<string, unknown> = {};
    groupBy.forEach((field, index) => {
      group[field] = read(id, `g${index}`) ?? null;
    });
    const values: Record<string, number | null> = {};
    metrics.forEach((metric, index) => {
      const value = asNumber(read(document, `m${index}`));
      if (metric.fn === 'count') values[metric.as] = value ?? 0;
      else if (metric.fn === 'sum')
        values[metric.as] = (asNumber(read(document, `n${index}`)) ?? 0) > 0 ? value : null;
      else values[metric.as] = value;
    });
    return { group, values };
  });
  return rows.sort((left, right) => {
    for (const field of groupBy) {
      const order = compareValues(left.group[field], right.group[field]);
      if (order !== 0) return order;
    }
    return 0;
  });
}
