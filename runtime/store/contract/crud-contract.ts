import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import type { ContractContext } from './contract-context.ts';
import { contractFilter } from './contract-filter.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };
const nothing: FilterNode = { kind: 'false' };

/** Insert, get, find, count, update and remove, with `where` and versions. */
export function crudContract(ctx: ContractContext): void {
  const seed = async () => {
    const store = ctx.store();
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i1', sequence: 1, fields: { name: 'Anvil', status: 'open', quantity: 3 } }),
    });
    await store.insert({
      module: 'items',
      doc: makeRecord({
        id: 'i2',
        sequence: 2,
        fields: { name: 'Bell', status: 'won', quantity: 5, owner: 'u2' },
      }),
    });
    return store;
  };
  const openOnly = contractFilter({ module: 'items', json: { status: { eq: 'open' } } });

  it('reads an inserted record back exactly as it was given', async () => {
    const store = ctx.store();
    const doc = makeRecord({
      id: 'r1',
      fields: {
        name: 'Anvil',
        quantity: 3,
        weight: 2.5,
        isActive: false,
        tags: ['red', 'blue'],
        meta: { deep: [1, { x: null }], empty: {} },
        address: { city: 'Paris', lines: ['1 rue'] },
        description: null,
      },
    });
    expect(await store.insert({ module: 'items', doc })).toEqual(doc);
    expect(await store.get({ module: 'items', id: 'r1', where: everything })).toEqual(doc);
  });

  it('returns null from get for an unknown id', async () => {
    const store = await seed();
    expect(await store.get({ module: 'items', id: 'nope', where: everything })).toBeNull();
  });

  it('returns null from get for a record outside where', async () => {
    const store = await seed();
    expect(await store.get({ module: 'items', id: 'i2', where: openOnly })).toBeNull();
    expect(await store.get({ module: 'items', id: 'i2', where: nothing })).toBeNull();
  });

  it('finds and counts only the records inside where', async () => {
    const store = await seed();
    const page = await store.find({ module: 'items', where: openOnly, limit: 10 });
    expect(page.records.map((record) => record.id)).toEqual(['i1']);
    expect(await store.count({ module: 'items', where: openOnly })).toBe(1);
    expect(await store.count({ module: 'items', where: everything })).toBe(2);
  });

  it('sets and unsets fields on update, bumping version and setting updatedAt and updatedBy', async () => {
    const store = await seed();
    const result = await store.update({
      module: 'items',
      id: 'i1',
      where: everything,
      expectedVersion: 1,
      set: { name: 'Anvil II', tags: ['green'], meta: { a: 1 } },
      unset: ['quantity', 'status'],
      updatedAt: '2026-02-01T00:00:00.000Z',
      updatedBy: 'u9',
    });
    const expected = {
      ...makeRecord({ id: 'i1', sequence: 1, fields: { name: 'Anvil II', tags: ['green'], meta: { a: 1 } } }),
      version: 2,
      updatedAt: '2026-02-01T00:00:00.000Z',
      updatedBy: 'u9',
    };
    expect(result).toEqual({ kind: 'updated', record: expected });
    expect(await store.get({ module: 'items', id: 'i1', where: everything })).toEqual(expected);
  });

  it('reassigns the owner through update', async () => {
    const store = await seed();
    const result = await store.update({
      module: 'items',
      id: 'i1',
      where: everything,
      set: { owner: 'u7' },
      updatedAt: '2026-02-01T00:00:00.000Z',
      updatedBy: 'u1',
    });
    expect(result.kind === 'updated' && result.record.owner).toBe('u7');
    const mine = contractFilter({ module: 'items', json: { owner: { eq: 'u7' } } });
    expect(await store.count({ module: 'items', where: mine })).toBe(1);
  });

  it('increments version on every write: update, remove and restore', async () => {
    const store = await seed();
    const at = '2026-02-01T00:00:00.000Z';
    await store.update({
      module: 'items',
      id: 'i1',
      where: everything,
      set: { name: 'x' },
      updatedAt: at,
      updatedBy: 'u1',
    });
    await store.update({
      module: 'items',
      id: 'i1',
      where: everything,
      set: {},
      updatedAt: at,
      updatedBy: 'u1',
    });
    expect((await store.get({ module: 'items', id: 'i1', where: everything }))?.version).toBe(3);
    await store.remove({ module: 'items', id: 'i1', where: everything, deletedAt: at, deletedBy: 'u1' });
    const removed = await store.get({ module: 'items', id: 'i1', where: everything, deleted: 'only' });
    expect(removed?.version).toBe(4);
    const restored = await store.restore({
      module: 'items',
      id: 'i1',
      where: everything,
      updatedAt: at,
      updatedBy: 'u1',
    });
    expect(restored?.version).toBe(5);
  });

  it('answers a stale expectedVersion with a conflict carrying the current record, changing nothing', async () => {
    const store = await seed();
    const before = await store.get({ module: 'items', id: 'i1', where: everything });
    const result = await store.update({
      module: 'items',
      id: 'i1',
      where: everything,
      expectedVersion: 7,
      set: { name: 'Changed' },
      updatedAt: '2026-02-01T00:00:00.000Z',
      updatedBy: 'u1',
    });
    expect(result).toEqual({ kind: 'conflict', current: before });
    expect(await store.get({ module: 'items', id: 'i1', where: everything })).toEqual(before);
  });

  it('answers an update outside where with notFound, changing nothing', async () => {
    const store = await seed();
    const before = await store.get({ module: 'items', id: 'i2', where: everything });
    for (const expectedVersion of [1, 7, undefined]) {
      const result = await store.update({
        module: 'items',
        id: 'i2',
        where: openOnly,
        expectedVersion,
        set: { name: 'Changed' },
        unset: ['quantity'],
        updatedAt: '2026-02-01T00:00:00.000Z',
        updatedBy: 'u1',
      });
      expect(result).toEqual({ kind: 'notFound' });
    }
    expect(await store.get({ module: 'items', id: 'i2', where: everything })).toEqual(before);
  });

  it('answers an update of an unknown id with notFound', async () => {
    const store = await seed();
    const result = await store.update({
      module: 'items',
      id: 'nope',
      where: everything,
      expectedVersion: 1,
      set: { name: 'x' },
      updatedAt: '2026-02-01T00:00:00.000Z',
      updatedBy: 'u1',
    });
    expect(result).toEqual({ kind: 'notFound' });
  });

  it('answers a remove outside where with false, changing nothing', async () => {
    const store = await seed();
    const before = await store.get({ module: 'items', id: 'i2', where: everything });
    const removed = await store.remove({
      module: 'items',
      id: 'i2',
      where: openOnly,
      deletedAt: '2026-02-01T00:00:00.000Z',
      deletedBy: 'u1',
    });
    expect(removed).toBe(false);
    expect(await store.get({ module: 'items', id: 'i2', where: everything })).toEqual(before);
    expect(await store.count({ module: 'items', where: everything, deleted: 'only' })).toBe(0);
  });

  it('refuses to write a system field through update', async () => {
    const store = await seed();
    for (const set of [{ version: 9 }, { id: 'other' }, { deletedAt: '2026-01-01T00:00:00.000Z' }]) {
      await expect(
        store.update({ module: 'items', id: 'i1', where: everything, set, updatedAt: 'x', updatedBy: null }),
      ).rejects.toThrow();
    }
    expect((await store.get({ module: 'items', id: 'i1', where: everything }))?.version).toBe(1);
  });

  it('follows a relation path in where, ignoring a soft-deleted related record', async () => {
    const store = ctx.store();
    await store.insert({
      module: 'vendors',
      doc: makeRecord({ id: 'v1', fields: { name: 'Acme', country: 'fr' } }),
    });
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i1', fields: { name: 'Anvil', vendor: 'v1' } }),
    });
    const french = contractFilter({ module: 'items', json: { 'vendor.country': { eq: 'fr' } } });
    expect(await store.count({ module: 'items', where: french })).toBe(1);
    await store.remove({
      module: 'vendors',
      id: 'v1',
      where: everything,
      deletedAt: '2026-02-01T00:00:00.000Z',
      deletedBy: 'u1',
    });
    expect(await store.count({ module: 'items', where: french })).toBe(0);
  });
}
