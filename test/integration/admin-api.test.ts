import { beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, startTestRuntime } from '../helpers/start-test-runtime.ts';

let t: Awaited<ReturnType<typeof startTestRuntime>>;
beforeAll(async () => {
  t = await startTestRuntime();
}, 60_000);

type Body = {
  data: Record<string, unknown> & Array<Record<string, unknown>>;
  error?: { code: string; details?: { problems?: unknown[] } };
};
const body = async (response: Response) => (await response.json()) as Body;

describe('admin API', () => {
  it('refuses user, metadata, outbox and audit administration to a rep', async () => {
    const cookie = await t.login('rep1@atrium.test');
    for (const path of [
      '/api/admin/users',
      '/api/admin/metadata/revisions',
      '/api/admin/outbox',
      '/api/admin/audit',
    ]) {
      expect((await t.request(path, { cookie })).status, path).toBe(403);
    }
  });

  it('lists staff users without password hashes or TOTP secrets', async () => {
    const response = await t.request('/api/admin/users', { cookie: await t.login('admin@atrium.test') });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(JSON.parse(text).data).toHaveLength(5);
    expect(text).not.toMatch(/argon2|passwordHash|mfaSecret|recoveryCodes/);
  });

  it('lets a manager invite a rep, who accepts the mailed link and logs in', async () => {
    const manager = await t.login('manager@atrium.test');
    const invited = await t.request('/api/admin/users', {
      method: 'POST',
      cookie: manager,
      body: { email: 'newrep@atrium.test', name: 'New Rep', role: 'salesRep' },
    });
    expect(invited.status).toBe(201);
    const mail = (
      await t.store.find({ module: 'atriumOutbox', where: { kind: 'true' }, limit: 50 })
    ).records.find((m) => m.to === 'newrep@atrium.test');
    const token = /token=([a-z0-9]+)/.exec(String(mail?.text))?.[1];
    expect(token).toBeDefined();
    const accepted = await t.request('/api/auth/invitation/accept', {
      method: 'POST',
      body: { token, password: 'a brand new passphrase' },
    });
    expect(accepted.status).toBe(200);
    expect(await t.login('newrep@atrium.test', 'a brand new passphrase')).toMatch(/atrium_staff=/);
    const again = await t.request('/api/auth/invitation/accept', {
      method: 'POST',
      body: { token, password: 'another passphrase here' },
    });
    expect(again.status).toBe(400);
  });

  it('refuses a manager giving a role above its own', async () => {
    const manager = await t.login('manager@atrium.test');
    const response = await t.request('/api/admin/users', {
      method: 'POST',
      cookie: manager,
      body: { email: 'boss@atrium.test', name: 'Boss', role: 'administrator' },
    });
    expect(response.status).toBe(403);
  });

  it('ends a user’s sessions when an administrator deactivates it', async () => {
    const rep2 = await t.login('rep2@atrium.test');
    const admin = await t.login('admin@atrium.test');
    const users = (await body(await t.request('/api/admin/users', { cookie: admin }))).data;
    const id = String(users.find((u) => u.email === 'rep2@atrium.test')?.id);
    expect(
      (await t.request(`/api/admin/users/${id}`, { method: 'PATCH', cookie: admin, body: { active: false } }))
        .status,
    ).toBe(200);
    expect((await t.request('/api/me', { cookie: rep2 })).status).toBe(401);
    await t.request(`/api/admin/users/${id}`, { method: 'PATCH', cookie: admin, body: { active: true } });
  });

  it('refuses a user name that is not text', async () => {
    const admin = await t.login('admin@atrium.test');
    const users = (await body(await t.request('/api/admin/users', { cookie: admin }))).data;
    const id = String(users.find((u) => u.email === 'rep1@atrium.test')?.id);
    const response = await t.request(`/api/admin/users/${id}`, {
      method: 'PATCH',
      cookie: admin,
      body: { name: { $set: 'x' } },
    });
    expect(response.status).toBe(400);
  });

  it('refuses a metadata change with problems and changes nothing', async () => {
    const admin = await t.login('admin@atrium.test');
    const current = (await body(await t.request('/api/admin/metadata/revisions/1', { cookie: admin }))).data;
    const documents = structuredClone(current.documents) as Array<Record<string, unknown>>;
    const layout = documents.find((d) => d.kind === 'layout' && d.name === 'accountsListStaff') as
      | { columns: string[] }
      | undefined;
    if (!layout) throw new Error('starter has no accountsListStaff layout');
    layout.columns.push('nickname');
    const response = await t.request('/api/admin/metadata/revisions', {
      method: 'POST',
      cookie: admin,
      body: { documents },
    });
    expect(response.status).toBe(422);
    expect(JSON.stringify((await body(response)).error?.details?.problems)).toContain('nickname');
    expect(
      (await body(await t.request('/api/admin/metadata/revisions', { cookie: admin }))).data,
    ).toHaveLength(1);
  });

  it('saves a new field as a new revision and serves it without a restart', async () => {
    const admin = await t.login('admin@atrium.test');
    const current = (await body(await t.request('/api/admin/metadata/revisions/1', { cookie: admin }))).data;
    const documents = structuredClone(current.documents) as Array<Record<string, unknown>>;
    const accounts = documents.find((d) => d.kind === 'module' && d.name === 'accounts') as
      | { fields: unknown[] }
      | undefined;
    accounts?.fields.push({ name: 'loyaltyTier', type: 'text', label: 'Loyalty tier' });
    const saved = await t.request('/api/admin/metadata/revisions', {
      method: 'POST',
      cookie: admin,
      body: { documents, message: 'Add loyalty tier' },
    });
    expect(saved.status).toBe(201);
    const created = await t.request('/api/records/accounts', {
      method: 'POST',
      cookie: admin,
      body: { name: 'Tiered', type: 'customer', loyaltyTier: 'gold' },
    });
    expect(created.status).toBe(201);
    expect((await body(created)).data.loyaltyTier).toBe('gold');
  });

  it('keeps an audit trail of logins for administrators', async () => {
    const admin = await t.login('admin@atrium.test');
    const entries = (await body(await t.request('/api/admin/audit', { cookie: admin }))).data;
    expect(entries.some((e) => e.action === 'login')).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/argon2|password"/);
  });

  it('shows a manager with viewAudit who changed a deal out of its sight, but not what changed', async () => {
    const admin = await t.login('admin@atrium.test');
    const manager = await t.login('manager@atrium.test');
    const created = await t.request('/api/records/deals', {
      method: 'POST',
      cookie: admin,
      body: { name: 'Board-only deal', amount: 987654, stage: 'prospecting' },
    });
    expect(created.status).toBe(201);
    const id = String((await body(created)).data.id);
    expect((await t.request(`/api/records/deals/${id}`, { cookie: manager })).status).toBe(404);

    const audit = await t.request(`/api/admin/audit?module=deals&recordId=${id}`, { cookie: manager });
    expect(audit.status).toBe(200);
    const entries = (await body(audit)).data;
    expect(entries.map((e) => [e.action, e.changes])).toEqual([['create', {}]]);
    expect(entries[0]?.hiddenChanges).toBeGreaterThan(1);
    expect(JSON.stringify(entries)).not.toContain('987654');

    const asAdmin = (
      await body(await t.request(`/api/admin/audit?module=deals&recordId=${id}`, { cookie: admin }))
    ).data;
    expect(JSON.stringify(asAdmin)).toContain('987654');
  });

  it('purges only archived data, and only with confirm: true', async () => {
    const admin = await t.login('admin@atrium.test');
    const rep = await t.login('rep1@atrium.test');
    const purge = (cookie: string, payload: Record<string, unknown>) =>
      t.request('/api/admin/metadata/purge', { method: 'POST', cookie, body: payload });
    expect((await purge(rep, { module: 'accounts', field: 'name', confirm: true })).status).toBe(403);
    expect((await purge(admin, { module: 'accounts', field: 'name' })).status).toBe(400);
    const live = await purge(admin, { module: 'accounts', field: 'name', confirm: true });
    expect(live.status).toBe(422);
    expect(JSON.stringify((await body(live)).error?.details?.problems)).toContain('is live');
  });
});

describe('MFA required by profile', () => {
  it('makes every user of a role whose profile requires MFA enrol at the next login', async () => {
    const admin = await t.login('admin@atrium.test');
    const revisions = (await body(await t.request('/api/admin/metadata/revisions', { cookie: admin }))).data;
    const latest = Math.max(...revisions.map((r) => Number(r.number)));
    const current = (
      await body(await t.request(`/api/admin/metadata/revisions/${latest}`, { cookie: admin }))
    ).data;
    const documents = structuredClone(current.documents) as Array<Record<string, unknown>>;
    const salesRep = documents.find((d) => d.kind === 'profile' && d.name === 'salesRep');
    if (!salesRep) throw new Error('starter has no salesRep profile');
    salesRep.requireMfa = true;
    const saved = await t.request('/api/admin/metadata/revisions', {
      method: 'POST',
      cookie: admin,
      body: { documents },
    });
    expect(saved.status).toBe(201);
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'rep1@atrium.test', password: demoPassword },
    });
    expect((await body(login)).data).toEqual({ mfaRequired: true, enrolmentRequired: true });
    const manager = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'manager@atrium.test', password: demoPassword },
    });
    expect((await body(manager)).data).toMatchObject({ mfaRequired: false });
    const restored = await t.request(`/api/admin/metadata/revisions/${latest}/restore`, {
      method: 'POST',
      cookie: admin,
    });
    expect(restored.status).toBe(201);
  });
});
