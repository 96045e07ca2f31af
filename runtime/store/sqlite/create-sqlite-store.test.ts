import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import { compileModule } from '../../core/metadata/compile-module.ts';
import { contractModules } from '../contract/contract-modules.ts';
import { makeRecord } from '../contract/make-record.ts';
import type { Store } from '../types.ts';
import { createSqliteStore } from './create-sqlite-store.ts';

const everything: FilterNode = { kind: 'true' };
let directory: string;
let store: Store;

beforeEach(async () => {
  directory = mkdtempSync(join(tmpdir(), 'atrium-sqlite-store-'));
  store = createSqliteStore({ file: join(directory, 'store.db') });
  await store.ensureSchema(contractModules);
});

afterEach(async () => {
  await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('createSqliteStore', () => {
  it('throws, instead of deadlocking, on a write through the outer store inside a transaction', async () => {
    await expect(
      store.transaction(async () => {
        await store.insert({ module: 'items', doc: makeRecord({ id: 'i1' }) });
      }),
    ).rejects.toThrow('write through the store it passed');
    await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toThrow(
      'nest through the store it passed',
    );
    expect(await store.count({ module: 'items', where: everything })).toBe(0);
  });

  it("lets a read through the outer store inside a transaction see that transaction's writes", async () => {
    await store.transaction(async (tx) => {
      await tx.insert({ module: 'items', doc: makeRecord({ id: 'i1' }) });
      expect(await store.get({ module: 'items', id: 'i1', where: everything })).not.toBeNull();
    });
  });

  it('refuses to use a transaction store after its transaction ended', async () => {
    let leaked: Store | undefined;
    await store.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.count({ module: 'items', where: everything })).rejects.toThrow('already ended');
  });

  it('refuses every call once closed', async () => {
    await store.close();
    await expect(store.count({ module: 'items', where: everything })).rejects.toThrow('closed');
    store = createSqliteStore({ file: ':memory:' });
  });

  it('keeps modules whose names differ only in case in separate tables', async () => {
    const doc = (name: string) =>
      compileModule({ kind: 'module', name, label: name, titleField: 'title', fields: [] });
    await store.ensureSchema([doc('fooBar'), doc('foobar')]);
    await store.insert({ module: 'fooBar', doc: makeRecord({ id: 'a' }) });
    expect(await store.count({ module: 'foobar', where: everything })).toBe(0);
    expect(await store.count({ module: 'fooBar', where: everything })).toBe(1);
  });

  it('keeps records after closing and reopening the file', async () => {
    await store.insert({ module: 'items', doc: makeRecord({ id: 'i1', fields: { name: 'Falcon' } }) });
    await store.close();
    store = createSqliteStore({ file: join(directory, 'store.db') });
    await store.ensureSchema(contractModules);
    expect((await store.get({ module: 'items', id: 'i1', where: everything }))?.name).toBe('Falcon');
    const found = await store.search({ module: 'items', where: everything, text: 'falcon', limit: 5 });
    expect(found.records).toHaveLength(1);
  });
});
