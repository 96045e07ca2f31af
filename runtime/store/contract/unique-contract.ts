import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import type { ContractContext } from './contract-context.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };
const at = { updatedAt: '2026-02-01T00:00:00.000Z', updatedBy: 'u1' };
const violation = { code: 'UNIQUE_VIOLATION', status: 409, details: { field: 'email' } };

/** Unique fields hold among live records: on insert, update and restore. */
export function uniqueContract(ctx: ContractContext): void {
  const seed = async () => {
    const store = ctx.store();
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i1', fields: { email: 'a@example.com' } }),
    });
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i2', fields: { email: 'b@example.com' } }),
    });
    return store;
  };

  it('refuses to insert a duplicate of a unique field with UNIQUE_VIOLATION naming the field', async () => {
    const store = await seed();
    await expect(
      store.insert({ module: 'items', doc: makeRecord({ id: 'i3', fields: { email: 'a@example.com' } }) }),
    ).rejects.toMatchObject(violation);
    expect(await store.get({ module: 'items', id: 'i3', where: everything })).toBeNull();
  });

  it('refuses to update a unique field to a duplicate, changing nothing', async () => {
    const store = await seed();
    const before = await store.get({ module: 'items', id: 'i2', where: everything });
    await expect(
      store.update({
        module: 'items',
        id: 'i2',
        where: everything,
        set: { email: 'a@example.com', name: 'x' },
        ...at,
      }),
    ).rejects.toMatchObject(violation);
    expect(await store.get({ module: 'items', id: 'i2', where: everything })).toEqual(before);
  });

  it('refuses to restore a record whose unique value a live record took meanwhile', async () => {
    const store = await seed();
    await store.remove({
      module: 'items',
      id: 'i1',
      where: everything,
      deletedAt: at.updatedAt,
      deletedBy: 'u1',
    });
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i3', fields: { email: 'a@example.com' } }),
    });
    await expect(
      store.restore({ module: 'items', id: 'i1', where: everything, ...at }),
    ).rejects.toMatchObject(violation);
    expect(await store.get({ module: 'items', id: 'i1', where: everything, deleted: 'only' })).not.toBeNull();
  });

  it('lets a live record take the unique value of a soft-deleted one', async () => {
    const store = await seed();
    await store.remove({
      module: 'items',
      id: 'i1',
      where: everything,
      deletedAt: at.updatedAt,
      deletedBy: 'u1',
    });
    const doc = makeRecord({ id: 'i3', fields: { email: 'a@example.com' } });
    expect(await store.insert({ module: 'items', doc })).toEqual(doc);
    const moved = await store.update({
      module: 'items',
      id: 'i2',
      where: everything,
      set: { email: 'c@example.com' },
      ...at,
    });
    expect(moved.kind).toBe('updated');
  });

  it('never counts missing or null values as duplicates', async () => {
    const store = await seed();
    for (const [id, fields] of [
      ['i3', {}],
      ['i4', {}],
      ['i5', { email: null }],
      ['i6', { email: null }],
    ] as const) {
      await store.insert({ module: 'items', doc: makeRecord({ id, fields }) });
    }
    expect(await store.count({ module: 'items', where: everything })).toBe(6);
  });

  it('compares unique values exactly: another case is another value', async () => {
    const store = await seed();
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i3', fields: { email: 'A@example.com' } }),
    });
    expect(await store.count({ module: 'items', where: everything })).toBe(3);
  });

  it('keeps unique fields of other modules apart', async () => {
    const store = await seed();
    await store.insert({ module: 'vendors', doc: makeRecord({ id: 'v1', fields: { sku: 'S-1' } }) });
    await expect(
      store.insert({ module: 'vendors', doc: makeRecord({ id: 'v2', fields: { sku: 'S-1' } }) }),
    ).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION', status: 409, details: { field: 'sku' } });
  });

  it('refuses a second record with the same id', async () => {
    const store = await seed();
    await expect(
      store.insert({ module: 'items', doc: makeRecord({ id: 'i1', fields: { email: 'z@example.com' } }) }),
    ).rejects.toMatchObject({ code: 'UNIQUE_VIOLATION', status: 409, details: { field: 'id' } });
  });
}
