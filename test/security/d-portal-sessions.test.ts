/**
 * SECURITY-TESTS §D (portal side): portal sessions and CSRF. Portal sessions live in the same
 * `atriumSessions` store as staff ones (the oracle), under the portal type's own cookie.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/auth/password/hash-password.ts';
import { createApp } from '../../runtime/server/http/create-app.ts';
import { createRuntime } from '../../runtime/server/create-runtime.ts';
import { createUser } from '../../runtime/server/identity/create-user.ts';
import { createSqliteStore } from '../../runtime/store/sqlite/create-sqlite-store.ts';
import type { RecordDoc } from '../../runtime/store/types.ts';
import {
  createPortalUser,
  type DemoPortalFixture,
  demoPortalFixture,
  mailedToken,
  portalLogin,
  portalLoginResponse,
  portalPath,
} from './helpers/portal-runtime.ts';
import {
  demoPassword,
  everything,
  sessionCookieOf,
  startSecurityRuntime,
  storedRecord,
  storedRecords,
  storedUser,
  type TestRuntime,
  testOrigin,
} from './helpers/security-runtime.ts';

let t: TestRuntime;
let f: DemoPortalFixture;
let admin: string;
const password = 'a fixture passphrase 2026';

beforeAll(async () => {
  t = await startSecurityRuntime();
  f = await demoPortalFixture(t);
  admin = await t.login('admin@atrium.test');
}, 60_000);

/** The token part of a `name=value` cookie. */
function tokenOf(cookie: string): string {
  return cookie.slice(cookie.indexOf('=') + 1);
}

/** A lower bound of a random token's entropy from its alphabet (hex 4, base32 5, base64url 6 bits a character). */
function tokenBits(token: string): number {
  if (/^[0-9a-f]+$/.test(token)) return token.length * 4;
  if (/^[a-z2-7]+$/.test(token)) return token.length * 5;
  if (/^[A-Za-z0-9_-]+$/.test(token)) return token.length * 6;
  return 0;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A fresh client portal user at Acme with a password, and its email. */
let serial = 0;
async function freshClientUser(): Promise<string> {
  serial += 1;
  const email = `d-user-${serial}@acme.test`;
  await createPortalUser({ t, adminCookie: admin, email, account: f.acme, password });
  return email;
}

describe('D19 portal session tokens and cookies', () => {
  it('issues portal tokens of at least 120 random bits, different at every login', async () => {
    const tokens = await Promise.all(
      [1, 2, 3, 4].map(async () => tokenOf(await portalLogin({ t, email: 'carol@acme.test' }))),
    );
    for (const token of tokens) expect(tokenBits(token)).toBeGreaterThanOrEqual(120);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('stores only the token’s hash: no stored session field holds the portal token', async () => {
    const token = tokenOf(await portalLogin({ t, email: 'bob@globex.test' }));
    const sessions = await storedRecords(t, 'atriumSessions');
    expect(JSON.stringify(sessions)).not.toContain(token);
    const session = sessions.find((s) => s.id === sha256(token));
    expect(session).toMatchObject({
      audience: 'portal:client',
      userId: (await storedUser(t, 'bob@globex.test')).id,
    });
  });

  it('sets the portal cookie HttpOnly, SameSite and for the whole path, under the portal type’s own name', async () => {
    const response = await portalLoginResponse({ t, email: 'carol@acme.test' });
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^atrium_portal_client=/);
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=(Lax|Strict)/i);
    expect(header).toMatch(/Path=\//i);
  });

  it('sets a Secure __Host- portal cookie when the public URL is HTTPS', async () => {
    const origin = 'https://portal.example.test';
    const runtime = await createRuntime({
      store: createSqliteStore({ file: ':memory:' }),
      publicUrl: origin,
    });
    await createUser({
      store: runtime.store,
      user: {
        audience: 'portal:client',
        email: 'secure@client.test',
        name: 'Secure',
        passwordHash: await hashPassword(demoPassword),
        recordId: 'contact-of-secure',
        accountId: 'account-of-secure',
      },
      createdBy: null,
      at: new Date(),
    });
    const response = await createApp(runtime).request(portalPath('client', '/auth/login'), {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'secure@client.test', password: demoPassword }),
    });
    expect(response.status).toBe(200);
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^__Host-atrium_portal_client=/);
    expect(header).toMatch(/;\s*Secure/i);
    expect(header).not.toMatch(/Domain=/i);
  });

  it('never reuses a portal token the client had before logging in (no session fixation)', async () => {
    const planted = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const earlier = await portalLogin({ t, email: 'carol@acme.test' });
    for (const cookie of [`atrium_portal_client=${planted}`, earlier]) {
      const response = await t.request(portalPath('client', '/auth/login'), {
        method: 'POST',
        cookie,
        body: { email: 'carol@acme.test', password: demoPassword },
      });
      const issued = sessionCookieOf(response);
      expect(issued).toBeDefined();
      expect(issued).not.toBe(cookie);
    }
    expect(
      (await t.request(portalPath('client', '/me'), { cookie: `atrium_portal_client=${planted}` })).status,
    ).toBe(401);
  });

  it('answers the hash of a live portal session, used as a token, with 401', async () => {
    const live = await portalLogin({ t, email: 'carol@acme.test' });
    const response = await t.request(portalPath('client', '/me'), {
      cookie: `atrium_portal_client=${sha256(tokenOf(live))}`,
    });
    expect(response.status).toBe(401);
  });

  it('answers an idle-expired portal session with 401 and deletes it', async () => {
    const cookie = await portalLogin({ t, email: 'carol@acme.test' });
    const id = sha256(tokenOf(cookie));
    await t.store.update({
      module: 'atriumSessions',
      id,
      where: everything,
      set: { idleExpiresAt: Date.now() - 1000 },
      updatedAt: new Date().toISOString(),
      updatedBy: null,
    });
    expect((await t.request(portalPath('client', '/records/cases'), { cookie })).status).toBe(401);
    expect(await t.store.get({ module: 'atriumSessions', id, where: everything })).toBeNull();
  });
});

describe('D21 ending the other sessions of a portal user', () => {
  it('ends every session of the user in this portal at logout', async () => {
    const email = await freshClientUser();
    const first = await portalLogin({ t, email, password });
    const second = await portalLogin({ t, email, password });
    const logout = await t.request(portalPath('client', '/auth/logout'), { method: 'POST', cookie: first });
    expect(logout.status).toBe(200);
    for (const cookie of [first, second])
      expect((await t.request(portalPath('client', '/me'), { cookie })).status).toBe(401);
    const user = await storedUser(t, email);
    expect((await storedRecords(t, 'atriumSessions')).filter((s) => s.userId === user.id)).toEqual([]);
  });

  it('ends every session of the user at a password reset', async () => {
    const email = await freshClientUser();
    const sessions = [await portalLogin({ t, email, password }), await portalLogin({ t, email, password })];
    const forgot = await t.request(portalPath('client', '/auth/password/forgot'), {
      method: 'POST',
      body: { email },
    });
    expect(forgot.status).toBe(202);
    const token = await mailedToken({ t, email, linkPart: '/portal/client/reset-password' });
    const reset = await t.request(portalPath('client', '/auth/password/reset'), {
      method: 'POST',
      body: { token, password: 'the reset portal passphrase' },
    });
    expect(reset.status).toBe(200);
    for (const cookie of sessions)
      expect((await t.request(portalPath('client', '/me'), { cookie })).status).toBe(401);
    expect((await portalLoginResponse({ t, email, password })).status).toBe(401);
  });

  it('ends every session of the user when staff deactivate it', async () => {
    const email = await freshClientUser();
    const cookie = await portalLogin({ t, email, password });
    const user = await storedUser(t, email);
    const response = await t.request(`/api/admin/portal-users/${user.id}`, {
      method: 'PATCH',
      cookie: admin,
      body: { active: false },
    });
    expect(response.status).toBe(200);
    expect((await storedRecords(t, 'atriumSessions')).filter((s) => s.userId === user.id)).toEqual([]);
    expect((await t.request(portalPath('client', '/me'), { cookie })).status).toBe(401);
  });

  it('keeps sessions of the user’s other audiences out of a portal logout (one user per audience)', async () => {
    const staff = await t.login('rep1@atrium.test');
    const portal = await portalLogin({ t, email: 'carol@acme.test' });
    await t.request(portalPath('client', '/auth/logout'), { method: 'POST', cookie: portal });
    expect((await t.request('/api/me', { cookie: staff })).status).toBe(200);
  });
});

describe('D22 cross-site requests to the portal API', () => {
  let carol: string;
  let own: RecordDoc;

  beforeAll(async () => {
    carol = await portalLogin({ t, email: 'carol@acme.test' });
    const found = (await storedRecords(t, 'cases')).find((c) => c.contact === f.carol);
    if (!found) throw new Error('carol has no case');
    own = found;
  });

  const json = { 'content-type': 'application/json' };
  const variants: Array<[string, Record<string, string>, string, number[]]> = [
    [
      'a form',
      { origin: testOrigin, 'content-type': 'application/x-www-form-urlencoded' },
      'subject=CSRF',
      [403, 415],
    ],
    [
      'multipart',
      { origin: testOrigin, 'content-type': 'multipart/form-data; boundary=x' },
      '--x\r\nContent-Disposition: form-data; name="subject"\r\n\r\nCSRF\r\n--x--\r\n',
      [403, 415],
    ],
    ['text/plain', { origin: testOrigin, 'content-type': 'text/plain' }, '{"subject":"CSRF"}', [403, 415]],
    ['no Content-Type', { origin: testOrigin }, '{"subject":"CSRF"}', [403, 415]],
    ['Origin null', { origin: 'null', ...json }, '{"subject":"CSRF"}', [403]],
    ['no Origin', { ...json }, '{"subject":"CSRF"}', [403]],
    ['a foreign Origin', { origin: 'https://evil.example', ...json }, '{"subject":"CSRF"}', [403]],
    ['a look-alike Origin', { origin: `${testOrigin}.evil.example`, ...json }, '{"subject":"CSRF"}', [403]],
  ];

  function raw(args: {
    path: string;
    method: string;
    cookie: string;
    headers: Record<string, string>;
    body?: string;
  }) {
    return t.app.request(args.path, {
      method: args.method,
      headers: { cookie: args.cookie, ...args.headers },
      ...(args.body !== undefined ? { body: args.body } : {}),
    });
  }

  it.each(variants)(
    'refuses a cross-site case create with %s, and nothing is stored',
    async (_, headers, body, statuses) => {
      const before = await t.store.count({ module: 'cases', where: everything });
      const response = await raw({
        path: portalPath('client', '/records/cases'),
        method: 'POST',
        cookie: carol,
        headers,
        body,
      });
      expect(statuses).toContain(response.status);
      expect(await t.store.count({ module: 'cases', where: everything })).toBe(before);
    },
  );

  it.each(variants)(
    'refuses a cross-site case update with %s, unchanged',
    async (_, headers, body, statuses) => {
      const response = await raw({
        path: portalPath('client', `/records/cases/${own.id}`),
        method: 'PATCH',
        cookie: carol,
        headers,
        body,
      });
      expect(statuses).toContain(response.status);
      expect(await storedRecord(t, 'cases', own.id)).toEqual(own);
    },
  );

  it('refuses cross-site portal login, logout, forgot-password and MFA enrolment, and sets no cookie', async () => {
    const foreign = { origin: 'https://evil.example', 'content-type': 'application/json' };
    const mailsBefore = (await storedRecords(t, 'atriumOutbox')).length;
    const attempts = [
      { path: '/auth/login', body: JSON.stringify({ email: 'carol@acme.test', password: demoPassword }) },
      { path: '/auth/logout', body: '{}' },
      { path: '/auth/password/forgot', body: JSON.stringify({ email: 'carol@acme.test' }) },
      { path: '/auth/mfa/enrol', body: JSON.stringify({ password: demoPassword }) },
      { path: '/auth/token-link', body: JSON.stringify({ token: 'x' }) },
    ];
    for (const attempt of attempts) {
      const response = await raw({
        path: portalPath('client', attempt.path),
        method: 'POST',
        cookie: carol,
        headers: foreign,
        body: attempt.body,
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    expect((await storedRecords(t, 'atriumOutbox')).length).toBe(mailsBefore);
    expect((await t.request(portalPath('client', '/me'), { cookie: carol })).status).toBe(200);
  });

  it('changes nothing on GET: logout and login by GET do nothing', async () => {
    const sessions = (await storedRecords(t, 'atriumSessions')).length;
    for (const path of [
      '/auth/logout',
      `/auth/login?email=carol%40acme.test&password=${encodeURIComponent(demoPassword)}`,
      '/auth/mfa/enrol',
    ]) {
      const response = await t.request(portalPath('client', path), { cookie: carol });
      expect(response.headers.get('set-cookie') ?? '').not.toMatch(/atrium_portal_client=[a-z2-7]/);
    }
    expect((await storedRecords(t, 'atriumSessions')).length).toBe(sessions);
    expect((await t.request(portalPath('client', '/me'), { cookie: carol })).status).toBe(200);
  });
});
