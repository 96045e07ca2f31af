import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { minimalDocs, minimalSources } from '../../../test/fixtures/minimal-app.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import { loadMetadata } from '../../core/metadata/load-metadata.ts';
import type { ModuleDoc } from '../../core/metadata/types.ts';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { newRecordId } from '../records/new-record-id.ts';
import { planFieldTypeChange } from './plan-field-type-change.ts';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

/** The minimal app with a text field `score` on contacts. */
function appWithScore(): CompiledApp {
  const docs = minimalDocs();
  const contacts = docs.find((d): d is ModuleDoc => d.kind === 'module' && d.name === 'contacts');
  contacts?.fields.push({ name: 'score', type: 'text', label: 'Score' });
  const loaded = loadMetadata({ sources: minimalSources(docs) });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.app;
}

async function openStore(app: CompiledApp): Promise<Store> {
  const store = createSqliteStore({ file: join(mkdtempSync(join(tmpdir(), 'atrium-plan-')), 'atrium.db') });
  stores.push(store);
  await store.ensureSchema(app.modules.values());
  return store;
}

function contact(i: number, score: unknown): RecordDoc {
  const at = '2024-01-01T00:00:00.000Z';
  const doc: RecordDoc = {
    id: newRecordId(),
    version: 1,
    owner: null,
    createdAt: at,
    createdBy: null,
    updatedAt: at,
    updatedBy: null,
    deletedAt: null,
    lastName: `Doe ${i}`,
  };
  if (score !== undefined) doc.score = score;
  return doc;
}

describe('planFieldTypeChange', () => {
  it('counts exactly what a text → number change converts over 10,000 records', async () => {
    const app = appWithScore();
    const store = await openStore(app);
    // 10,000 records: 6,000 numeric, 2,500 not numeric, 1,500 empty (missing, null, '' and blanks).
    const values = (i: number): unknown => {
      if (i < 6000) return i % 3 === 0 ? `${i}` : i % 3 === 1 ? `-${i}.25` : ` ${i}e2 `;
      if (i < 8500) return i % 2 === 0 ? `n/a ${i}` : `${i},5`;
      return [undefined, null, '', '   '][i % 4];
    };
    await store.transaction(async (tx) => {
      for (let i = 0; i < 10_000; i++) await tx.insert({ module: 'contacts', doc: contact(i, values(i)) });
    });
    const started = performance.now();
    const plan = await planFieldTypeChange({
      store,
      app,
      module: 'contacts',
      field: 'score',
      toType: 'number',
    });
    const elapsed = performance.now() - started;
    console.info(`dry run over 10,000 records: ${elapsed.toFixed(0)} ms`);
    expect(plan).toMatchObject({
      module: 'contacts',
      field: 'score',
      fromType: 'text',
      toType: 'number',
      total: 10_000,
      convertible: 6000,
      unconvertible: 2500,
      empty: 1500,
    });
    expect(plan.samples).toHaveLength(20);
    expect(plan.samples[0]).toEqual({
      id: expect.any(String),
      value: expect.stringMatching(/^n\/a |,5$/),
      reason: 'not a number',
    });
  });

  it('reports every non-empty value unconvertible for a pair without a converter', async () => {
    const app = appWithScore();
    const store = await openStore(app);
    for (const [i, score] of ['x', '', 'y'].entries())
      await store.insert({ module: 'contacts', doc: contact(i, score) });
    const plan = await planFieldTypeChange({
      store,
      app,
      module: 'contacts',
      field: 'score',
      toType: 'relation',
    });
    expect(plan).toMatchObject({ total: 3, convertible: 0, unconvertible: 2, empty: 1 });
    expect(plan.samples.map((s) => s.reason)).toEqual([
      'text values do not convert to relation',
      'text values do not convert to relation',
    ]);
  });

  it('changes no record', async () => {
    const app = appWithScore();
    const store = await openStore(app);
    const inserted = await store.insert({ module: 'contacts', doc: contact(1, '42') });
    await planFieldTypeChange({ store, app, module: 'contacts', field: 'score', toType: 'number' });
    expect(await store.get({ module: 'contacts', id: inserted.id, where: { kind: 'true' } })).toEqual(
      inserted,
    );
  });

  it('refuses a field the module does not have', async () => {
    const app = appWithScore();
    const store = await openStore(app);
    await expect(
      planFieldTypeChange({ store, app, module: 'contacts', field: 'ghost', toType: 'number' }),
    ).rejects.toThrow('module "contacts" has no field "ghost"');
  });
});
