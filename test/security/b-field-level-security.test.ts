/**
 * SECURITY-TESTS §B (staff side): field-level security. The starter model hides `deals.margin` from
 * the salesRep profile and makes `leads.convertedAccount` read-only for it. Export (§B13) and import
 * have no mounted route yet; audit history has no route a rep can reach (asserted below).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../runtime/core/access/types.ts';
import { resolveStaffPrincipal } from '../../runtime/server/identity/resolve-staff-principal.ts';
import type { RecordDoc } from '../../runtime/store/types.ts';
import { changeMetadata, findDocument, setProfileFieldLevel } from './helpers/change-metadata.ts';
import {
  everything,
  filterParam,
  listAll,
  readBody,
  readRecords,
  startSecurityRuntime,
  storedRecord,
  storedRecords,
  storedUser,
  type TestRuntime,
} from './helpers/security-runtime.ts';

let t: TestRuntime;
let rep1: string;
let admin: string;
let rep1Id: string;
let ownDeals: RecordDoc[];
let allOwnDeals: RecordDoc[];
let ownAccount: RecordDoc;

beforeAll(async () => {
  t = await startSecurityRuntime();
  rep1 = await t.login('rep1@atrium.test');
  admin = await t.login('admin@atrium.test');
  rep1Id = (await storedUser(t, 'rep1@atrium.test')).id;
  allOwnDeals = (await storedRecords(t, 'deals')).filter((d) => d.owner === rep1Id);
  // Deals made by lead conversion at seeding carry no margin: the cases below need ones that have it.
  ownDeals = allOwnDeals.filter((d) => typeof d.margin === 'number');
  const accountWithDeals = ownDeals.find((d) => typeof d.account === 'string')?.account;
  const account = accountWithDeals ? await storedRecord(t, 'accounts', String(accountWithDeals)) : null;
  if (!account || ownDeals.length < 2) throw new Error('rep1 needs deals on an account');
  ownAccount = account;
}, 60_000);

/** A deal of rep1's, by position. */
function ownDeal(index = 0): RecordDoc {
  const deal = ownDeals[index];
  if (!deal) throw new Error(`rep1 has no deal #${index}`);
  return deal;
}

/** True when any object in the JSON text carries a `margin` key. */
function mentionsMargin(text: string): boolean {
  return /"margin"\s*:/.test(text);
}

/** rep1's principal, resolved as the session middleware resolves it (for service-only paths like bulk update). */
async function rep1Principal(): Promise<Principal> {
  const principal = await resolveStaffPrincipal({
    store: t.store,
    app: t.runtime.getApp(),
    user: await storedUser(t, 'rep1@atrium.test'),
  });
  if (!principal) throw new Error('rep1 has no principal');
  return principal;
}

describe('B9 a hidden field never leaves the server', () => {
  it('keeps margin out of the detail of rep1’s own deal (the store has one)', async () => {
    const deal = ownDeal();
    expect(typeof deal.margin).toBe('number');
    const response = await t.request(`/api/records/deals/${deal.id}`, { cookie: rep1 });
    expect(response.status).toBe(200);
    expect(mentionsMargin(await response.text())).toBe(false);
  });

  it('keeps margin out of every page of rep1’s deal list, sorted or not', async () => {
    for (const sort of ['', 'name', '-amount']) {
      const deals = await listAll({ t, cookie: rep1, module: 'deals', params: sort ? { sort } : {} });
      expect(deals.length).toBe(allOwnDeals.length);
      expect(deals.some((d) => 'margin' in d)).toBe(false);
    }
  });

  it('keeps margin out of the related list /accounts/:id/related/deals.account', async () => {
    const response = await t.request(`/api/records/accounts/${ownAccount.id}/related/deals.account`, {
      cookie: rep1,
    });
    const deals = await readRecords(response);
    expect(deals.length).toBeGreaterThan(0);
    expect(deals.some((d) => 'margin' in d)).toBe(false);
  });

  it('keeps margin out of search results (?q=)', async () => {
    const response = await t.request('/api/records/deals?q=Deal&limit=200', { cookie: rep1 });
    const deals = await readRecords(response);
    expect(deals.length).toBeGreaterThan(0);
    expect(deals.some((d) => 'margin' in d)).toBe(false);
  });

  it('keeps margin out of the answers to rep1’s own create and update', async () => {
    const created = await t.request('/api/records/deals', {
      method: 'POST',
      cookie: rep1,
      body: { name: 'Fresh deal', stage: 'prospecting', amount: 1000 },
    });
    expect(created.status).toBe(201);
    expect(mentionsMargin(await created.text())).toBe(false);
    const updated = await t.request(`/api/records/deals/${ownDeal(1).id}`, {
      method: 'PATCH',
      cookie: rep1,
      body: { nextStep: 'Call back' },
    });
    expect(updated.status).toBe(200);
    expect(mentionsMargin(await updated.text())).toBe(false);
  });

  it('keeps margin out of the current record a 409 conflict carries', async () => {
    const deal = (await storedRecord(t, 'deals', ownDeal(1).id)) as RecordDoc;
    const response = await t.request(`/api/records/deals/${deal.id}`, {
      method: 'PATCH',
      cookie: rep1,
      body: { nextStep: 'Stale' },
      headers: { 'if-match': String(deal.version - 1) },
    });
    expect(response.status).toBe(409);
    const text = await response.text();
    expect(text).toContain(deal.id);
    expect(mentionsMargin(text)).toBe(false);
  });

  it('keeps the stored margin value out of error messages about it', async () => {
    const deal = ownDeal();
    const answers = [
      await t.request(`/api/records/deals/${deal.id}`, {
        method: 'PATCH',
        cookie: rep1,
        body: { margin: 1 },
      }),
      await t.request(`/api/records/deals?filter=${filterParam({ margin: { eq: deal.margin } })}`, {
        cookie: rep1,
      }),
      await t.request('/api/records/deals?sort=margin', { cookie: rep1 }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBeGreaterThanOrEqual(400);
      const body = await readBody(answer);
      expect(JSON.stringify(body.error?.details ?? {})).not.toContain(String(deal.margin));
      expect(mentionsMargin(JSON.stringify(body))).toBe(false);
    }
  });

  it('serves no audit history to a rep: the audit module and /api/admin/audit are not reachable', async () => {
    for (const path of [
      '/api/records/atriumAudit',
      '/api/admin/audit',
      `/api/records/deals/${ownDeal().id}/audit`,
    ]) {
      const response = await t.request(path, { cookie: rep1 });
      expect([403, 404]).toContain(response.status);
      expect(mentionsMargin(await response.text())).toBe(false);
    }
  });
});

describe('B10 filtering on a hidden field is refused, never dropped', () => {
  const direct: Array<[string, unknown]> = [
    ['eq', { margin: { eq: 10 } }],
    ['ne', { margin: { ne: 10 } }],
    ['gt', { margin: { gt: 10 } }],
    ['lte', { margin: { lte: 10 } }],
    ['in', { margin: { in: [10, 20] } }],
    ['nin', { margin: { nin: [10] } }],
    ['between', { margin: { between: [0, 100] } }],
    ['exists', { margin: { exists: true } }],
    ['exists false', { margin: { exists: false } }],
  ];

  it.each(direct)('refuses a filter with margin %s', async (_, filter) => {
    const response = await t.request(`/api/records/deals?filter=${filterParam(filter)}`, { cookie: rep1 });
    expect([400, 403]).toContain(response.status);
  });

  const nested: Array<[string, unknown]> = [
    ['inside and', { and: [{ name: { exists: true } }, { margin: { gt: 10 } }] }],
    ['inside or', { or: [{ name: { exists: true } }, { margin: { gt: 10 } }] }],
    ['inside not', { not: { margin: { gt: 10 } } }],
    ['deep inside and/or/not', { and: [{ or: [{ not: { and: [{ margin: { lt: 30 } }] } }] }] }],
  ];

  it.each(nested)('refuses margin nested %s', async (_, filter) => {
    const response = await t.request(`/api/records/deals?filter=${filterParam(filter)}`, { cookie: rep1 });
    expect([400, 403]).toContain(response.status);
  });

  it.each([
    ['activities', 'deal.margin'],
    ['quotes', 'deal.margin'],
  ])('refuses the relation path %s → %s', async (module, path) => {
    const response = await t.request(`/api/records/${module}?filter=${filterParam({ [path]: { gt: 10 } })}`, {
      cookie: rep1,
    });
    expect([400, 403]).toContain(response.status);
  });

  it('refuses a margin filter on a related list and on a search', async () => {
    const filter = filterParam({ margin: { gt: 10 } });
    const related = await t.request(
      `/api/records/accounts/${ownAccount.id}/related/deals.account?filter=${filter}`,
      { cookie: rep1 },
    );
    const search = await t.request(`/api/records/deals?q=Deal&filter=${filter}`, { cookie: rep1 });
    expect([400, 403]).toContain(related.status);
    expect([400, 403]).toContain(search.status);
  });
});

describe('B11 a marker stored only in a hidden field is never found by search', () => {
  it('finds the marker for the admin but never for rep1 (deals.secretNotes hidden from reps)', async () => {
    const restore = await changeMetadata({
      t,
      change: (documents) => {
        const deals = findDocument({ documents, kind: 'module', name: 'deals' });
        (deals.fields as unknown[]).push({ name: 'secretNotes', type: 'longText', label: 'Secret notes' });
        deals.search = [...(deals.search as string[]), 'secretNotes'];
        setProfileFieldLevel({
          documents,
          profile: 'salesRep',
          module: 'deals',
          field: 'secretNotes',
          level: 'hidden',
        });
      },
    });
    try {
      const deal = ownDeal();
      const marked = await t.request(`/api/records/deals/${deal.id}`, {
        method: 'PATCH',
        cookie: admin,
        body: { secretNotes: 'quixotic zebramarker' },
      });
      expect(marked.status).toBe(200);
      const asAdmin = await readRecords(
        await t.request('/api/records/deals?q=zebramarker', { cookie: admin }),
      );
      expect(asAdmin.map((d) => d.id)).toContain(deal.id);
      for (const q of ['zebramarker', 'quixotic', 'quixotic zebramarker']) {
        const asRep = await t.request(`/api/records/deals?q=${encodeURIComponent(q)}`, { cookie: rep1 });
        expect(asRep.status).toBe(200);
        expect(await readRecords(asRep)).toEqual([]);
      }
      const detail = await t.request(`/api/records/deals/${deal.id}`, { cookie: rep1 });
      expect(await detail.text()).not.toContain('zebramarker');
    } finally {
      await restore();
    }
  });
});

describe('B12 sorting by a hidden field is refused', () => {
  it.each(['margin', '-margin', '+margin', 'name,margin', 'name,-margin'])(
    'refuses sort=%s with 400',
    async (sort) => {
      const response = await t.request(`/api/records/deals?sort=${encodeURIComponent(sort)}`, {
        cookie: rep1,
      });
      expect(response.status).toBe(400);
    },
  );

  it('refuses sort=margin on a related list with 400', async () => {
    const response = await t.request(
      `/api/records/accounts/${ownAccount.id}/related/deals.account?sort=-margin`,
      { cookie: rep1 },
    );
    expect(response.status).toBe(400);
  });
});

describe('B14 writing a hidden or read-only field is refused and nothing changes', () => {
  it('refuses creating a deal with margin, and no such deal is stored', async () => {
    const before = await t.store.count({ module: 'deals', where: everything });
    const response = await t.request('/api/records/deals', {
      method: 'POST',
      cookie: rep1,
      body: { name: 'Margin planted', stage: 'prospecting', margin: 99 },
    });
    expect(response.status).toBe(400);
    expect(await t.store.count({ module: 'deals', where: everything })).toBe(before);
  });

  it.each([
    ['a hidden field', { margin: 99 }],
    ['a hidden field beside a writable one', { nextStep: 'ok', margin: 99 }],
    ['a hidden field set to null', { margin: null }],
  ])('refuses updating rep1’s deal with %s, and the deal is unchanged', async (_, body) => {
    const deal = (await storedRecord(t, 'deals', ownDeal().id)) as RecordDoc;
    const response = await t.request(`/api/records/deals/${deal.id}`, {
      method: 'PATCH',
      cookie: rep1,
      body,
    });
    expect(response.status).toBe(400);
    expect(await storedRecord(t, 'deals', deal.id)).toEqual(deal);
  });

  it.each([
    ['id', 'forged-id'],
    ['version', 1000],
    ['createdBy', 'someone'],
    ['createdAt', '2000-01-01T00:00:00.000Z'],
    ['deletedAt', '2000-01-01T00:00:00.000Z'],
    ['updatedBy', 'someone'],
  ])('refuses updating the system field %s, and the deal is unchanged', async (field, value) => {
    const deal = (await storedRecord(t, 'deals', ownDeal().id)) as RecordDoc;
    const response = await t.request(`/api/records/deals/${deal.id}`, {
      method: 'PATCH',
      cookie: rep1,
      body: { [field]: value },
    });
    expect(response.status).toBe(400);
    expect(await storedRecord(t, 'deals', deal.id)).toEqual(deal);
  });

  it('refuses writing a read-only field (leads.convertedAccount) on create and update, unchanged', async () => {
    const lead = (await storedRecords(t, 'leads')).find((l) => l.owner === rep1Id);
    if (!lead) throw new Error('rep1 owns no lead');
    const update = await t.request(`/api/records/leads/${lead.id}`, {
      method: 'PATCH',
      cookie: rep1,
      body: { convertedAccount: ownAccount.id },
    });
    expect(update.status).toBe(400);
    expect(await storedRecord(t, 'leads', lead.id)).toEqual(lead);
    const before = await t.store.count({ module: 'leads', where: everything });
    const create = await t.request('/api/records/leads', {
      method: 'POST',
      cookie: rep1,
      body: { lastName: 'Planted', company: 'Planted Ltd', convertedAccount: ownAccount.id },
    });
    expect(create.status).toBe(400);
    expect(await t.store.count({ module: 'leads', where: everything })).toBe(before);
  });

  it('refuses a bulk update of margin on rep1’s own deals, and none of them changes', async () => {
    const deals = [ownDeal(0), ownDeal(1)];
    const before = await Promise.all(deals.map((d) => storedRecord(t, 'deals', d.id)));
    await expect(
      t.runtime.records.bulkUpdate({
        principal: await rep1Principal(),
        module: 'deals',
        ids: deals.map((d) => d.id),
        input: { margin: 1 },
      }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await Promise.all(deals.map((d) => storedRecord(t, 'deals', d.id)))).toEqual(before);
  });
});
