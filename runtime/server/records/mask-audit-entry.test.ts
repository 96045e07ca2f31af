import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { loadStarterApp } from '../../../test/helpers/load-starter-app.ts';
import { makeGrant } from '../../../test/helpers/make-grant.ts';
import { maskAuditEntry } from './mask-audit-entry.ts';

const at = '2026-01-01T00:00:00.000Z';
const system = { createdAt: at, createdBy: 'u1', updatedAt: at, updatedBy: 'u1', deletedAt: null };

function entry(
  module: string,
  recordId: string,
  changes: Record<string, { from: unknown; to: unknown }>,
): RecordDoc {
  return {
    id: `audit-${recordId}`,
    version: 1,
    owner: null,
    ...system,
    action: 'update',
    module,
    recordId,
    changes,
  };
}

describe('maskAuditEntry', () => {
  let app: CompiledApp;
  let store: Store;
  let auditor: Principal;
  beforeAll(async () => {
    app = await loadStarterApp();
    store = createSqliteStore({ file: ':memory:' });
    await store.ensureSchema(app.modules.values());
    const deal = (id: string, owner: string) =>
      store.insert({
        module: 'deals',
        doc: { id, version: 1, owner, ...system, name: id, amount: 2, margin: 40 },
      });
    await deal('mine', 'auditor');
    await deal('theirs', 'someone-else');
    await deal('binned', 'auditor');
    await store.remove({
      module: 'deals',
      id: 'binned',
      where: { kind: 'true' },
      deletedAt: at,
      deletedBy: 'u1',
    });
    auditor = {
      kind: 'staff',
      id: 'auditor',
      attributes: { id: 'auditor' },
      grants: [
        makeGrant({
          app,
          module: 'deals',
          actions: ['read'],
          where: { owner: { eq: 'auditor' } },
          fields: { margin: 'hidden' },
        }),
      ],
    };
  });
  afterAll(async () => {
    await store.close();
  });
  const mask = (record: RecordDoc) =>
    maskAuditEntry({ store, app, principal: auditor, now: new Date(), entry: record });
  const amountAndMargin = { amount: { from: 1, to: 2 }, margin: { from: 10, to: 40 } };

  it('drops the changes of fields the reader may not see on a record it may read, and counts them', async () => {
    const masked = await mask(entry('deals', 'mine', amountAndMargin));
    expect(masked.changes).toEqual({ amount: { from: 1, to: 2 } });
    expect(masked.hiddenChanges).toBe(1);
    expect(JSON.stringify(masked)).not.toContain('40');
  });

  it('reads the recycle bin too: a deleted record in scope keeps its readable changes', async () => {
    expect((await mask(entry('deals', 'binned', amountAndMargin))).changes).toEqual({
      amount: { from: 1, to: 2 },
    });
  });

  it('hides every change of a record out of scope, missing, or in a module the reader may not read', async () => {
    for (const hidden of [
      entry('deals', 'theirs', amountAndMargin),
      entry('deals', 'purged', amountAndMargin),
      entry('accounts', 'mine', { name: { from: 'A', to: 'Secret Corp' } }),
    ]) {
      const masked = await mask(hidden);
      expect(masked.changes).toEqual({});
      expect(masked.hiddenChanges).toBe(Object.keys(hidden.changes as object).length);
      expect(masked.recordId).toBe(hidden.recordId);
    }
  });

  it('returns entries with nothing to hide and entries on runtime modules unchanged', async () => {
    const visible = entry('deals', 'mine', { amount: { from: 1, to: 2 } });
    expect(await mask(visible)).toBe(visible);
    const signIn = entry('atriumUsers', 'u1', { address: { from: null, to: '127.0.0.1' } });
    expect(await mask(signIn)).toBe(signIn);
  });
});
