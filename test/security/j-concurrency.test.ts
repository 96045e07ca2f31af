/**
 * SECURITY-TESTS §J42–J43: races on single-use things (an invitation, a reset token, a lead
 * conversion) with 50 parallel requests, and all-or-nothing lead conversion under an injected
 * failure. Every count is read from the store (the oracle), past every access rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../runtime/store/types.ts';
import {
  createPortalUser,
  type DemoPortalFixture,
  demoPortalFixture,
  mailedToken,
  portalPath,
} from './helpers/portal-runtime.ts';
import {
  readBody,
  startSecurityRuntime,
  storedRecord,
  storedRecords,
  storedUser,
  type TestRuntime,
} from './helpers/security-runtime.ts';

let t: TestRuntime;
let f: DemoPortalFixture;
let admin: string;
let rep1: string;

beforeAll(async () => {
  t = await startSecurityRuntime();
  f = await demoPortalFixture(t);
  admin = await t.login('admin@atrium.test');
  rep1 = await t.login('rep1@atrium.test');
}, 60_000);

const parallel = 50;

/** ORACLE: stored records of a module matching a predicate. */
async function countStored(module: string, match: (record: RecordDoc) => boolean): Promise<number> {
  return (await storedRecords(t, module)).filter(match).length;
}

/** A new lead of rep1's through the staff API. */
async function createLead(fields: Record<string, unknown>): Promise<RecordDoc> {
  const response = await t.request('/api/records/leads', { method: 'POST', cookie: rep1, body: fields });
  if (response.status !== 201) throw new Error(`lead not created: ${await response.text()}`);
  const lead = await storedRecord(t, 'leads', String(((await readBody(response)).data as { id: string }).id));
  if (!lead) throw new Error('lead not stored');
  return lead;
}

const convert = (args: { leadId: string; cookie?: string; body?: Record<string, unknown> }) =>
  t.request(`/api/records/leads/${args.leadId}/convert`, {
    method: 'POST',
    cookie: args.cookie ?? rep1,
    body: args.body ?? {},
  });

describe('J42 fifty parallel uses of one single-use thing: exactly one succeeds', () => {
  it('accepts one invitation exactly once out of 50 parallel accepts, with one audit entry', async () => {
    const email = 'j42-invited@acme.test';
    await createPortalUser({ t, adminCookie: admin, email, account: f.acme });
    const token = await mailedToken({ t, email, linkPart: '/portal/client/invite' });
    const user = await storedUser(t, email);
    const answers = await Promise.all(
      Array.from({ length: parallel }, (_, i) =>
        t.request(portalPath('client', '/auth/invitation/accept'), {
          method: 'POST',
          body: { token, password: `invited passphrase number ${i}` },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 400)).toBe(true);
    expect(await countStored('atriumUsers', (u) => u.email === email)).toBe(1);
    expect(
      await countStored('atriumAudit', (a) => a.action === 'invitation.accepted' && a.recordId === user.id),
    ).toBe(1);
    expect(
      await countStored(
        'atriumTokens',
        (k) => k.subject === user.id && k.usedAt == null && k.purpose === 'invitation',
      ),
    ).toBe(0);
  }, 30_000);

  it('spends one reset token exactly once out of 50 parallel resets, with one audit entry', async () => {
    const email = 'j42-reset@acme.test';
    await createPortalUser({
      t,
      adminCookie: admin,
      email,
      account: f.acme,
      password: 'the first passphrase 1',
    });
    await t.request(portalPath('client', '/auth/password/forgot'), { method: 'POST', body: { email } });
    const token = await mailedToken({ t, email, linkPart: '/portal/client/reset-password' });
    const user = await storedUser(t, email);
    const answers = await Promise.all(
      Array.from({ length: parallel }, (_, i) =>
        t.request(portalPath('client', '/auth/password/reset'), {
          method: 'POST',
          body: { token, password: `reset passphrase number ${i}` },
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 400)).toBe(true);
    expect(
      await countStored('atriumAudit', (a) => a.action === 'password.reset' && a.recordId === user.id),
    ).toBe(1);
  }, 30_000);

  it('converts one lead exactly once out of 50 parallel conversions: one account, contact and deal', async () => {
    const company = 'J42 Raceco';
    const email = 'j42-race@raceco.test';
    const lead = await createLead({ lastName: 'Race', company, email, estimatedValue: 5000 });
    const answers = await Promise.all(
      Array.from({ length: parallel }, () => convert({ leadId: lead.id, body: { targets: ['deal'] } })),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409)).toBe(true);
    expect(await countStored('accounts', (a) => a.name === company)).toBe(1);
    expect(await countStored('contacts', (c) => c.email === email)).toBe(1);
    expect(await countStored('deals', (d) => d.name === company)).toBe(1);
    const stored = await storedRecord(t, 'leads', lead.id);
    expect(stored).toMatchObject({ status: 'converted', version: lead.version + 1 });
  }, 30_000);

  it('converts the lead-portal user’s lead once out of 50 into one client portal user (moved, not duplicated)', async () => {
    const lee = await storedUser(t, 'lee@lead.test');
    const lead = await storedRecord(t, 'leads', f.lee);
    if (!lead) throw new Error('no lead for lee');
    const answers = await Promise.all(
      Array.from({ length: parallel }, () =>
        convert({ leadId: f.lee, cookie: admin, body: { portalType: 'client' } }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 409)).toBe(true);
    expect(await countStored('atriumUsers', (u) => u.email === 'lee@lead.test')).toBe(1);
    expect(await countStored('contacts', (c) => c.email === 'lee@lead.test')).toBe(1);
    expect(await countStored('accounts', (a) => a.name === lead.company)).toBe(1);
    const moved = await storedUser(t, 'lee@lead.test');
    expect(moved).toMatchObject({ id: lee.id, audience: 'portal:client', passwordHash: lee.passwordHash });
  }, 30_000);
});

describe('J43 a failure in the middle of a lead conversion leaves nothing behind', () => {
  it('creates no account, contact, deal or portal user and leaves the lead unchanged when the deal hook throws', async () => {
    const company = 'J43 Failco';
    const email = 'j43-fail@failco.test';
    const lead = await createLead({ lastName: 'Fail', company, email, estimatedValue: 7000 });
    const counts = async () => ({
      accounts: await countStored('accounts', (a) => a.name === company),
      contacts: await countStored('contacts', (c) => c.email === email),
      deals: await countStored('deals', (d) => d.name === company),
      users: await countStored('atriumUsers', (u) => u.email === email),
      mails: await countStored('atriumOutbox', (m) => m.to === email),
      audit: await countStored('atriumAudit', (a) => a.recordId === lead.id),
    });
    const before = await counts();
    const remove = t.runtime.hooks.on(
      'beforeChange',
      () => {
        throw new Error('injected failure');
      },
      { module: 'deals' },
    );
    try {
      const response = await convert({
        leadId: lead.id,
        cookie: admin,
        body: { targets: ['deal'], portalType: 'client' },
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('injected failure');
    } finally {
      remove();
    }
    expect(await counts()).toEqual(before);
    expect(before).toMatchObject({ accounts: 0, contacts: 0, deals: 0, users: 0, mails: 0 });
    expect(await storedRecord(t, 'leads', lead.id)).toEqual(lead);
  });

  it('creates nothing when the failure comes from the contact, after the account was written', async () => {
    const company = 'J43 Contactfail';
    const email = 'j43-contact@failco.test';
    const lead = await createLead({ lastName: 'Contactfail', company, email });
    const remove = t.runtime.hooks.on(
      'beforeChange',
      () => {
        throw new Error('injected failure');
      },
      { module: 'contacts' },
    );
    try {
      expect((await convert({ leadId: lead.id })).status).toBeGreaterThanOrEqual(400);
    } finally {
      remove();
    }
    expect(await countStored('accounts', (a) => a.name === company)).toBe(0);
    expect(await countStored('contacts', (c) => c.email === email)).toBe(0);
    expect(await storedRecord(t, 'leads', lead.id)).toEqual(lead);
    expect((await convert({ leadId: lead.id })).status).toBe(200);
    expect(await countStored('accounts', (a) => a.name === company)).toBe(1);
  });
});
