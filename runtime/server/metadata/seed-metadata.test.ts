import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { minimalDocs } from '../../../test/fixtures/minimal-app.ts';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../store/types.ts';
import { systemModules } from '../records/system-modules.ts';
import { seedMetadata } from './seed-metadata.ts';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function openStore(): Promise<Store> {
  const store = createSqliteStore({ file: join(mkdtempSync(join(tmpdir(), 'atrium-seed-')), 'atrium.db') });
  stores.push(store);
  await store.ensureSchema(systemModules.values());
  return store;
}

describe('seedMetadata', () => {
  it('stores the documents as revision 1 of an empty store', async () => {
    const store = await openStore();
    const { revision, isSeeded } = await seedMetadata({
      store,
      documents: minimalDocs(),
      now: () => new Date('2024-05-01T00:00:00Z'),
    });
    expect(isSeeded).toBe(true);
    expect(revision).toMatchObject({
      number: 1,
      author: 'atrium',
      at: '2024-05-01T00:00:00.000Z',
      documents: minimalDocs(),
    });
    expect(revision.diff.documents.added).toHaveLength(minimalDocs().length);
  });

  it('leaves a store that already has a revision alone', async () => {
    const store = await openStore();
    await seedMetadata({ store, documents: minimalDocs() });
    const again = await seedMetadata({ store, documents: [] });
    expect(again.isSeeded).toBe(false);
    expect(again.revision.number).toBe(1);
    expect(await store.count({ module: 'atriumRevisions', where: { kind: 'true' } })).toBe(1);
  });

  it('seeds once when two seeders race', async () => {
    const store = await openStore();
    const results = await Promise.all([
      seedMetadata({ store, documents: minimalDocs() }),
      seedMetadata({ store, documents: minimalDocs() }),
    ]);
    expect(results.filter((r) => r.isSeeded)).toHaveLength(1);
    expect(await store.count({ module: 'atriumRevisions', where: { kind: 'true' } })).toBe(1);
  });

  it('refuses documents with problems and stores nothing', async () => {
    const store = await openStore();
    await expect(seedMetadata({ store, documents: [{ kind: 'module', name: 'x' }] })).rejects.toMatchObject({
      code: 'INVALID_METADATA',
      details: { problems: expect.arrayContaining([expect.objectContaining({ document: 'module:x' })]) },
    });
    expect(await store.count({ module: 'atriumRevisions', where: { kind: 'true' } })).toBe(0);
  });
});
