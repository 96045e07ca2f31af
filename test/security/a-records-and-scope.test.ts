/**
 * SECURITY-TESTS §A (staff side): records and scope. Portal cases (PA/PB/PP, §A3, §A5) belong to the
 * portal suite. §A7 (the staff sharing matrix against a reference vtiger model, random role trees,
 * groups and rules) is the property test `runtime/core/access/staff/compile-staff-principal.property.test.ts`.
 *
 * Fixture: the demo org — rep1 and rep2 under the sales manager, support beside them; org-wide default
 * private for accounts, contacts, deals, cases; customer/partner accounts shared read-only within sales.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../runtime/store/types.ts';
import { changeMetadata, findDocument } from './helpers/change-metadata.ts';
import {
  createStaffUser,
  everything,
  filterParam,
  listAll,
  readBody,
  readRecords,
  sortedIds,
  startSecurityRuntime,
  storedRecord,
  storedRecords,
  storedUser,
  type TestRuntime,
} from './helpers/security-runtime.ts';

let t: TestRuntime;
let ids: { admin: string; manager: string; rep1: string; rep2: string; support: string };
let cookies: { rep1: string; rep2: string; manager: string; support: string; admin: string };

beforeAll(async () => {
  t = await startSecurityRuntime();
  const id = async (email: string) => (await storedUser(t, email)).id;
  ids = {
    admin: await id('admin@atrium.test'),
    manager: await id('manager@atrium.test'),
    rep1: await id('rep1@atrium.test'),
    rep2: await id('rep2@atrium.test'),
    support: await id('support@atrium.test'),
  };
  cookies = {
    rep1: await t.login('rep1@atrium.test'),
    rep2: await t.login('rep2@atrium.test'),
    manager: await t.login('manager@atrium.test'),
    support: await t.login('support@atrium.test'),
    admin: await t.login('admin@atrium.test'),
  };
}, 60_000);

/** ORACLE: stored records of a module owned by one user. */
async function ownedBy(module: string, owner: string): Promise<RecordDoc[]> {
  return (await storedRecords(t, module)).filter((r) => r.owner === owner);
}

/** ORACLE: the first stored record of a module owned by `owner`. */
async function firstOwnedBy(module: string, owner: string): Promise<RecordDoc> {
  const [record] = await ownedBy(module, owner);
  if (!record) throw new Error(`no ${module} owned by ${owner}`);
  return record;
}

/** The sales team (the sales manager's role and subordinates), from the role tree. */
function salesTeam(): Set<string> {
  return new Set([ids.manager, ids.rep1, ids.rep2]);
}

/** REFERENCE: accounts rep1 may read — its own, plus customers/partners owned within the sales team. */
async function accountsVisibleToRep1(): Promise<RecordDoc[]> {
  const team = salesTeam();
  return (await storedRecords(t, 'accounts')).filter(
    (a) =>
      a.owner === ids.rep1 || (team.has(String(a.owner)) && (a.type === 'customer' || a.type === 'partner')),
  );
}

/**
 * A customer account of rep2's that rep1 can read (read-only, through the sales sharing rule); with
 * `withChildrenIn`, one that has records of that module linked to it.
 */
async function sharedRep2Account(withChildrenIn?: string): Promise<RecordDoc> {
  const linked = withChildrenIn
    ? new Set((await storedRecords(t, withChildrenIn)).map((child) => String(child.account)))
    : null;
  const account = (await ownedBy('accounts', ids.rep2)).find(
    (a) => (a.type === 'customer' || a.type === 'partner') && (linked === null || linked.has(a.id)),
  );
  if (!account) throw new Error('rep2 owns no customer account');
  return account;
}

describe('A1 another rep’s records by id', () => {
  it.each(['contacts', 'deals', 'leads', 'tasks'])(
    'answers rep1 reading rep2’s %s record with the same 404 as a missing id',
    async (module) => {
      const foreign = await firstOwnedBy(module, ids.rep2);
      const outOfScope = await t.request(`/api/records/${module}/${foreign.id}`, { cookie: cookies.rep1 });
      const missing = await t.request(`/api/records/${module}/doesnotexist0000`, { cookie: cookies.rep1 });
      expect(outOfScope.status).toBe(404);
      expect(await outOfScope.json()).toEqual(await missing.json());
    },
  );

  it('answers rep1 patching rep2’s deal with the same 404 as a missing id, and the deal is unchanged', async () => {
    const deal = await firstOwnedBy('deals', ids.rep2);
    const response = await t.request(`/api/records/deals/${deal.id}`, {
      method: 'PATCH',
      cookie: cookies.rep1,
      body: { name: 'Taken over', owner: ids.rep1 },
    });
    const missing = await t.request('/api/records/deals/doesnotexist0000', {
      method: 'PATCH',
      cookie: cookies.rep1,
      body: { name: 'Taken over', owner: ids.rep1 },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(await missing.json());
    expect(await storedRecord(t, 'deals', deal.id)).toEqual(deal);
  });

  it('answers rep1 deleting rep2’s contact with 403/404, and the contact stays live', async () => {
    const contact = await firstOwnedBy('contacts', ids.rep2);
    const response = await t.request(`/api/records/contacts/${contact.id}`, {
      method: 'DELETE',
      cookie: cookies.rep1,
    });
    expect([403, 404]).toContain(response.status);
    expect(await storedRecord(t, 'contacts', contact.id)).toEqual(contact);
  });

  it('answers rep1 restoring a record rep2’s manager deleted with 403/404, and it stays deleted', async () => {
    const task = await firstOwnedBy('tasks', ids.rep2);
    const removed = await t.request(`/api/records/tasks/${task.id}`, {
      method: 'DELETE',
      cookie: cookies.manager,
    });
    expect(removed.status).toBe(204);
    const before = await storedRecord(t, 'tasks', task.id);
    const response = await t.request(`/api/records/tasks/${task.id}/restore`, {
      method: 'POST',
      cookie: cookies.rep1,
    });
    expect([403, 404]).toContain(response.status);
    expect(await storedRecord(t, 'tasks', task.id)).toEqual(before);
    expect(before?.deletedAt).not.toBeNull();
  });

  it('answers rep1 with 404 for contact ids harvested from cases it may read', async () => {
    const readableCases = await listAll({ t, cookie: cookies.rep1, module: 'cases' });
    const visibleContacts = new Set((await ownedBy('contacts', ids.rep1)).map((c) => c.id));
    const harvested = [
      ...new Set(readableCases.map((c) => String(c.contact)).filter((id) => !visibleContacts.has(id))),
    ].slice(0, 5);
    expect(harvested.length).toBeGreaterThan(0);
    for (const id of harvested) {
      const response = await t.request(`/api/records/contacts/${id}`, { cookie: cookies.rep1 });
      expect(response.status).toBe(404);
    }
  });
});

describe('A2 lists and search return exactly the reference scope', () => {
  type Crafted = { name: string; filter: (rep2: string) => unknown; expects: 'own' | 'none' };
  const crafted: Crafted[] = [
    { name: 'no filter', filter: () => undefined, expects: 'own' },
    {
      name: 'an or that is always true',
      filter: () => ({ or: [{ email: { exists: true } }, { email: { exists: false } }] }),
      expects: 'own',
    },
    { name: 'an owner filter naming rep2', filter: (rep2) => ({ owner: { eq: rep2 } }), expects: 'none' },
    {
      name: 'an or of owner = rep2 and owner ≠ rep2',
      filter: (rep2) => ({ or: [{ owner: { eq: rep2 } }, { owner: { ne: rep2 } }] }),
      expects: 'own',
    },
    { name: 'a not', filter: () => ({ not: { lastName: { eq: 'nobody' } } }), expects: 'own' },
  ];

  it.each(crafted)('lists rep1 exactly its own contacts with $name', async ({ filter, expects }) => {
    const json = filter(ids.rep2);
    const listed = await listAll({
      t,
      cookie: cookies.rep1,
      module: 'contacts',
      params: json === undefined ? {} : { filter: JSON.stringify(json) },
    });
    const expected = expects === 'own' ? await ownedBy('contacts', ids.rep1) : [];
    expect(sortedIds(listed)).toEqual(sortedIds(expected));
  });

  it('lists rep1 exactly the accounts of the reference model (own + shared customers/partners)', async () => {
    const listed = await listAll({ t, cookie: cookies.rep1, module: 'accounts' });
    expect(sortedIds(listed)).toEqual(sortedIds(await accountsVisibleToRep1()));
  });

  it('lists rep1 exactly its own deals, also with a crafted or filter', async () => {
    const filter = JSON.stringify({ or: [{ owner: { eq: ids.rep2 } }, { name: { exists: true } }] });
    const listed = await listAll({ t, cookie: cookies.rep1, module: 'deals', params: { filter } });
    expect(sortedIds(listed)).toEqual(sortedIds(await ownedBy('deals', ids.rep1)));
  });

  it('searches rep1 only within its own contacts: the admin’s hits restricted to rep1’s', async () => {
    const word = String((await firstOwnedBy('contacts', ids.rep1)).lastName);
    const query = `q=${encodeURIComponent(word)}&limit=200`;
    const asAdmin = await readRecords(
      await t.request(`/api/records/contacts?${query}`, { cookie: cookies.admin }),
    );
    const asRep1 = await readRecords(
      await t.request(`/api/records/contacts?${query}`, { cookie: cookies.rep1 }),
    );
    const stored = new Map((await storedRecords(t, 'contacts')).map((c) => [c.id, c]));
    expect(asAdmin.length).toBeGreaterThan(asRep1.length);
    expect(sortedIds(asRep1)).toEqual(
      sortedIds(asAdmin.filter((c) => stored.get(String(c.id))?.owner === ids.rep1)),
    );
  });

  it('searches with a crafted or filter without widening rep1’s scope', async () => {
    const filter = filterParam({ or: [{ owner: { eq: ids.rep2 } }, { email: { exists: true } }] });
    const found = await readRecords(
      await t.request(`/api/records/contacts?q=test&filter=${filter}&limit=200`, { cookie: cookies.rep1 }),
    );
    const own = new Set((await ownedBy('contacts', ids.rep1)).map((c) => c.id));
    expect(found.every((c) => own.has(String(c.id)))).toBe(true);
  });
});

describe('A4 related lists pass each child through its own module’s scope', () => {
  it.each(['contacts.account', 'deals.account', 'cases.account', 'tasks.account'])(
    'lists rep1 only the %s children it may read under rep2’s shared account',
    async (relation) => {
      const [childModule = ''] = relation.split('.');
      const account = await sharedRep2Account(childModule);
      const response = await t.request(`/api/records/accounts/${account.id}/related/${relation}?limit=200`, {
        cookie: cookies.rep1,
      });
      expect(response.status).toBe(200);
      const children = await readRecords(response);
      const readable = new Set(sortedIds(await listAll({ t, cookie: cookies.rep1, module: childModule })));
      const storedChildren = (await storedRecords(t, childModule)).filter((c) => c.account === account.id);
      expect(storedChildren.length).toBeGreaterThan(0);
      expect(sortedIds(children)).toEqual(sortedIds(storedChildren.filter((c) => readable.has(c.id))));
    },
  );

  it('answers a related list under an account rep1 may not read with 404', async () => {
    const hidden = (await ownedBy('accounts', ids.rep2)).find((a) => a.type === 'prospect');
    if (!hidden) throw new Error('rep2 owns no prospect account');
    const response = await t.request(`/api/records/accounts/${hidden.id}/related/deals.account`, {
      cookie: cookies.rep1,
    });
    expect(response.status).toBe(404);
  });
});

describe('A6 mutations without the right change nothing', () => {
  it('refuses rep1 updating rep2’s account it may only read (read-only sharing rule), unchanged', async () => {
    const account = await sharedRep2Account();
    const response = await t.request(`/api/records/accounts/${account.id}`, {
      method: 'PATCH',
      cookie: cookies.rep1,
      body: { name: 'Renamed by rep1' },
    });
    expect([403, 404]).toContain(response.status);
    expect(await storedRecord(t, 'accounts', account.id)).toEqual(account);
  });

  it('refuses rep1 deleting its own account (its profile has no delete), and it stays live', async () => {
    const account = await firstOwnedBy('accounts', ids.rep1);
    const response = await t.request(`/api/records/accounts/${account.id}`, {
      method: 'DELETE',
      cookie: cookies.rep1,
    });
    expect(response.status).toBe(403);
    expect(await storedRecord(t, 'accounts', account.id)).toEqual(account);
  });

  it('refuses rep1 updating its own case (its profile has no case update), unchanged', async () => {
    const kase = await firstOwnedBy('cases', ids.rep1);
    const response = await t.request(`/api/records/cases/${kase.id}`, {
      method: 'PATCH',
      cookie: cookies.rep1,
      body: { status: 'resolved' },
    });
    expect(response.status).toBe(403);
    expect(await storedRecord(t, 'cases', kase.id)).toEqual(kase);
  });

  it('refuses support creating an account (no create right), and nothing is stored', async () => {
    const before = await t.store.count({ module: 'accounts', where: everything });
    const response = await t.request('/api/records/accounts', {
      method: 'POST',
      cookie: cookies.support,
      body: { name: 'Support Side Corp', type: 'prospect' },
    });
    expect(response.status).toBe(403);
    expect(await t.store.count({ module: 'accounts', where: everything })).toBe(before);
  });

  it('refuses support updating a contact it may only read, unchanged', async () => {
    const contact = await firstOwnedBy('contacts', ids.rep2);
    const response = await t.request(`/api/records/contacts/${contact.id}`, {
      method: 'PATCH',
      cookie: cookies.support,
      body: { title: 'Changed by support' },
    });
    expect([403, 404]).toContain(response.status);
    expect(await storedRecord(t, 'contacts', contact.id)).toEqual(contact);
  });

  it('refuses rep1 handing its own deal to rep2 (out of its scope after the write): no write, no audit entry', async () => {
    const deal = await firstOwnedBy('deals', ids.rep1);
    const auditBefore = await t.store.count({ module: 'atriumAudit', where: everything });
    const response = await t.request(`/api/records/deals/${deal.id}`, {
      method: 'PATCH',
      cookie: cookies.rep1,
      body: { owner: ids.rep2 },
    });
    expect([400, 403]).toContain(response.status);
    expect(await storedRecord(t, 'deals', deal.id)).toEqual(deal);
    expect(await t.store.count({ module: 'atriumAudit', where: everything })).toBe(auditBefore);
  });

  it('refuses rep1 linking a new deal to rep2’s account it cannot see, and nothing is stored', async () => {
    const hidden = (await ownedBy('accounts', ids.rep2)).find((a) => a.type === 'prospect');
    if (!hidden) throw new Error('rep2 owns no prospect account');
    const before = await t.store.count({ module: 'deals', where: everything });
    const response = await t.request('/api/records/deals', {
      method: 'POST',
      cookie: cookies.rep1,
      body: { name: 'Linked to a hidden account', stage: 'prospecting', account: hidden.id },
    });
    expect([400, 403, 404]).toContain(response.status);
    expect(await t.store.count({ module: 'deals', where: everything })).toBe(before);
  });

  it('refuses a bulk update by rep1 that includes one of rep2’s deals, and none of them changes', async () => {
    const user = await storedUser(t, 'rep1@atrium.test');
    const { resolveStaffPrincipal } = await import(
      '../../runtime/server/identity/resolve-staff-principal.ts'
    );
    const principal = await resolveStaffPrincipal({ store: t.store, app: t.runtime.getApp(), user });
    if (!principal) throw new Error('rep1 has no principal');
    const own = await firstOwnedBy('deals', ids.rep1);
    const foreign = await firstOwnedBy('deals', ids.rep2);
    await expect(
      t.runtime.records.bulkUpdate({
        principal,
        module: 'deals',
        ids: [own.id, foreign.id],
        input: { nextStep: 'bulk by rep1' },
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(await storedRecord(t, 'deals', own.id)).toEqual(own);
    expect(await storedRecord(t, 'deals', foreign.id)).toEqual(foreign);
  });
});

describe('A8 changes to role, profile, sharing and activity apply to the next request', () => {
  it('applies a role change on the next request of a live session', async () => {
    const user = await createStaffUser({ t, email: 'rep3@atrium.test', role: 'salesRep' });
    const cookie = await t.login('rep3@atrium.test');
    expect((await t.request('/api/records/leads', { cookie })).status).toBe(200);
    await t.store.update({
      module: 'atriumUsers',
      id: user.id,
      where: everything,
      set: { role: 'support' },
      updatedAt: new Date().toISOString(),
      updatedBy: null,
    });
    expect((await t.request('/api/records/leads', { cookie })).status).toBe(403);
    expect(((await readBody(await t.request('/api/me', { cookie }))).data as { role: string }).role).toBe(
      'support',
    );
  });

  it('ends a live session of a user deactivated meanwhile (401 on the next request)', async () => {
    const user = await createStaffUser({ t, email: 'rep4@atrium.test', role: 'salesRep' });
    const cookie = await t.login('rep4@atrium.test');
    expect((await t.request('/api/me', { cookie })).status).toBe(200);
    await t.store.update({
      module: 'atriumUsers',
      id: user.id,
      where: everything,
      set: { active: false },
      updatedAt: new Date().toISOString(),
      updatedBy: null,
    });
    expect((await t.request('/api/me', { cookie })).status).toBe(401);
    expect((await t.request('/api/records/accounts', { cookie })).status).toBe(401);
  });

  it('applies a profile change (deals.amount hidden from reps) on rep1’s next request', async () => {
    // Deals made by lead conversion at seeding may have no amount: take one that has it.
    const deal = (await ownedBy('deals', ids.rep1)).find((d) => typeof d.amount === 'number');
    if (!deal) throw new Error('rep1 has no deal with an amount');
    const before = (
      await readBody(await t.request(`/api/records/deals/${deal.id}`, { cookie: cookies.rep1 }))
    ).data as Record<string, unknown>;
    expect(before).toHaveProperty('amount');
    const restore = await changeMetadata({
      t,
      change: (documents) => {
        const profile = findDocument({ documents, kind: 'profile', name: 'salesRep' });
        const modules = profile.modules as Record<string, { fields?: Record<string, string> }>;
        const deals = modules.deals;
        if (!deals) throw new Error('salesRep has no deals');
        deals.fields = { ...deals.fields, amount: 'hidden' };
      },
    });
    try {
      const after = (
        await readBody(await t.request(`/api/records/deals/${deal.id}`, { cookie: cookies.rep1 }))
      ).data as Record<string, unknown>;
      expect(after).not.toHaveProperty('amount');
      const filter = filterParam({ amount: { gt: 0 } });
      expect([400, 403]).toContain(
        (await t.request(`/api/records/deals?filter=${filter}`, { cookie: cookies.rep1 })).status,
      );
    } finally {
      await restore();
    }
  });

  it('applies the removal of a sharing rule on rep1’s next request', async () => {
    const shared = await sharedRep2Account();
    expect((await t.request(`/api/records/accounts/${shared.id}`, { cookie: cookies.rep1 })).status).toBe(
      200,
    );
    const restore = await changeMetadata({
      t,
      change: (documents) => {
        const sharing = findDocument({ documents, kind: 'sharing', name: 'accounts' });
        sharing.rules = (sharing.rules as Array<{ name: string }>).filter(
          (r) => r.name !== 'customersWithinSales',
        );
      },
    });
    try {
      expect((await t.request(`/api/records/accounts/${shared.id}`, { cookie: cookies.rep1 })).status).toBe(
        404,
      );
      const listed = await listAll({ t, cookie: cookies.rep1, module: 'accounts' });
      expect(sortedIds(listed)).toEqual(sortedIds(await ownedBy('accounts', ids.rep1)));
    } finally {
      await restore();
    }
  });

  it('applies a group change (rep1’s role taken out of the sales team) on rep1’s next request', async () => {
    const shared = await sharedRep2Account();
    const restore = await changeMetadata({
      t,
      change: (documents) => {
        const group = findDocument({ documents, kind: 'group', name: 'salesTeam' });
        group.members = { roles: ['salesManager'] };
      },
    });
    try {
      expect((await t.request(`/api/records/accounts/${shared.id}`, { cookie: cookies.rep1 })).status).toBe(
        404,
      );
    } finally {
      await restore();
    }
  });
});
