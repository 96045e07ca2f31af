import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import type { RecordDoc, Store } from '../types.ts';
import type { ContractContext } from './contract-context.ts';
import { contractFilter } from './contract-filter.ts';
import { contractModules } from './contract-modules.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };

async function everyRecord(args: { store: Store; module: string }): Promise<RecordDoc[]> {
  const live = await args.store.find({ module: args.module, where: everything, limit: 100 });
  const deleted = await args.store.find({
    module: args.module,
    where: everything,
    limit: 100,
    deleted: 'only',
  });
  return [...live.records, ...deleted.records].sort((a, b) => a.id.localeCompare(b.id));
}

function without(record: RecordDoc | undefined, keys: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...record };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * Explicit purges of archived data: `purgeField` (values and archive copies gone from live and
 * deleted records, nothing else touched, search in step), `purgeDeleted` (hard delete of
 * soft-deleted records only) and `dropModule`.
 */
export function purgeContract(ctx: ContractContext): void {
  const seed = async () => {
    const store = ctx.store();
    const rows: Array<[string, Record<string, unknown>]> = [
      ['p1', { name: 'Alpha', description: 'zebra crossing', Archive3description: 'old one' }],
      ['p2', { name: 'Beta', description: 'zebra herd', status: 'won' }],
      ['p3', { name: 'Gamma', quantity: 3 }],
      ['p4', { name: 'Delta', description: null, status: 'won' }],
    ];
    for (const [index, [id, fields]] of rows.entries()) {
      await store.insert({ module: 'items', doc: makeRecord({ id, sequence: index, fields }) });
    }
    await store.insert({
      module: 'vendors',
      doc: makeRecord({ id: 'v1', fields: { name: 'Acme', sku: 'A' } }),
    });
    await store.remove({
      module: 'items',
      id: 'p2',
      where: everything,
      deletedAt: '2026-02-01T00:00:00.000Z',
      deletedBy: 'u2',
    });
    await store.remove({
      module: 'items',
      id: 'p4',
      where: everything,
      deletedAt: '2026-04-01T00:00:00.000Z',
      deletedBy: 'u2',
    });
    return store;
  };

  it('purgeField removes the field and its archive copies from live and deleted records, and nothing else', async () => {
    const store = await seed();
    const before = await everyRecord({ store, module: 'items' });
    const vendorsBefore = await everyRecord({ store, module: 'vendors' });
    const purged = await store.purgeField({
      module: 'items',
      field: 'description',
      archiveKeys: ['Archive3description'],
    });
    expect(purged).toBe(3);
    const after = await everyRecord({ store, module: 'items' });
    expect(after.map((record) => record.id)).toEqual(['p1', 'p2', 'p3', 'p4']);
    for (const [index, record] of after.entries()) {
      expect(record).not.toHaveProperty('description');
      expect(record).not.toHaveProperty('Archive3description');
      // Everything else, version and updatedAt included, is as it was.
      expect(record).toEqual(without(before[index], ['description', 'Archive3description']));
    }
    expect(await everyRecord({ store, module: 'vendors' })).toEqual(vendorsBefore);
    const found = await store.search({ module: 'items', where: everything, text: 'zebra', limit: 10 });
    expect(found.records).toEqual([]);
    expect(await store.purgeField({ module: 'items', field: 'description' })).toBe(0);
  });

  it('purgeField refuses system fields and malformed keys, changing nothing', async () => {
    const store = await seed();
    const before = await everyRecord({ store, module: 'items' });
    for (const field of ['version', 'deletedAt', 'a.b', '$set', '']) {
      await expect(store.purgeField({ module: 'items', field })).rejects.toMatchObject({
        code: 'INVALID_WRITE',
      });
    }
    await expect(
      store.purgeField({ module: 'items', field: 'description', archiveKeys: ['owner'] }),
    ).rejects.toMatchObject({ code: 'INVALID_WRITE' });
    expect(await everyRecord({ store, module: 'items' })).toEqual(before);
  });

  it('purgeDeleted hard-deletes soft-deleted records inside where, never live ones', async () => {
    const store = await seed();
    const won = contractFilter({ module: 'items', json: { status: { eq: 'won' } } });
    expect(
      await store.purgeDeleted({ module: 'items', where: won, olderThan: '2026-03-01T00:00:00.000Z' }),
    ).toBe(1);
    expect((await everyRecord({ store, module: 'items' })).map((record) => record.id)).toEqual([
      'p1',
      'p3',
      'p4',
    ]);
    expect(await store.purgeDeleted({ module: 'items', where: everything })).toBe(1);
    expect(await store.count({ module: 'items', where: everything, deleted: 'only' })).toBe(0);
    expect(await store.count({ module: 'items', where: everything })).toBe(2);
    await expect(
      store.purgeDeleted({ module: 'items', where: everything, olderThan: 'yesterday' }),
    ).rejects.toMatchObject({ code: 'INVALID_WRITE' });
  });

  it('dropModule deletes every record of a module; ensureSchema brings it back empty', async () => {
    const store = await seed();
    expect(await store.dropModule({ module: 'items' })).toBe(4);
    expect(await store.dropModule({ module: 'items' })).toBe(0);
    await store.ensureSchema(contractModules);
    expect(await store.count({ module: 'items', where: everything })).toBe(0);
    expect(await store.count({ module: 'items', where: everything, deleted: 'only' })).toBe(0);
    expect(await store.search({ module: 'items', where: everything, text: 'zebra', limit: 10 })).toEqual({
      records: [],
      nextCursor: null,
    });
    await store.insert({ module: 'items', doc: makeRecord({ id: 'p1', fields: { name: 'Again' } }) });
    expect(await store.count({ module: 'items', where: everything })).toBe(1);
    expect(await store.count({ module: 'vendors', where: everything })).toBe(1);
  });

  it('refuses dropModule inside a transaction', async () => {
    const store = await seed();
    await expect(store.transaction((tx) => tx.dropModule({ module: 'vendors' }))).rejects.toThrow();
    expect(await store.count({ module: 'vendors', where: everything })).toBe(1);
  });
}
