import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateTOTP } from '@oslojs/otp';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueOneTimeToken } from '../../runtime/auth/one-time-token/issue-one-time-token.ts';
import { hashPassword } from '../../runtime/auth/password/hash-password.ts';
import { createUser } from '../../runtime/server/identity/create-user.ts';
import { listOutbox } from '../../runtime/server/mail/list-outbox.ts';
import { compileStoredPortalPrincipal } from '../../runtime/server/portals/session/compile-stored-portal-principal.ts';
import { hasActivePortalUsers } from '../../runtime/server/portals/session/has-active-portal-users.ts';
import type { RecordDoc } from '../../runtime/store/types.ts';
import { startTestRuntime } from '../helpers/start-test-runtime.ts';

type Row = Record<string, unknown>;
type Body = { data?: unknown; error?: { code: string; message: string } };

const portalPassword = 'portal passphrase 2026!';
const marker = 'Internal: check the customer';

let t: Awaited<ReturnType<typeof startTestRuntime>>;
let passwordHash: string;
let adminCookie: string;
/** Every portal response body read in this file, to prove `internalNote` never leaves the server. */
const portalBodies: string[] = [];

const ids = { acme: '', globex: '', guestAccount: '', primaryContact: '', otherContact: '' };
const users: Record<'primary' | 'other' | 'partner', RecordDoc | undefined> = {
  primary: undefined,
  other: undefined,
  partner: undefined,
};

const portal = (type: string, path: string) => `/portal/${type}/api${path}`;

async function read(response: Response): Promise<Body> {
  const text = await response.text();
  portalBodies.push(text);
  return JSON.parse(text) as Body;
}

async function rows(response: Response): Promise<Row[]> {
  expect(response.status).toBe(200);
  return (await read(response)).data as Row[];
}

/** Every record of a list, page by page. */
async function listAll(args: { base: string; cookie: string; query?: Record<string, string> }) {
  const records: Row[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '200', ...args.query, ...(cursor ? { cursor } : {}) });
    const response = await t.request(`${args.base}?${query}`, { cookie: args.cookie });
    expect(response.status).toBe(200);
    const body = JSON.parse(await response.text()) as { data: Row[]; nextCursor: string | null };
    if (!args.base.startsWith('/api/records/')) portalBodies.push(JSON.stringify(body));
    records.push(...body.data);
    cursor = body.nextCursor;
  } while (cursor);
  return records;
}

const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

async function portalLogin(args: { email: string; type?: string; password?: string }) {
  const response = await t.request(portal(args.type ?? 'client', '/auth/login'), {
    method: 'POST',
    body: { email: args.email, password: args.password ?? portalPassword },
  });
  return { response, cookie: cookieOf(response) };
}

async function loggedIn(email: string): Promise<string> {
  const { response, cookie } = await portalLogin({ email });
  expect(response.status).toBe(200);
  return cookie;
}

async function addPortalUser(args: {
  email: string;
  contactId: string;
  accountId: string;
  type?: string;
  seesWholeAccount?: boolean;
}): Promise<RecordDoc> {
  return createUser({
    store: t.store,
    user: {
      audience: `portal:${args.type ?? 'client'}`,
      email: args.email,
      name: args.email,
      passwordHash,
      recordId: args.contactId,
      accountId: args.accountId,
      seesWholeAccount: args.seesWholeAccount === true,
    },
    createdBy: null,
    at: new Date(),
  });
}

async function setUser(user: RecordDoc | undefined, set: Row) {
  if (!user) throw new Error('missing user');
  const result = await t.store.update({
    module: 'atriumUsers',
    id: user.id,
    where: { kind: 'true' },
    set,
    updatedAt: new Date().toISOString(),
    updatedBy: null,
  });
  expect(result.kind).toBe('updated');
}

const adminAll = (module: string, filter?: Row) =>
  listAll({
    base: `/api/records/${module}`,
    cookie: adminCookie,
    ...(filter ? { query: { filter: JSON.stringify(filter) } } : {}),
  });

beforeAll(async () => {
  t = await startTestRuntime();
  passwordHash = await hashPassword(portalPassword);
  adminCookie = await t.login('admin@atrium.test');
  const accounts = await adminAll('accounts');
  const byName = (name: string) => String(accounts.find((a) => a.name === name)?.id ?? '');
  ids.acme = byName('Acme');
  ids.globex = byName('Globex');
  const contacts = await adminAll('contacts', { account: { eq: ids.acme } });
  const cases = await adminAll('cases', { account: { eq: ids.acme } });
  const primary = contacts.find((c) => c.isPrimary === true);
  const other = contacts.find((c) => c.isPrimary !== true && cases.some((k) => k.contact === c.id));
  ids.primaryContact = String(primary?.id);
  ids.otherContact = String(other?.id);
  users.primary = await addPortalUser({
    email: 'primary@acme.test',
    contactId: ids.primaryContact,
    accountId: ids.acme,
    seesWholeAccount: true,
  });
  users.other = await addPortalUser({
    email: 'other@acme.test',
    contactId: ids.otherContact,
    accountId: ids.acme,
  });
  // A demo company with cases and contacts and no client portal users (conversion rules may add some).
  for (const account of accounts) {
    const id = String(account.id);
    if (account.name === 'Acme' || account.name === 'Globex' || account.type === 'partner') continue;
    if (await hasActivePortalUsers({ store: t.store, portalTypeName: 'client', accountId: id })) continue;
    const [withCases, withContacts] = await Promise.all([
      adminAll('cases', { account: { eq: id } }),
      adminAll('contacts', { account: { eq: id } }),
    ]);
    if (withCases.length === 0 || withContacts.length === 0) continue;
    ids.guestAccount = id;
    break;
  }
  expect(ids.guestAccount).not.toBe('');
  const partnerAccount = accounts.find((a) => a.type === 'partner');
  const partnerContact = (await adminAll('contacts', { account: { eq: String(partnerAccount?.id) } }))[0];
  users.partner = await addPortalUser({
    email: 'partner@partner.test',
    contactId: String(partnerContact?.id),
    accountId: String(partnerAccount?.id),
    type: 'partner',
  });
}, 120_000);

describe('portal API: routing and login', () => {
  it('answers 404 for a portal type that does not exist', async () => {
    expect((await t.request(portal('nope', '/me'))).status).toBe(404);
    const login = await t.request(portal('nope', '/auth/login'), {
      method: 'POST',
      body: { email: 'primary@acme.test', password: portalPassword },
    });
    expect(login.status).toBe(404);
  });

  it('refuses the portal API without a session, with no-store', async () => {
    const response = await t.request(portal('client', '/records/cases'));
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('logs a portal user in with its own HttpOnly cookie', async () => {
    const { response, cookie } = await portalLogin({ email: 'primary@acme.test' });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/^atrium_portal_client=.*HttpOnly/i);
    const me = await t.request(portal('client', '/me'), { cookie });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const text = await me.text();
    expect(JSON.parse(text).data).toMatchObject({
      email: 'primary@acme.test',
      portalType: 'client',
      group: 'clientUsers',
      isTokenLink: false,
    });
    expect(text).not.toMatch(/passwordHash|argon2|mfaSecret|recoveryCodes/);
  });

  it('gives one answer for a wrong password, an unknown user, a staff login and an inactive user', async () => {
    const inactive = await addPortalUser({
      email: 'gone@acme.test',
      contactId: ids.otherContact,
      accountId: ids.acme,
    });
    await setUser(inactive, { active: false });
    const attempts = await Promise.all([
      portalLogin({ email: 'primary@acme.test', password: 'not the password at all' }),
      portalLogin({ email: 'nobody@acme.test' }),
      portalLogin({ email: 'admin@atrium.test', password: 'correct horse battery staple' }),
      portalLogin({ email: 'gone@acme.test' }),
    ]);
    const answers = await Promise.all(
      attempts.map(async (a) => [a.response.status, await a.response.text()]),
    );
    expect(answers.every(([status]) => status === 401)).toBe(true);
    expect(new Set(answers.map(([, body]) => body)).size).toBe(1);
    expect(attempts.every((a) => a.cookie === '')).toBe(true);
  });

  it('refuses login outside the support dates with the wrong-password answer', async () => {
    const late = await addPortalUser({
      email: 'late@acme.test',
      contactId: ids.otherContact,
      accountId: ids.acme,
    });
    await setUser(late, { supportEnd: '2000-01-01' });
    const refused = await portalLogin({ email: 'late@acme.test' });
    const wrong = await portalLogin({ email: 'late@acme.test', password: 'not the password at all' });
    expect(refused.response.status).toBe(401);
    expect(await refused.response.text()).toBe(await wrong.response.text());
  });
});

describe('portal API: record scope', () => {
  it('shows a primary contact all of its account’s cases and none of another account’s', async () => {
    const cookie = await loggedIn('primary@acme.test');
    const seen = await listAll({ base: portal('client', '/records/cases'), cookie });
    const expected = await adminAll('cases', { account: { eq: ids.acme } });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(seen.every((c) => c.account === ids.acme)).toBe(true);
  });

  it('answers 404 for another account’s case, the same as for a missing one', async () => {
    const cookie = await loggedIn('primary@acme.test');
    const globexCase = (await adminAll('cases', { account: { eq: ids.globex } }))[0];
    const foreign = await t.request(portal('client', `/records/cases/${String(globexCase?.id)}`), { cookie });
    const missing = await t.request(portal('client', '/records/cases/AAAAAAAAAAAAAAAA'), { cookie });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await foreign.text()).toBe(await missing.text());
  });

  it('keeps a crafted or-filter inside the scope', async () => {
    const cookie = await loggedIn('primary@acme.test');
    const seen = await listAll({
      base: portal('client', '/records/cases'),
      cookie,
      query: {
        filter: JSON.stringify({ or: [{ account: { eq: ids.globex } }, { subject: { exists: true } }] }),
      },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((c) => c.account === ids.acme)).toBe(true);
  });

  it('searches only within the scope', async () => {
    const cookie = await loggedIn('primary@acme.test');
    const everything = await adminAll('cases');
    const words = everything
      .filter((c) => c.account === ids.acme)
      .flatMap((c) => String(c.subject).split(/[^A-Za-z]+/))
      .filter((w) => w.length >= 4);
    const word =
      words.find((w) => everything.some((c) => c.account !== ids.acme && String(c.subject).includes(w))) ??
      '';
    const found = await rows(
      await t.request(portal('client', `/records/cases?q=${encodeURIComponent(word)}`), { cookie }),
    );
    const elsewhere = everything.filter((c) => c.account !== ids.acme && String(c.subject).includes(word));
    expect(found.length).toBeGreaterThan(0);
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(found.every((c) => c.account === ids.acme)).toBe(true);
  });

  it('lists related cases of its own account only, and 404 for another account', async () => {
    const cookie = await loggedIn('primary@acme.test');
    const related = await rows(
      await t.request(portal('client', `/records/accounts/${ids.acme}/related/cases.account`), { cookie }),
    );
    const expected = await adminAll('cases', { account: { eq: ids.acme } });
    expect(related.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    const foreign = await t.request(
      portal('client', `/records/accounts/${ids.globex}/related/cases.account`),
      {
        cookie,
      },
    );
    expect(foreign.status).toBe(404);
  });

  it('counts only its scope through the record service (no HTTP route counts)', async () => {
    if (!users.primary) throw new Error('missing user');
    const principal = compileStoredPortalPrincipal({
      app: t.runtime.getApp(),
      user: users.primary,
      portalTypeName: 'client',
      now: new Date(),
    });
    if (!principal) throw new Error('no principal');
    const groups = await t.runtime.records.aggregate({
      principal,
      module: 'cases',
      groupBy: [],
      metrics: [{ fn: 'count', as: 'n' }],
    });
    const expected = await adminAll('cases', { account: { eq: ids.acme } });
    expect(groups[0]?.values.n).toBe(expected.length);
  });

  it('shows a non-primary contact only its own cases', async () => {
    const cookie = await loggedIn('other@acme.test');
    const seen = await listAll({ base: portal('client', '/records/cases'), cookie });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((c) => c.contact === ids.otherContact)).toBe(true);
    const colleague = (await adminAll('cases', { contact: { eq: ids.primaryContact } }))[0];
    expect(
      (await t.request(portal('client', `/records/cases/${String(colleague?.id)}`), { cookie })).status,
    ).toBe(404);
  });

  it('never links a case created naming Globex to Globex', async () => {
    const cookie = await loggedIn('other@acme.test');
    const response = await t.request(portal('client', '/records/cases'), {
      method: 'POST',
      cookie,
      body: { subject: 'Portal case naming Globex', account: ids.globex },
    });
    expect([201, 400, 403]).toContain(response.status);
    const stored = await adminAll('cases', { subject: { eq: 'Portal case naming Globex' } });
    expect(stored.every((c) => c.account === ids.acme)).toBe(true);
    if (response.status === 201) {
      expect(((await read(response)).data as Row).account).toBe(ids.acme);
      expect(stored).toHaveLength(1);
    } else expect(stored).toHaveLength(0);
  });

  it('creates a case with account and contact preset from the session', async () => {
    const cookie = await loggedIn('other@acme.test');
    const response = await t.request(portal('client', '/records/cases'), {
      method: 'POST',
      cookie,
      body: { subject: 'Printer on fire', priority: 'high' },
    });
    expect(response.status).toBe(201);
    expect((await read(response)).data).toMatchObject({ account: ids.acme, contact: ids.otherContact });
  });

  it('refuses writing the read-only status, and nothing changes', async () => {
    const cookie = await loggedIn('other@acme.test');
    const own = (await adminAll('cases', { contact: { eq: ids.otherContact } }))[0];
    const response = await t.request(portal('client', `/records/cases/${String(own?.id)}`), {
      method: 'PATCH',
      cookie,
      body: { status: own?.status === 'resolved' ? 'open' : 'resolved' },
    });
    expect(response.status).toBe(400);
    const after = (await adminAll('cases', { id: { eq: String(own?.id) } }))[0];
    expect(after?.status).toBe(own?.status);
    expect(after?.version).toBe(own?.version);
  });

  it('answers the client projection of the portal type at meta', async () => {
    const cookie = await loggedIn('primary@acme.test');
    const meta = (await read(await t.request(portal('client', '/meta'), { cookie }))).data as {
      modules: Record<string, { fields: unknown }>;
    };
    expect(Object.keys(meta.modules).sort()).toEqual(
      ['accounts', 'cases', 'contacts', 'documents', 'quoteLines', 'quotes'].sort(),
    );
    expect(Object.keys(meta.modules)).not.toContain('deals');
  });

  it('refuses export to portal users', async () => {
    const cookie = await loggedIn('primary@acme.test');
    expect((await t.request(portal('client', '/records/cases/export'), { cookie })).status).toBe(403);
  });
});

describe('portal API: audiences', () => {
  it('refuses the staff cookie on the portal API, also under the portal cookie’s name', async () => {
    expect((await t.request(portal('client', '/me'), { cookie: adminCookie })).status).toBe(401);
    const renamed = adminCookie.replace(/^[^=]+=/, 'atrium_portal_client=');
    expect((await t.request(portal('client', '/records/cases'), { cookie: renamed })).status).toBe(401);
  });

  it('refuses the portal cookie on the staff API, also under the staff cookie’s name', async () => {
    const cookie = await loggedIn('primary@acme.test');
    expect((await t.request('/api/me', { cookie })).status).toBe(401);
    const renamed = cookie.replace(/^[^=]+=/, 'atrium_staff=');
    expect((await t.request('/api/records/cases', { cookie: renamed })).status).toBe(401);
  });

  it('makes a partner enrol in MFA, and refuses its cookie on the client portal', async () => {
    const login = await portalLogin({ email: 'partner@partner.test', type: 'partner' });
    expect(login.response.status).toBe(200);
    expect((await login.response.json()).data).toEqual({ mfaRequired: true, enrolmentRequired: true });
    // Half logged in: nothing but MFA works.
    expect((await t.request(portal('partner', '/me'), { cookie: login.cookie })).status).toBe(401);
    const enrol = await t.request(portal('partner', '/auth/mfa/enrol'), {
      method: 'POST',
      cookie: login.cookie,
    });
    const uri = new URL(((await enrol.json()) as { data: { uri: string } }).data.uri);
    const secret = decodeBase32IgnorePadding(uri.searchParams.get('secret') ?? '');
    const enable = await t.request(portal('partner', '/auth/mfa/enable'), {
      method: 'POST',
      cookie: login.cookie,
      body: { code: generateTOTP(secret, 30, 6) },
    });
    expect(enable.status).toBe(200);
    const cookie = cookieOf(enable);
    expect((await t.request(portal('partner', '/me'), { cookie })).status).toBe(200);
    expect((await t.request(portal('client', '/me'), { cookie })).status).toBe(401);
    const renamed = cookie.replace(/^[^=]+=/, 'atrium_portal_client=');
    expect((await t.request(portal('client', '/records/cases'), { cookie: renamed })).status).toBe(401);
  });
});

describe('portal API: live sessions end', () => {
  it('ends a live session on the next request once the user is deactivated', async () => {
    const user = await addPortalUser({
      email: 'soon-off@acme.test',
      contactId: ids.otherContact,
      accountId: ids.acme,
    });
    const cookie = await loggedIn('soon-off@acme.test');
    expect((await t.request(portal('client', '/records/cases'), { cookie })).status).toBe(200);
    await setUser(user, { active: false });
    expect((await t.request(portal('client', '/records/cases'), { cookie })).status).toBe(401);
    await setUser(user, { active: true });
    expect((await t.request(portal('client', '/me'), { cookie })).status).toBe(401);
  });

  it('ends a live session on the next request once the support end has passed', async () => {
    const user = await addPortalUser({
      email: 'expiring@acme.test',
      contactId: ids.otherContact,
      accountId: ids.acme,
    });
    const cookie = await loggedIn('expiring@acme.test');
    expect((await t.request(portal('client', '/me'), { cookie })).status).toBe(200);
    await setUser(user, { supportEnd: '2001-12-31' });
    expect((await t.request(portal('client', '/me'), { cookie })).status).toBe(401);
  });

  it('ends the session at logout', async () => {
    const cookie = await loggedIn('primary@acme.test');
    expect((await t.request(portal('client', '/auth/logout'), { method: 'POST', cookie })).status).toBe(200);
    expect((await t.request(portal('client', '/me'), { cookie })).status).toBe(401);
  });
});

describe('portal API: password reset and invitation', () => {
  it('mails a reset link under the portal’s path that sets a new password once', async () => {
    const user = await addPortalUser({
      email: 'forgetful@acme.test',
      contactId: ids.otherContact,
      accountId: ids.acme,
    });
    const forgot = await t.request(portal('client', '/auth/password/forgot'), {
      method: 'POST',
      body: { email: 'forgetful@acme.test' },
    });
    const unknown = await t.request(portal('client', '/auth/password/forgot'), {
      method: 'POST',
      body: { email: 'nobody@acme.test' },
    });
    expect(forgot.status).toBe(202);
    expect(await forgot.text()).toBe(await unknown.text());
    const mail = (await listOutbox({ store: t.store, limit: 50 })).entries.find((m) => m.to === user.email);
    const link = /http:\/\/localhost:3000\/portal\/client\/reset-password\?token=([a-z0-9]+)/.exec(
      mail?.text ?? '',
    );
    const token = link?.[1] ?? '';
    expect(token).not.toBe('');
    const weak = await t.request(portal('client', '/auth/password/reset'), {
      method: 'POST',
      body: { token, password: 'short' },
    });
    expect(weak.status).toBe(400);
    const reset = await t.request(portal('client', '/auth/password/reset'), {
      method: 'POST',
      body: { token, password: 'a brand new portal passphrase' },
    });
    expect(reset.status).toBe(200);
    const again = await t.request(portal('client', '/auth/password/reset'), {
      method: 'POST',
      body: { token, password: 'yet another portal passphrase' },
    });
    expect(again.status).toBe(400);
    const login = await portalLogin({
      email: 'forgetful@acme.test',
      password: 'a brand new portal passphrase',
    });
    expect(login.response.status).toBe(200);
  });

  it('accepts an invitation of this portal type only, and it cannot change email or account', async () => {
    const invited = await addPortalUser({
      email: 'invited@acme.test',
      contactId: ids.otherContact,
      accountId: ids.acme,
    });
    const issue = (portalType: string) =>
      issueOneTimeToken({
        store: t.runtime.tokens,
        purpose: 'invitation',
        subject: invited.id,
        ttlMs: 60_000,
        clock: t.runtime.clock,
        data: { portalType },
      });
    const partnerToken = await issue('partner');
    const onPartner = await t.request(portal('partner', '/auth/invitation/accept'), {
      method: 'POST',
      body: { token: partnerToken, password: 'welcome to the portal' },
    });
    expect(onPartner.status).toBe(400);
    const token = await issue('client');
    const sneaky = await t.request(portal('client', '/auth/invitation/accept'), {
      method: 'POST',
      body: { token, password: 'welcome to the portal', email: 'evil@globex.test', accountId: ids.globex },
    });
    expect(sneaky.status).toBe(400);
    const accepted = await t.request(portal('client', '/auth/invitation/accept'), {
      method: 'POST',
      body: { token, password: 'welcome to the portal' },
    });
    expect(accepted.status).toBe(200);
    const stored = await t.store.get({ module: 'atriumUsers', id: invited.id, where: { kind: 'true' } });
    expect(stored).toMatchObject({
      email: 'invited@acme.test',
      accountId: ids.acme,
      audience: 'portal:client',
    });
    expect(
      (await portalLogin({ email: 'invited@acme.test', password: 'welcome to the portal' })).response.status,
    ).toBe(200);
  });
});

describe('portal API: token links', () => {
  const issueLink = (accountId: string) =>
    t.request('/api/admin/portals/client/token-links', {
      method: 'POST',
      cookie: adminCookie,
      body: { accountId },
    });
  const exchange = (token: string) =>
    t.request(portal('client', '/auth/token-link'), { method: 'POST', body: { token } });
  const tokenOf = async (response: Response) => {
    const { url } = ((await response.json()) as { data: { url: string } }).data;
    expect(url).toMatch(/^http:\/\/localhost:3000\/portal\/client\/token\?token=/);
    return new URL(url).searchParams.get('token') ?? '';
  };

  it('refuses a token link for an account that has portal users', async () => {
    const response = await issueLink(ids.acme);
    expect(response.status).toBe(409);
  });

  it('refuses token links to a rep', async () => {
    const rep = await t.login('rep1@atrium.test');
    const response = await t.request('/api/admin/portals/client/token-links', {
      method: 'POST',
      cookie: rep,
      body: { accountId: ids.guestAccount },
    });
    expect(response.status).toBe(403);
  });

  it('works once and reads only what the guest group allows, within the account', async () => {
    const issued = await issueLink(ids.guestAccount);
    expect(issued.status).toBe(201);
    const token = await tokenOf(issued);
    const first = await exchange(token);
    expect(first.status).toBe(200);
    const cookie = cookieOf(first);
    expect((await exchange(token)).status).toBe(400);

    const me = (await read(await t.request(portal('client', '/me'), { cookie }))).data;
    expect(me).toMatchObject({ isTokenLink: true, accountId: ids.guestAccount, group: 'clientGuests' });
    const cases = await listAll({ base: portal('client', '/records/cases'), cookie });
    const expected = await adminAll('cases', { account: { eq: ids.guestAccount } });
    expect(cases.map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(cases.every((c) => c.account === ids.guestAccount)).toBe(true);
    expect((await t.request(portal('client', '/records/contacts'), { cookie })).status).toBe(403);
    expect((await t.request(portal('client', '/records/quotes'), { cookie })).status).toBe(403);
    const create = await t.request(portal('client', '/records/cases'), {
      method: 'POST',
      cookie,
      body: { subject: 'From a token link' },
    });
    expect(create.status).toBe(403);
  });

  it('stops working, live sessions included, once the account has portal users', async () => {
    const token = await tokenOf(await issueLink(ids.guestAccount));
    const live = cookieOf(await exchange(await tokenOf(await issueLink(ids.guestAccount))));
    expect((await t.request(portal('client', '/me'), { cookie: live })).status).toBe(200);
    const guestContact = (await adminAll('contacts', { account: { eq: ids.guestAccount } }))[0];
    const user = await addPortalUser({
      email: 'now-a-user@guest.test',
      contactId: String(guestContact?.id),
      accountId: ids.guestAccount,
    });
    expect((await t.request(portal('client', '/me'), { cookie: live })).status).toBe(401);
    expect((await exchange(token)).status).toBe(400);
    await setUser(user, { active: false });
  });

  it('is revoked by staff: the outstanding link and its sessions', async () => {
    const session = cookieOf(await exchange(await tokenOf(await issueLink(ids.guestAccount))));
    const token = await tokenOf(await issueLink(ids.guestAccount));
    const revoked = await t.request(`/api/admin/portals/client/token-links/${ids.guestAccount}`, {
      method: 'DELETE',
      cookie: adminCookie,
    });
    expect(revoked.status).toBe(200);
    expect((await t.request(portal('client', '/me'), { cookie: session })).status).toBe(401);
    expect((await exchange(token)).status).toBe(400);
  });
});

describe('preview as portal user', () => {
  it('answers exactly the portal user’s list to a staff admin', async () => {
    const cookie = await loggedIn('other@acme.test');
    const own = await listAll({ base: portal('client', '/records/cases'), cookie });
    const preview = await listAll({
      base: `/api/admin/portals/client/preview/${users.other?.id}/records/cases`,
      cookie: adminCookie,
    });
    expect(preview).toEqual(own);
    const meta = await t.request(`/api/admin/portals/client/preview/${users.other?.id}/meta`, {
      cookie: adminCookie,
    });
    expect(((await read(meta)).data as { modules: Row }).modules).toEqual(
      ((await read(await t.request(portal('client', '/meta'), { cookie }))).data as { modules: Row }).modules,
    );
  });

  it('is read-only', async () => {
    const response = await t.request(`/api/admin/portals/client/preview/${users.other?.id}/records/cases`, {
      method: 'POST',
      cookie: adminCookie,
      body: { subject: 'Written through a preview' },
    });
    expect(response.status).toBe(405);
    expect(await adminAll('cases', { subject: { eq: 'Written through a preview' } })).toHaveLength(0);
  });

  it('answers 404 for a staff user id or a user of another portal type', async () => {
    const partner = await t.request(`/api/admin/portals/client/preview/${users.partner?.id}/records/cases`, {
      cookie: adminCookie,
    });
    expect(partner.status).toBe(404);
  });

  it('refuses a rep with 403', async () => {
    const rep = await t.login('rep1@atrium.test');
    const response = await t.request(`/api/admin/portals/client/preview/${users.other?.id}/records/cases`, {
      cookie: rep,
    });
    expect(response.status).toBe(403);
  });
});

describe('portal API: hidden fields', () => {
  it('never sends internalNote in any portal response read above', () => {
    expect(portalBodies.length).toBeGreaterThan(10);
    for (const body of portalBodies) {
      expect(body).not.toContain('internalNote');
      expect(body).not.toContain(marker);
    }
  });
});
