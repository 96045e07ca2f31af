/**
 * SECURITY-TESTS §D (staff side): sessions and CSRF. The oracle reads `atriumSessions` directly.
 * Requests go through `app.request()`; the Node adapter's own path handling is not in play here.
 */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../runtime/server/http/create-app.ts';
import { createRuntime } from '../../runtime/server/create-runtime.ts';
import { createSqliteStore } from '../../runtime/store/sqlite/create-sqlite-store.ts';
import type { RecordDoc } from '../../runtime/store/types.ts';
import {
  createStaffUser,
  demoPassword,
  everything,
  readBody,
  sessionCookieOf,
  startSecurityRuntime,
  storedRecord,
  storedRecords,
  storedUser,
  type TestRuntime,
  testOrigin,
} from './helpers/security-runtime.ts';

let t: TestRuntime;

beforeAll(async () => {
  t = await startSecurityRuntime();
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

/** ORACLE: every stored session. */
function storedSessions(): Promise<RecordDoc[]> {
  return storedRecords(t, 'atriumSessions');
}

/** True when the response clears the staff session cookie (empty value, expired or Max-Age=0). */
function clearsCookie(response: Response): boolean {
  const header = response.headers.get('set-cookie') ?? '';
  return (
    /atrium_staff=;/.test(header) && (/Max-Age=0/i.test(header) || /Expires=Thu, 01 Jan 1970/i.test(header))
  );
}

/** ORACLE: moves a stored session's expiry (as if time had passed). */
async function setSessionExpiry(args: { cookie: string; set: Record<string, number> }): Promise<void> {
  const id = createHash('sha256').update(tokenOf(args.cookie)).digest('hex');
  const result = await t.store.update({
    module: 'atriumSessions',
    id,
    where: everything,
    set: args.set,
    updatedAt: new Date().toISOString(),
    updatedBy: null,
  });
  if (result.kind !== 'updated') throw new Error('no such session');
}

describe('D19 session tokens and cookies', () => {
  it('issues tokens of at least 120 random bits, different at every login', async () => {
    const tokens = await Promise.all(
      [1, 2, 3, 4].map(async () => tokenOf(await t.login('rep1@atrium.test'))),
    );
    for (const token of tokens) expect(tokenBits(token)).toBeGreaterThanOrEqual(120);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('stores only the token’s hash: no stored session field holds the token', async () => {
    const cookie = await t.login('rep2@atrium.test');
    const token = tokenOf(cookie);
    const sessions = await storedSessions();
    const serialized = JSON.stringify(sessions);
    expect(serialized).not.toContain(token);
    const hash = createHash('sha256').update(token).digest('hex');
    expect(sessions.map((s) => s.id)).toContain(hash);
  });

  it('sets the cookie HttpOnly, SameSite and for the whole path', async () => {
    const response = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'rep1@atrium.test', password: demoPassword },
    });
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/HttpOnly/i);
    expect(header).toMatch(/SameSite=(Lax|Strict)/i);
    expect(header).toMatch(/Path=\//i);
  });

  it('sets a Secure __Host- cookie when the public URL is HTTPS', async () => {
    const origin = 'https://crm.example.test';
    const runtime = await createRuntime({
      store: createSqliteStore({ file: ':memory:' }),
      publicUrl: origin,
    });
    await createStaffUser({
      t: { ...t, store: runtime.store },
      email: 'secure@atrium.test',
      role: 'salesRep',
    });
    const response = await createApp(runtime).request('/api/auth/login', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'secure@atrium.test', password: demoPassword }),
    });
    expect(response.status).toBe(200);
    const header = response.headers.get('set-cookie') ?? '';
    expect(header).toMatch(/^__Host-/);
    expect(header).toMatch(/;\s*Secure/i);
    expect(header).not.toMatch(/Domain=/i);
  });

  it('never reuses a token the client had before logging in (no session fixation)', async () => {
    const planted = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const earlier = await t.login('rep1@atrium.test');
    for (const cookie of [`atrium_staff=${planted}`, earlier]) {
      const response = await t.request('/api/auth/login', {
        method: 'POST',
        cookie,
        body: { email: 'rep1@atrium.test', password: demoPassword },
      });
      const issued = sessionCookieOf(response);
      expect(issued).toBeDefined();
      expect(issued).not.toBe(cookie);
    }
    expect((await t.request('/api/me', { cookie: `atrium_staff=${planted}` })).status).toBe(401);
  });
});

describe('D20 unknown and expired tokens', () => {
  it.each([
    ['a random token', 'abcdefghijklmnopqrstuvwxyz234567'],
    ['an empty token', ''],
    ['a 10 kB token', 'a'.repeat(10_000)],
    ['a token with odd characters', '%00%0d%0a;ünï'],
    ['the hash of a live session', 'HASH'],
  ])('answers %s with 401 and clears the cookie', async (_, token) => {
    const live = await t.login('rep1@atrium.test');
    const value = token === 'HASH' ? createHash('sha256').update(tokenOf(live)).digest('hex') : token;
    const response = await t.request('/api/me', { cookie: `atrium_staff=${value}` });
    expect(response.status).toBe(401);
    expect(clearsCookie(response)).toBe(true);
  });

  it('answers an idle-expired session with 401, clears the cookie and deletes the session', async () => {
    const cookie = await t.login('rep1@atrium.test');
    await setSessionExpiry({ cookie, set: { idleExpiresAt: Date.now() - 1000 } });
    const response = await t.request('/api/records/accounts', { cookie });
    expect(response.status).toBe(401);
    expect(clearsCookie(response)).toBe(true);
    const id = createHash('sha256').update(tokenOf(cookie)).digest('hex');
    expect(await t.store.get({ module: 'atriumSessions', id, where: everything })).toBeNull();
  });

  it('answers a session past its absolute lifetime with 401 even while active', async () => {
    const cookie = await t.login('rep1@atrium.test');
    await setSessionExpiry({ cookie, set: { absoluteExpiresAt: Date.now() - 1000 } });
    expect((await t.request('/api/me', { cookie })).status).toBe(401);
  });

  it('renews the idle expiry of a used session (sliding), never past the absolute lifetime', async () => {
    const cookie = await t.login('rep1@atrium.test');
    const id = createHash('sha256').update(tokenOf(cookie)).digest('hex');
    const soon = Date.now() + 60_000;
    await setSessionExpiry({ cookie, set: { idleExpiresAt: soon } });
    expect((await t.request('/api/me', { cookie })).status).toBe(200);
    const renewed = await t.store.get({ module: 'atriumSessions', id, where: everything });
    expect(Number(renewed?.idleExpiresAt)).toBeGreaterThan(soon);
    expect(Number(renewed?.idleExpiresAt)).toBeLessThanOrEqual(Number(renewed?.absoluteExpiresAt));
  });
});

describe('D21 ending the other sessions of a user', () => {
  it('ends the session at logout', async () => {
    const cookie = await t.login('rep2@atrium.test');
    expect((await t.request('/api/auth/logout', { method: 'POST', cookie })).status).toBe(200);
    expect((await t.request('/api/me', { cookie })).status).toBe(401);
  });

  it('ends every other session of the user at logout', async () => {
    await createStaffUser({ t, email: 'logout@atrium.test', role: 'salesRep' });
    const first = await t.login('logout@atrium.test');
    const second = await t.login('logout@atrium.test');
    expect((await t.request('/api/auth/logout', { method: 'POST', cookie: first })).status).toBe(200);
    expect((await t.request('/api/me', { cookie: second })).status).toBe(401);
  });

  it('ends every other session at a password change, keeps the caller’s, and swaps the password', async () => {
    await createStaffUser({ t, email: 'change@atrium.test', role: 'salesRep' });
    const caller = await t.login('change@atrium.test');
    const other = await t.login('change@atrium.test');
    const response = await t.request('/api/me/password', {
      method: 'POST',
      cookie: caller,
      body: { currentPassword: demoPassword, newPassword: 'a brand new passphrase 42' },
    });
    expect(response.status).toBe(200);
    expect((await t.request('/api/me', { cookie: other })).status).toBe(401);
    expect((await t.request('/api/me', { cookie: caller })).status).toBe(200);
    const old = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'change@atrium.test', password: demoPassword },
    });
    expect(old.status).toBe(401);
    expect((await t.login('change@atrium.test', 'a brand new passphrase 42')).length).toBeGreaterThan(0);
  });

  it('refuses a password change with a wrong current password, and no session ends', async () => {
    await createStaffUser({ t, email: 'nochange@atrium.test', role: 'salesRep' });
    const caller = await t.login('nochange@atrium.test');
    const other = await t.login('nochange@atrium.test');
    const before = await storedUser(t, 'nochange@atrium.test');
    const response = await t.request('/api/me/password', {
      method: 'POST',
      cookie: caller,
      body: { currentPassword: 'not the password', newPassword: 'a brand new passphrase 42' },
    });
    expect(response.status).toBe(401);
    expect(await storedUser(t, 'nochange@atrium.test')).toEqual(before);
    expect((await t.request('/api/me', { cookie: other })).status).toBe(200);
  });
});

describe('D22 cross-site requests', () => {
  let rep1: string;
  let manager: string;
  let account: RecordDoc;

  beforeAll(async () => {
    rep1 = await t.login('rep1@atrium.test');
    manager = await t.login('manager@atrium.test');
    const rep1Id = (await storedUser(t, 'rep1@atrium.test')).id;
    const own = (await storedRecords(t, 'accounts')).find((a) => a.owner === rep1Id);
    if (!own) throw new Error('rep1 owns no account');
    account = own;
  });

  const json = { 'content-type': 'application/json' };
  const variants: Array<[string, Record<string, string>, string, number[]]> = [
    [
      'a form',
      { origin: testOrigin, 'content-type': 'application/x-www-form-urlencoded' },
      'name=CSRF',
      [403, 415],
    ],
    [
      'multipart',
      { origin: testOrigin, 'content-type': 'multipart/form-data; boundary=x' },
      '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nCSRF\r\n--x--\r\n',
      [403, 415],
    ],
    ['text/plain', { origin: testOrigin, 'content-type': 'text/plain' }, '{"name":"CSRF"}', [403, 415]],
    [
      'text/plain with a JSON-looking charset',
      { origin: testOrigin, 'content-type': 'text/plain; application/json' },
      '{"name":"CSRF"}',
      [403, 415],
    ],
    ['no Content-Type', { origin: testOrigin }, '{"name":"CSRF"}', [403, 415]],
    ['Origin null', { origin: 'null', ...json }, '{"name":"CSRF"}', [403]],
    ['no Origin', { ...json }, '{"name":"CSRF"}', [403]],
    [
      'no Origin but a same-site Referer',
      { referer: `${testOrigin}/accounts`, ...json },
      '{"name":"CSRF"}',
      [403],
    ],
    ['a foreign Origin', { origin: 'https://evil.example', ...json }, '{"name":"CSRF"}', [403]],
    ['a look-alike Origin', { origin: `${testOrigin}.evil.example`, ...json }, '{"name":"CSRF"}', [403]],
    ['another port', { origin: 'http://localhost:3001', ...json }, '{"name":"CSRF"}', [403]],
    ['another scheme', { origin: 'https://localhost:3000', ...json }, '{"name":"CSRF"}', [403]],
  ];

  /** A raw request with exactly these headers and body. */
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
    'refuses a cross-site create with %s, and nothing is stored',
    async (_, headers, body, statuses) => {
      const before = await t.store.count({ module: 'accounts', where: everything });
      const response = await raw({
        path: '/api/records/accounts',
        method: 'POST',
        cookie: rep1,
        headers,
        body: body.replace('"CSRF"', '"CSRF Corp", "type": "prospect"'),
      });
      expect(statuses).toContain(response.status);
      expect(await t.store.count({ module: 'accounts', where: everything })).toBe(before);
    },
  );

  it.each(variants)(
    'refuses a cross-site update with %s, and the record is unchanged',
    async (_, headers, body, statuses) => {
      const response = await raw({
        path: `/api/records/accounts/${account.id}`,
        method: 'PATCH',
        cookie: rep1,
        headers,
        body,
      });
      expect(statuses).toContain(response.status);
      expect(await storedRecord(t, 'accounts', account.id)).toEqual(account);
    },
  );

  it.each(variants.filter(([, headers]) => headers.origin !== testOrigin))(
    'refuses a cross-site delete with %s, and the record stays live',
    async (_, headers) => {
      const { 'content-type': _type, ...withoutType } = headers;
      const response = await raw({
        path: `/api/records/accounts/${account.id}`,
        method: 'DELETE',
        cookie: manager,
        headers: withoutType,
      });
      expect(response.status).toBe(403);
      expect(await storedRecord(t, 'accounts', account.id)).toEqual(account);
    },
  );

  it('refuses cross-site login, logout, profile and password changes', async () => {
    const cookie = await t.login('rep2@atrium.test');
    const before = await storedUser(t, 'rep2@atrium.test');
    const foreign = { origin: 'https://evil.example', 'content-type': 'application/json' };
    const attempts = [
      {
        path: '/api/auth/login',
        method: 'POST',
        body: JSON.stringify({ email: 'rep2@atrium.test', password: demoPassword }),
      },
      { path: '/api/auth/logout', method: 'POST', body: '{}' },
      { path: '/api/me', method: 'PATCH', body: JSON.stringify({ name: 'Pwned' }) },
      {
        path: '/api/me/password',
        method: 'POST',
        body: JSON.stringify({ currentPassword: demoPassword, newPassword: 'pwned pwned pwned' }),
      },
      { path: '/api/auth/mfa/enrol', method: 'POST', body: '{}' },
      {
        path: '/api/auth/password/forgot',
        method: 'POST',
        body: JSON.stringify({ email: 'rep2@atrium.test' }),
      },
    ];
    for (const attempt of attempts) {
      const response = await raw({ ...attempt, cookie, headers: foreign });
      expect(response.status).toBe(403);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    expect(await storedUser(t, 'rep2@atrium.test')).toEqual(before);
    expect((await t.request('/api/me', { cookie })).status).toBe(200);
  });

  it('changes nothing on GET: logout, mfa enrol, restore and method overrides by GET do nothing', async () => {
    const cookie = await t.login('rep1@atrium.test');
    const before = await storedUser(t, 'rep1@atrium.test');
    const sessions = (await storedSessions()).length;
    const gets = [
      '/api/auth/logout',
      '/api/auth/mfa/enrol',
      `/api/auth/login?email=rep1%40atrium.test&password=${encodeURIComponent(demoPassword)}`,
      `/api/records/accounts/${account.id}/restore`,
      `/api/records/accounts/${account.id}?_method=DELETE`,
    ];
    for (const path of gets) {
      const response = await t.request(path, { cookie, headers: { 'x-http-method-override': 'DELETE' } });
      expect(response.headers.get('set-cookie') ?? '').not.toMatch(/atrium_staff=[a-z2-7]/);
    }
    const overridden = await t.request(`/api/records/accounts/${account.id}`, {
      cookie: manager,
      headers: {
        'x-http-method-override': 'DELETE',
        'x-http-method': 'DELETE',
        'x-method-override': 'DELETE',
      },
    });
    expect(overridden.status).toBe(200);
    expect(await storedRecord(t, 'accounts', account.id)).toEqual(account);
    expect(await storedUser(t, 'rep1@atrium.test')).toEqual(before);
    expect((await storedSessions()).length).toBe(sessions);
    expect((await t.request('/api/me', { cookie })).status).toBe(200);
  });
});

describe('D23 CORS and security headers', () => {
  it('grants no CORS to an arbitrary origin, neither on a preflight nor on a credentialed GET', async () => {
    const cookie = await t.login('rep1@atrium.test');
    const preflight = await t.app.request('/api/records/accounts', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    const get = await t.app.request('/api/me', { headers: { origin: 'https://evil.example', cookie } });
    for (const response of [preflight, get]) {
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it.each([
    ['a health check', '/api/health'],
    ['an unknown path', '/nothing-here'],
    ['an unauthenticated API call', '/api/records/accounts'],
    ['the web root', '/'],
  ])('sends CSP (object-src none, frame-ancestors), nosniff and Referrer-Policy on %s', async (_, path) => {
    const response = await t.request(path);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors ('none'|'self')/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toMatch(/no-referrer|strict-origin|same-origin/);
  });

  it('marks every authenticated API answer Cache-Control: no-store (data, errors and login)', async () => {
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'rep1@atrium.test', password: demoPassword },
    });
    const cookie = sessionCookieOf(login) ?? '';
    const answers = [
      login,
      await t.request('/api/me', { cookie }),
      await t.request('/api/records/accounts', { cookie }),
      await t.request('/api/records/accounts/doesnotexist0000', { cookie }),
      await t.request('/api/records/deals?sort=margin', { cookie }),
      await t.request('/api/admin/users', { cookie }),
    ];
    for (const response of answers) expect(response.headers.get('cache-control')).toMatch(/no-store/);
    expect((await readBody(answers[1] as Response)).data).toBeDefined();
  });
});
