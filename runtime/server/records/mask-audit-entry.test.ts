import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { RecordDoc } from '../../store/types.ts';
import { loadStarterApp } from '../../../test/helpers/load-starter-app.ts';
import { makeGrant } from '../../../test/helpers/make-grant.ts';
import { maskAuditEntry } from './mask-audit-entry.ts';

function entry(module: string, changes: Record<string, { from: unknown; to: unknown }>): RecordDoc {
  return {
    id: 'a1',
    version: 1,
    owner: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'u1',
    updatedAt: '2026-01-01T00:00:00.000Z',
    updatedBy: 'u1',
    deletedAt: null,
    action: 'update',
    module,
    recordId: 'd1',
    changes,
  };
}

describe('maskAuditEntry', () => {
  let app: CompiledApp;
  let auditor: Principal;
  beforeAll(async () => {
    app = await loadStarterApp();
    auditor = {
      kind: 'staff',
      id: 'auditor',
      attributes: { id: 'auditor' },
      grants: [makeGrant({ app, module: 'deals', actions: ['read'], fields: { margin: 'hidden' } })],
    };
  });
  const mask = (record: RecordDoc) =>
    maskAuditEntry({ app, principal: auditor, now: new Date(), entry: record });

  it('drops the changes of fields the reader may not see and counts them', () => {
    const masked = mask(entry('deals', { amount: { from: 1, to: 2 }, margin: { from: 10, to: 40 } }));
    expect(masked.changes).toEqual({ amount: { from: 1, to: 2 } });
    expect(masked.hiddenChanges).toBe(1);
    expect(JSON.stringify(masked)).not.toContain('40');
  });

  it('hides every change in a module the reader may not read', () => {
    const masked = mask(entry('accounts', { name: { from: 'A', to: 'Secret Corp' } }));
    expect(masked.changes).toEqual({});
    expect(masked.hiddenChanges).toBe(1);
  });

  it('returns entries with nothing to hide and entries on runtime modules unchanged', () => {
    const visible = entry('deals', { amount: { from: 1, to: 2 } });
    expect(mask(visible)).toBe(visible);
    const signIn = entry('atriumUsers', { address: { from: null, to: '127.0.0.1' } });
    expect(mask(signIn)).toBe(signIn);
  });
});
