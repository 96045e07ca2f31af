import { beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime } from '../helpers/start-test-runtime.ts';

let t: Awaited<ReturnType<typeof startTestRuntime>>;
beforeAll(async () => {
  t = await startTestRuntime();
}, 60_000);

const json = async (response: Response) =>
  (await response.json()) as { data?: unknown; error?: { code: string } };

async function allRecords(cookie: string, module: string) {
  const records: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
    const body = (await (await t.request(`/api/records/${module}?${query}`, { cookie })).json()) as {
      data: Array<Record<string, unknown>>;
      nextCursor: string | null;
    };
    records.push(...body.data);
    cursor = body.nextCursor;
  } while (cursor);
  return records;
}

describe('staff API', () => {
  it('answers health', async () => {
    expect((await t.request('/api/health')).status).toBe(200);
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'rep1@atrium.test', password: 'not the password' },
    });
    const unknown = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'nobody@atrium.test', password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('logs in with an HttpOnly SameSite cookie and answers /api/me without secrets', async () => {
    const response = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'rep1@atrium.test', password: 'correct horse battery staple' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(response.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    const me = await t.request('/api/me', { cookie });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    const text = await me.text();
    expect(JSON.parse(text).data).toMatchObject({ email: 'rep1@atrium.test', role: 'salesRep' });
    expect(text).not.toMatch(/passwordHash|argon2|mfaSecret/);
  });

  it('refuses the API without a session', async () => {
    expect((await t.request('/api/records/contacts')).status).toBe(401);
  });

  it('ends the session at logout', async () => {
    const cookie = await t.login('rep2@atrium.test');
    expect((await t.request('/api/auth/logout', { method: 'POST', cookie })).status).toBe(200);
    expect((await t.request('/api/me', { cookie })).status).toBe(401);
  });

  it('refuses PATCH /api/me of anything but the name, and nothing changes', async () => {
    const cookie = await t.login('rep1@atrium.test');
    const response = await t.request('/api/me', {
      method: 'PATCH',
      cookie,
      body: { name: 'Riley', role: 'administrator', isAdministrator: true },
    });
    expect(response.status).toBe(400);
    expect(((await json(await t.request('/api/me', { cookie }))).data as { role: string }).role).toBe(
      'salesRep',
    );
  });

  it('shows a rep its own contacts, a manager its reps’ too, an admin all', async () => {
    const owners = async (email: string) =>
      new Set((await allRecords(await t.login(email), 'contacts')).map((r) => r.owner));
    const admin = await owners('admin@atrium.test');
    const manager = await owners('manager@atrium.test');
    const rep1 = await owners('rep1@atrium.test');
    const ids = Object.fromEntries(
      (await allRecords(await t.login('admin@atrium.test'), 'contacts')).map((r) => [String(r.owner), true]),
    );
    expect(Object.keys(ids).length).toBeGreaterThanOrEqual(3);
    expect(rep1.size).toBe(1);
    expect([...rep1].every((o) => manager.has(o))).toBe(true);
    expect(manager.size).toBeGreaterThan(rep1.size);
    expect(admin.size).toBeGreaterThanOrEqual(manager.size);
  });

  it('never shows deals.margin to a rep, and refuses filtering on it', async () => {
    const cookie = await t.login('rep1@atrium.test');
    const deals = await allRecords(cookie, 'deals');
    expect(deals.length).toBeGreaterThan(0);
    expect(deals.some((d) => 'margin' in d)).toBe(false);
    const filter = encodeURIComponent(JSON.stringify({ margin: { gt: 10 } }));
    expect((await t.request(`/api/records/deals?filter=${filter}`, { cookie })).status).toBe(403);
    const admin = await allRecords(await t.login('admin@atrium.test'), 'deals');
    expect(admin.some((d) => typeof d.margin === 'number')).toBe(true);
  });

  it('creates, updates with If-Match (409 on a stale version); the rep may not delete, its manager may, and restore', async () => {
    const cookie = await t.login('rep1@atrium.test');
    const created = await t.request('/api/records/accounts', {
      method: 'POST',
      cookie,
      body: { name: 'Initrode', type: 'prospect' },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()).data as { id: string };
    const ok = await t.request(`/api/records/accounts/${id}`, {
      method: 'PATCH',
      cookie,
      body: { name: 'Initrode Inc' },
      headers: { 'if-match': '1' },
    });
    expect(ok.status).toBe(200);
    const stale = await t.request(`/api/records/accounts/${id}`, {
      method: 'PATCH',
      cookie,
      body: { name: 'Lost' },
      headers: { 'if-match': '1' },
    });
    expect(stale.status).toBe(409);
    expect(
      ((await stale.json()) as { error: { details: { current: { name: string } } } }).error.details.current
        .name,
    ).toBe('Initrode Inc');
    expect((await t.request(`/api/records/accounts/${id}`, { method: 'DELETE', cookie })).status).toBe(403);
    const manager = await t.login('manager@atrium.test');
    expect(
      (await t.request(`/api/records/accounts/${id}`, { method: 'DELETE', cookie: manager })).status,
    ).toBe(204);
    expect((await t.request(`/api/records/accounts/${id}`, { cookie })).status).toBe(404);
    expect(
      (await t.request(`/api/records/accounts/${id}/restore`, { method: 'POST', cookie: manager })).status,
    ).toBe(200);
    expect((await t.request(`/api/records/accounts/${id}`, { cookie })).status).toBe(200);
  });

  it('answers another rep’s record with the same 404 as a missing one', async () => {
    const cookie = await t.login('rep1@atrium.test');
    const visibleToRep1 = new Set((await allRecords(cookie, 'accounts')).map((r) => r.id));
    const rep2Accounts = await allRecords(await t.login('rep2@atrium.test'), 'accounts');
    const foreign = String(rep2Accounts.find((r) => !visibleToRep1.has(r.id))?.id);
    const outOfScope = await t.request(`/api/records/accounts/${foreign}`, { cookie });
    const missing = await t.request('/api/records/accounts/doesnotexist0000', { cookie });
    expect(outOfScope.status).toBe(404);
    expect(await outOfScope.json()).toEqual(await missing.json());
  });

  it.each([
    ['no Origin', { origin: '' }, 403],
    ['a foreign Origin', { origin: 'https://evil.example' }, 403],
    ['Origin null', { origin: 'null' }, 403],
    ['text/plain', { 'content-type': 'text/plain' }, 415],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
  ])('refuses a state-changing request with %s', async (_, headers, status) => {
    const cookie = await t.login('rep1@atrium.test');
    const response = await t.app.request('/api/records/accounts', {
      method: 'POST',
      headers: { origin: 'http://localhost:3000', 'content-type': 'application/json', cookie, ...headers },
      body: JSON.stringify({ name: 'CSRF Corp', type: 'prospect' }),
    });
    expect(response.status).toBe(status);
  });

  it('sets a CSP and nosniff on responses', async () => {
    const response = await t.request('/api/health');
    expect(response.headers.get('content-security-policy')).toMatch(/object-src 'none'/);
    expect(response.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('client metadata and OpenAPI', () => {
  it('projects only what the principal may see: no deals.margin for a rep, no sharing rules or portal scopes', async () => {
    const rep = await t.request('/api/meta', { cookie: await t.login('rep1@atrium.test') });
    expect(rep.status).toBe(200);
    const text = await rep.text();
    expect(text).not.toContain('margin');
    expect(text).not.toContain('orgDefault');
    expect(text).not.toContain('accountScope');
    const admin = await (await t.request('/api/meta', { cookie: await t.login('admin@atrium.test') })).text();
    expect(admin).toContain('margin');
  });

  it('describes the record API without hidden fields', async () => {
    const response = await t.request('/api/openapi.json', { cookie: await t.login('rep1@atrium.test') });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text).openapi).toMatch(/^3\.1/);
    expect(text).not.toContain('margin');
  });
});

describe('home page', () => {
  it('serves a plain HTML page with a CSP that names the portals', async () => {
    const response = await t.request('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const page = await response.text();
    expect(page).toContain('/portal/client/api');
    expect(page).not.toContain('<script');
  });
});

describe('password reset requests', () => {
  it('are throttled per account, the same way for a missing account as for an existing one', async () => {
    const statuses = async (email: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 11; i += 1) {
        seen.push((await t.request('/api/auth/password/forgot', { method: 'POST', body: { email } })).status);
      }
      return seen;
    };
    const expected = [...Array.from({ length: 10 }, () => 202), 429];
    expect(await statuses('support@atrium.test')).toEqual(expected);
    expect(await statuses('nobody-here@atrium.test')).toEqual(expected);
  });
});
