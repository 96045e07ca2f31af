import { beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, startTestRuntime } from '../helpers/start-test-runtime.ts';

let t: Awaited<ReturnType<typeof startTestRuntime>>;
beforeAll(async () => {
  t = await startTestRuntime();
}, 60_000);

type Row = Record<string, unknown>;
const data = async (response: Response) => ((await response.json()) as { data: Row & Row[] }).data;

describe('portal account switcher', () => {
  it('lets a person linked to two accounts switch between them, and refuses any other account', async () => {
    const admin = await t.login('admin@atrium.test');
    const accounts = await data(await t.request('/api/records/accounts?limit=200', { cookie: admin }));
    const idOf = (name: string) => String(accounts.find((a) => a.name === name)?.id);
    const [acme, globex, initech] = [idOf('Acme'), idOf('Globex'), idOf('Initech')];
    const users = await data(await t.request('/api/admin/portal-users?portalType=client', { cookie: admin }));
    const bob = users.find((u) => u.email === 'bob@globex.test');
    const patched = await t.request(`/api/admin/portal-users/${String(bob?.id)}`, {
      method: 'PATCH',
      cookie: admin,
      body: { accountIds: [globex, acme], seesWholeAccount: true },
    });
    expect(patched.status).toBe(200);

    const login = await t.request('/portal/client/api/auth/login', {
      method: 'POST',
      body: { email: 'bob@globex.test', password: demoPassword },
    });
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const caseAccounts = async () =>
      new Set(
        (await data(await t.request('/portal/client/api/records/cases?limit=200', { cookie }))).map(
          (c) => c.account,
        ),
      );
    expect(await caseAccounts()).toEqual(new Set([globex]));

    const switched = await t.request('/portal/client/api/me/account', {
      method: 'PUT',
      cookie,
      body: { accountId: acme },
    });
    expect(switched.status).toBe(200);
    expect((await data(switched)).accountId).toBe(acme);
    expect(await caseAccounts()).toEqual(new Set([acme]));

    const refused = await t.request('/portal/client/api/me/account', {
      method: 'PUT',
      cookie,
      body: { accountId: initech },
    });
    expect(refused.status).toBe(403);
    expect(await caseAccounts()).toEqual(new Set([acme]));
  });

  it('refuses linking accounts that leave out the user’s own account', async () => {
    const admin = await t.login('admin@atrium.test');
    const users = await data(await t.request('/api/admin/portal-users?portalType=client', { cookie: admin }));
    const carol = users.find((u) => u.email === 'carol@acme.test');
    const response = await t.request(`/api/admin/portal-users/${String(carol?.id)}`, {
      method: 'PATCH',
      cookie: admin,
      body: { accountIds: ['someOtherAccount'] },
    });
    expect(response.status).toBe(400);
  });
});
