import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import type { ContractContext } from './contract-context.ts';
import { contractFilter } from './contract-filter.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };
const deletedAt = '2026-02-01T00:00:00.000Z';

/** Soft delete, the recycle bin (`deleted: 'only'`) and restore. */
export function softDeleteContract(ctx: ContractContext): void {
  const seedAndRemove = async () => {
    const store = ctx.store();
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i1', sequence: 1, fields: { name: 'Falcon' } }),
    });
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i2', sequence: 2, fields: { name: 'Falcon' } }),
    });
    const removed = await store.remove({
      module: 'items',
      id: 'i1',
      where: everything,
      deletedAt,
      deletedBy: 'u5',
    });
    expect(removed).toBe(true);
    return store;
  };

  it('hides a soft-deleted record from find, get, count and search', async () => {
    const store = await seedAndRemove();
    const page = await store.find({ module: 'items', where: everything, limit: 10 });
    expect(page.records.map((record) => record.id)).toEqual(['i2']);
    expect(await store.get({ module: 'items', id: 'i1', where: everything })).toBeNull();
    expect(await store.count({ module: 'items', where: everything })).toBe(1);
    const found = await store.search({ module: 'items', where: everything, text: 'falcon', limit: 10 });
    expect(found.records.map((record) => record.id)).toEqual(['i2']);
  });

  it("shows only soft-deleted records, with deletedAt, when asked for deleted: 'only'", async () => {
    const store = await seedAndRemove();
    const page = await store.find({ module: 'items', where: everything, limit: 10, deleted: 'only' });
    expect(page.records.map((record) => record.id)).toEqual(['i1']);
    expect(page.records[0]?.deletedAt).toBe(deletedAt);
    expect(await store.count({ module: 'items', where: everything, deleted: 'only' })).toBe(1);
    const record = await store.get({ module: 'items', id: 'i1', where: everything, deleted: 'only' });
    expect(record).toMatchObject({ id: 'i1', deletedAt, deletedBy: 'u5', name: 'Falcon' });
    expect(await store.get({ module: 'items', id: 'i2', where: everything, deleted: 'only' })).toBeNull();
  });

  it('answers a second remove of the same record with false', async () => {
    const store = await seedAndRemove();
    expect(
      await store.remove({ module: 'items', id: 'i1', where: everything, deletedAt, deletedBy: 'u5' }),
    ).toBe(false);
  });

  it('answers an update of a soft-deleted record with notFound', async () => {
    const store = await seedAndRemove();
    const result = await store.update({
      module: 'items',
      id: 'i1',
      where: everything,
      expectedVersion: 2,
      set: { name: 'x' },
      updatedAt: deletedAt,
      updatedBy: 'u1',
    });
    expect(result).toEqual({ kind: 'notFound' });
  });

  it('brings a record back with restore, visible to find, count and search again', async () => {
    const store = await seedAndRemove();
    const restored = await store.restore({
      module: 'items',
      id: 'i1',
      where: everything,
      updatedAt: '2026-03-01T00:00:00.000Z',
      updatedBy: 'u6',
    });
    expect(restored).toEqual({
      ...makeRecord({ id: 'i1', sequence: 1, fields: { name: 'Falcon' } }),
      version: 3,
      updatedAt: '2026-03-01T00:00:00.000Z',
      updatedBy: 'u6',
    });
    expect(await store.count({ module: 'items', where: everything })).toBe(2);
    const found = await store.search({ module: 'items', where: everything, text: 'falcon', limit: 10 });
    expect(found.records.map((record) => record.id).sort()).toEqual(['i1', 'i2']);
  });

  it('answers restore of a live record, or of one outside where, with null', async () => {
    const store = await seedAndRemove();
    const at = { updatedAt: deletedAt, updatedBy: 'u1' };
    expect(await store.restore({ module: 'items', id: 'i2', where: everything, ...at })).toBeNull();
    const otherName = contractFilter({ module: 'items', json: { name: { eq: 'Eagle' } } });
    expect(await store.restore({ module: 'items', id: 'i1', where: otherName, ...at })).toBeNull();
    expect(await store.count({ module: 'items', where: everything, deleted: 'only' })).toBe(1);
  });
}
