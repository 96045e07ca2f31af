import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilterNode } from '../../core/filter/types.ts';
import { contractModules } from '../contract/contract-modules.ts';
import { makeRecord } from '../contract/make-record.ts';
import type { RecordDoc, Store } from '../types.ts';
import { createSqliteStore } from './create-sqlite-store.ts';

const everything: FilterNode = { kind: 'true' };
const batchSize = 10;
const batchCount = 200;

let directory: string;
const opened: Store[] = [];

async function openStore(file: string): Promise<Store> {
  const store = createSqliteStore({ file });
  opened.push(store);
  await store.ensureSchema(contractModules);
  return store;
}

async function allRecords(args: { store: Store; deleted: 'exclude' | 'only' }): Promise<RecordDoc[]> {
  const records: RecordDoc[] = [];
  let cursor: string | undefined;
  do {
    const page = await args.store.find({
      module: 'items',
      where: everything,
      limit: 1000,
      cursor,
      deleted: args.deleted,
    });
    records.push(...page.records);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return records;
}

const nextTick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Each transaction inserts a batch, renames one record of it and soft-deletes another, so the FTS
 * triggers run on every kind of write, and no record changes after its own transaction commits.
 */
async function writeBatches(args: { store: Store; onBatch: (written: number) => void }): Promise<void> {
  for (let batch = 0; batch < batchCount; batch += 1) {
    await args.store.transaction(async (tx) => {
      for (let index = 0; index < batchSize; index += 1) {
        const number = batch * batchSize + index;
        await tx.insert({
          module: 'items',
          doc: makeRecord({
            id: `b${String(number).padStart(5, '0')}`,
            sequence: number,
            fields: {
              name: `Falcon ${number}`,
              description: `${'lorem ipsum '.repeat(150)}${number}`,
              quantity: number,
            },
          }),
        });
      }
      const first = `b${String(batch * batchSize).padStart(5, '0')}`;
      const last = `b${String(batch * batchSize + batchSize - 1).padStart(5, '0')}`;
      const at = { updatedAt: '2026-02-01T00:00:00.000Z', updatedBy: 'u2' };
      await tx.update({
        module: 'items',
        id: first,
        where: everything,
        set: { name: `Eagle ${batch}` },
        ...at,
      });
      await tx.remove({
        module: 'items',
        id: last,
        where: everything,
        deletedAt: at.updatedAt,
        deletedBy: 'u2',
      });
    });
    args.onBatch((batch + 1) * batchSize);
    await nextTick();
  }
}

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'atrium-sqlite-backup-'));
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('sqlite backup', () => {
  it('copies a consistent snapshot while transactions keep writing', async () => {
    const source = await openStore(join(directory, 'source.db'));
    let written = 0;
    const writing = writeBatches({ store: source, onBatch: (count) => (written = count) });
    while (written < 300) await nextTick();
    const writtenBefore = written;
    const backupPath = join(directory, 'backup.db');
    await source.backup(backupPath);
    const writtenAfter = written;
    await writing;
    expect(writtenAfter).toBeGreaterThan(writtenBefore);

    const raw = new Database(backupPath, { readonly: true });
    try {
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = raw.prepare('SELECT count(*) AS total FROM m_items').get() as { total: number };
      const validRows = raw.prepare('SELECT count(*) AS total FROM m_items WHERE json_valid(doc)').get() as {
        total: number;
      };
      expect(validRows.total).toBe(rows.total);
      expect(rows.total % batchSize).toBe(0);
      expect(rows.total).toBeGreaterThanOrEqual(writtenBefore);
      expect(rows.total).toBeLessThan(batchSize * batchCount);

      const live = raw.prepare('SELECT count(*) AS total FROM m_items WHERE deleted_at IS NULL').get() as {
        total: number;
      };
      const indexed = raw.prepare('SELECT count(*) AS total FROM m_items__fts').get() as { total: number };
      const inStep = raw
        .prepare(
          'SELECT count(*) AS total FROM m_items AS t JOIN m_items__fts AS f ON f.rowid = t.rid WHERE t.deleted_at IS NULL' +
            " AND f.f_name IS json_extract(t.doc, '$.name') AND f.f_description IS json_extract(t.doc, '$.description')" +
            " AND f.f_body IS json_extract(t.doc, '$.body')",
        )
        .get() as { total: number };
      expect(indexed.total).toBe(live.total);
      expect(inStep.total).toBe(live.total);
      expect(live.total).toBe((rows.total / batchSize) * (batchSize - 1));
    } finally {
      raw.close();
    }

    const copy = await openStore(backupPath);
    const copied = [
      ...(await allRecords({ store: copy, deleted: 'exclude' })),
      ...(await allRecords({ store: copy, deleted: 'only' })),
    ];
    expect(copied.length).toBeGreaterThanOrEqual(writtenBefore);
    for (const record of copied) {
      const deleted = record.deletedAt === null ? 'exclude' : 'only';
      expect(await source.get({ module: 'items', id: record.id, where: everything, deleted })).toEqual(
        record,
      );
    }
    const found = await copy.search({ module: 'items', where: everything, text: 'eagle 0', limit: 10 });
    expect(found.records.map((record) => record.id)).toEqual(['b00000']);
  });

  it('leaves out the writes of a transaction still open when the backup runs', async () => {
    const source = await openStore(join(directory, 'source.db'));
    await source.insert({ module: 'items', doc: makeRecord({ id: 'committed' }) });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let markInserted: () => void = () => undefined;
    const inserted = new Promise<void>((resolve) => {
      markInserted = resolve;
    });
    const running = source.transaction(async (tx) => {
      await tx.insert({ module: 'items', doc: makeRecord({ id: 'pending' }) });
      markInserted();
      await held;
    });
    await inserted;
    const backupPath = join(directory, 'backup.db');
    await source.backup(backupPath);
    release();
    await running;
    const copy = await openStore(backupPath);
    expect((await allRecords({ store: copy, deleted: 'exclude' })).map((record) => record.id)).toEqual([
      'committed',
    ]);
  });

  it('backs up an in-memory store to a file', async () => {
    const source = await openStore(':memory:');
    await source.insert({ module: 'items', doc: makeRecord({ id: 'i1', fields: { name: 'Falcon' } }) });
    const backupPath = join(directory, 'memory-backup.db');
    await source.backup(backupPath);
    const copy = await openStore(backupPath);
    expect(await copy.get({ module: 'items', id: 'i1', where: everything })).toEqual(
      await source.get({ module: 'items', id: 'i1', where: everything }),
    );
    const found = await copy.search({ module: 'items', where: everything, text: 'falcon', limit: 10 });
    expect(found.records).toHaveLength(1);
  });
});
