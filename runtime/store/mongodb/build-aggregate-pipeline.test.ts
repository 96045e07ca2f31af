import { aggregate } from 'mingo';
import { describe, expect, it } from 'vitest';
import { filterCaseRecords } from '../../../test/fixtures/filter-cases.ts';
import type { AggregateMetric } from '../types.ts';
import { buildAggregatePipeline } from './build-aggregate-pipeline.ts';
import { readAggregateRows } from './read-aggregate-rows.ts';

const people: Array<Record<string, unknown>> = (filterCaseRecords.people ?? []).map(({ id, ...rest }) => ({
  _id: String(id),
  ...rest,
  deletedAt: null,
}));

const metrics: AggregateMetric[] = [
  { fn: 'count', as: 'n' },
  { fn: 'sum', field: 'revenue', as: 'revenue' },
  { fn: 'avg', field: 'score', as: 'meanScore' },
  { fn: 'min', field: 'age', as: 'youngest' },
  { fn: 'max', field: 'age', as: 'oldest' },
];

function run(args: { match: Record<string, unknown>; groupBy: string[]; metrics: AggregateMetric[] }) {
  const pipeline = buildAggregatePipeline(args);
  return readAggregateRows({
    documents: aggregate(people, pipeline),
    groupBy: args.groupBy,
    metrics: args.metrics,
  });
}

function numbers(values: unknown[]): number[] {
  return values.filter((value): value is number => typeof value === 'number');
}

/** The same aggregate worked out in plain TypeScript. */
function reference(status: string | null) {
  const group = people.filter((person) => (person.status ?? null) === status);
  const revenue = numbers(group.map((person) => person.revenue));
  const scores = numbers(group.map((person) => person.score));
  const ages = numbers(group.map((person) => person.age));
  return {
    group: { status },
    values: {
      n: group.length,
      revenue: revenue.length === 0 ? null : revenue.reduce((sum, value) => sum + value, 0),
      meanScore: scores.length === 0 ? null : scores.reduce((sum, value) => sum + value, 0) / scores.length,
      youngest: ages.length === 0 ? null : Math.min(...ages),
      oldest: ages.length === 0 ? null : Math.max(...ages),
    },
  };
}

describe('buildAggregatePipeline with readAggregateRows (checked with mingo)', () => {
  it('groups by a field, missing and null together, with count, sum, avg, min and max', () => {
    const rows = run({ match: {}, groupBy: ['status'], metrics });
    const statuses = [null, 'active', 'churned', 'lead', 'on-hold'];
    expect(rows.map((row) => row.group.status)).toEqual(statuses);
    for (const [index, status] of statuses.entries()) {
      const row = rows[index];
      const expected = reference(status);
      expect(row?.group).toEqual(expected.group);
      expect(row?.values.n).toBe(expected.values.n);
      expect(row?.values.revenue).toBe(expected.values.revenue);
      expect(row?.values.youngest).toBe(expected.values.youngest);
      expect(row?.values.oldest).toBe(expected.values.oldest);
      if (expected.values.meanScore === null) expect(row?.values.meanScore).toBeNull();
      else expect(row?.values.meanScore).toBeCloseTo(expected.values.meanScore, 10);
    }
  });

  it('gives null, not 0, for a sum over no numbers', () => {
    const rows = run({
      match: { _id: { $eq: 'p11' } },
      groupBy: [],
      metrics: [{ fn: 'sum', field: 'revenue', as: 'total' }],
    });
    expect(rows).toEqual([{ group: {}, values: { total: null } }]);
  });

  it('applies the $match stage', () => {
    const rows = run({
      match: { isVip: { $eq: true } },
      groupBy: ['isVip'],
      metrics: [{ fn: 'count', as: 'n' }],
    });
    const vips = people.filter((person) => person.isVip === true).length;
    expect(rows).toEqual([{ group: { isVip: true }, values: { n: vips } }]);
  });

  it('returns no rows over no records', () => {
    expect(run({ match: { _id: { $in: [] } }, groupBy: [], metrics: [{ fn: 'count', as: 'n' }] })).toEqual(
      [],
    );
  });

  it('groups by several fields, ordered by their values', () => {
    const rows = run({ match: {}, groupBy: ['isVip', 'status'], metrics: [{ fn: 'count', as: 'n' }] });
    const total = rows.reduce((sum, row) => sum + (row.values.n ?? 0), 0);
    expect(total).toBe(people.length);
    expect(rows[0]?.group).toEqual({ isVip: null, status: null });
  });

  it('uses only $match and $group stages, and positional names for keys and metrics', () => {
    const pipeline = buildAggregatePipeline({ match: {}, groupBy: ['status'], metrics });
    expect(pipeline.map((stage) => Object.keys(stage))).toEqual([['$match'], ['$group']]);
    expect(Object.keys(pipeline[1]?.$group as object)).toEqual(['_id', 'm0', 'm1', 'n1', 'm2', 'm3', 'm4']);
  });

  it('refuses a field name that could be an operator or a path', () => {
    expect(() => buildAggregatePipeline({ match: {}, groupBy: ['$where'], metrics })).toThrow(
      /not a storable field name/,
    );
    expect(() =>
      buildAggregatePipeline({ match: {}, groupBy: [], metrics: [{ fn: 'sum', field: 'a.b', as: 'x' }] }),
    ).toThrow(/not a storable field name/);
  });
});
