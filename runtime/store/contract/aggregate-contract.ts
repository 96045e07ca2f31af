import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import type { AggregateMetric } from '../types.ts';
import type { ContractContext } from './contract-context.ts';
import { contractFilter } from './contract-filter.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };

const metrics: AggregateMetric[] = [
  { fn: 'count', as: 'count' },
  { fn: 'sum', field: 'price', as: 'total' },
  { fn: 'avg', field: 'price', as: 'average' },
  { fn: 'min', field: 'quantity', as: 'fewest' },
  { fn: 'max', field: 'quantity', as: 'most' },
];

/** Grouped counts, sums, averages, minimums and maximums. */
export function aggregateContract(ctx: ContractContext): void {
  const seed = async () => {
    const store = ctx.store();
    const items: Array<Record<string, unknown>> = [
      { status: 'open', price: 10, quantity: 1, isActive: true },
      { status: 'open', price: 20.5, quantity: 5, isActive: false },
      { status: 'open', quantity: 3, isActive: true },
      { status: 'won', price: 100, isActive: true },
      { status: 'won', price: null, quantity: null },
      { price: 7, quantity: 2 },
      { status: null, price: 3, quantity: 8, isActive: false },
      { status: 'lost', price: 1000, quantity: 1000 },
    ];
    for (const [index, fields] of items.entries()) {
      await store.insert({ module: 'items', doc: makeRecord({ id: `a${index}`, sequence: index, fields }) });
    }
    await store.remove({
      module: 'items',
      id: 'a7',
      where: everything,
      deletedAt: '2026-02-01T00:00:00.000Z',
      deletedBy: 'u1',
    });
    return store;
  };

  it('groups by a select field with count, sum, avg, min and max, leaving out empty groups', async () => {
    const store = await seed();
    const rows = await store.aggregate({ module: 'items', where: everything, groupBy: ['status'], metrics });
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        { group: { status: null }, values: { count: 2, total: 10, average: 5, fewest: 2, most: 8 } },
        { group: { status: 'open' }, values: { count: 3, total: 30.5, average: 15.25, fewest: 1, most: 5 } },
        {
          group: { status: 'won' },
          values: { count: 2, total: 100, average: 100, fewest: null, most: null },
        },
      ]),
    );
  });

  it('computes totals over all matching records without groupBy', async () => {
    const store = await seed();
    const rows = await store.aggregate({ module: 'items', where: everything, groupBy: [], metrics });
    expect(rows).toEqual([
      { group: {}, values: { count: 7, total: 140.5, average: 140.5 / 5, fewest: 1, most: 8 } },
    ]);
  });

  it('returns no rows when no record matches', async () => {
    const store = await seed();
    const none = contractFilter({ module: 'items', json: { status: { eq: 'new' } } });
    expect(await store.aggregate({ module: 'items', where: none, groupBy: ['status'], metrics })).toEqual([]);
    expect(await store.aggregate({ module: 'items', where: none, groupBy: [], metrics })).toEqual([]);
  });

  it('applies where and groups by two fields, keeping boolean group values', async () => {
    const store = await seed();
    const open = contractFilter({ module: 'items', json: { status: { eq: 'open' } } });
    const rows = await store.aggregate({
      module: 'items',
      where: open,
      groupBy: ['status', 'isActive'],
      metrics: [{ fn: 'count', as: 'count' }],
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        { group: { status: 'open', isActive: true }, values: { count: 2 } },
        { group: { status: 'open', isActive: false }, values: { count: 1 } },
      ]),
    );
    expect(rows).toHaveLength(2);
  });

  it('groups by a system field', async () => {
    const store = await seed();
    const rows = await store.aggregate({
      module: 'items',
      where: everything,
      groupBy: ['owner'],
      metrics: [{ fn: 'count', as: 'count' }],
    });
    expect(rows).toEqual([{ group: { owner: 'u1' }, values: { count: 7 } }]);
  });
}
