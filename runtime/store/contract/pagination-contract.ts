import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import type { RecordDoc, SortKey, Store } from '../types.ts';
import type { ContractContext } from './contract-context.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };

/** Every page of a list, following cursors; `between` runs after each page but the last. */
async function readAllPages(args: {
  store: Store;
  sort?: readonly SortKey[];
  limit: number;
  between?: (pageIndex: number) => Promise<void>;
}): Promise<RecordDoc[]> {
  const records: RecordDoc[] = [];
  let cursor: string | undefined;
  for (let pageIndex = 0; pageIndex < 1000; pageIndex += 1) {
    const page = await args.store.find({
      module: 'items',
      where: everything,
      sort: args.sort,
      limit: args.limit,
      cursor,
    });
    records.push(...page.records);
    if (page.nextCursor === null) return records;
    cursor = page.nextCursor;
    await args.between?.(pageIndex);
  }
  throw new Error('pagination did not end');
}

const names = ['kiwi', 'apple', null, 'Apple', 'mango', undefined, 'apple', 'zucchini', 'élan', ''];

/** Keyset pagination: limits, cursors bound to their sort, stability while records are inserted. */
export function paginationContract(ctx: ContractContext): void {
  const seed = async (count: number) => {
    const store = ctx.store();
    for (let index = 0; index < count; index += 1) {
      const name = names[index % names.length];
      const fields = name === undefined ? {} : { name };
      await store.insert({
        module: 'items',
        doc: makeRecord({ id: `r${String(index).padStart(3, '0')}`, sequence: index, fields }),
      });
    }
    return store;
  };

  it('returns every record exactly once across pages while records are inserted between pages', async () => {
    const store = await seed(30);
    let inserted = 0;
    const records = await readAllPages({
      store,
      sort: [{ field: 'name', direction: 'asc' }],
      limit: 7,
      between: async () => {
        for (const name of ['aardvark', 'zzz', null]) {
          inserted += 1;
          await store.insert({
            module: 'items',
            doc: makeRecord({ id: `new${inserted}`, sequence: 100 + inserted, fields: { name } }),
          });
        }
      },
    });
    const ids = records.map((record) => record.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (let index = 0; index < 30; index += 1) expect(ids).toContain(`r${String(index).padStart(3, '0')}`);
    expect(inserted).toBeGreaterThan(0);
  });

  it('pages by id when no sort is given, ending with a null cursor', async () => {
    const store = await seed(10);
    const first = await store.find({ module: 'items', where: everything, limit: 4 });
    expect(first.records.map((record) => record.id)).toEqual(['r000', 'r001', 'r002', 'r003']);
    expect(first.nextCursor).not.toBeNull();
    const all = await readAllPages({ store, limit: 4 });
    expect(all.map((record) => record.id)).toEqual(Array.from({ length: 10 }, (_, index) => `r00${index}`));
    const exact = await store.find({ module: 'items', where: everything, limit: 10 });
    expect(exact.nextCursor).toBeNull();
  });

  it('refuses a cursor made for another sort with INVALID_CURSOR', async () => {
    const store = await seed(10);
    const page = await store.find({
      module: 'items',
      where: everything,
      sort: [{ field: 'name', direction: 'asc' }],
      limit: 3,
    });
    const cursor = page.nextCursor ?? '';
    for (const sort of [
      [],
      [{ field: 'name', direction: 'desc' }],
      [{ field: 'quantity', direction: 'asc' }],
    ] as const) {
      await expect(
        store.find({ module: 'items', where: everything, sort, limit: 3, cursor }),
      ).rejects.toMatchObject({
        code: 'INVALID_CURSOR',
        status: 400,
      });
    }
  });

  it('refuses a cursor made for another module with INVALID_CURSOR', async () => {
    const store = await seed(5);
    await store.insert({ module: 'vendors', doc: makeRecord({ id: 'v1' }) });
    await store.insert({ module: 'vendors', doc: makeRecord({ id: 'v2' }) });
    const page = await store.find({ module: 'vendors', where: everything, limit: 1 });
    await expect(
      store.find({ module: 'items', where: everything, limit: 3, cursor: page.nextCursor ?? '' }),
    ).rejects.toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
  });

  it('refuses a malformed cursor with INVALID_CURSOR', async () => {
    const store = await seed(3);
    for (const cursor of [
      '',
      'not a cursor',
      'eyJ4IjoxfQ',
      '%%%',
      Buffer.from('[1,"items",[],[]]').toString('base64url'),
    ]) {
      await expect(
        store.find({ module: 'items', where: everything, limit: 3, cursor }),
      ).rejects.toMatchObject({
        code: 'INVALID_CURSOR',
        status: 400,
      });
    }
  });

  it('refuses a limit outside 1 to 1000 with INVALID_LIMIT', async () => {
    const store = await seed(3);
    for (const limit of [0, -1, 1001, 2.5, Number.NaN]) {
      await expect(store.find({ module: 'items', where: everything, limit })).rejects.toMatchObject({
        code: 'INVALID_LIMIT',
        status: 400,
      });
      await expect(
        store.search({ module: 'items', where: everything, text: 'apple', limit }),
      ).rejects.toMatchObject({
        code: 'INVALID_LIMIT',
        status: 400,
      });
    }
    expect((await store.find({ module: 'items', where: everything, limit: 1000 })).records).toHaveLength(3);
  });
}
