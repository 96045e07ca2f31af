/**
 * SECURITY-TESTS §B (portal side): field-level security for portal users. The client portal lists the
 * case fields it exposes (an allow-list): `internalNote` is not among them, `status` is read-only. The
 * partner portal does not list `deals.margin`; the lead portal makes `leads.email` read-only. The
 * seeded internal notes of Alice's and Carol's cases end in "do not promise discounts".
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../runtime/store/types.ts';
import { changeMetadata, findDocument } from './helpers/change-metadata.ts';
import {
  type DemoPortalFixture,
  demoPortalFixture,
  enrolPortalMfa,
  portalListAll,
  portalLogin,
  portalPath,
  portalPrincipal,
  seedPortalRecords,
} from './helpers/portal-runtime.ts';
import {
  everything,
  filterParam,
  readRecords,
  startSecurityRuntime,
  storedRecord,
  storedRecords,
  type TestRuntime,
} from './helpers/security-runtime.ts';

let t: TestRuntime;
let f: DemoPortalFixture;
let alice: string;
let carol: string;
let pat: string;
let lee: string;
let admin: string;
/** Alice's own cases (stored, with their internal notes). */
let aliceCases: RecordDoc[];

/** The tail of every seeded internal note: a stored value that must never reach a portal. */
const noteText = 'do not promise discounts';
/** Fields the client portal lists for cases, plus the system fields every answer carries. */
const caseFields = new Set([
  'caseNumber',
  'subject',
  'description',
  'status',
  'priority',
  'type',
  'origin',
  'account',
  'contact',
  'resolution',
  'resolvedAt',
  'satisfaction',
  'id',
  'version',
  'createdAt',
  'updatedAt',
]);

beforeAll(async () => {
  t = await startSecurityRuntime();
  f = await demoPortalFixture(t);
  admin = await t.login('admin@atrium.test');
  await seedPortalRecords({ t, adminCookie: admin, f });
  alice = await portalLogin({ t, email: 'alice@acme.test' });
  carol = await portalLogin({ t, email: 'carol@acme.test' });
  lee = await portalLogin({ t, email: 'lee@lead.test', portalType: 'lead' });
  pat = (await enrolPortalMfa({ t, email: 'pat@partner.test', portalType: 'partner' })).cookie;
  aliceCases = (await storedRecords(t, 'cases')).filter((c) => c.contact === f.alice);
  if (aliceCases.length === 0 || !aliceCases.every((c) => String(c.internalNote).includes(noteText)))
    throw new Error('alice’s cases need internal notes');
}, 60_000);

/** A client-portal request (as alice unless another cookie is given). */
function client(
  path: string,
  init: { method?: string; body?: unknown; cookie?: string; headers?: Record<string, string> } = {},
) {
  return t.request(portalPath('client', path), { cookie: alice, ...init });
}

/** The first of alice’s cases, as stored now. */
async function aliceCase(): Promise<RecordDoc> {
  const first = aliceCases[0];
  const stored = first ? await storedRecord(t, 'cases', first.id) : null;
  if (!stored) throw new Error('alice has no case');
  return stored;
}

/** True when a JSON text carries the hidden field or any stored internal note. */
function leaksInternalNote(text: string): boolean {
  return text.includes('internalNote') || text.includes(noteText) || text.includes('Internal: ');
}

describe('B9 internalNote never leaves the server in a portal answer', () => {
  it('keeps internalNote out of every list, detail, related, search, meta, openapi and error answer of alice and carol', async () => {
    const bodies: string[] = [];
    for (const cookie of [alice, carol]) {
      for (const module of ['cases', 'documents', 'quotes', 'quoteLines', 'contacts', 'accounts'])
        await portalListAll({ t, cookie, module, bodies });
      const cases = await portalListAll({ t, cookie, module: 'cases', bodies });
      for (const kase of cases)
        bodies.push(await (await client(`/records/cases/${String(kase.id)}`, { cookie })).text());
      const paths = [
        `/records/accounts/${f.acme}/related/cases.account?limit=200`,
        `/records/contacts/${f.alice}/related/cases.contact?limit=200`,
        `/records/contacts/${f.carol}/related/cases.contact?limit=200`,
        '/records/cases?q=Internal&limit=200',
        '/records/cases?q=discounts&limit=200',
        '/records/cases?q=contract&limit=200',
        '/records/cases?sort=-subject&limit=200',
        '/me',
        '/meta',
        '/openapi.json',
        '/records/cases/doesnotexist0000',
        `/records/cases?filter=${filterParam({ subject: { eq: 5 } })}`,
        `/records/cases?filter=${filterParam({ nope: { eq: 'x' } })}`,
        '/records/cases?sort=nope',
        '/records/deals',
      ];
      for (const path of paths) bodies.push(await (await client(path, { cookie })).text());
    }
    expect(bodies.length).toBeGreaterThan(30);
    for (const body of bodies) expect(leaksInternalNote(body)).toBe(false);
  });

  it('sends alice only the listed case fields (allow-list) plus system fields, in lists and details', async () => {
    const cases = await portalListAll({ t, cookie: alice, module: 'cases' });
    const details = await Promise.all(
      cases.map(
        async (c) =>
          (await (await client(`/records/cases/${String(c.id)}`)).json()) as {
            data: Record<string, unknown>;
          },
      ),
    );
    for (const record of [...cases, ...details.map((d) => d.data)])
      for (const key of Object.keys(record)) expect(caseFields).toContain(key);
  });

  it('keeps internalNote out of the answers to alice’s own create and update', async () => {
    const created = await client('/records/cases', { method: 'POST', body: { subject: 'B9 a new case' } });
    expect(created.status).toBe(201);
    expect(leaksInternalNote(await created.text())).toBe(false);
    const kase = await aliceCase();
    const updated = await client(`/records/cases/${kase.id}`, { method: 'PATCH', body: { priority: 'low' } });
    expect(updated.status).toBe(200);
    expect(leaksInternalNote(await updated.text())).toBe(false);
  });

  it('keeps internalNote out of the current record a 409 conflict carries', async () => {
    const kase = await aliceCase();
    const response = await client(`/records/cases/${kase.id}`, {
      method: 'PATCH',
      body: { priority: 'high' },
      headers: { 'if-match': String(kase.version - 1 > 0 ? kase.version - 1 : kase.version + 5) },
    });
    expect(response.status).toBe(409);
    expect(leaksInternalNote(await response.text())).toBe(false);
  });

  it('keeps deals.margin out of every partner answer (list, detail, meta, openapi)', async () => {
    const bodies: string[] = [];
    const deals = await portalListAll({ t, cookie: pat, portalType: 'partner', module: 'deals', bodies });
    expect(deals.length).toBeGreaterThan(0);
    for (const deal of deals)
      bodies.push(
        await (
          await t.request(portalPath('partner', `/records/deals/${String(deal.id)}`), { cookie: pat })
        ).text(),
      );
    for (const path of ['/meta', '/openapi.json'])
      bodies.push(await (await t.request(portalPath('partner', path), { cookie: pat })).text());
    for (const body of bodies) expect(body).not.toMatch(/"margin"|\bmargin\b/);
  });
});

describe('B10 filtering on a field the portal does not list is refused', () => {
  const hiddenFilters: Array<[string, unknown]> = [
    ['eq', { internalNote: { eq: 'x' } }],
    ['ne', { internalNote: { ne: 'x' } }],
    ['contains', { internalNote: { contains: 'discount' } }],
    ['startsWith', { internalNote: { startsWith: 'Internal' } }],
    ['in', { internalNote: { in: ['a', 'b'] } }],
    ['exists', { internalNote: { exists: true } }],
    ['exists false', { internalNote: { exists: false } }],
    ['inside and', { and: [{ subject: { exists: true } }, { internalNote: { contains: 'x' } }] }],
    ['inside or', { or: [{ subject: { exists: true } }, { internalNote: { contains: 'x' } }] }],
    ['inside not', { not: { internalNote: { contains: 'x' } } }],
    ['deep', { and: [{ or: [{ not: { and: [{ internalNote: { startsWith: 'I' } }] } }] }] }],
    ['owner (not listed)', { owner: { exists: true } }],
    ['isEscalated (not listed)', { isEscalated: { eq: true } }],
    ['product (not listed)', { product: { exists: true } }],
  ];

  it.each(hiddenFilters)('refuses a cases filter with internalNote %s (400/403)', async (_, filter) => {
    const response = await client(`/records/cases?filter=${filterParam(filter)}`);
    expect([400, 403]).toContain(response.status);
    expect(leaksInternalNote((await response.text()).replaceAll('internalNote', ''))).toBe(false);
  });

  it.each([
    ['documents', { 'case.internalNote': { contains: 'discount' } }],
    ['documents', { isInternal: { eq: true } }],
    ['quotes', { notes: { exists: true } }],
    ['quoteLines', { 'quote.notes': { exists: true } }],
    ['contacts', { owner: { exists: true } }],
  ])('refuses a %s filter on an unlisted field or relation path %j', async (module, filter) => {
    const response = await client(`/records/${module}?filter=${filterParam(filter)}`);
    expect([400, 403]).toContain(response.status);
  });

  it('refuses an internalNote filter on a related list and on a search', async () => {
    const filter = filterParam({ internalNote: { contains: 'discount' } });
    const related = await client(`/records/accounts/${f.acme}/related/cases.account?filter=${filter}`);
    const search = await client(`/records/cases?q=Alice&filter=${filter}`);
    expect([400, 403]).toContain(related.status);
    expect([400, 403]).toContain(search.status);
  });

  it.each([
    ['deals', { margin: { gt: 0 } }],
    ['deals', { or: [{ name: { exists: true } }, { margin: { gt: 0 } }] }],
    ['deals', { owner: { exists: true } }],
    ['documents', { 'deal.margin': { gt: 0 } }],
    ['accounts', { annualRevenue: { gt: 0 } }],
  ])('refuses the partner a %s filter on an unlisted field %j', async (module, filter) => {
    const response = await t.request(
      portalPath('partner', `/records/${module}?filter=${filterParam(filter)}`),
      {
        cookie: pat,
      },
    );
    expect([400, 403]).toContain(response.status);
  });

  it('answers a filter on internalNote exactly like one on a field that does not exist (no existence oracle)', async () => {
    const hidden = await client(`/records/cases?filter=${filterParam({ internalNote: { eq: 'x' } })}`);
    const unknown = await client(`/records/cases?filter=${filterParam({ noSuchField1: { eq: 'x' } })}`);
    expect(hidden.status).toBe(unknown.status);
    expect((await hidden.text()).replaceAll('internalNote', 'FIELD')).toBe(
      (await unknown.text()).replaceAll('noSuchField1', 'FIELD'),
    );
  });
});

describe('B11 a marker stored only in internalNote is never found by portal search', () => {
  const marker = 'quixotic zebramarker';

  it('finds nothing for alice or carol, also when internalNote is a search field, while the admin finds it', async () => {
    const kase = await aliceCase();
    const marked = await t.request(`/api/records/cases/${kase.id}`, {
      method: 'PATCH',
      cookie: admin,
      body: { internalNote: marker },
    });
    expect(marked.status).toBe(200);
    const searchAll = async () => {
      for (const cookie of [alice, carol])
        for (const q of ['zebramarker', 'quixotic', marker]) {
          const response = await client(`/records/cases?q=${encodeURIComponent(q)}`, { cookie });
          expect(response.status).toBe(200);
          expect(await readRecords(response)).toEqual([]);
        }
    };
    await searchAll();
    const restore = await changeMetadata({
      t,
      change: (documents) => {
        const cases = findDocument({ documents, kind: 'module', name: 'cases' });
        cases.search = [...(cases.search as string[]), 'internalNote'];
      },
    });
    try {
      const asAdmin = await readRecords(
        await t.request('/api/records/cases?q=zebramarker', { cookie: admin }),
      );
      expect(asAdmin.map((c) => c.id)).toContain(kase.id);
      await searchAll();
      const detail = await client(`/records/cases/${kase.id}`);
      expect(await detail.text()).not.toContain('zebramarker');
    } finally {
      await restore();
    }
  });
});

describe('B12 sorting by a field the portal does not list is refused', () => {
  it.each(['internalNote', '-internalNote', '+internalNote', 'subject,internalNote', 'owner', 'isEscalated'])(
    'refuses sort=%s on cases with 400',
    async (sort) => {
      const response = await client(`/records/cases?sort=${encodeURIComponent(sort)}`);
      expect(response.status).toBe(400);
    },
  );

  it('refuses sort=-internalNote on a related list with 400, and sort=-margin for the partner', async () => {
    expect(
      (await client(`/records/accounts/${f.acme}/related/cases.account?sort=-internalNote`)).status,
    ).toBe(400);
    expect(
      (await t.request(portalPath('partner', '/records/deals?sort=-margin'), { cookie: pat })).status,
    ).toBe(400);
  });

  it('refuses grouping alice’s cases by internalNote through the record service', async () => {
    const principal = await portalPrincipal({ t, email: 'alice@acme.test' });
    await expect(
      t.runtime.records.aggregate({
        principal,
        module: 'cases',
        groupBy: ['internalNote'],
        metrics: [{ fn: 'count', as: 'n' }],
      }),
    ).rejects.toMatchObject({ status: 400 });
  });
});

describe('B14 writing a read-only or unlisted field is refused and nothing changes', () => {
  it.each([
    ['status (read-only)', { status: 'closed' }],
    ['status beside a writable field', { priority: 'low', status: 'resolved' }],
    ['internalNote (unlisted)', { internalNote: 'overwritten by the client' }],
    ['internalNote set to null', { internalNote: null }],
    ['caseNumber (read-only)', { caseNumber: 'CS-1' }],
    ['resolution (read-only)', { resolution: 'Solved it myself' }],
    ['owner (unlisted)', { owner: 'someone' }],
    ['isEscalated (unlisted)', { isEscalated: true }],
  ])('refuses alice updating her case with %s, unchanged', async (_, body) => {
    const kase = await aliceCase();
    const response = await client(`/records/cases/${kase.id}`, { method: 'PATCH', body });
    expect(response.status).toBe(400);
    expect(await storedRecord(t, 'cases', kase.id)).toEqual(kase);
  });

  it.each([
    ['status', { status: 'resolved' }],
    ['internalNote', { internalNote: 'planted by the client' }],
    ['isEscalated', { isEscalated: true }],
  ])('refuses alice creating a case with %s, and nothing is stored', async (_, extra) => {
    const before = await t.store.count({ module: 'cases', where: everything });
    const response = await client('/records/cases', {
      method: 'POST',
      body: { subject: 'B14 planted', ...extra },
    });
    expect(response.status).toBe(400);
    expect(await t.store.count({ module: 'cases', where: everything })).toBe(before);
  });

  it.each([
    ['probability (read-only)', { probability: 99 }],
    ['margin (unlisted)', { margin: 1 }],
    ['owner (unlisted)', { owner: 'someone' }],
    ['partner (read-only)', { partner: 'someone-else' }],
  ])('refuses the partner updating its deal with %s, unchanged', async (_, body) => {
    const deal = (await storedRecords(t, 'deals')).find((d) => d.partner === f.pat);
    if (!deal) throw new Error('pat has no deal');
    const response = await t.request(portalPath('partner', `/records/deals/${deal.id}`), {
      method: 'PATCH',
      cookie: pat,
      body,
    });
    expect(response.status).toBe(400);
    expect(await storedRecord(t, 'deals', deal.id)).toEqual(deal);
  });

  it.each([
    ['email (read-only)', { email: 'someone-else@lead.test' }],
    ['status (unlisted)', { status: 'converted' }],
    ['convertedAccount (unlisted)', { convertedAccount: 'x' }],
    ['owner (unlisted)', { owner: 'someone' }],
  ])('refuses the lead updating its own lead with %s, unchanged', async (_, body) => {
    const lead = await storedRecord(t, 'leads', f.lee);
    const response = await t.request(portalPath('lead', `/records/leads/${f.lee}`), {
      method: 'PATCH',
      cookie: lee,
      body,
    });
    expect(response.status).toBe(400);
    expect(await storedRecord(t, 'leads', f.lee)).toEqual(lead);
  });
});
