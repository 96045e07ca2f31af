import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/auth/password/hash-password.ts';
import type { FilterNode } from '../../runtime/core/filter/types.ts';
import { createUser } from '../../runtime/server/identity/create-user.ts';
import { identityModules } from '../../runtime/server/identity/identity-modules.ts';
import { loginKey } from '../../runtime/server/identity/login-key.ts';
import {
  startTestSmtpServer,
  type TestSmtpServer,
} from '../../runtime/server/mail/start-test-smtp-server.ts';
import { fieldConditions } from '../../runtime/server/records/field-conditions.ts';
import { systemModules } from '../../runtime/server/records/system-modules.ts';
import type { RecordDoc } from '../../runtime/store/types.ts';
import { startTestRuntime } from '../helpers/start-test-runtime.ts';

type Row = Record<string, unknown>;
type Body = { data?: Row; error?: { code: string; message: string } };

let smtp: TestSmtpServer;
let t: Awaited<ReturnType<typeof startTestRuntime>>;
let rep1: string;
let rep2: string;
let admin: string;
let serial = 0;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  t = await startTestRuntime({ smtpUrl: smtp.url });
  [rep1, rep2, admin] = await Promise.all([
    t.login('rep1@atrium.test'),
    t.login('rep2@atrium.test'),
    t.login('admin@atrium.test'),
  ]);
}, 60_000);

afterAll(async () => {
  await smtp?.close();
});

const everything: FilterNode = { kind: 'true' };

/** A fresh, unique name stem for one test's records. */
const unique = (label: string) => `${label} ${Date.now().toString(36)}${(serial++).toString(36)}`;

const send = async (path: string, init: { method?: string; body?: unknown; cookie: string }) => {
  const response = await t.request(path, { method: init.method ?? 'POST', ...init });
  return { status: response.status, body: (await response.json()) as Body };
};

async function createLead(cookie: string, fields: Row): Promise<RecordDoc> {
  const { status, body } = await send('/api/records/leads', { cookie, body: fields });
  if (status !== 201) throw new Error(`lead not created: ${status} ${JSON.stringify(body)}`);
  return (await storedRecord('leads', String(body.data?.id))) as RecordDoc;
}

const convert = (cookie: string, leadId: string, options: Row = {}) =>
  send(`/api/records/leads/${leadId}/convert`, { cookie, body: options });

function where(module: string, conditions: Array<[string, string]>): FilterNode {
  const compiled =
    t.runtime.getApp().modules.get(module) ?? identityModules.get(module) ?? systemModules.get(module);
  if (!compiled) throw new Error(`no module ${module}`);
  return fieldConditions({ module: compiled, conditions: conditions.map(([f, v]) => [f, 'eq', v] as const) });
}

/** Oracle: counts straight from the store, past every access rule. */
const countWhere = (module: string, conditions: Array<[string, string]>) =>
  t.store.count({ module, where: where(module, conditions) });

const storedRecord = (module: string, id: string) => t.store.get({ module, id, where: everything });

async function portalUserOf(recordId: string, audience: string) {
  const page = await t.store.find({
    module: 'atriumUsers',
    where: where('atriumUsers', [
      ['audience', audience],
      ['recordId', recordId],
    ]),
    limit: 5,
  });
  return page.records;
}

describe('lead conversion', () => {
  it('creates an account, a contact and a deal linked to each other and marks the lead converted', async () => {
    const company = unique('Convertco');
    const email = `${unique('ada').replace(' ', '.')}@convertco.test`;
    const lead = await createLead(rep1, {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email,
      company,
      industry: 'technology',
      estimatedValue: 12000,
      source: 'web',
    });
    const { status, body } = await convert(rep1, lead.id, { targets: ['deal'] });
    expect(status).toBe(200);
    const result = body.data as {
      lead: Row;
      created: Record<string, string>;
      linked: Record<string, string>;
    };
    expect(Object.keys(result.created).sort()).toEqual(['account', 'contact', 'deal']);
    expect(result.linked).toEqual({});
    const { account: accountId = '', contact: contactId = '', deal: dealId = '' } = result.created;
    const account = await storedRecord('accounts', accountId);
    const contact = await storedRecord('contacts', contactId);
    const deal = await storedRecord('deals', dealId);
    expect(account).toMatchObject({ name: company, industry: 'technology', owner: lead.owner });
    expect(contact).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email, account: accountId });
    expect(contact?.leadSource).toBe('web');
    expect(deal).toMatchObject({ name: company, amount: 12000, account: accountId, contact: contactId });
    expect(deal?.stage).toBe('prospecting');
    expect(result.lead).toMatchObject({
      id: lead.id,
      status: 'converted',
      convertedAccount: accountId,
      convertedContact: contactId,
      convertedDeal: dealId,
    });
    expect(await storedRecord('leads', lead.id)).toMatchObject({
      status: 'converted',
      convertedAccount: accountId,
      version: lead.version + 1,
    });
    // Through the staff API too, and the conversion is in the audit log with the rep as actor.
    const seen = await send(`/api/records/contacts/${contactId}`, { method: 'GET', cookie: rep1 });
    expect(seen.status).toBe(200);
    expect(await countWhere('atriumAudit', [['recordId', lead.id]])).toBeGreaterThanOrEqual(2);
  });

  it('leaves the optional deal out unless asked for', async () => {
    const lead = await createLead(rep1, { lastName: 'Nodeal', company: unique('Nodealco') });
    const { status, body } = await convert(rep1, lead.id);
    expect(status).toBe(200);
    expect(Object.keys((body.data as { created: Row }).created).sort()).toEqual(['account', 'contact']);
    expect((await storedRecord('leads', lead.id))?.convertedDeal).toBeUndefined();
  });

  it('refuses to convert a lead twice (409) and creates nothing the second time', async () => {
    const company = unique('Twiceco');
    const lead = await createLead(rep1, { lastName: 'Twice', company });
    expect((await convert(rep1, lead.id)).status).toBe(200);
    const again = await convert(rep1, lead.id);
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('ALREADY_CONVERTED');
    expect(await countWhere('accounts', [['name', company]])).toBe(1);
  });

  it('lets exactly one of 20 parallel conversions of one lead through, with no duplicates', async () => {
    const company = unique('Raceco');
    const email = `${unique('race').replace(' ', '.')}@raceco.test`;
    const lead = await createLead(rep1, { lastName: 'Race', company, email });
    const results = await Promise.all(Array.from({ length: 20 }, () => convert(rep1, lead.id)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    expect(
      results.filter((r) => r.status === 409).every((r) => r.body.error?.code === 'ALREADY_CONVERTED'),
    ).toBe(true);
    expect(await countWhere('accounts', [['name', company]])).toBe(1);
    expect(await countWhere('contacts', [['email', email]])).toBe(1);
  });

  it('answers 404 to a rep converting another rep’s lead, and creates nothing', async () => {
    const company = unique('Otherrepco');
    const lead = await createLead(rep1, { lastName: 'Mine', company });
    const { status, body } = await convert(rep2, lead.id, { targets: ['deal'] });
    expect(status).toBe(404);
    expect(body.error?.code).toBe('NOT_FOUND');
    expect(await countWhere('accounts', [['name', company]])).toBe(0);
    expect(await countWhere('deals', [['name', company]])).toBe(0);
    expect(await storedRecord('leads', lead.id)).toEqual(lead);
  });

  it('is all or nothing when the deal fails mid-conversion (a hook throws)', async () => {
    const company = unique('Failco');
    const email = `${unique('fail').replace(' ', '.')}@failco.test`;
    const lead = await createLead(rep1, { lastName: 'Fail', company, email });
    const remove = t.runtime.hooks.on(
      'beforeChange',
      () => {
        throw new Error('injected failure');
      },
      { module: 'deals' },
    );
    try {
      const { status } = await convert(rep1, lead.id, { targets: ['deal'] });
      expect(status).toBe(500);
    } finally {
      remove();
    }
    expect(await countWhere('accounts', [['name', company]])).toBe(0);
    expect(await countWhere('contacts', [['email', email]])).toBe(0);
    expect(await countWhere('deals', [['name', company]])).toBe(0);
    expect(await storedRecord('leads', lead.id)).toEqual(lead);
    // Nothing was left half done: the same lead converts cleanly afterwards.
    expect((await convert(rep1, lead.id, { targets: ['deal'] })).status).toBe(200);
  });

  it('is all or nothing when only the deal fails validation', async () => {
    const company = unique('Invalidco');
    const lead = await createLead(rep1, { lastName: 'Invalid', company });
    const { status, body } = await convert(rep1, lead.id, {
      targets: ['deal'],
      overrides: { deal: { stage: 'notAStage' } },
    });
    expect(status).toBe(400);
    expect(body.error?.code).toBe('VALIDATION_FAILED');
    expect(await countWhere('accounts', [['name', company]])).toBe(0);
    expect(await storedRecord('leads', lead.id)).toEqual(lead);
  });

  it('refuses a field the rep may not write (deals.margin) through an override, and writes nothing', async () => {
    const company = unique('Marginco');
    const lead = await createLead(rep1, { lastName: 'Margin', company });
    const { status } = await convert(rep1, lead.id, {
      targets: ['deal'],
      overrides: { deal: { margin: 90 } },
    });
    expect(status).toBe(400);
    expect(await countWhere('accounts', [['name', company]])).toBe(0);
    expect(await storedRecord('leads', lead.id)).toEqual(lead);
  });

  it('links an existing account with the same name instead of creating a duplicate', async () => {
    const company = unique('Linkco');
    const existing = await send('/api/records/accounts', { cookie: rep1, body: { name: company } });
    expect(existing.status).toBe(201);
    const accountId = String(existing.body.data?.id);
    const lead = await createLead(rep1, { lastName: 'Linker', company });
    const { status, body } = await convert(rep1, lead.id);
    expect(status).toBe(200);
    const result = body.data as { created: Record<string, string>; linked: Record<string, string> };
    expect(result.linked).toEqual({ account: accountId });
    expect(Object.keys(result.created)).toEqual(['contact']);
    expect(await countWhere('accounts', [['name', company]])).toBe(1);
    expect((await storedRecord('contacts', result.created.contact ?? ''))?.account).toBe(accountId);
    expect((await storedRecord('leads', lead.id))?.convertedAccount).toBe(accountId);
  });

  it('links an account whose name differs only in case and surrounding spaces, but not one that only starts alike', async () => {
    const company = unique('Caseco');
    const longer = await send('/api/records/accounts', {
      cookie: rep1,
      body: { name: `${company} Holdings` },
    });
    expect(longer.status).toBe(201);
    const existing = await send('/api/records/accounts', { cookie: rep1, body: { name: company } });
    expect(existing.status).toBe(201);
    const accountId = String(existing.body.data?.id);
    const lead = await createLead(rep1, { lastName: 'Caser', company: `  ${company.toUpperCase()} ` });
    const { status, body } = await convert(rep1, lead.id);
    expect(status).toBe(200);
    const result = body.data as { created: Record<string, string>; linked: Record<string, string> };
    expect(result.linked).toEqual({ account: accountId });

    const prefixOnly = await createLead(rep1, { lastName: 'Prefixer', company: company.slice(0, -2) });
    const second = await convert(rep1, prefixOnly.id);
    expect(second.status).toBe(200);
    const secondResult = second.body.data as { created: Record<string, string> };
    expect(Object.keys(secondResult.created).sort()).toEqual(['account', 'contact']);
  });

  it('links the account staff choose, and takes overrides from the convert screen', async () => {
    const chosen = await send('/api/records/accounts', { cookie: rep1, body: { name: unique('Chosenco') } });
    const accountId = String(chosen.body.data?.id);
    const lead = await createLead(rep1, { lastName: 'Chooser', company: unique('Otherco') });
    const { status, body } = await convert(rep1, lead.id, {
      link: { account: accountId },
      overrides: { contact: { title: 'Chief Chooser' } },
    });
    expect(status).toBe(200);
    const result = body.data as { created: Record<string, string>; linked: Record<string, string> };
    expect(result.linked).toEqual({ account: accountId });
    expect(await storedRecord('contacts', result.created.contact ?? '')).toMatchObject({
      title: 'Chief Chooser',
      account: accountId,
    });
  });

  it('refuses unknown targets, links to records out of sight, and modules without conversion (400)', async () => {
    const lead = await createLead(rep1, { lastName: 'Options', company: unique('Optionsco') });
    expect((await convert(rep1, lead.id, { targets: ['nope'] })).status).toBe(400);
    expect((await convert(rep1, lead.id, { colour: 'red' })).status).toBe(400);
    const hidden = await send('/api/records/accounts', { cookie: rep2, body: { name: unique('Hiddenco') } });
    const linked = await convert(rep1, lead.id, { link: { account: String(hidden.body.data?.id) } });
    expect(linked.status).toBe(400);
    const account = await send('/api/records/accounts', { cookie: rep1, body: { name: unique('Plainco') } });
    expect(
      (await send(`/api/records/accounts/${account.body.data?.id}/convert`, { cookie: rep1 })).status,
    ).toBe(400);
    expect(await storedRecord('leads', lead.id)).toEqual(lead);
  });

  it('refuses a portal type to a rep without managePortals (403), writing nothing', async () => {
    const company = unique('Noportalco');
    const lead = await createLead(rep1, {
      lastName: 'Noportal',
      company,
      email: `np.${serial}@noportal.test`,
    });
    const { status } = await convert(rep1, lead.id, { portalType: 'client' });
    expect(status).toBe(403);
    expect(await countWhere('accounts', [['name', company]])).toBe(0);
    expect(await storedRecord('leads', lead.id)).toEqual(lead);
  });

  it('makes the new contact a client portal user, mails the invitation, and the invitee logs in', async () => {
    const company = unique('Portalco');
    const email = `${unique('grace').replace(' ', '.')}@portalco.test`;
    const lead = await createLead(admin, { firstName: 'Grace', lastName: 'Hopper', company, email });
    const { status, body } = await convert(admin, lead.id, { portalType: 'client' });
    expect(status).toBe(200);
    const result = body.data as {
      created: Record<string, string>;
      portal: { userId: string; invited: boolean; moved: boolean; invitationMailed: boolean };
    };
    expect(result.portal).toMatchObject({ invited: true, moved: false, invitationMailed: true });
    const contactId = result.created.contact ?? '';
    const [user] = await portalUserOf(contactId, 'portal:client');
    expect(user).toMatchObject({
      id: result.portal.userId,
      audience: 'portal:client',
      recordId: contactId,
      accountId: result.created.account,
      email,
      name: 'Grace Hopper',
      active: true,
    });
    expect(user?.passwordHash).toBeUndefined();

    const mail = await smtp.waitForMessage({ to: email });
    const token = /\/portal\/client\/invite\?token=([a-z0-9]+)/.exec(mail.text)?.[1] ?? '';
    expect(mail.text).toContain('http://localhost:3000/portal/client/invite?token=');
    expect(token).not.toBe('');

    const password = 'a long portal passphrase 2026';
    const accepted = await t.request('/portal/client/api/auth/invitation/accept', {
      method: 'POST',
      body: { token, password },
    });
    expect(accepted.status).toBe(200);
    const login = await t.request('/portal/client/api/auth/login', {
      method: 'POST',
      body: { email, password },
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const me = await t.request('/portal/client/api/me', { cookie });
    expect(me.status).toBe(200);
  });

  it('moves the lead’s own portal user over: same id, password hash and MFA; its sessions end', async () => {
    const company = unique('Moveco');
    const email = `${unique('mover').replace(' ', '.')}@moveco.test`;
    const lead = await createLead(admin, { firstName: 'Mo', lastName: 'Ver', company, email });
    const passwordHash = await hashPassword('the lead portal passphrase');
    const leadUser = await createUser({
      store: t.store,
      user: { audience: 'portal:lead', email, name: 'Mo Ver', passwordHash, recordId: lead.id },
      createdBy: null,
      at: new Date(),
    });
    await t.store.update({
      module: 'atriumUsers',
      id: leadUser.id,
      where: everything,
      set: { mfaEnabled: true, mfaSecret: 'JBSWY3DPEHPK3PXP', permissionGroup: 'leadUsers' },
      updatedAt: new Date().toISOString(),
      updatedBy: null,
    });
    const now = Date.now();
    await t.runtime.sessionStore.insert({
      id: `s-${leadUser.id}`,
      userId: leadUser.id,
      audience: 'portal:lead',
      isMfaPending: false,
      createdAt: now,
      idleExpiresAt: now + 3_600_000,
      absoluteExpiresAt: now + 7_200_000,
    });

    const { status, body } = await convert(admin, lead.id, { portalType: 'client' });
    expect(status).toBe(200);
    const result = body.data as {
      created: Record<string, string>;
      portal: { userId: string; invited: boolean; moved: boolean };
    };
    expect(result.portal).toMatchObject({ userId: leadUser.id, moved: true, invited: false });
    const moved = await storedRecord('atriumUsers', leadUser.id);
    expect(moved).toMatchObject({
      audience: 'portal:client',
      loginKey: loginKey({ audience: 'portal:client', login: email }),
      recordId: result.created.contact,
      accountId: result.created.account,
      passwordHash,
      mfaEnabled: true,
      mfaSecret: 'JBSWY3DPEHPK3PXP',
    });
    expect(moved?.permissionGroup).toBeUndefined();
    expect(await portalUserOf(lead.id, 'portal:lead')).toHaveLength(0);
    expect(await portalUserOf(result.created.contact ?? '', 'portal:client')).toHaveLength(1);
    expect(await t.runtime.sessionStore.get(`s-${leadUser.id}`)).toBeNull();
    expect(await countWhere('atriumAudit', [['recordId', leadUser.id]])).toBeGreaterThanOrEqual(1);
  });

  it('converts a lead automatically when a save matches a conversion rule', async () => {
    const company = unique('Hotco');
    const email = `${unique('hot').replace(' ', '.')}@hotco.test`;
    const lead = await createLead(rep1, {
      lastName: 'Hot',
      company,
      email,
      rating: 5,
      source: 'partnerReferral',
      estimatedValue: 5000,
    });
    expect(lead).toMatchObject({ status: 'converted' });
    const accountId = String(lead.convertedAccount);
    const contactId = String(lead.convertedContact);
    expect(await storedRecord('accounts', accountId)).toMatchObject({ name: company, owner: lead.owner });
    expect(await storedRecord('contacts', contactId)).toMatchObject({ email, account: accountId });
    expect(await storedRecord('deals', String(lead.convertedDeal))).toMatchObject({ contact: contactId });
    expect(await portalUserOf(contactId, 'portal:client')).toHaveLength(1);
    expect((await smtp.waitForMessage({ to: email })).text).toContain('/portal/client/invite?token=');
    // The rule acted as the system, and said why.
    const audit = await t.store.find({
      module: 'atriumAudit',
      where: where('atriumAudit', [['recordId', lead.id]]),
      limit: 20,
    });
    expect(audit.records.some((entry) => entry.reason === 'conversion rule hotPartnerReferral')).toBe(true);
  });

  it('leaves a lead that does not match the rule alone, and converts it on the save that makes it match', async () => {
    const lead = await createLead(rep1, {
      lastName: 'Cold',
      company: unique('Coldco'),
      rating: 3,
      source: 'partnerReferral',
    });
    expect(lead.status).toBe('new');
    const { status } = await send(`/api/records/leads/${lead.id}`, {
      method: 'PATCH',
      cookie: rep1,
      body: { rating: 4, email: `${unique('warm').replace(' ', '.')}@coldco.test` },
    });
    expect(status).toBe(200);
    expect((await storedRecord('leads', lead.id))?.status).toBe('converted');
  });
});
