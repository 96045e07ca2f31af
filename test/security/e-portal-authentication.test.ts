/**
 * SECURITY-TESTS §E (portal side): TOTP on the partner portal (MFA required there), reset tokens and
 * invitations of portal users. Destructive cases use their own fixture users; tokens are read from
 * the outbox (the mail a user would get) and checked against `atriumTokens` and `atriumUsers`.
 */
import { generateHOTP } from '@oslojs/otp';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPortalUser,
  type DemoPortalFixture,
  demoPortalFixture,
  enrolPortalMfa,
  mailedToken,
  nextTotpCode,
  portalLoginResponse,
  portalPath,
} from './helpers/portal-runtime.ts';
import {
  demoPassword,
  readBody,
  sessionCookieOf,
  startSecurityRuntime,
  storedRecords,
  storedUser,
  type TestRuntime,
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

let serial = 0;
/** A fresh portal user (client at Acme by default) with a password; answers its email. */
async function freshUser(
  args: { portalType?: string; account?: string; invited?: boolean } = {},
): Promise<string> {
  serial += 1;
  const email = `e-user-${serial}@${args.portalType ?? 'client'}.test`;
  await createPortalUser({
    t,
    adminCookie: admin,
    email,
    account: args.account ?? f.acme,
    portalType: args.portalType,
    ...(args.invited ? {} : { password }),
  });
  return email;
}

/** A fresh partner-portal user at pat's account with TOTP enrolled: its email and secret. */
async function freshPartner(): Promise<{ email: string; secret: Uint8Array }> {
  const email = await freshUser({ portalType: 'partner', account: f.patAccount });
  const { secret } = await enrolPortalMfa({ t, email, portalType: 'partner', password });
  return { email, secret };
}

/** Asks for a reset link on a portal and reads its token from the outbox. */
async function resetToken(email: string, portalType = 'client'): Promise<string> {
  const response = await t.request(portalPath(portalType, '/auth/password/forgot'), {
    method: 'POST',
    body: { email },
  });
  expect(response.status).toBe(202);
  return mailedToken({ t, email, linkPart: `/portal/${portalType}/reset-password` });
}

/** POST of a token and a new password to a portal's reset or invitation route. */
function spend(args: {
  portalType?: string;
  route: 'password/reset' | 'invitation/accept';
  body: Record<string, unknown>;
}) {
  return t.request(portalPath(args.portalType ?? 'client', `/auth/${args.route}`), {
    method: 'POST',
    body: args.body,
  });
}

describe('E26 TOTP on the partner portal', () => {
  let secret: Uint8Array;

  beforeAll(async () => {
    ({ secret } = await enrolPortalMfa({ t, email: 'pat@partner.test', portalType: 'partner' }));
  });

  it('makes every partner login MFA-pending, and the half-logged-in session can call nothing else', async () => {
    const login = await portalLoginResponse({ t, email: 'pat@partner.test', portalType: 'partner' });
    expect(login.status).toBe(200);
    expect((await readBody(login)).data).toMatchObject({ mfaRequired: true });
    const pending = sessionCookieOf(login) ?? '';
    const deal = (await storedRecords(t, 'deals')).find((d) => d.partner === f.pat);
    if (!deal) throw new Error('pat has no deal');
    const before = await storedUser(t, 'pat@partner.test');
    const partner = (path: string, init: { method?: string; body?: unknown } = {}) =>
      t.request(portalPath('partner', path), { cookie: pending, ...init });
    const calls = [
      await partner('/me'),
      await partner('/meta'),
      await partner('/openapi.json'),
      await partner('/records/deals'),
      await partner(`/records/deals/${deal.id}`),
      await partner(`/records/deals/${deal.id}`, { method: 'PATCH', body: { nextStep: 'pending' } }),
      await partner('/records/accounts'),
    ];
    for (const call of calls) expect(call.status).toBe(401);
    const enrol = await partner('/auth/mfa/enrol', { method: 'POST', body: {} });
    expect(enrol.status).toBeGreaterThanOrEqual(400);
    expect(await storedUser(t, 'pat@partner.test')).toEqual(before);
    expect((await storedRecords(t, 'deals')).find((d) => d.id === deal.id)).toEqual(deal);
  });

  it('refuses the pending partner session on the client portal and the staff API', async () => {
    const login = await portalLoginResponse({ t, email: 'pat@partner.test', portalType: 'partner' });
    const pending = sessionCookieOf(login) ?? '';
    for (const name of ['atrium_portal_client', 'atrium_staff']) {
      const renamed = pending.replace(/^[^=]+=/, `${name}=`);
      expect((await t.request(portalPath('client', '/me'), { cookie: renamed })).status).toBe(401);
      expect((await t.request('/api/me', { cookie: renamed })).status).toBe(401);
    }
  });

  it('accepts a code once: the replay on a second pending session is refused', async () => {
    const code = await nextTotpCode({ t, email: 'pat@partner.test', secret });
    const first =
      sessionCookieOf(await portalLoginResponse({ t, email: 'pat@partner.test', portalType: 'partner' })) ??
      '';
    const verified = await t.request(portalPath('partner', '/auth/mfa/verify'), {
      method: 'POST',
      cookie: first,
      body: { code },
    });
    expect(verified.status).toBe(200);
    const full = sessionCookieOf(verified) ?? '';
    expect(full).not.toBe(first);
    expect((await t.request(portalPath('partner', '/me'), { cookie: full })).status).toBe(200);
    expect((await t.request(portalPath('partner', '/me'), { cookie: first })).status).toBe(401);
    const second =
      sessionCookieOf(await portalLoginResponse({ t, email: 'pat@partner.test', portalType: 'partner' })) ??
      '';
    const replay = await t.request(portalPath('partner', '/auth/mfa/verify'), {
      method: 'POST',
      cookie: second,
      body: { code },
    });
    expect(replay.status).toBe(401);
    expect((await t.request(portalPath('partner', '/me'), { cookie: second })).status).toBe(401);
  });

  it('refuses codes more than one step away', async () => {
    const pending =
      sessionCookieOf(await portalLoginResponse({ t, email: 'pat@partner.test', portalType: 'partner' })) ??
      '';
    const step = Math.floor(Date.now() / 30_000);
    for (const offset of [-3, 3]) {
      const response = await t.request(portalPath('partner', '/auth/mfa/verify'), {
        method: 'POST',
        cookie: pending,
        body: { code: generateHOTP(secret, BigInt(step + offset), 6) },
      });
      expect(response.status).toBe(401);
    }
  });

  it('never returns the TOTP secret in login, verify or me answers', async () => {
    const { email, secret: own } = await freshPartner();
    const stored = String((await storedUser(t, email)).mfaSecret);
    const login = await portalLoginResponse({ t, email, portalType: 'partner', password });
    const verify = await t.request(portalPath('partner', '/auth/mfa/verify'), {
      method: 'POST',
      cookie: sessionCookieOf(login) ?? '',
      body: { code: await nextTotpCode({ t, email, secret: own }) },
    });
    expect(verify.status).toBe(200);
    const me = await t.request(portalPath('partner', '/me'), { cookie: sessionCookieOf(verify) ?? '' });
    for (const text of [await login.text(), await verify.text(), await me.text()]) {
      expect(text).not.toContain(stored);
      expect(text).not.toMatch(/otpauth:|mfaSecret|recoveryCodes|passwordHash/);
    }
  });

  it('keeps the second factor required on the partner portal after a password reset', async () => {
    const { email } = await freshPartner();
    const token = await resetToken(email, 'partner');
    const reset = await spend({
      portalType: 'partner',
      route: 'password/reset',
      body: { token, password: 'reset but still two factors' },
    });
    expect(reset.status).toBe(200);
    const login = await portalLoginResponse({
      t,
      email,
      portalType: 'partner',
      password: 'reset but still two factors',
    });
    expect((await readBody(login)).data).toMatchObject({ mfaRequired: true });
    expect(
      (await t.request(portalPath('partner', '/me'), { cookie: sessionCookieOf(login) ?? '' })).status,
    ).toBe(401);
  });

  it('lets exactly one of 10 parallel verifications with one code through', async () => {
    const { email, secret: own } = await freshPartner();
    const code = await nextTotpCode({ t, email, secret: own });
    const pendings = await Promise.all(
      Array.from(
        { length: 10 },
        async () =>
          sessionCookieOf(await portalLoginResponse({ t, email, portalType: 'partner', password })) ?? '',
      ),
    );
    const answers = await Promise.all(
      pendings.map((cookie) =>
        t.request(portalPath('partner', '/auth/mfa/verify'), { method: 'POST', cookie, body: { code } }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
  });
});

describe('E27 portal reset tokens', () => {
  it('mails a reset link of at least 112 bits on the configured host, even with a forged Host', async () => {
    const email = await freshUser();
    const response = await t.request(portalPath('client', '/auth/password/forgot'), {
      method: 'POST',
      body: { email },
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    });
    expect(response.status).toBe(202);
    const mail = (await storedRecords(t, 'atriumOutbox')).find((m) => m.to === email);
    expect(String(mail?.text)).toContain('http://localhost:3000/portal/client/reset-password?token=');
    expect(String(mail?.text)).not.toContain('evil.example');
    const token = await mailedToken({ t, email, linkPart: '/portal/client/reset-password' });
    expect(token.length * 5).toBeGreaterThanOrEqual(112);
  });

  it('stores only a hash of the reset token, valid for at most an hour', async () => {
    const email = await freshUser();
    const token = await resetToken(email);
    const user = await storedUser(t, email);
    const stored = (await storedRecords(t, 'atriumTokens')).filter(
      (r) => r.subject === user.id && r.purpose === 'passwordReset',
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(Number(stored[0]?.expiresAt) - Number(stored[0]?.issuedAt)).toBeLessThanOrEqual(3_600_000);
  });

  it('lets exactly one of 20 parallel resets with one token succeed', async () => {
    const email = await freshUser();
    const token = await resetToken(email);
    const passwords = Array.from({ length: 20 }, (_, i) => `parallel portal passphrase ${i}`);
    const answers = await Promise.all(
      passwords.map((p) => spend({ route: 'password/reset', body: { token, password: p } })),
    );
    const winners = answers.flatMap((a, i) => (a.status === 200 ? [passwords[i] ?? ''] : []));
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 400)).toBe(true);
    expect((await portalLoginResponse({ t, email, password: winners[0] })).status).toBe(200);
  }, 20_000);

  it('does not accept a reset token as an invitation token, and the user is unchanged', async () => {
    const email = await freshUser();
    const token = await resetToken(email);
    const before = await storedUser(t, email);
    const response = await spend({
      route: 'invitation/accept',
      body: { token, password: 'an invitation passphrase' },
    });
    expect(response.status).toBe(400);
    expect(await storedUser(t, email)).toEqual(before);
  });

  it('does not accept a client reset token on the partner or lead portal', async () => {
    const email = await freshUser();
    const token = await resetToken(email);
    const before = await storedUser(t, email);
    for (const portalType of ['partner', 'lead']) {
      const response = await spend({
        portalType,
        route: 'password/reset',
        body: { token, password: 'another portal passphrase' },
      });
      expect(response.status).toBe(400);
    }
    expect(await storedUser(t, email)).toEqual(before);
    expect(
      (await spend({ route: 'password/reset', body: { token, password: 'the right portal passphrase' } }))
        .status,
    ).toBe(200);
  });

  it('does not accept a staff reset token on a portal, nor a portal reset token on the staff route', async () => {
    const email = await freshUser();
    const portalToken = await resetToken(email);
    const staff = await t.request('/api/auth/password/reset', {
      method: 'POST',
      body: { token: portalToken, password: 'staff route passphrase' },
    });
    expect(staff.status).toBe(400);
    await t.request('/api/auth/password/forgot', { method: 'POST', body: { email: 'rep2@atrium.test' } });
    const staffToken = await mailedToken({ t, email: 'rep2@atrium.test', linkPart: '/reset-password' });
    const rep2 = await storedUser(t, 'rep2@atrium.test');
    expect(
      (
        await spend({
          route: 'password/reset',
          body: { token: staffToken, password: 'portal route passphrase' },
        })
      ).status,
    ).toBe(400);
    expect(await storedUser(t, 'rep2@atrium.test')).toEqual(rep2);
  });

  it('invalidates the older reset token when a newer one is issued', async () => {
    const email = await freshUser();
    const older = await resetToken(email);
    const newer = await resetToken(email);
    expect(older).not.toBe(newer);
    expect(
      (await spend({ route: 'password/reset', body: { token: older, password: 'older token passphrase' } }))
        .status,
    ).toBe(400);
    expect(
      (await spend({ route: 'password/reset', body: { token: newer, password: 'newer token passphrase' } }))
        .status,
    ).toBe(200);
  });

  it('does not re-activate a deactivated portal user through a reset link mailed before', async () => {
    const email = await freshUser();
    const token = await resetToken(email);
    const user = await storedUser(t, email);
    expect(
      (
        await t.request(`/api/admin/portal-users/${user.id}`, {
          method: 'PATCH',
          cookie: admin,
          body: { active: false },
        })
      ).status,
    ).toBe(200);
    await spend({ route: 'password/reset', body: { token, password: 'back from the dead passphrase' } });
    expect((await storedUser(t, email)).active).toBe(false);
    expect((await portalLoginResponse({ t, email, password: 'back from the dead passphrase' })).status).toBe(
      401,
    );
  });
});

describe('E28 portal invitations', () => {
  it('accepts an invitation once; the second use is refused and the password stays', async () => {
    const email = await freshUser({ invited: true });
    const token = await mailedToken({ t, email, linkPart: '/portal/client/invite' });
    expect(
      (await spend({ route: 'invitation/accept', body: { token, password: 'welcome to the portal' } }))
        .status,
    ).toBe(200);
    const again = await spend({
      route: 'invitation/accept',
      body: { token, password: 'taken over afterwards' },
    });
    expect(again.status).toBe(400);
    expect((await portalLoginResponse({ t, email, password: 'welcome to the portal' })).status).toBe(200);
    expect((await portalLoginResponse({ t, email, password: 'taken over afterwards' })).status).toBe(401);
  });

  it('refuses a client invitation on the partner and lead portals, and the user stays without a password', async () => {
    const email = await freshUser({ invited: true });
    const token = await mailedToken({ t, email, linkPart: '/portal/client/invite' });
    const before = await storedUser(t, email);
    for (const portalType of ['partner', 'lead']) {
      const response = await spend({
        portalType,
        route: 'invitation/accept',
        body: { token, password: 'wrong portal passphrase' },
      });
      expect(response.status).toBe(400);
    }
    expect(await storedUser(t, email)).toEqual(before);
    expect(before.passwordHash ?? null).toBeNull();
  });

  it('does not accept an invitation token as a reset token', async () => {
    const email = await freshUser({ invited: true });
    const token = await mailedToken({ t, email, linkPart: '/portal/client/invite' });
    const before = await storedUser(t, email);
    expect(
      (await spend({ route: 'password/reset', body: { token, password: 'a reset passphrase' } })).status,
    ).toBe(400);
    expect(await storedUser(t, email)).toEqual(before);
  });

  it.each([
    ['email', { email: 'evil@globex.test' }],
    ['accountId', { accountId: '<globex>' }],
    ['account', { account: '<globex>' }],
    ['portalType', { portalType: 'partner' }],
    ['audience', { audience: 'staff' }],
    ['recordId', { recordId: '<bob>' }],
    ['role', { role: 'admin' }],
  ])(
    'refuses or ignores %s beside the invitation, and email, account, record and type stay',
    async (_, extra) => {
      const email = await freshUser({ invited: true });
      const token = await mailedToken({ t, email, linkPart: '/portal/client/invite' });
      const before = await storedUser(t, email);
      const body = JSON.parse(
        JSON.stringify(extra).replace('<globex>', f.globex).replace('<bob>', f.bob),
      ) as Record<string, unknown>;
      const response = await spend({
        route: 'invitation/accept',
        body: { token, password: 'welcome to the portal', ...body },
      });
      expect([200, 400]).toContain(response.status);
      const after = await storedUser(t, email);
      expect(after).toMatchObject({
        email: before.email,
        accountId: before.accountId,
        recordId: before.recordId,
        audience: 'portal:client',
        loginKey: before.loginKey,
      });
      expect(after.role ?? null).toBeNull();
    },
  );

  it('binds the invitation to its user: accepting it sets that user’s password and no other', async () => {
    const email = await freshUser({ invited: true });
    const token = await mailedToken({ t, email, linkPart: '/portal/client/invite' });
    const others = await Promise.all(
      ['alice@acme.test', 'carol@acme.test', 'bob@globex.test'].map((e) => storedUser(t, e)),
    );
    expect(
      (await spend({ route: 'invitation/accept', body: { token, password: 'welcome to the portal' } }))
        .status,
    ).toBe(200);
    expect(
      await Promise.all(
        ['alice@acme.test', 'carol@acme.test', 'bob@globex.test'].map((e) => storedUser(t, e)),
      ),
    ).toEqual(others);
    for (const other of ['alice@acme.test', 'carol@acme.test'])
      expect((await portalLoginResponse({ t, email: other, password: 'welcome to the portal' })).status).toBe(
        401,
      );
    expect((await portalLoginResponse({ t, email: 'alice@acme.test', password: demoPassword })).status).toBe(
      200,
    );
  });
});
