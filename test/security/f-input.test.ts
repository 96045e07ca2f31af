/**
 * SECURITY-TESTS §F (staff side): hostile input — operator injection, prototype keys, pathological
 * patterns, oversized and deeply nested input, path tricks. Oracles: `Object.prototype` and the store.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  demoPassword,
  everything,
  filterParam,
  readRecords,
  startSecurityRuntime,
  storedRecords,
  storedUser,
  type TestRuntime,
  testOrigin,
} from './helpers/security-runtime.ts';

let t: TestRuntime;
let rep1: string;
let foreignDealId: string;
let ownDealId: string;

beforeAll(async () => {
  t = await startSecurityRuntime();
  rep1 = await t.login('rep1@atrium.test');
  const rep1Id = (await storedUser(t, 'rep1@atrium.test')).id;
  const rep2Id = (await storedUser(t, 'rep2@atrium.test')).id;
  const deals = await storedRecords(t, 'deals');
  foreignDealId = String(deals.find((d) => d.owner === rep2Id)?.id);
  ownDealId = String(deals.find((d) => d.owner === rep1Id)?.id);
}, 60_000);

/** True when nothing has been added to `Object.prototype`. */
function isPrototypeClean(): boolean {
  const probe: Record<string, unknown> = {};
  return (
    probe.polluted === undefined && probe.isAdmin === undefined && Object.keys(Object.prototype).length === 0
  );
}

/** A POST/PATCH with a raw JSON text body, as the browser would send it. */
function sendRaw(args: { path: string; method: string; body: string; cookie?: string }) {
  return t.app.request(args.path, {
    method: args.method,
    headers: {
      origin: testOrigin,
      'content-type': 'application/json',
      ...(args.cookie ? { cookie: args.cookie } : {}),
    },
    body: args.body,
  });
}

/** `n` levels of `{ "a": … }` around `inner`, as JSON text. */
function nestedObjectText(depth: number, inner = '1'): string {
  return `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

describe('F30 objects where scalars belong, operator keys and prototype keys', () => {
  it.each([
    ['an operator object as email', { email: { $ne: null }, password: demoPassword }],
    ['an operator object as password', { email: 'admin@atrium.test', password: { $ne: null } }],
    ['an array as email', { email: ['admin@atrium.test'], password: demoPassword }],
    ['a regex-like object as email', { email: { $regex: '.*' }, password: demoPassword }],
    ['a number as password', { email: 'admin@atrium.test', password: 12345678 }],
  ])('refuses a login with %s with 400 and no session', async (_, body) => {
    const response = await t.request('/api/auth/login', { method: 'POST', body });
    expect(response.status).toBe(400);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it.each([
    ['a $-key', { name: 'Dollar Corp', type: 'prospect', $set: { owner: 'x' } }],
    ['an operator object as a value', { name: { $ne: null }, type: 'prospect' }],
    ['a dotted key', { name: 'Dotted Corp', type: 'prospect', 'owner.id': 'x' }],
    ['an object as a text value', { name: { first: 'A' }, type: 'prospect' }],
  ])('refuses creating a record with %s with 400, and nothing is stored', async (_, body) => {
    const before = await t.store.count({ module: 'accounts', where: everything });
    const response = await t.request('/api/records/accounts', { method: 'POST', cookie: rep1, body });
    expect(response.status).toBe(400);
    expect(await t.store.count({ module: 'accounts', where: everything })).toBe(before);
  });

  const prototypeBodies = [
    ['__proto__', '{"name":"Proto Corp","type":"prospect","__proto__":{"polluted":"yes","isAdmin":true}}'],
    [
      'constructor.prototype',
      '{"name":"Proto Corp","type":"prospect","constructor":{"prototype":{"polluted":"yes"}}}',
    ],
    ['prototype', '{"name":"Proto Corp","type":"prospect","prototype":{"polluted":"yes"}}'],
  ] as const;

  it.each(prototypeBodies)(
    'refuses a record body with %s with 400; Object.prototype stays clean',
    async (_, body) => {
      const before = await t.store.count({ module: 'accounts', where: everything });
      const created = await sendRaw({ path: '/api/records/accounts', method: 'POST', body, cookie: rep1 });
      const updated = await sendRaw({
        path: `/api/records/deals/${ownDealId}`,
        method: 'PATCH',
        body,
        cookie: rep1,
      });
      expect(created.status).toBe(400);
      expect(updated.status).toBe(400);
      expect(await t.store.count({ module: 'accounts', where: everything })).toBe(before);
      expect(isPrototypeClean()).toBe(true);
    },
  );

  it.each(prototypeBodies)(
    'refuses PATCH /api/me with %s with 400; Object.prototype stays clean',
    async (_, body) => {
      const before = await storedUser(t, 'rep1@atrium.test');
      const response = await sendRaw({
        path: '/api/me',
        method: 'PATCH',
        body: body.replace('"name":"Proto Corp","type":"prospect",', '"name":"Riley",'),
        cookie: rep1,
      });
      expect(response.status).toBe(400);
      expect(await storedUser(t, 'rep1@atrium.test')).toEqual(before);
      expect(isPrototypeClean()).toBe(true);
    },
  );

  it.each([
    [
      'login',
      '/api/auth/login',
      '{"email":"rep2@atrium.test","password":"wrong password","__proto__":{"polluted":"yes"}}',
    ],
    [
      'forgot-password',
      '/api/auth/password/forgot',
      '{"email":"rep2@atrium.test","constructor":{"prototype":{"polluted":"yes"}}}',
    ],
  ])('refuses a %s body with a prototype key with 400', async (_, path, body) => {
    const response = await sendRaw({ path, method: 'POST', body });
    expect(response.status).toBe(400);
  });

  it('leaves Object.prototype clean after prototype keys sent to the auth endpoints', async () => {
    for (const path of [
      '/api/auth/login',
      '/api/auth/password/forgot',
      '/api/auth/password/reset',
      '/api/auth/mfa/verify',
    ]) {
      const response = await sendRaw({
        path,
        method: 'POST',
        body: '{"email":"x@atrium.test","password":"wrong password","token":"x","code":"1","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"isAdmin":true}}}',
      });
      expect(response.status).toBeLessThan(500);
    }
    expect(isPrototypeClean()).toBe(true);
  });

  it.each([
    ['constructor as a field', { constructor: { eq: 'x' } }],
    ['a path through __proto__', { 'account.__proto__': { eq: 'x' } }],
    ['a $where key', { $where: 'sleep(1000)' }],
    ['a $ne operator', { name: { $ne: null } }],
    ['a $regex operator', { name: { $regex: '.*' } }],
    ['an unknown operator', { name: { like: '%' } }],
    ['an object as a value', { name: { eq: { $gt: '' } } }],
  ])('refuses a filter with %s with 400/403', async (_, filter) => {
    const response = await t.request(`/api/records/deals?filter=${filterParam(filter)}`, { cookie: rep1 });
    expect([400, 403]).toContain(response.status);
    expect(isPrototypeClean()).toBe(true);
  });

  it('fails closed on an unknown $principal variable: 400, or no records at all', async () => {
    const response = await t.request(
      `/api/records/deals?filter=${filterParam({ owner: { eq: '$principal.secret' } })}`,
      {
        cookie: rep1,
      },
    );
    expect([200, 400]).toContain(response.status);
    if (response.status === 200) expect(await readRecords(response)).toEqual([]);
  });

  it('refuses a filter whose key is __proto__ written as JSON text with 400', async () => {
    const text = '{"__proto__":{"polluted":"yes"},"name":{"exists":true}}';
    const response = await t.request(`/api/records/deals?filter=${encodeURIComponent(text)}`, {
      cookie: rep1,
    });
    expect(response.status).toBe(400);
    expect(isPrototypeClean()).toBe(true);
  });
});

describe('F31 pathological search and contains patterns', () => {
  /** Runs a request and answers its status and duration in ms. */
  async function timed(path: string): Promise<{ status: number; ms: number; response: Response }> {
    const started = performance.now();
    const response = await t.request(path, { cookie: rep1 });
    return { status: response.status, ms: performance.now() - started, response };
  }

  it.each([
    ['(a+)+$'],
    ['"unbalanced'],
    ['a OR b NOT c'],
    ['NEAR(a b)'],
    ['name:Acme'],
    ['*'],
    ['^Acme'],
    ['%'],
    ['\u202Eevil\u200D\uFEFF'],
    ['𝔄𝔠𝔪𝔢 🏢'],
    ['a'.repeat(200)],
  ])('answers a search for %j as literal text in bounded time', async (q) => {
    const { status, ms } = await timed(`/api/records/accounts?q=${encodeURIComponent(q)}`);
    expect([200, 400]).toContain(status);
    expect(ms).toBeLessThan(2000);
  });

  it('refuses a 10 kB search text with 400', async () => {
    const { status } = await timed(`/api/records/accounts?q=${'a'.repeat(10_000)}`);
    expect(status).toBe(400);
  });

  it.each([
    ['%', '%'],
    ['_', '_'],
    ['(a+)+$', '(a+)+$'],
    ['.*', '.*'],
    ['a backslash', '\\'],
  ])('treats %s in contains as a literal character', async (_, pattern) => {
    const { status, response } = await timed(
      `/api/records/accounts?filter=${filterParam({ name: { contains: pattern } })}`,
    );
    expect(status).toBe(200);
    const found = await readRecords(response);
    expect(found.every((a) => String(a.name).includes(pattern))).toBe(true);
  });

  it('answers a 10 kB contains pattern in bounded time while other requests keep answering', async () => {
    const pattern = `${'(a+)+'.repeat(2000)}$`;
    const slow = timed(`/api/records/accounts?filter=${filterParam({ name: { contains: pattern } })}`);
    const health = await t.request('/api/health');
    const result = await slow;
    expect(health.status).toBe(200);
    expect([200, 400]).toContain(result.status);
    expect(result.ms).toBeLessThan(2000);
    if (result.status === 200) expect(await readRecords(result.response)).toEqual([]);
  });
});

describe('F32 oversized queries are refused', () => {
  it.each(['1e9', '1000000000', '201', '0', '-1', '1.5', 'NaN', 'Infinity', '0x10', '1e999'])(
    'refuses limit=%s with 400',
    async (limit) => {
      const response = await t.request(`/api/records/accounts?limit=${encodeURIComponent(limit)}`, {
        cookie: rep1,
      });
      expect(response.status).toBe(400);
    },
  );

  it('refuses limit=1e9 on search and related lists with 400', async () => {
    const rep1Id = (await storedUser(t, 'rep1@atrium.test')).id;
    const account = (await storedRecords(t, 'accounts')).find((a) => a.owner === rep1Id);
    expect((await t.request('/api/records/accounts?q=acme&limit=1e9', { cookie: rep1 })).status).toBe(400);
    expect(
      (
        await t.request(`/api/records/accounts/${account?.id}/related/deals.account?limit=1e9`, {
          cookie: rep1,
        })
      ).status,
    ).toBe(400);
  });

  it('refuses a filter nested 100 deep with 400', async () => {
    let filter: unknown = { name: { exists: true } };
    for (let i = 0; i < 100; i += 1) filter = { and: [filter] };
    const response = await t.request(`/api/records/accounts?filter=${filterParam(filter)}`, { cookie: rep1 });
    expect(response.status).toBe(400);
  });

  it('refuses a filter nested 5,000 deep (as text) with 400, not a crash', async () => {
    const text = `${'{"not":'.repeat(5000)}{"name":{"exists":true}}${'}'.repeat(5000)}`;
    const response = await t.request(`/api/records/accounts?filter=${encodeURIComponent(text)}`, {
      cookie: rep1,
    });
    expect(response.status).toBe(400);
  });

  it('refuses an in with 100,000 values with 400', async () => {
    const values = Array.from({ length: 100_000 }, (_, i) => `v${i}`);
    const response = await t.request(
      `/api/records/accounts?filter=${filterParam({ name: { in: values } })}`,
      {
        cookie: rep1,
      },
    );
    expect(response.status).toBe(400);
  });

  it('refuses an or with 10,000 branches with 400', async () => {
    const filter = { or: Array.from({ length: 10_000 }, (_, i) => ({ name: { eq: `n${i}` } })) };
    const response = await t.request(`/api/records/accounts?filter=${filterParam(filter)}`, { cookie: rep1 });
    expect(response.status).toBe(400);
  });
});

describe('F33 oversized and deeply nested bodies', () => {
  const fiftyMegabytes = 50 * 1024 * 1024;

  it('refuses a declared 50 MB body with 413 and keeps serving', async () => {
    const body = `{"name":"${'x'.repeat(fiftyMegabytes)}"}`;
    const response = await t.app.request('/api/records/accounts', {
      method: 'POST',
      headers: {
        origin: testOrigin,
        'content-type': 'application/json',
        'content-length': String(body.length),
        cookie: rep1,
      },
      body,
    });
    expect(response.status).toBe(413);
    expect((await t.request('/api/health')).status).toBe(200);
  }, 20_000);

  it('refuses a streamed 50 MB body (no Content-Length) with 413 without reading it all', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(0x61);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) {
          controller.enqueue(new TextEncoder().encode('{"name":"'));
          sent += 9;
          return;
        }
        if (sent >= fiftyMegabytes) {
          controller.close();
          return;
        }
        controller.enqueue(chunk);
        sent += chunk.byteLength;
      },
    });
    const response = await t.app.request('/api/records/accounts', {
      method: 'POST',
      headers: { origin: testOrigin, 'content-type': 'application/json', cookie: rep1 },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(fiftyMegabytes);
    expect((await t.request('/api/health')).status).toBe(200);
  }, 20_000);

  it.each([
    ['PATCH /api/me', '/api/me', 'PATCH', (inner: string) => `{"name":${inner}}`],
    [
      'a record create',
      '/api/records/accounts',
      'POST',
      (inner: string) => `{"name":"Deep","type":"prospect","description":${inner}}`,
    ],
    ['a login', '/api/auth/login', 'POST', (inner: string) => `{"email":${inner},"password":"x"}`],
  ])('refuses a body nested 100,000 deep in %s with 400 and keeps serving', async (_, path, method, wrap) => {
    const before = await t.store.count({ module: 'accounts', where: everything });
    const response = await sendRaw({ path, method, body: wrap(nestedObjectText(100_000)), cookie: rep1 });
    expect(response.status).toBe(400);
    expect(await t.store.count({ module: 'accounts', where: everything })).toBe(before);
    expect((await t.request('/api/health')).status).toBe(200);
  });

  it('refuses a top-level array nested 100,000 deep with 400', async () => {
    const response = await sendRaw({
      path: '/api/records/accounts',
      method: 'POST',
      body: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      cookie: rep1,
    });
    expect(response.status).toBe(400);
  });
});

describe('F34 path tricks get the canonical path’s decision', () => {
  const listVariants = [
    '//api/records/accounts',
    '/api//records/accounts',
    '/api/records//accounts',
    '/api/records/accounts%2F..',
    '/api/records/accounts%2f',
    '/api/records%2Faccounts',
    '/api%2Frecords%2Faccounts',
    '/api/records%5Caccounts',
    '/API/records/accounts',
    '/Api/Records/Accounts',
    '/api/records/accounts.',
    '/api/records/accounts..',
    '/api/records/accounts/.',
    '/api/./records/accounts',
    '/api/records/../records/accounts',
    '/api/records/accounts;jsessionid=1',
    '/api/records/accounts%00',
  ];

  it.each(listVariants)('answers %s without a session with 401 or 404, never data', async (path) => {
    const response = await t.request(path);
    expect([401, 404]).toContain(response.status);
  });

  it.each([
    (id: string) => `//api/records/deals/${id}`,
    (id: string) => `/API/records/deals/${id}`,
    (id: string) => `/api/records/deals/${id}.`,
    (id: string) => `/api/records/deals/${id}%00`,
    (id: string) => `/api/records/deals/${id}%2F`,
    (id: string) => `/api/records/deals/./${id}`,
    (id: string) => `/api/records/deals/x/../${id}`,
    (id: string) => `/api/records/DEALS/${id}`,
  ])('answers rep1 reading rep2’s deal through a path variant (#%#) with 401/404', async (variant) => {
    const response = await t.request(variant(foreignDealId), { cookie: rep1 });
    expect([401, 404]).toContain(response.status);
  });

  it('never skips field masking on a path variant of rep1’s own deal', async () => {
    for (const path of [
      `//api/records/deals/${ownDealId}`,
      `/api//records/deals/${ownDealId}`,
      `/api/records/deals/./${ownDealId}`,
    ]) {
      const response = await t.request(path, { cookie: rep1 });
      expect([200, 401, 404]).toContain(response.status);
      expect(await response.text()).not.toMatch(/"margin"\s*:/);
    }
  });

  it.each([
    '//api/records/accounts',
    '/API/records/accounts',
    '/api//records/accounts',
    '/api/records/accounts.',
  ])('answers a cross-site POST to %s with 403/404, and nothing is stored', async (path) => {
    const before = await t.store.count({ module: 'accounts', where: everything });
    const response = await t.app.request(path, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json', cookie: rep1 },
      body: JSON.stringify({ name: 'Path Trick Corp', type: 'prospect' }),
    });
    expect([401, 403, 404]).toContain(response.status);
    expect(await t.store.count({ module: 'accounts', where: everything })).toBe(before);
  });

  it.each([
    '//api/admin/users',
    '/API/admin/users',
    '/api/admin/users/',
    '/api/admin/./users',
    '/api/admin//users',
    '/api/admin/users%2F',
    '/api/admin/users.',
  ])('answers rep1 on the admin path variant %s with 401/403/404', async (path) => {
    const response = await t.request(path, { cookie: rep1 });
    expect([401, 403, 404]).toContain(response.status);
  });
});
