/**
 * SECURITY-TESTS §A (portal side): records and portal scope. PA is alice@acme.test (client portal,
 * Acme's primary contact: her own records OR the whole account), carol@acme.test is a client user who
 * sees only her own records, bob@globex.test is PB, pat@partner.test is PP (partner portal, MFA
 * required) and lee@lead.test is a lead-portal user. Globex's ids are harvested from the store, as an
 * administrator would see them. The reference scopes below restate `metadata/starter/portals/client.json`
 * over the stored records.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../runtime/store/types.ts';
import {
  createPortalUser,
  type DemoPortalFixture,
  demoPortalFixture,
  enrolPortalMfa,
  portalListAll,
  portalLogin,
  portalLoginResponse,
  portalPath,
  portalPrincipal,
  seedPortalRecords,
  setStoredUser,
} from './helpers/portal-runtime.ts';
import {
  everything,
  filterParam,
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
let f: DemoPortalFixture;
let cookies: { alice: string; carol: string; bob: string; lee: string; pat: string; admin: string };

beforeAll(async () => {
  t = await startSecurityRuntime();
  f = await demoPortalFixture(t);
  cookies = {
    alice: await portalLogin({ t, email: 'alice@acme.test' }),
    carol: await portalLogin({ t, email: 'carol@acme.test' }),
    bob: await portalLogin({ t, email: 'bob@globex.test' }),
    lee: await portalLogin({ t, email: 'lee@lead.test', portalType: 'lead' }),
    pat: (await enrolPortalMfa({ t, email: 'pat@partner.test', portalType: 'partner' })).cookie,
    admin: await t.login('admin@atrium.test'),
  };
  await seedPortalRecords({ t, adminCookie: cookies.admin, f });
}, 60_000);

const clientModules = ['cases', 'quotes', 'quoteLines', 'documents', 'accounts', 'contacts'] as const;
type ClientModule = (typeof clientModules)[number];

/**
 * REFERENCE: the records of a client module a client user sees — the module's scope (own records)
 * OR, for a user who sees the whole account, its account scope — read from the store.
 */
async function referenceScope(args: {
  module: ClientModule;
  contact: string;
  account: string;
  wholeAccount: boolean;
}): Promise<RecordDoc[]> {
  const { contact, account, wholeAccount } = args;
  const records = await storedRecords(t, args.module);
  const notInternal = (r: RecordDoc) => r.isInternal !== true;
  const byId = async (module: string) => new Map((await storedRecords(t, module)).map((r) => [r.id, r]));
  switch (args.module) {
    case 'cases':
    case 'quotes':
      return records.filter((r) => r.contact === contact || (wholeAccount && r.account === account));
    case 'quoteLines': {
      const quotes = await byId('quotes');
      return records.filter((r) => {
        const quote = quotes.get(String(r.quote));
        return quote?.contact === contact || (wholeAccount && quote?.account === account);
      });
    }
    case 'documents': {
      const cases = await byId('cases');
      return records.filter(
        (r) =>
          notInternal(r) &&
          (r.contact === contact ||
            cases.get(String(r.case))?.contact === contact ||
            (wholeAccount && r.account === account)),
      );
    }
    case 'accounts':
      return records.filter((r) => r.id === account);
    case 'contacts':
      return records.filter((r) => r.id === contact || (wholeAccount && r.account === account));
  }
}

const aliceScope = (module: ClientModule) =>
  referenceScope({ module, contact: f.alice, account: f.acme, wholeAccount: true });
const carolScope = (module: ClientModule) =>
  referenceScope({ module, contact: f.carol, account: f.acme, wholeAccount: false });

/** ORACLE: Globex's records of a client module (what bob, PB, may see as a whole account). */
function globexRecords(module: ClientModule): Promise<RecordDoc[]> {
  return referenceScope({ module, contact: f.bob, account: f.globex, wholeAccount: true });
}

/** ORACLE: one Globex record of a module. */
async function globexRecord(module: ClientModule): Promise<RecordDoc> {
  const [record] = await globexRecords(module);
  if (!record) throw new Error(`Globex has no ${module}`);
  return record;
}

/** A client-portal request as alice (or another cookie). */
function asPortal(path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) {
  return t.request(portalPath('client', path), { cookie: cookies.alice, ...init });
}

describe('A1 PA reaching PB’s records by id', () => {
  it.each(clientModules)(
    'answers alice reading a Globex %s record with the same 404 as a missing id',
    async (module) => {
      const foreign = await globexRecord(module);
      const outOfScope = await asPortal(`/records/${module}/${foreign.id}`);
      const missing = await asPortal(`/records/${module}/doesnotexist0000`);
      expect(outOfScope.status).toBe(404);
      expect(await outOfScope.json()).toEqual(await missing.json());
    },
  );

  it('answers alice patching a Globex case (she may update cases) with the same 404 as a missing id, unchanged', async () => {
    const foreign = await globexRecord('cases');
    const body = { subject: 'Taken over by Acme', priority: 'low' };
    const response = await asPortal(`/records/cases/${foreign.id}`, { method: 'PATCH', body });
    const missing = await asPortal('/records/cases/doesnotexist0000', { method: 'PATCH', body });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(await missing.json());
    expect(await storedRecord(t, 'cases', foreign.id)).toEqual(foreign);
  });

  it.each(['quotes', 'documents', 'contacts', 'accounts'] as const)(
    'answers alice patching a Globex %s record exactly as a missing id, unchanged',
    async (module) => {
      const foreign = await globexRecord(module);
      const body = { description: 'Changed from the Acme portal' };
      const response = await asPortal(`/records/${module}/${foreign.id}`, { method: 'PATCH', body });
      const missing = await asPortal(`/records/${module}/doesnotexist0000`, { method: 'PATCH', body });
      expect([403, 404]).toContain(response.status);
      expect(response.status).toBe(missing.status);
      expect(await response.json()).toEqual(await missing.json());
      expect(await storedRecord(t, module, foreign.id)).toEqual(foreign);
    },
  );

  it.each(clientModules)(
    'answers alice deleting a Globex %s record exactly as a missing id, and it stays live',
    async (module) => {
      const foreign = await globexRecord(module);
      const response = await asPortal(`/records/${module}/${foreign.id}`, { method: 'DELETE' });
      const missing = await asPortal(`/records/${module}/doesnotexist0000`, { method: 'DELETE' });
      expect([403, 404]).toContain(response.status);
      expect(response.status).toBe(missing.status);
      expect(await response.json()).toEqual(await missing.json());
      expect(await storedRecord(t, module, foreign.id)).toEqual(foreign);
    },
  );

  it('answers 404 for ids harvested as admin from Globex cases (contacts) and from bob’s session', async () => {
    const harvested = [
      ...new Set(
        (await globexRecords('cases')).map((c) => String(c.contact)).filter((id) => id !== 'undefined'),
      ),
      f.bob,
    ];
    const fromBob = await portalListAll({ t, cookie: cookies.bob, module: 'cases' });
    for (const id of harvested) expect((await asPortal(`/records/contacts/${id}`)).status).toBe(404);
    for (const record of fromBob)
      expect((await asPortal(`/records/cases/${String(record.id)}`)).status).toBe(404);
    expect((await asPortal(`/records/accounts/${f.globex}`)).status).toBe(404);
  });

  it('answers 404 for related lists under Globex’s account, the same as under a missing one', async () => {
    for (const relation of ['cases.account', 'contacts.account', 'quotes.account', 'documents.account']) {
      const foreign = await asPortal(`/records/accounts/${f.globex}/related/${relation}`);
      const missing = await asPortal(`/records/accounts/doesnotexist0000/related/${relation}`);
      expect(foreign.status).toBe(404);
      expect(await foreign.json()).toEqual(await missing.json());
    }
  });
});

describe('A2 lists, search and counts return exactly the Acme set', () => {
  it.each(clientModules)('lists alice exactly the reference %s with no filter', async (module) => {
    const listed = await portalListAll({ t, cookie: cookies.alice, module });
    const expected = await aliceScope(module);
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(listed)).toEqual(sortedIds(expected));
  });

  it.each(clientModules)('lists carol exactly her own %s with no filter', async (module) => {
    const listed = await portalListAll({ t, cookie: cookies.carol, module });
    expect(sortedIds(listed)).toEqual(sortedIds(await carolScope(module)));
  });

  /** Crafted filters per module that are true for every record (so the answer must be the scope). */
  const tautologies = (globex: string): Array<[ClientModule, unknown]> => [
    ['cases', { or: [{ account: { eq: globex } }, { id: { exists: true } }] }],
    ['cases', { or: [{ account: { eq: globex } }, { not: { account: { eq: globex } } }] }],
    [
      'cases',
      { or: [{ account: { ne: globex } }, { account: { eq: globex } }, { account: { exists: false } }] },
    ],
    ['quotes', { or: [{ account: { eq: globex } }, { id: { exists: true } }] }],
    ['documents', { or: [{ account: { eq: globex } }, { id: { exists: true } }] }],
    ['contacts', { or: [{ account: { eq: globex } }, { id: { exists: true } }] }],
    ['accounts', { or: [{ id: { eq: globex } }, { id: { exists: true } }] }],
    ['quoteLines', { or: [{ 'quote.account': { eq: globex } }, { id: { exists: true } }] }],
  ];

  it.each(tautologies('<globex>'))(
    'lists alice exactly the reference %s with the crafted or filter %j',
    async (module, template) => {
      const filter = JSON.parse(JSON.stringify(template).replaceAll('<globex>', f.globex)) as unknown;
      const listed = await portalListAll({
        t,
        cookie: cookies.alice,
        module,
        params: { filter: JSON.stringify(filter) },
      });
      expect(sortedIds(listed)).toEqual(sortedIds(await aliceScope(module)));
    },
  );

  it.each(['cases', 'quotes', 'documents', 'contacts'] as const)(
    'lists alice nothing of %s for a filter naming only Globex',
    async (module) => {
      const listed = await portalListAll({
        t,
        cookie: cookies.alice,
        module,
        params: { filter: JSON.stringify({ account: { eq: f.globex } }) },
      });
      expect(listed).toEqual([]);
    },
  );

  it('searches alice only within the Acme set: the admin’s hits restricted to the reference scope', async () => {
    const all = await storedRecords(t, 'cases');
    const inScope = new Set(sortedIds(await aliceScope('cases')));
    const words = all
      .filter((c) => inScope.has(c.id))
      .flatMap((c) => String(c.subject).split(/[^A-Za-z]+/))
      .filter((w) => w.length >= 4);
    const word = words.find((w) => all.some((c) => !inScope.has(c.id) && String(c.subject).includes(w)));
    if (!word) throw new Error('no word shared by Acme and other cases');
    const query = `q=${encodeURIComponent(word)}&limit=200`;
    const asAdmin = await readRecords(
      await t.request(`/api/records/cases?${query}`, { cookie: cookies.admin }),
    );
    expect(asAdmin.some((c) => !inScope.has(String(c.id)))).toBe(true);
    const plain = await readRecords(await asPortal(`/records/cases?${query}`));
    const crafted = await readRecords(
      await asPortal(
        `/records/cases?${query}&filter=${filterParam({ or: [{ account: { eq: f.globex } }, { id: { exists: true } }] })}`,
      ),
    );
    const expected = sortedIds(asAdmin.filter((c) => inScope.has(String(c.id))));
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(plain)).toEqual(expected);
    expect(sortedIds(crafted)).toEqual(expected);
  });

  it('searches carol only within her own cases', async () => {
    const own = new Set(sortedIds(await carolScope('cases')));
    for (const q of ['Alice', 'Carol', 'invoices', 'user']) {
      const found = await readRecords(
        await asPortal(`/records/cases?q=${q}&limit=200`, { cookie: cookies.carol }),
      );
      expect(found.every((c) => own.has(String(c.id)))).toBe(true);
    }
  });

  it.each(clientModules)(
    'counts alice exactly the reference %s through the record service, also with a crafted or filter',
    async (module) => {
      const principal = await portalPrincipal({ t, email: 'alice@acme.test' });
      const expected = (await aliceScope(module)).length;
      const count = async (filter?: unknown) => {
        const rows = await t.runtime.records.aggregate({
          principal,
          module,
          groupBy: [],
          metrics: [{ fn: 'count', as: 'n' }],
          ...(filter === undefined ? {} : { filter }),
        });
        return rows[0]?.values.n ?? 0;
      };
      expect(await count()).toBe(expected);
      expect(
        await count({ or: [{ id: { eq: (await globexRecord(module)).id } }, { id: { exists: true } }] }),
      ).toBe(expected);
      expect(await count({ id: { eq: (await globexRecord(module)).id } })).toBe(0);
    },
  );

  it('groups alice’s cases and quotes by account into the Acme group only, with the reference totals', async () => {
    const principal = await portalPrincipal({ t, email: 'alice@acme.test' });
    const cases = await t.runtime.records.aggregate({
      principal,
      module: 'cases',
      groupBy: ['account'],
      metrics: [{ fn: 'count', as: 'n' }],
      filter: { or: [{ account: { eq: f.globex } }, { id: { exists: true } }] },
    });
    expect(cases.map((row) => row.group.account)).toEqual([f.acme]);
    const quotes = await t.runtime.records.aggregate({
      principal,
      module: 'quotes',
      groupBy: [],
      metrics: [
        { fn: 'count', as: 'n' },
        { fn: 'sum', field: 'total', as: 'total' },
      ],
    });
    const reference = await aliceScope('quotes');
    expect(quotes[0]?.values.n).toBe(reference.length);
    expect(quotes[0]?.values.total ?? 0).toBeCloseTo(
      reference.reduce((sum, q) => sum + (typeof q.total === 'number' ? q.total : 0), 0),
      2,
    );
  });

  it('refuses export to alice (403), with no rows of any account', async () => {
    const response = await asPortal('/records/cases/export');
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(f.globex);
  });
});

describe('A3 links and owner of what PA writes come from the session', () => {
  it.each([
    ['account: Globex', () => ({ account: f.globex })],
    ['contact: bob', () => ({ contact: f.bob })],
    ['account and contact of Globex', () => ({ account: f.globex, contact: f.bob })],
  ])('never links a case alice creates naming %s to Globex', async (name, links) => {
    const subject = `A3 case naming ${name}`;
    const response = await asPortal('/records/cases', { method: 'POST', body: { subject, ...links() } });
    expect([201, 400, 403]).toContain(response.status);
    const stored = (await storedRecords(t, 'cases')).filter((c) => c.subject === subject);
    if (response.status === 201) {
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ account: f.acme, contact: f.alice });
    } else expect(stored).toHaveLength(0);
  });

  it('never lets alice choose the owner of a case she creates', async () => {
    const manager = (await storedUser(t, 'manager@atrium.test')).id;
    const subject = 'A3 case naming an owner';
    const response = await asPortal('/records/cases', { method: 'POST', body: { subject, owner: manager } });
    expect([201, 400, 403]).toContain(response.status);
    const stored = (await storedRecords(t, 'cases')).filter((c) => c.subject === subject);
    if (response.status === 201) expect(stored.map((c) => c.owner)).not.toContain(manager);
    else expect(stored).toHaveLength(0);
  });

  it('never links a document alice creates to Globex’s account or case', async () => {
    const globexCase = await globexRecord('cases');
    for (const [name, links] of [
      ['account', { account: f.globex }],
      ['case', { case: globexCase.id }],
    ] as const) {
      const title = `A3 document naming a Globex ${name}`;
      const response = await asPortal('/records/documents', {
        method: 'POST',
        body: { title, category: 'other', ...links },
      });
      expect([201, 400, 403]).toContain(response.status);
      const stored = (await storedRecords(t, 'documents')).filter((d) => d.title === title);
      expect(stored.every((d) => d.account === f.acme && d.case !== globexCase.id)).toBe(true);
    }
  });

  it.each([
    ['account', () => f.globex],
    ['contact', () => f.bob],
  ])('refuses alice re-parenting her own case to Globex (%s), unchanged', async (field, value) => {
    const own = (await storedRecords(t, 'cases')).find((c) => c.contact === f.alice);
    if (!own) throw new Error('alice has no case');
    const response = await asPortal(`/records/cases/${own.id}`, {
      method: 'PATCH',
      body: { [field]: value() },
    });
    expect([400, 403]).toContain(response.status);
    expect(await storedRecord(t, 'cases', own.id)).toEqual(own);
  });
});

describe('A4 related lists pass each child through its own scope', () => {
  it.each([
    ['cases', 'cases.account'],
    ['contacts', 'contacts.account'],
    ['quotes', 'quotes.account'],
    ['documents', 'documents.account'],
  ] as const)('lists alice exactly the reference %s under Acme', async (module, relation) => {
    const response = await asPortal(`/records/accounts/${f.acme}/related/${relation}?limit=200`);
    expect(response.status).toBe(200);
    const expected = (await aliceScope(module)).filter((r) => r.account === f.acme);
    expect(expected.length).toBeGreaterThan(0);
    expect(sortedIds(await readRecords(response))).toEqual(sortedIds(expected));
  });

  it.each([
    ['cases', 'cases.account'],
    ['contacts', 'contacts.account'],
    ['quotes', 'quotes.account'],
    ['documents', 'documents.account'],
  ] as const)('lists carol only her own %s under Acme', async (module, relation) => {
    const response = await asPortal(`/records/accounts/${f.acme}/related/${relation}?limit=200`, {
      cookie: cookies.carol,
    });
    expect(response.status).toBe(200);
    const expected = (await carolScope(module)).filter((r) => r.account === f.acme);
    expect(sortedIds(await readRecords(response))).toEqual(sortedIds(expected));
  });

  it('shows carol none of alice’s cases under Acme, even with a crafted or filter', async () => {
    const filter = filterParam({ or: [{ contact: { eq: f.alice } }, { id: { exists: true } }] });
    const response = await asPortal(`/records/accounts/${f.acme}/related/cases.account?filter=${filter}`, {
      cookie: cookies.carol,
    });
    expect(response.status).toBe(200);
    const cases = await readRecords(response);
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.every((c) => c.contact === f.carol)).toBe(true);
  });

  it('answers carol 404 for related lists under alice’s contact record (outside her contacts scope)', async () => {
    const response = await asPortal(`/records/contacts/${f.alice}/related/cases.contact`, {
      cookie: cookies.carol,
    });
    expect(response.status).toBe(404);
  });

  it('lists alice the quote lines of an Acme quote only, and 404 under a Globex quote', async () => {
    const quote = (await aliceScope('quotes'))[0];
    if (!quote) throw new Error('Acme has no quote');
    const response = await asPortal(`/records/quotes/${quote.id}/related/quoteLines.quote?limit=200`);
    expect(response.status).toBe(200);
    const expected = (await storedRecords(t, 'quoteLines')).filter((l) => l.quote === quote.id);
    expect(sortedIds(await readRecords(response))).toEqual(sortedIds(expected));
    const foreign = await globexRecord('quotes');
    expect((await asPortal(`/records/quotes/${foreign.id}/related/quoteLines.quote`)).status).toBe(404);
  });
});

describe('A5 sessions are bound to one audience', () => {
  const clientPaths = ['/me', '/meta', '/records/cases', '/records/accounts'];

  it('refuses the partner session on client-portal routes, under its own and under the client cookie name', async () => {
    expect((await t.request(portalPath('partner', '/me'), { cookie: cookies.pat })).status).toBe(200);
    const renamed = cookies.pat.replace(/^[^=]+=/, 'atrium_portal_client=');
    for (const path of clientPaths) {
      expect([401, 403, 404]).toContain((await asPortal(path, { cookie: cookies.pat })).status);
      expect([401, 403, 404]).toContain((await asPortal(path, { cookie: renamed })).status);
    }
  });

  it('refuses the lead-portal session on client-portal routes, also renamed', async () => {
    const renamed = cookies.lee.replace(/^[^=]+=/, 'atrium_portal_client=');
    for (const path of clientPaths) {
      expect([401, 403, 404]).toContain((await asPortal(path, { cookie: cookies.lee })).status);
      expect([401, 403, 404]).toContain((await asPortal(path, { cookie: renamed })).status);
    }
  });

  it('refuses the client session on partner and lead routes, also renamed', async () => {
    for (const [type, path] of [
      ['partner', '/records/deals'],
      ['lead', '/records/leads'],
    ] as const) {
      const renamed = cookies.alice.replace(/^[^=]+=/, `atrium_portal_${type}=`);
      for (const cookie of [cookies.alice, renamed])
        expect([401, 403, 404]).toContain((await t.request(portalPath(type, path), { cookie })).status);
    }
  });

  it('refuses the portal session on the staff API, also under the staff cookie name', async () => {
    const renamed = cookies.alice.replace(/^[^=]+=/, 'atrium_staff=');
    for (const path of [
      '/api/me',
      '/api/meta',
      '/api/records/cases',
      '/api/records/accounts',
      '/api/admin/users',
    ]) {
      expect([401, 403, 404]).toContain((await t.request(path, { cookie: cookies.alice })).status);
      expect([401, 403, 404]).toContain((await t.request(path, { cookie: renamed })).status);
    }
  });

  it('refuses the staff session on the portal API, also under the portal cookie names', async () => {
    for (const type of ['client', 'partner', 'lead']) {
      const renamed = cookies.admin.replace(/^[^=]+=/, `atrium_portal_${type}=`);
      for (const cookie of [cookies.admin, renamed]) {
        expect([401, 403, 404]).toContain((await t.request(portalPath(type, '/me'), { cookie })).status);
        expect([401, 403, 404]).toContain(
          (await t.request(portalPath(type, '/records/accounts'), { cookie })).status,
        );
      }
    }
  });

  it('refuses a client user’s password on the partner and lead login routes (no session)', async () => {
    for (const portalType of ['partner', 'lead']) {
      const response = await portalLoginResponse({ t, email: 'alice@acme.test', portalType });
      expect(response.status).toBe(401);
      expect(response.headers.get('set-cookie') ?? '').not.toMatch(/atrium_portal_\w+=[a-z2-7]/);
    }
  });
});

describe('A6 mutations PA has no right to change nothing', () => {
  it.each(['quotes', 'documents'] as const)(
    'refuses alice updating and deleting her own %s, unchanged',
    async (module) => {
      const own = (await aliceScope(module))[0];
      if (!own) throw new Error(`alice sees no ${module}`);
      const patch = await asPortal(`/records/${module}/${own.id}`, {
        method: 'PATCH',
        body: module === 'quotes' ? { name: 'Discounted by the client' } : { title: 'Renamed by the client' },
      });
      const remove = await asPortal(`/records/${module}/${own.id}`, { method: 'DELETE' });
      expect([403, 404]).toContain(patch.status);
      expect([403, 404]).toContain(remove.status);
      expect(await storedRecord(t, module, own.id)).toEqual(own);
    },
  );

  it('refuses alice deleting or restoring her own case (no delete right), unchanged', async () => {
    const own = (await storedRecords(t, 'cases')).find((c) => c.contact === f.alice);
    if (!own) throw new Error('alice has no case');
    expect([403, 404]).toContain((await asPortal(`/records/cases/${own.id}`, { method: 'DELETE' })).status);
    expect([403, 404]).toContain(
      (await asPortal(`/records/cases/${own.id}/restore`, { method: 'POST' })).status,
    );
    expect(await storedRecord(t, 'cases', own.id)).toEqual(own);
  });

  it('refuses alice converting a lead through the portal or the staff route, and nothing is created', async () => {
    const lead = (await storedRecords(t, 'leads')).find((l) => l.status !== 'converted');
    if (!lead) throw new Error('no unconverted lead');
    const accountsBefore = await t.store.count({ module: 'accounts', where: everything });
    const portal = await asPortal(`/records/leads/${lead.id}/convert`, { method: 'POST', body: {} });
    const staff = await t.request(`/api/records/leads/${lead.id}/convert`, {
      method: 'POST',
      cookie: cookies.alice,
      body: {},
    });
    expect([401, 403, 404, 405]).toContain(portal.status);
    expect([401, 403, 404]).toContain(staff.status);
    expect(await storedRecord(t, 'leads', lead.id)).toEqual(lead);
    expect(await t.store.count({ module: 'accounts', where: everything })).toBe(accountsBefore);
  });

  it.each([
    ['deals', { name: 'Portal deal', stage: 'prospecting' }],
    ['leads', { lastName: 'Portal lead', company: 'Portal Co' }],
    ['tasks', { subject: 'Portal task' }],
    ['atriumUsers', { email: 'x@evil.test', audience: 'staff', role: 'admin' }],
    ['atriumSessions', { userId: 'x' }],
  ])(
    'refuses alice creating a %s record (a module her portal does not expose), nothing stored',
    async (module, body) => {
      const before = await t.store.count({ module, where: everything });
      const response = await asPortal(`/records/${module}`, { method: 'POST', body });
      expect([403, 404]).toContain(response.status);
      expect(await t.store.count({ module, where: everything })).toBe(before);
    },
  );

  it('refuses alice importing cases by CSV, nothing stored', async () => {
    const before = await t.store.count({ module: 'cases', where: everything });
    const response = await t.app.request(portalPath('client', '/records/cases/import'), {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', 'content-type': 'text/csv', cookie: cookies.alice },
      body: `subject,account\nImported by the client,${f.globex}\n`,
    });
    expect([400, 403, 404, 415]).toContain(response.status);
    expect(await t.store.count({ module: 'cases', where: everything })).toBe(before);
  });

  it('refuses alice on admin routes with 401/403/404, and no portal user, metadata revision or token link is added', async () => {
    const users = await t.store.count({ module: 'atriumUsers', where: everything });
    const revision = t.runtime.metadata.current().number;
    const attempts: Array<[string, string, unknown]> = [
      ['POST', '/api/admin/portal-users', { portalType: 'client', recordId: f.carol }],
      ['PATCH', `/api/admin/portal-users/${(await storedUser(t, 'carol@acme.test')).id}`, { active: false }],
      ['POST', '/api/admin/portals/client/token-links', { accountId: f.globex }],
      ['POST', '/api/admin/metadata/revisions', { documents: [] }],
      ['GET', '/api/admin/portal-users', undefined],
      [
        'GET',
        `/api/admin/portals/client/preview/${(await storedUser(t, 'bob@globex.test')).id}/records/cases`,
        undefined,
      ],
    ];
    for (const [method, path, body] of attempts) {
      for (const prefix of ['', '/portal/client']) {
        const response = await t.request(`${prefix}${path}`, { method, cookie: cookies.alice, body });
        expect([401, 403, 404]).toContain(response.status);
      }
    }
    expect(await t.store.count({ module: 'atriumUsers', where: everything })).toBe(users);
    expect((await storedUser(t, 'carol@acme.test')).active).toBe(true);
    expect(t.runtime.metadata.current().number).toBe(revision);
  });
});

describe('A8 deactivation, support dates and moves apply on the next request', () => {
  const password = 'a fixture passphrase 2026';

  it('ends a live session of a portal user deactivated meanwhile (401 on the next request)', async () => {
    await createPortalUser({
      t,
      adminCookie: cookies.admin,
      email: 'a8-off@acme.test',
      account: f.acme,
      password,
    });
    const cookie = await portalLogin({ t, email: 'a8-off@acme.test', password });
    expect((await asPortal('/records/cases', { cookie })).status).toBe(200);
    await setStoredUser({ t, email: 'a8-off@acme.test', set: { active: false } });
    expect((await asPortal('/records/cases', { cookie })).status).toBe(401);
    expect((await asPortal('/me', { cookie })).status).toBe(401);
  });

  it('ends a live session once the support end date has passed (401 on the next request)', async () => {
    await createPortalUser({
      t,
      adminCookie: cookies.admin,
      email: 'a8-late@acme.test',
      account: f.acme,
      password,
    });
    const cookie = await portalLogin({ t, email: 'a8-late@acme.test', password });
    expect((await asPortal('/me', { cookie })).status).toBe(200);
    await setStoredUser({ t, email: 'a8-late@acme.test', set: { supportEnd: '2001-12-31' } });
    expect((await asPortal('/records/cases', { cookie })).status).toBe(401);
  });

  it('ends a live session before the support start date (401 on the next request)', async () => {
    await createPortalUser({
      t,
      adminCookie: cookies.admin,
      email: 'a8-early@acme.test',
      account: f.acme,
      password,
    });
    const cookie = await portalLogin({ t, email: 'a8-early@acme.test', password });
    await setStoredUser({ t, email: 'a8-early@acme.test', set: { supportStart: '2999-01-01' } });
    expect((await asPortal('/records/cases', { cookie })).status).toBe(401);
  });

  it('applies a permission group change on the next request (support-only: no quotes)', async () => {
    await createPortalUser({
      t,
      adminCookie: cookies.admin,
      email: 'a8-group@acme.test',
      account: f.acme,
      password,
    });
    const cookie = await portalLogin({ t, email: 'a8-group@acme.test', password });
    expect((await asPortal('/records/quotes', { cookie })).status).toBe(200);
    await setStoredUser({ t, email: 'a8-group@acme.test', set: { permissionGroup: 'clientSupportOnly' } });
    const next = await asPortal('/records/quotes', { cookie });
    expect([401, 403]).toContain(next.status);
  });

  it('changes access on the next request when the user is moved to the partner portal', async () => {
    const user = await createPortalUser({
      t,
      adminCookie: cookies.admin,
      email: 'a8-move@acme.test',
      account: f.acme,
      password,
    });
    const cookie = await portalLogin({ t, email: 'a8-move@acme.test', password });
    expect((await asPortal('/records/cases', { cookie })).status).toBe(200);
    const moved = await t.request(`/api/admin/portal-users/${user.id}/move`, {
      method: 'POST',
      cookie: cookies.admin,
      body: { toPortalType: 'partner' },
    });
    expect(moved.status).toBe(200);
    expect((await asPortal('/records/cases', { cookie })).status).toBe(401);
    const renamed = cookie.replace(/^[^=]+=/, 'atrium_portal_partner=');
    expect((await t.request(portalPath('partner', '/records/deals'), { cookie: renamed })).status).toBe(401);
    expect((await portalLoginResponse({ t, email: 'a8-move@acme.test', password })).status).toBe(401);
    const partner = await portalLoginResponse({
      t,
      email: 'a8-move@acme.test',
      password,
      portalType: 'partner',
    });
    expect(partner.status).toBe(200);
    expect((await readBody(partner)).data).toMatchObject({ mfaRequired: true });
  });
});
