import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import type { RecordDoc, SortKey, Store } from '../types.ts';
import type { ContractContext } from './contract-context.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };
const recordCount = 16;

/** Values per sortable field: duplicates (ties broken by id), null and missing (`undefined`) included. */
const pools: Record<string, readonly unknown[]> = {
  name: ['kiwi', 'Apple', null, 'apple', 'élan', undefined, 'zeta', '', 'kiwi'],
  description: ['b', 'a', undefined, 'B'],
  body: ['<p>b</p>', null, '<p>a</p>'],
  phone: ['+1 555', '+33 1', null, '+1 555'],
  website: ['https://b.example', undefined, 'http://a.example'],
  code: ['I-0010', 'I-0002', 'I-0001', null],
  quantity: [3, -1, 0, 10, 3, null, undefined, 250],
  weight: [2.5, -0.5, 0, 2.5, null, 1e6, undefined],
  price: [100, 99.99, null, 0.01],
  discount: [50, 0, 12.5, undefined],
  stars: [5, 1, null, 3, 5],
  isActive: [true, false, null, undefined, false],
  dueOn: ['2026-01-02', '2025-12-31', null, '2026-01-02', undefined, '2024-02-29'],
  seenAt: ['2026-01-02T10:00:00.000Z', '2025-12-31T23:59:59.999Z', null, '2026-01-02T09:59:59.999Z'],
  status: ['open', 'new', null, 'won', undefined, 'lost'],
  vendor: ['v2', 'v1', 'v10', null, undefined],
  owner: ['u2', 'u1', null, 'u10'],
  createdBy: ['u3', null, 'u1'],
  updatedBy: ['u1', 'u2', null],
  version: [1, 3, 2, 3],
  createdAt: ['2026-01-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'],
  updatedAt: ['2026-02-01T00:00:00.000Z', '2026-01-15T00:00:00.000Z'],
};

const systemDefaults: ReadonlySet<string> = new Set([
  'owner',
  'createdBy',
  'updatedBy',
  'version',
  'createdAt',
  'updatedAt',
]);

function sortRecord(index: number): RecordDoc {
  const fields: Record<string, unknown> = {};
  Object.entries(pools).forEach(([field, pool], fieldIndex) => {
    const value = pool[(index * 7 + fieldIndex * 3) % pool.length];
    if (value !== undefined) fields[field] = value;
    else if (systemDefaults.has(field)) fields[field] = null;
  });
  fields.email = index % 3 === 0 ? null : `e${index}@example.com`;
  return makeRecord({ id: `s${String.fromCharCode(97 + index)}`, sequence: index, fields });
}

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

/** The store's order: missing and null smallest, numbers by value, false before true, strings by code unit. */
function compareValues({ left, right }: { left: unknown; right: unknown }): number {
  if (isAbsent(left) || isAbsent(right)) return Number(!isAbsent(left)) - Number(!isAbsent(right));
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  const [a, b] = [String(left), String(right)];
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function expectedOrder(args: { records: readonly RecordDoc[]; sort: readonly SortKey[] }): string[] {
  return [...args.records]
    .sort((left, right) => {
      for (const key of args.sort) {
        const order = compareValues({ left: left[key.field], right: right[key.field] });
        if (order !== 0) return key.direction === 'asc' ? order : -order;
      }
      return compareValues({ left: left.id, right: right.id });
    })
    .map((record) => record.id);
}

async function listAll(args: { store: Store; sort: readonly SortKey[] }): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pageIndex = 0; pageIndex < 100; pageIndex += 1) {
    const page = await args.store.find({
      module: 'items',
      where: everything,
      sort: args.sort,
      limit: 3,
      cursor,
    });
    ids.push(...page.records.map((record) => record.id));
    if (page.nextCursor === null) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

/** Sort on every sortable field type, both directions, across pages. */
export function sortContract(ctx: ContractContext): void {
  const seed = async () => {
    const store = ctx.store();
    const records = Array.from({ length: recordCount }, (_, index) => sortRecord(index));
    for (const doc of records) await store.insert({ module: 'items', doc });
    return { store, records };
  };
  const fields = ['id', 'email', ...Object.keys(pools)];

  for (const field of fields) {
    for (const direction of ['asc', 'desc'] as const) {
      it(`sorts by ${field} ${direction} with missing and null smallest and ties by id, across pages`, async () => {
        const { store, records } = await seed();
        const sort = [{ field, direction }];
        expect(await listAll({ store, sort })).toEqual(expectedOrder({ records, sort }));
      });
    }
  }

  it('sorts by several keys in mixed directions', async () => {
    const { store, records } = await seed();
    const sort: SortKey[] = [
      { field: 'status', direction: 'desc' },
      { field: 'isActive', direction: 'asc' },
      { field: 'quantity', direction: 'desc' },
    ];
    expect(await listAll({ store, sort })).toEqual(expectedOrder({ records, sort }));
  });

  it('refuses to sort on a field without an order, or an unknown field, with INVALID_SORT', async () => {
    const { store } = await seed();
    for (const field of ['tags', 'suppliers', 'meta', 'address', 'attachment', 'photo', 'nope']) {
      await expect(
        store.find({ module: 'items', where: everything, sort: [{ field, direction: 'asc' }], limit: 5 }),
      ).rejects.toMatchObject({ code: 'INVALID_SORT', status: 400 });
    }
  });
}
