import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc } from '../../runtime/store/types.ts';
import { startTestRuntime, testOrigin } from '../helpers/start-test-runtime.ts';
import { storedRecords } from '../helpers/stored-records.ts';

let t: Awaited<ReturnType<typeof startTestRuntime>>;
let admin: string;
const everything = { kind: 'true' } as const;

type Body = { data: Record<string, unknown>; error?: { code: string } };
const body = async (response: Response) => (await response.json()) as Body;

const stored = (module: string) => storedRecords({ store: t.store, module });

const storedUser = async (id: string) => t.store.get({ module: 'atriumUsers', id, where: everything });
const portalUserByLogin = async (key: string) =>
  (await stored('atriumUsers')).find((u) => u.loginKey === key);
const mailsTo = async (to: string) => (await stored('atriumOutbox')).filter((m) => m.to === to);
const sessionsOf = async (userId: string) =>
  (await stored('atriumSessions')).filter((s) => s.userId === userId);

let contactCount = 0;
/** A fresh contact at the first demo account (Acme), through the API; `email: null` leaves it without one. */
async function newContact(
  email: string | null = `person${++contactCount}@portal-test.test`,
): Promise<string> {
  const acme = (await stored('accounts')).find((a) => a.name === 'Acme');
  const response = await t.request('/api/records/contacts', {
    method: 'POST',
    cookie: admin,
    body: {
      firstName: 'Test',
      lastName: `Person ${++contactCount}`,
      account: acme?.id,
      ...(email ? { email } : {}),
    },
  });
  expect(response.status).toBe(201);
  return String((await body(response)).data.id);
}

const patch = (id: string, input: Record<string, unknown>) =>
  t.request(`/api/admin/portal-users/${id}`, { method: 'PATCH', cookie: admin, body: input });

const enable = (input: Record<string, unknown>, cookie = admin) =>
  t.request('/api/admin/portal-users', { method: 'POST', cookie, body: input });

/** A session of the user in its audience, put straight into the session store. */
async function giveSession(user: RecordDoc): Promise<void> {
  const now = Date.now();
  await t.runtime.sessionStore.insert({
    id: `session-${user.id}-${now}-${Math.random()}`,
    userId: user.id,
    audience: String(user.audience) as `portal:${string}`,
    isMfaPending: false,
    createdAt: now,
    idleExpiresAt: now + 3_600_000,
    absoluteExpiresAt: now + 7_200_000,
  });
}

/** Enables a fresh contact (with email) as a client portal user with an initial password. */
async function newPortalUser(): Promise<RecordDoc> {
  const response = await enable({
    portalType: 'client',
    recordId: await newContact(),
    password: 'a long enough passphrase',
  });
  expect(response.status).toBe(201);
  const user = await storedUser(String((await body(response)).data.id));
  if (!user) throw new Error('no user');
  return user;
}

beforeAll(async () => {
  t = await startTestRuntime();
  admin = await t.login('admin@atrium.test');
}, 60_000);

describe('enabling portal users', () => {
  it('enables a contact as a client portal user and mails an invitation link on the configured host', async () => {
    const recordId = await newContact('invitee@portal-test.test');
    const response = await enable({ portalType: 'client', recordId });
    expect(response.status).toBe(201);
    const text = await response.text();
    expect(text).not.toMatch(/argon2|passwordHash|mfaSecret/);
    const user = (JSON.parse(text) as Body).data;
    expect(user).toMatchObject({
      portalType: 'client',
      login: 'invitee@portal-test.test',
      recordId,
      hasPassword: false,
      active: true,
      invitation: 'sent',
    });
    const acme = (await stored('accounts')).find((a) => a.name === 'Acme');
    expect(user.accountId).toBe(acme?.id);
    const [mail] = await mailsTo('invitee@portal-test.test');
    expect(mail?.purpose).toBe('invitation');
    expect(String(mail?.text)).toContain(`${testOrigin}/portal/client/invite?token=`);
    const token = (await stored('atriumTokens')).find((x) => x.subject === user.id);
    expect(token).toMatchObject({ purpose: 'invitation', data: { portalType: 'client' } });
    expect(Number(token?.expiresAt) - Number(token?.issuedAt)).toBe(7 * 24 * 3_600_000);
  });

  it('refuses portal-user administration to a rep (403) and creates nothing', async () => {
    const rep = await t.login('rep1@atrium.test');
    const recordId = await newContact();
    const before = (await stored('atriumUsers')).length;
    expect((await t.request('/api/admin/portal-users', { cookie: rep })).status).toBe(403);
    expect((await enable({ portalType: 'client', recordId }, rep)).status).toBe(403);
    expect((await stored('atriumUsers')).length).toBe(before);
  });

  it('refuses a record that already has a portal user of that type (409)', async () => {
    const recordId = await newContact();
    expect((await enable({ portalType: 'client', recordId })).status).toBe(201);
    const again = await enable({ portalType: 'client', recordId });
    expect(again.status).toBe(409);
    expect((await body(again)).error?.code).toBe('PORTAL_USER_EXISTS');
  });

  it('refuses a login already taken in the audience (409, UNIQUE_VIOLATION)', async () => {
    const response = await enable({
      portalType: 'client',
      recordId: await newContact(null),
      login: 'ALICE@acme.test',
      password: 'a long enough passphrase',
    });
    expect(response.status).toBe(409);
    expect((await body(response)).error?.code).toBe('UNIQUE_VIOLATION');
  });

  it('needs a login and an initial password for a contact without email', async () => {
    const recordId = await newContact(null);
    for (const input of [{}, { login: 'nomail.person' }, { password: 'a long enough passphrase' }]) {
      const response = await enable({ portalType: 'client', recordId, ...input });
      expect(response.status).toBe(400);
      expect((await body(response)).error?.code).toBe('LOGIN_AND_PASSWORD_NEEDED');
    }
    const weak = await enable({
      portalType: 'client',
      recordId,
      login: 'nomail.person',
      password: 'password',
    });
    expect((await body(weak)).error?.code).toBe('WEAK_PASSWORD');
    const before = (await stored('atriumOutbox')).length;
    const response = await enable({
      portalType: 'client',
      recordId,
      login: 'nomail.person',
      password: 'a long enough passphrase',
    });
    expect(response.status).toBe(201);
    expect((await body(response)).data).toMatchObject({
      login: 'nomail.person',
      email: null,
      hasPassword: true,
      invitation: 'none',
    });
    expect(String((await portalUserByLogin('portal:client|nomail.person'))?.passwordHash)).toMatch(
      /^\$argon2id\$/,
    );
    expect((await stored('atriumOutbox')).length).toBe(before);
  });

  it('refuses unknown portal types and keys that cannot be set on enabling', async () => {
    const recordId = await newContact();
    expect((await enable({ portalType: 'vendors', recordId })).status).toBe(400);
    expect((await enable({ portalType: 'client', recordId, accountId: 'x' })).status).toBe(400);
    expect((await enable({ portalType: 'client', recordId: 'no-such-contact' })).status).toBe(404);
    expect((await enable({ portalType: 'lead', recordId })).status).toBe(404);
  });
});

describe('changing portal users', () => {
  it.each([
    ['email', 'mallory@evil.test'],
    ['accountId', 'another-account'],
    ['recordId', 'another-contact'],
    ['passwordHash', '$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB'],
    ['audience', 'portal:partner'],
    ['loginKey', 'portal:client|mallory@evil.test'],
    ['id', 'another-id'],
    ['version', 1],
  ])('refuses %s (also beside an allowed change) with 400, and the user is unchanged', async (key, value) => {
    const user = await newPortalUser();
    for (const input of [{ [key]: value }, { seesWholeAccount: true, [key]: value }]) {
      const response = await patch(user.id, input);
      expect(response.status).toBe(400);
    }
    expect(await storedUser(user.id)).toEqual(user);
  });

  it.each([
    [{ permissionGroup: 'admins' }],
    [{ permissionGroup: 'clientGuests' }],
    [{ supportEnd: '2026-02-30' }],
    [{ supportStart: '2027-01-02', supportEnd: '2027-01-01' }],
    [{ active: 'no' }],
    [{ componentOverrides: { deals: ['read'] } }],
    [{ componentOverrides: { quotes: ['delete'] } }],
  ])('refuses the invalid setting %j with 400', async (input) => {
    const user = await newPortalUser();
    const response = await patch(user.id, input);
    expect(response.status).toBe(400);
    expect(await storedUser(user.id)).toEqual(user);
  });

  it('stores valid settings and audits the change', async () => {
    const user = await newPortalUser();
    const response = await patch(user.id, {
      permissionGroup: 'clientSupportOnly',
      supportStart: '2020-01-01',
      componentOverrides: { cases: ['read'] },
      mfaRequired: true,
    });
    expect(response.status).toBe(200);
    expect((await body(response)).data).toMatchObject({
      permissionGroup: 'clientSupportOnly',
      supportStart: '2020-01-01',
      componentOverrides: { cases: ['read'] },
      mfaRequired: true,
    });
    const audit = (await stored('atriumAudit')).find(
      (a) => a.action === 'portalUser.updated' && a.recordId === user.id,
    );
    expect(audit?.changes).toMatchObject({ permissionGroup: { from: null, to: 'clientSupportOnly' } });
  });

  it.each([
    [{ active: false }],
    [{ supportEnd: '2020-12-31' }],
    [{ mfaRequired: true }],
    [{ permissionGroup: 'clientSupportOnly' }],
  ])('ends the user’s sessions at once on %j', async (input) => {
    const user = await newPortalUser();
    await giveSession(user);
    expect(await sessionsOf(user.id)).toHaveLength(1);
    const response = await patch(user.id, input);
    expect(response.status).toBe(200);
    expect(await sessionsOf(user.id)).toHaveLength(0);
  });

  it('mails a staff-triggered reset link for the portal', async () => {
    const user = await newPortalUser();
    const response = await t.request(`/api/admin/portal-users/${user.id}/reset-password`, {
      method: 'POST',
      cookie: admin,
      body: {},
    });
    expect(response.status).toBe(202);
    const mails = await mailsTo(String(user.email));
    expect(
      mails.some((m) => String(m.text).includes(`${testOrigin}/portal/client/reset-password?token=`)),
    ).toBe(true);
    expect(await storedUser(user.id)).toMatchObject({ passwordHash: user.passwordHash });
  });
});

describe('moving portal users between portal types', () => {
  it('previews the modules gained and lost', async () => {
    const user = await newPortalUser();
    const response = await t.request(`/api/admin/portal-users/${user.id}/move-preview?to=partner`, {
      cookie: admin,
    });
    expect(response.status).toBe(200);
    const preview = (await body(response)).data as {
      gained: Array<{ module: string }>;
      lost: Array<{ module: string }>;
    };
    expect(preview.gained.map((m) => m.module)).toContain('deals');
    expect(preview.lost.map((m) => m.module)).toContain('cases');
  });

  it('refuses a move to a portal type of another identity module, or to the same type', async () => {
    const user = await newPortalUser();
    for (const to of ['lead', 'client', 'nope']) {
      const response = await t.request(`/api/admin/portal-users/${user.id}/move-preview?to=${to}`, {
        cookie: admin,
      });
      expect(response.status, to).toBe(400);
    }
  });

  it('keeps the id and password hash, changes audience and login key, ends sessions and audits', async () => {
    const user = await newPortalUser();
    await giveSession(user);
    const response = await t.request(`/api/admin/portal-users/${user.id}/move`, {
      method: 'POST',
      cookie: admin,
      body: { toPortalType: 'partner' },
    });
    expect(response.status).toBe(200);
    const moved = await storedUser(user.id);
    expect(moved).toMatchObject({
      id: user.id,
      passwordHash: user.passwordHash,
      recordId: user.recordId,
      audience: 'portal:partner',
      loginKey: `portal:partner|${String(user.email).toLowerCase()}`,
    });
    expect(await sessionsOf(user.id)).toHaveLength(0);
    const audit = (await stored('atriumAudit')).filter(
      (a) => a.action === 'portalUser.moved' && a.recordId === user.id,
    );
    expect(
      audit.some((a) => JSON.stringify(a.changes).includes('"portalType":{"from":"client","to":"partner"}')),
    ).toBe(true);
  });

  it('refuses a move when the login is taken in the target portal type (409)', async () => {
    const user = await newPortalUser();
    const other = await enable({
      portalType: 'partner',
      recordId: await newContact(null),
      login: String(user.email),
      password: 'a long enough passphrase',
    });
    expect(other.status).toBe(201);
    const response = await t.request(`/api/admin/portal-users/${user.id}/move`, {
      method: 'POST',
      cookie: admin,
      body: { toPortalType: 'partner' },
    });
    expect(response.status).toBe(409);
    expect(await storedUser(user.id)).toEqual(user);
  });
});

describe('bulk enabling and listing', () => {
  it('enables with invitations and reports created and skipped records', async () => {
    const fresh = await newContact();
    const alice = await portalUserByLogin('portal:client|alice@acme.test');
    const noEmail = await newContact(null);
    const response = await t.request('/api/admin/portal-users/bulk', {
      method: 'POST',
      cookie: admin,
      body: { portalType: 'client', recordIds: [fresh, alice?.recordId, noEmail, 'no-such-contact'] },
    });
    expect(response.status).toBe(200);
    const data = (await body(response)).data as {
      created: number;
      skipped: number;
      results: Array<{ recordId: string; status: string; reason?: string }>;
    };
    expect(data).toMatchObject({ created: 1, skipped: 3 });
    expect(data.results.map((r) => [r.status, r.reason ?? null])).toEqual([
      ['created', null],
      ['skipped', 'PORTAL_USER_EXISTS'],
      ['skipped', 'LOGIN_AND_PASSWORD_NEEDED'],
      ['skipped', 'NOT_FOUND'],
    ]);
  });

  it('refuses more than 500 records in one bulk request', async () => {
    const response = await t.request('/api/admin/portal-users/bulk', {
      method: 'POST',
      cookie: admin,
      body: { portalType: 'client', recordIds: Array.from({ length: 501 }, (_, i) => `id${i}`) },
    });
    expect(response.status).toBe(400);
  });

  it('lists the portal users of one account without secrets', async () => {
    const alice = await portalUserByLogin('portal:client|alice@acme.test');
    const response = await t.request(
      `/api/admin/portal-users?portalType=client&accountId=${String(alice?.accountId)}`,
      { cookie: admin },
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toMatch(/argon2|passwordHash|mfaSecret|recoveryCodes/);
    const logins = (JSON.parse(text) as { data: Array<{ login: string }> }).data.map((u) => u.login);
    expect(logins).toEqual(expect.arrayContaining(['alice@acme.test', 'carol@acme.test']));
    expect(logins).not.toContain('bob@globex.test');
  });
});

describe('demo portal users', () => {
  it('seeds the client, partner and lead portal users with the right flags', async () => {
    const accounts = await stored('accounts');
    const accountName = (id: unknown) => accounts.find((a) => a.id === id)?.name;
    const alice = await portalUserByLogin('portal:client|alice@acme.test');
    const carol = await portalUserByLogin('portal:client|carol@acme.test');
    const bob = await portalUserByLogin('portal:client|bob@globex.test');
    const pat = await portalUserByLogin('portal:partner|pat@partner.test');
    const lee = await portalUserByLogin('portal:lead|lee@lead.test');
    expect(accountName(alice?.accountId)).toBe('Acme');
    expect(alice?.seesWholeAccount).toBe(true);
    expect(accountName(carol?.accountId)).toBe('Acme');
    expect(carol?.seesWholeAccount).not.toBe(true);
    expect(accountName(bob?.accountId)).toBe('Globex');
    for (const user of [alice, carol, bob, pat, lee]) {
      expect(user).toMatchObject({ active: true });
      expect(String(user?.passwordHash)).toMatch(/^\$argon2id\$/);
    }
    const contacts = await stored('contacts');
    expect(contacts.find((c) => c.id === alice?.recordId)).toMatchObject({
      isPrimary: true,
      email: 'alice@acme.test',
    });
    const cases = await stored('cases');
    for (const user of [alice, carol]) {
      const own = cases.filter((c) => c.contact === user?.recordId);
      expect(own).toHaveLength(2);
      expect(own.every((c) => typeof c.internalNote === 'string' && c.internalNote !== '')).toBe(true);
    }
    expect((await stored('deals')).filter((d) => d.partner === pat?.recordId).length).toBeGreaterThan(0);
    expect(accounts.filter((a) => a.partner === pat?.recordId).length).toBeGreaterThan(0);
    const lead = (await stored('leads')).find((l) => l.id === lee?.recordId);
    expect(lead?.email).toBe('lee@lead.test');
  });
});
