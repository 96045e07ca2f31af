import { beforeEach, describe, expect, it } from 'vitest';
import { loadStarterApp } from '../../../test/helpers/load-starter-app.ts';
import { makeGrant } from '../../../test/helpers/make-grant.ts';
import { createTestRecordService } from '../../../test/helpers/create-test-record-service.ts';
import type { Principal } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { RecordAction } from '../../core/metadata/types.ts';
import type { Store } from '../../store/types.ts';
import type { HookBus } from './hook-bus.ts';
import type { RecordService } from './record-service.ts';

const app: CompiledApp = await loadStarterApp();
const everything: RecordAction[] = ['read', 'create', 'update', 'delete', 'export', 'import'];
const all = { kind: 'true' } as const;

function staff(id: string, scope: 'own' | 'all'): Principal {
  const where = scope === 'own' ? { owner: { eq: '$principal.id' } } : {};
  return {
    kind: 'staff',
    id,
    attributes: { id },
    grants: ['accounts', 'contacts', 'deals', 'cases'].map((module) =>
      makeGrant({
        app,
        module,
        actions: everything,
        where,
        fields: module === 'deals' && scope === 'own' ? { margin: 'hidden' } : {},
      }),
    ),
  };
}

const admin = staff('admin', 'all');
const rep1 = staff('rep1', 'own');
const rep2 = staff('rep2', 'own');

let service: RecordService;
let store: Store;
let hooks: HookBus;
let hookErrors: unknown[];

beforeEach(async () => {
  ({ service, store, hooks, hookErrors } = await createTestRecordService(app));
});

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ code: string; status: number; details?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; status: number; details?: unknown };
  }
  throw new Error('expected the call to fail');
}

const newAccount = (principal: Principal, name: string) =>
  service.create({ principal, module: 'accounts', input: { name, type: 'customer' } });

describe('RecordService', () => {
  it('creates a record with system fields and the caller as owner', async () => {
    const created = await newAccount(rep1, 'Acme');
    expect(created).toMatchObject({ name: 'Acme', version: 1, owner: 'rep1', createdBy: 'rep1' });
    expect(String(created.id)).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await service.get({ principal: rep1, module: 'accounts', id: String(created.id) })).toEqual(
      created,
    );
  });

  it('lists only records inside the scope: a rep sees its own, an admin all', async () => {
    await newAccount(rep1, 'Acme');
    await newAccount(rep2, 'Globex');
    const names = async (p: Principal) =>
      (await service.list({ principal: p, module: 'accounts', query: { sort: 'name' } })).records.map(
        (r) => r.name,
      );
    expect(await names(rep1)).toEqual(['Acme']);
    expect(await names(admin)).toEqual(['Acme', 'Globex']);
  });

  it('answers an out-of-scope get with the same 404 as a missing id', async () => {
    const globex = await newAccount(rep2, 'Globex');
    const outOfScope = await errorOf(
      service.get({ principal: rep1, module: 'accounts', id: String(globex.id) }),
    );
    const missing = await errorOf(
      service.get({ principal: rep1, module: 'accounts', id: 'nosuchrecord0000' }),
    );
    expect(outOfScope).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Record not found' });
    expect(missing).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'Record not found' });
  });

  it('cannot update or delete a record outside the scope, and nothing changes', async () => {
    const globex = await newAccount(rep2, 'Globex');
    const id = String(globex.id);
    const before = await store.get({ module: 'accounts', id, where: all });
    expect(
      await errorOf(service.update({ principal: rep1, module: 'accounts', id, input: { name: 'Mine' } })),
    ).toMatchObject({ status: 404 });
    expect(await errorOf(service.remove({ principal: rep1, module: 'accounts', id }))).toMatchObject({
      status: 404,
    });
    expect(await store.get({ module: 'accounts', id, where: all })).toEqual(before);
  });

  it('lets exactly one of two updates with the same version win; the other gets 409 with the current record', async () => {
    const acme = await newAccount(rep1, 'Acme');
    const id = String(acme.id);
    const results = await Promise.allSettled([
      service.update({ principal: rep1, module: 'accounts', id, input: { name: 'A' }, expectedVersion: 1 }),
      service.update({ principal: rep1, module: 'accounts', id, input: { name: 'B' }, expectedVersion: 1 }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.reason).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      details: { current: { version: 2 } },
    });
  });

  it('rolls the whole create back when a beforeChange hook throws', async () => {
    hooks.on(
      'beforeChange',
      () => {
        throw new Error('refused by hook');
      },
      { module: 'accounts' },
    );
    await expect(newAccount(rep1, 'Acme')).rejects.toThrow('refused by hook');
    expect(await store.count({ module: 'accounts', where: all })).toBe(0);
    expect(await store.count({ module: 'atriumSequences', where: all })).toBe(0);
    expect(await store.count({ module: 'atriumAudit', where: all })).toBe(0);
  });

  it('fails closed when a before hook hangs', async () => {
    hooks.on('beforeChange', () => new Promise(() => {}), { module: 'accounts' });
    expect(await errorOf(newAccount(rep1, 'Acme'))).toMatchObject({ code: 'HOOK_TIMEOUT', status: 503 });
    expect(await store.count({ module: 'accounts', where: all })).toBe(0);
  });

  it('logs an afterChange error without failing the write', async () => {
    hooks.on('afterChange', () => {
      throw new Error('notification failed');
    });
    await newAccount(rep1, 'Acme');
    expect(hookErrors).toHaveLength(1);
    expect(await store.count({ module: 'accounts', where: all })).toBe(1);
  });

  it.each([
    ['a $-prefixed key', { name: 'Acme', type: 'customer', $where: '1' }, '$where', 'FIELD_NOT_WRITABLE'],
    ['an unknown field', { name: 'Acme', type: 'customer', colour: 'red' }, 'colour', 'FIELD_NOT_WRITABLE'],
    [
      'a wrong value type',
      { name: 'Acme', type: 'customer', employees: 'many' },
      'employees',
      'VALIDATION_FAILED',
    ],
    [
      'an object where a scalar belongs',
      { name: { $ne: null }, type: 'customer' },
      'name',
      'VALIDATION_FAILED',
    ],
    ['a value not among the options', { name: 'Acme', type: 'alien' }, 'type', 'VALIDATION_FAILED'],
    ['a missing required field', { type: 'customer' }, 'name', 'VALIDATION_FAILED'],
    [
      'a __proto__ key',
      JSON.parse('{"name":"Acme","type":"customer","__proto__":{"admin":true}}'),
      '__proto__',
      'FIELD_NOT_WRITABLE',
    ],
    [
      'a date that does not exist',
      { name: 'Acme', type: 'customer', customerSince: '2026-02-30' },
      'customerSince',
      'VALIDATION_FAILED',
    ],
  ])('refuses %s with a clear error and stores nothing', async (_, input, field, code) => {
    const error = await errorOf(service.create({ principal: rep1, module: 'accounts', input }));
    expect(error).toMatchObject({ status: 400, code });
    expect(JSON.stringify(error.details)).toContain(field);
    expect(await store.count({ module: 'accounts', where: all })).toBe(0);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    [
      'a 100-deep filter',
      { filter: Array.from({ length: 100 }).reduce((f) => ({ not: f }), { name: { eq: 'x' } }) },
      'INVALID_FILTER',
    ],
    [
      'in with 100k values',
      { filter: { name: { in: Array.from({ length: 100_000 }, (_, i) => `n${i}`) } } },
      'INVALID_FILTER',
    ],
    ['limit=1e9', { limit: 1e9 }, 'BAD_REQUEST'],
    ['a sort on an unknown field', { sort: 'nothing' }, 'BAD_REQUEST'],
    ['a $-key in a filter', { filter: { $where: 'sleep(1)' } }, 'INVALID_FILTER'],
  ])('refuses a list with %s', async (_, query, code) => {
    expect(await errorOf(service.list({ principal: rep1, module: 'accounts', query }))).toMatchObject({
      status: 400,
      code,
    });
  });

  describe('a field hidden from the principal (deals.margin for a rep)', () => {
    let dealId: string;
    beforeEach(async () => {
      const deal = await service.create({
        principal: admin,
        module: 'deals',
        input: { name: 'Big deal zebracorn', stage: 'proposal', margin: 42, owner: 'rep1' },
      });
      dealId = String(deal.id);
    });

    it('never appears in get, list or search', async () => {
      const got = await service.get({ principal: rep1, module: 'deals', id: dealId });
      const listed = await service.list({ principal: rep1, module: 'deals' });
      const found = await service.search({ principal: rep1, module: 'deals', text: 'zebracorn' });
      expect(got).not.toHaveProperty('margin');
      expect(listed.records[0]).not.toHaveProperty('margin');
      expect(found.records).toHaveLength(1);
      expect(found.records[0]).not.toHaveProperty('margin');
      expect(await service.get({ principal: admin, module: 'deals', id: dealId })).toHaveProperty(
        'margin',
        42,
      );
    });

    it('cannot be filtered on, even nested', async () => {
      const filter = { or: [{ name: { eq: 'x' } }, { not: { margin: { gt: 40 } } }] };
      expect(
        await errorOf(service.list({ principal: rep1, module: 'deals', query: { filter } })),
      ).toMatchObject({
        status: 403,
        code: 'FIELD_NOT_READABLE',
      });
    });

    it('cannot be sorted or grouped by', async () => {
      expect(
        await errorOf(service.list({ principal: rep1, module: 'deals', query: { sort: '-margin' } })),
      ).toMatchObject({ status: 400 });
      expect(
        await errorOf(
          service.aggregate({
            principal: rep1,
            module: 'deals',
            groupBy: [],
            metrics: [{ fn: 'avg', field: 'margin', as: 'm' }],
          }),
        ),
      ).toMatchObject({ status: 400 });
    });

    it('cannot be written, and the value stays', async () => {
      const error = await errorOf(
        service.update({ principal: rep1, module: 'deals', id: dealId, input: { margin: 1 } }),
      );
      expect(error).toMatchObject({ status: 400, code: 'FIELD_NOT_WRITABLE' });
      expect((await store.get({ module: 'deals', id: dealId, where: all }))?.margin).toBe(42);
    });
  });

  it('numbers cases from a sequence', async () => {
    const input = { subject: 'Printer on fire', status: 'new', priority: 'high' };
    const first = await service.create({ principal: rep1, module: 'cases', input });
    const second = await service.create({ principal: rep1, module: 'cases', input });
    expect(first.caseNumber).not.toEqual(second.caseNumber);
    expect(String(second.caseNumber).localeCompare(String(first.caseNumber))).toBe(1);
  });

  it('refuses a relation to a record the principal cannot see, like a missing one', async () => {
    const globex = await newAccount(rep2, 'Globex');
    const hidden = await errorOf(
      service.create({
        principal: rep1,
        module: 'contacts',
        input: { lastName: 'Doe', account: String(globex.id) },
      }),
    );
    const missing = await errorOf(
      service.create({
        principal: rep1,
        module: 'contacts',
        input: { lastName: 'Doe', account: 'nosuchrecord0000' },
      }),
    );
    expect(hidden).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(missing).toEqual(hidden);
    const acme = await newAccount(rep1, 'Acme');
    const contact = await service.create({
      principal: rep1,
      module: 'contacts',
      input: { lastName: 'Doe', account: String(acme.id) },
    });
    expect(contact.account).toBe(acme.id);
  });

  it('soft-deletes into the recycle bin and restores', async () => {
    const acme = await newAccount(rep1, 'Acme');
    const id = String(acme.id);
    await service.remove({ principal: rep1, module: 'accounts', id });
    expect((await service.list({ principal: rep1, module: 'accounts' })).records).toEqual([]);
    expect(
      (await service.list({ principal: rep1, module: 'accounts', deleted: true })).records.map((r) => r.id),
    ).toEqual([id]);
    const restored = await service.restore({ principal: rep1, module: 'accounts', id });
    expect(restored).toMatchObject({ id, name: 'Acme', version: 3 });
  });

  it('writes an audit entry with the changes for every write', async () => {
    const acme = await newAccount(rep1, 'Acme');
    const id = String(acme.id);
    await service.update({ principal: rep1, module: 'accounts', id, input: { name: 'Acme Corp' } });
    await service.remove({ principal: rep1, module: 'accounts', id });
    const entries = (
      await store.find({
        module: 'atriumAudit',
        where: all,
        sort: [{ field: 'createdAt', direction: 'asc' }],
        limit: 10,
      })
    ).records;
    expect(entries.map((e) => [e.action, e.actor, e.recordId])).toEqual([
      ['create', 'rep1', id],
      ['update', 'rep1', id],
      ['delete', 'rep1', id],
    ]);
    expect(entries[1]?.changes).toEqual({ name: { from: 'Acme', to: 'Acme Corp' } });
  });

  it('bulk-updates all records or none', async () => {
    const acme = await newAccount(rep1, 'Acme');
    const globex = await newAccount(rep2, 'Globex');
    const ids = [String(acme.id), String(globex.id)];
    expect(
      await errorOf(
        service.bulkUpdate({ principal: rep1, module: 'accounts', ids, input: { industry: 'technology' } }),
      ),
    ).toMatchObject({
      status: 404,
    });
    expect((await store.get({ module: 'accounts', id: ids[0] ?? '', where: all }))?.industry).toBeUndefined();
    expect(
      await service.bulkUpdate({
        principal: admin,
        module: 'accounts',
        ids,
        input: { industry: 'technology' },
      }),
    ).toEqual({ updated: 2 });
  });

  it('lists related children that pass their own access', async () => {
    const acme = await newAccount(admin, 'Acme');
    const account = String(acme.id);
    await service.create({
      principal: admin,
      module: 'contacts',
      input: { lastName: 'Mine', account, owner: 'rep1' },
    });
    await service.create({
      principal: admin,
      module: 'contacts',
      input: { lastName: 'Theirs', account, owner: 'rep2' },
    });
    await service.update({ principal: admin, module: 'accounts', id: account, input: { owner: 'rep1' } });
    const related = await service.related({
      principal: rep1,
      module: 'accounts',
      id: account,
      child: { module: 'contacts', field: 'account' },
    });
    expect(related.records.map((r) => r.lastName)).toEqual(['Mine']);
  });
});

describe('RecordService with a scoped, preset grant (a portal user of account A)', () => {
  it('creates the case on the preset account even when the input names another, or refuses', async () => {
    const { service: s } = await createTestRecordService(app);
    const a = await s.create({
      principal: admin,
      module: 'accounts',
      input: { name: 'A', type: 'customer' },
    });
    const b = await s.create({
      principal: admin,
      module: 'accounts',
      input: { name: 'B', type: 'customer' },
    });
    const portal: Principal = {
      kind: 'portal',
      id: 'pa',
      attributes: { id: 'pa', accountId: String(a.id) },
      portalType: 'client',
      grants: [
        makeGrant({
          app,
          module: 'accounts',
          actions: ['read'],
          where: { id: { eq: '$principal.accountId' } },
          fieldMode: 'allowList',
          fields: { name: 'readOnly' },
        }),
        makeGrant({
          app,
          module: 'cases',
          actions: ['read', 'create'],
          where: { account: { eq: '$principal.accountId' } },
          fieldMode: 'allowList',
          fields: { subject: 'readWrite', status: 'readOnly', priority: 'readWrite', account: 'readOnly' },
          presets: { account: '$principal.accountId' },
        }),
      ],
    };
    const input = { subject: 'Help', priority: 'low' };
    const created = await s.create({ principal: portal, module: 'cases', input });
    expect(created.account).toBe(a.id);
    const refused = await errorOf(
      s.create({ principal: portal, module: 'cases', input: { ...input, account: String(b.id) } }),
    );
    expect(refused.status).toBe(400);
    const listed = await s.list({ principal: admin, module: 'cases' });
    expect(listed.records.map((r) => r.account)).toEqual([a.id]);
  });
});
