import { expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import type { ContractContext } from './contract-context.ts';
import { makeRecord } from './make-record.ts';

const everything: FilterNode = { kind: 'true' };
const at = { updatedAt: '2026-02-01T00:00:00.000Z', updatedBy: 'u1' };

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** Atomic transactions: commit, rollback, isolation and serialisation. */
export function transactionContract(ctx: ContractContext): void {
  const seed = async () => {
    const store = ctx.store();
    await store.insert({
      module: 'items',
      doc: makeRecord({ id: 'i1', fields: { name: 'Anvil', quantity: 0 } }),
    });
    await store.insert({ module: 'items', doc: makeRecord({ id: 'i2', fields: { name: 'Bell' } }) });
    return store;
  };

  it('commits every write when its function returns, and returns its result', async () => {
    const store = await seed();
    const result = await store.transaction(async (tx) => {
      await tx.insert({ module: 'items', doc: makeRecord({ id: 'i3', fields: { name: 'Cup' } }) });
      await tx.update({ module: 'items', id: 'i1', where: everything, set: { name: 'Anvil II' }, ...at });
      await tx.remove({
        module: 'items',
        id: 'i2',
        where: everything,
        deletedAt: at.updatedAt,
        deletedBy: 'u1',
      });
      return 'done';
    });
    expect(result).toBe('done');
    expect(await store.count({ module: 'items', where: everything })).toBe(2);
    expect((await store.get({ module: 'items', id: 'i1', where: everything }))?.name).toBe('Anvil II');
    expect(await store.get({ module: 'items', id: 'i3', where: everything })).not.toBeNull();
  });

  it('rolls back every write when its function throws, and rethrows', async () => {
    const store = await seed();
    const before = (await store.find({ module: 'items', where: everything, limit: 10 })).records;
    await expect(
      store.transaction(async (tx) => {
        await tx.insert({ module: 'items', doc: makeRecord({ id: 'i3', fields: { name: 'Cup' } }) });
        await tx.update({ module: 'items', id: 'i1', where: everything, set: { name: 'Anvil II' }, ...at });
        await tx.remove({
          module: 'items',
          id: 'i2',
          where: everything,
          deletedAt: at.updatedAt,
          deletedBy: 'u1',
        });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.find({ module: 'items', where: everything, limit: 10 })).records).toEqual(before);
    expect(await store.count({ module: 'items', where: everything, deleted: 'only' })).toBe(0);
  });

  it('lets reads inside a transaction see its own writes', async () => {
    const store = await seed();
    await store.transaction(async (tx) => {
      await tx.insert({ module: 'items', doc: makeRecord({ id: 'i3', fields: { name: 'Cup' } }) });
      expect(await tx.count({ module: 'items', where: everything })).toBe(3);
      expect((await tx.get({ module: 'items', id: 'i3', where: everything }))?.name).toBe('Cup');
    });
  });

  it('never shows a read outside the transaction its uncommitted writes', async () => {
    const store = await seed();
    const inserted = deferred();
    const release = deferred();
    const running = store
      .transaction(async (tx) => {
        await tx.insert({ module: 'items', doc: makeRecord({ id: 'i3', fields: { name: 'Cup' } }) });
        inserted.resolve();
        await release.promise;
        throw new Error('roll back');
      })
      .catch(() => 'rolled back');
    await inserted.promise;
    const outside = store.get({ module: 'items', id: 'i3', where: everything });
    release.resolve();
    expect(await outside).toBeNull();
    expect(await running).toBe('rolled back');
    expect(await store.get({ module: 'items', id: 'i3', where: everything })).toBeNull();
  });

  it('runs concurrent transactions one after the other, never interleaved', async () => {
    const store = await seed();
    const steps: string[] = [];
    const increment = (name: string) =>
      store.transaction(async (tx) => {
        steps.push(`${name}:start`);
        const current = await tx.get({ module: 'items', id: 'i1', where: everything });
        await new Promise((resolve) => setTimeout(resolve, 5));
        const quantity = typeof current?.quantity === 'number' ? current.quantity : 0;
        await tx.update({
          module: 'items',
          id: 'i1',
          where: everything,
          set: { quantity: quantity + 1 },
          ...at,
        });
        steps.push(`${name}:end`);
      });
    await Promise.all(['a', 'b', 'c', 'd'].map(increment));
    expect((await store.get({ module: 'items', id: 'i1', where: everything }))?.quantity).toBe(4);
    for (let index = 0; index < steps.length; index += 2) {
      expect(steps[index]?.replace(':start', '')).toBe(steps[index + 1]?.replace(':end', ''));
    }
  });

  it('runs a nested transaction inside the outer one, rolled back with it', async () => {
    const store = await seed();
    await expect(
      store.transaction(async (tx) => {
        await tx.transaction(async (inner) => {
          await inner.insert({ module: 'items', doc: makeRecord({ id: 'i3', fields: { name: 'Cup' } }) });
        });
        expect(await tx.get({ module: 'items', id: 'i3', where: everything })).not.toBeNull();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.get({ module: 'items', id: 'i3', where: everything })).toBeNull();
  });

  it('lets writes outside a transaction wait for it, then apply', async () => {
    const store = await seed();
    const release = deferred();
    const running = store.transaction(async (tx) => {
      await tx.update({ module: 'items', id: 'i1', where: everything, set: { quantity: 10 }, ...at });
      await release.promise;
    });
    const outside = store.update({
      module: 'items',
      id: 'i1',
      where: everything,
      expectedVersion: 2,
      set: { quantity: 11 },
      ...at,
    });
    release.resolve();
    await running;
    expect(await outside).toMatchObject({ kind: 'updated', record: { quantity: 11, version: 3 } });
  });
}
