/**
 * SECURITY-TESTS §E (staff side): authentication. Each destructive case uses its own staff user and
 * client address so throttles and password changes do not leak between tests. Loops are bounded.
 */
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP, generateTOTP } from '@oslojs/otp';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginKey } from '../../runtime/server/identity/login-key.ts';
import {
  type ApiBody,
  createStaffUser,
  demoPassword,
  everything,
  readBody,
  requestFromAddress,
  sessionCookieOf,
  startSecurityRuntime,
  storedRecords,
  storedUser,
  type TestRuntime,
  testOrigin,
} from './helpers/security-runtime.ts';

let t: TestRuntime;

beforeAll(async () => {
  t = await startSecurityRuntime();
}, 60_000);

/** A login attempt from one client address. */
function loginFrom(args: {
  address: string;
  email: string;
  password: string;
  headers?: Record<string, string>;
}) {
  return requestFromAddress({
    t,
    address: args.address,
    path: '/api/auth/login',
    method: 'POST',
    body: { email: args.email, password: args.password },
    headers: args.headers,
  });
}

/** ORACLE: sets fields of a stored user directly. */
async function setUser(email: string, set: Record<string, unknown>): Promise<void> {
  const user = await storedUser(t, email);
  await t.store.update({
    module: 'atriumUsers',
    id: user.id,
    where: everything,
    set,
    updatedAt: new Date().toISOString(),
    updatedBy: null,
  });
}

/** ORACLE: the newest outbox message to an address. */
async function lastMailTo(email: string): Promise<{ text: string }> {
  const mails = (await storedRecords(t, 'atriumOutbox'))
    .filter((m) => m.to === email)
    .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
  const last = mails.at(-1);
  if (!last) throw new Error(`no mail to ${email}`);
  return { text: String(last.text) };
}

/** Requests a reset for `email` and reads the token from the outbox link. */
async function requestResetToken(
  email: string,
  headers: Record<string, string> = {},
): Promise<{ token: string; link: string }> {
  const response = await t.request('/api/auth/password/forgot', { method: 'POST', body: { email }, headers });
  expect(response.status).toBe(202);
  const link = /(\S+\/reset-password\?token=([A-Za-z0-9_-]+))/.exec((await lastMailTo(email)).text);
  if (!link?.[1] || !link[2]) throw new Error('no reset link in the mail');
  return { link: link[1], token: link[2] };
}

/** Uses a reset token. */
function resetPassword(token: string, password: string) {
  return t.request('/api/auth/password/reset', { method: 'POST', body: { token, password } });
}

/** The TOTP secret in an `otpauth://` URI. */
function secretOf(uri: string): Uint8Array {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) throw new Error('no secret in the otpauth URI');
  return decodeBase32IgnorePadding(secret);
}

/** Enrols TOTP for a logged-in user; answers the secret and the base32 text of it. */
async function enrolTotp(
  cookie: string,
): Promise<{ secret: Uint8Array; secretText: string; answers: string[] }> {
  const enrol = await t.request('/api/auth/mfa/enrol', {
    method: 'POST',
    cookie,
    body: { password: demoPassword },
  });
  expect(enrol.status).toBe(200);
  const uri = String(((await readBody(enrol)).data as { uri: string }).uri);
  const secret = secretOf(uri);
  const enable = await t.request('/api/auth/mfa/enable', {
    method: 'POST',
    cookie,
    body: { code: generateTOTP(secret, 30, 6) },
  });
  expect(enable.status).toBe(200);
  return {
    secret,
    secretText: new URL(uri).searchParams.get('secret') ?? '',
    answers: [await enable.text()],
  };
}

/** The code of the step after the last one the user used (the server accepts current ±1). */
async function nextCode(args: { email: string; secret: Uint8Array; offset?: number }): Promise<string> {
  const last = Number((await storedUser(t, args.email)).mfaLastStep);
  return generateHOTP(args.secret, BigInt(last + (args.offset ?? 1)), 6);
}

describe('E24 login throttling', () => {
  /** Fails logins until a 429 (at most `max` attempts); answers how many 401s came before it and the 429. */
  async function failUntilThrottled(args: {
    email: (i: number) => string;
    address: (i: number) => string;
    headers?: (i: number) => Record<string, string>;
    max: number;
  }): Promise<{ failures: number; throttled: Response | null }> {
    for (let i = 0; i < args.max; i += 1) {
      const response = await loginFrom({
        address: args.address(i),
        email: args.email(i),
        password: `wrong password ${i}`,
        headers: args.headers?.(i),
      });
      if (response.status === 429) return { failures: i, throttled: response };
      expect(response.status).toBe(401);
    }
    return { failures: args.max, throttled: null };
  }

  it('locks an account after at most 10 wrong passwords, with Retry-After, also for the right password', async () => {
    await createStaffUser({ t, email: 'locked@atrium.test', role: 'salesRep' });
    const { failures, throttled } = await failUntilThrottled({
      email: () => 'locked@atrium.test',
      address: () => '198.51.100.1',
      max: 15,
    });
    expect(throttled?.status).toBe(429);
    expect(failures).toBeLessThanOrEqual(10);
    const retryAfter = Number(throttled?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    const right = await loginFrom({
      address: '198.51.100.2',
      email: 'locked@atrium.test',
      password: demoPassword,
    });
    expect(right.status).toBe(429);
    expect(sessionCookieOf(right)).toBeUndefined();
  });

  it('unlocks the account through the documented path (throttles.account.reset)', async () => {
    t.runtime.throttles.account.reset(loginKey({ audience: 'staff', login: 'locked@atrium.test' }));
    const right = await loginFrom({
      address: '198.51.100.3',
      email: 'locked@atrium.test',
      password: demoPassword,
    });
    expect(right.status).toBe(200);
  });

  it('is not fooled by rotating X-Forwarded-For or by changing the case and spacing of the login', async () => {
    await createStaffUser({ t, email: 'rotate@atrium.test', role: 'salesRep' });
    const spellings = [
      'rotate@atrium.test',
      'ROTATE@atrium.test',
      ' rotate@Atrium.Test ',
      'Rotate@atrium.test',
    ];
    const { failures, throttled } = await failUntilThrottled({
      email: (i) => spellings[i % spellings.length] ?? 'rotate@atrium.test',
      address: () => '198.51.100.10',
      headers: (i) => ({ 'x-forwarded-for': `203.0.113.${i + 1}`, 'x-real-ip': `203.0.113.${i + 1}` }),
      max: 15,
    });
    expect(throttled?.status).toBe(429);
    expect(failures).toBeLessThanOrEqual(10);
  });

  it('throttles one client spraying one password across many accounts, whatever X-Forwarded-For says', async () => {
    const { failures, throttled } = await failUntilThrottled({
      email: (i) => `spray${i}@atrium.test`,
      address: () => '198.51.100.20',
      headers: (i) => ({ 'x-forwarded-for': `192.0.2.${(i % 250) + 1}` }),
      max: 110,
    });
    expect(throttled?.status).toBe(429);
    expect(failures).toBeLessThanOrEqual(100);
    const other = await loginFrom({
      address: '198.51.100.21',
      email: 'rep1@atrium.test',
      password: demoPassword,
    });
    expect(other.status).toBe(200);
  }, 40_000);
});

describe('E25 no user enumeration', () => {
  beforeAll(async () => {
    await createStaffUser({ t, email: 'gone@atrium.test', role: 'salesRep' });
    await setUser('gone@atrium.test', { active: false });
  });

  /** Status and body of one answer. */
  async function answerOf(response: Response): Promise<{ status: number; body: ApiBody }> {
    return { status: response.status, body: await readBody(response) };
  }

  it('answers login for an existing, a missing and a deactivated user alike', async () => {
    const attempt = (email: string, password: string) =>
      loginFrom({ address: '198.51.100.30', email, password }).then(answerOf);
    const existing = await attempt('rep2@atrium.test', 'not the password');
    const missing = await attempt('nobody@atrium.test', 'not the password');
    const deactivated = await attempt('gone@atrium.test', 'not the password');
    const deactivatedRight = await attempt('gone@atrium.test', demoPassword);
    expect(existing.status).toBe(401);
    for (const other of [missing, deactivated, deactivatedRight]) expect(other).toEqual(existing);
  });

  it('answers forgot-password for an existing, a missing and a deactivated user alike', async () => {
    const forgot = async (email: string) =>
      answerOf(await t.request('/api/auth/password/forgot', { method: 'POST', body: { email } }));
    const existing = await forgot('rep2@atrium.test');
    expect([200, 202]).toContain(existing.status);
    expect(await forgot('nobody@atrium.test')).toEqual(existing);
    expect(await forgot('gone@atrium.test')).toEqual(existing);
  });
});

describe('E26 TOTP', () => {
  let secret: Uint8Array;
  let secretText: string;
  let enrolmentAnswers: string[];

  beforeAll(async () => {
    await createStaffUser({ t, email: 'mfa@atrium.test', role: 'salesRep' });
    ({ secret, secretText, answers: enrolmentAnswers } = await enrolTotp(await t.login('mfa@atrium.test')));
  });

  it('makes the next login MFA-pending, and the half-logged-in session can call nothing else', async () => {
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'mfa@atrium.test', password: demoPassword },
    });
    expect(login.status).toBe(200);
    expect((await readBody(login)).data).toMatchObject({ mfaRequired: true });
    const pending = sessionCookieOf(login) ?? '';
    const before = await storedUser(t, 'mfa@atrium.test');
    const calls = [
      await t.request('/api/me', { cookie: pending }),
      await t.request('/api/records/accounts', { cookie: pending }),
      await t.request('/api/records/accounts', {
        method: 'POST',
        cookie: pending,
        body: { name: 'Pending Corp' },
      }),
      await t.request('/api/me', { method: 'PATCH', cookie: pending, body: { name: 'Pending' } }),
      await t.request('/api/me/password', {
        method: 'POST',
        cookie: pending,
        body: { currentPassword: demoPassword, newPassword: 'pending passphrase 9' },
      }),
      await t.request('/api/admin/users', { cookie: pending }),
    ];
    for (const call of calls) expect(call.status).toBe(401);
    const enrol = await t.request('/api/auth/mfa/enrol', { method: 'POST', cookie: pending, body: {} });
    expect(enrol.status).toBeGreaterThanOrEqual(400);
    expect(await storedUser(t, 'mfa@atrium.test')).toEqual(before);
  });

  it('accepts a code once: the replay is refused', async () => {
    const code = await nextCode({ email: 'mfa@atrium.test', secret });
    const first = await t.login('mfa@atrium.test');
    const verified = await t.request('/api/auth/mfa/verify', {
      method: 'POST',
      cookie: first,
      body: { code },
    });
    expect(verified.status).toBe(200);
    const full = sessionCookieOf(verified) ?? '';
    expect(full).not.toBe(first);
    expect((await t.request('/api/me', { cookie: full })).status).toBe(200);
    expect((await t.request('/api/me', { cookie: first })).status).toBe(401);
    const second = await t.login('mfa@atrium.test');
    const replay = await t.request('/api/auth/mfa/verify', {
      method: 'POST',
      cookie: second,
      body: { code },
    });
    expect(replay.status).toBe(401);
    expect((await t.request('/api/me', { cookie: second })).status).toBe(401);
  });

  it('refuses codes more than one step away', async () => {
    const pending = await t.login('mfa@atrium.test');
    const step = Math.floor(Date.now() / 30_000);
    for (const offset of [-3, 3]) {
      const code = generateHOTP(secret, BigInt(step + offset), 6);
      const response = await t.request('/api/auth/mfa/verify', {
        method: 'POST',
        cookie: pending,
        body: { code },
      });
      expect(response.status).toBe(401);
    }
  });

  it('never returns the secret after enrolment (enable, login, verify, /api/me)', async () => {
    const stored = String((await storedUser(t, 'mfa@atrium.test')).mfaSecret);
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'mfa@atrium.test', password: demoPassword },
    });
    const verify = await t.request('/api/auth/mfa/verify', {
      method: 'POST',
      cookie: sessionCookieOf(login) ?? '',
      body: { code: await nextCode({ email: 'mfa@atrium.test', secret }) },
    });
    const me = await t.request('/api/me', { cookie: sessionCookieOf(verify) ?? '' });
    const texts = [...enrolmentAnswers, await login.text(), await verify.text(), await me.text()];
    for (const text of texts) {
      expect(text).not.toContain(secretText);
      expect(text).not.toContain(stored);
      expect(text).not.toMatch(/otpauth:|mfaSecret|recoveryCodes"\s*:\s*\["\$/);
    }
  });

  it('refuses a new enrolment from a full session without the password, and keeps MFA required until a new code is confirmed', async () => {
    await createStaffUser({ t, email: 'reenrol@atrium.test', role: 'salesRep' });
    const { secret: own } = await enrolTotp(await t.login('reenrol@atrium.test'));
    const pending = await t.login('reenrol@atrium.test');
    const verified = await t.request('/api/auth/mfa/verify', {
      method: 'POST',
      cookie: pending,
      body: { code: await nextCode({ email: 'reenrol@atrium.test', secret: own }) },
    });
    const full = sessionCookieOf(verified) ?? '';
    expect((await t.request('/api/auth/mfa/enrol', { method: 'POST', cookie: full, body: {} })).status).toBe(
      401,
    );
    const enrol = await t.request('/api/auth/mfa/enrol', {
      method: 'POST',
      cookie: full,
      body: { password: demoPassword },
    });
    expect(enrol.status).toBe(200);
    const next = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'reenrol@atrium.test', password: demoPassword },
    });
    expect((await readBody(next)).data).toMatchObject({ mfaRequired: true });
  });

  it('keeps MFA required after a password reset', async () => {
    await createStaffUser({ t, email: 'mfareset@atrium.test', role: 'salesRep' });
    await enrolTotp(await t.login('mfareset@atrium.test'));
    const { token } = await requestResetToken('mfareset@atrium.test');
    expect((await resetPassword(token, 'reset but still two factors')).status).toBe(200);
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'mfareset@atrium.test', password: 'reset but still two factors' },
    });
    expect((await readBody(login)).data).toMatchObject({ mfaRequired: true });
    expect((await t.request('/api/me', { cookie: sessionCookieOf(login) ?? '' })).status).toBe(401);
  });

  it('throttles code guesses: 429 within 12 wrong codes', async () => {
    const pending = await t.login('mfa@atrium.test');
    let throttledAt = -1;
    for (let i = 0; i < 12 && throttledAt < 0; i += 1) {
      const response = await t.request('/api/auth/mfa/verify', {
        method: 'POST',
        cookie: pending,
        body: { code: String(100000 + i) },
      });
      if (response.status === 429) throttledAt = i;
      else expect(response.status).toBe(401);
    }
    expect(throttledAt).toBeGreaterThan(0);
    expect(throttledAt).toBeLessThanOrEqual(10);
  });
});

describe('E27 reset tokens', () => {
  it('mails a link of at least 112 bits under the configured public URL, even with a forged Host', async () => {
    await createStaffUser({ t, email: 'host@atrium.test', role: 'salesRep' });
    const { link, token } = await requestResetToken('host@atrium.test', {
      host: 'evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    });
    expect(link.startsWith(`${testOrigin}/reset-password?token=`)).toBe(true);
    expect(token.length * 5).toBeGreaterThanOrEqual(112);
  });

  it('stores only a hash of the token, valid for at most an hour', async () => {
    await createStaffUser({ t, email: 'hashed@atrium.test', role: 'salesRep' });
    const { token } = await requestResetToken('hashed@atrium.test');
    const user = await storedUser(t, 'hashed@atrium.test');
    const stored = (await storedRecords(t, 'atriumTokens')).filter((r) => r.subject === user.id);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    const [record] = stored;
    expect(Number(record?.expiresAt) - Number(record?.issuedAt)).toBeLessThanOrEqual(60 * 60 * 1000);
  });

  it('lets exactly one of 20 parallel resets with one token succeed', async () => {
    await createStaffUser({ t, email: 'race@atrium.test', role: 'salesRep' });
    const { token } = await requestResetToken('race@atrium.test');
    const passwords = Array.from({ length: 20 }, (_, i) => `parallel passphrase number ${i}`);
    const answers = await Promise.all(passwords.map((password) => resetPassword(token, password)));
    const winners = answers.flatMap((answer, i) => (answer.status === 200 ? [passwords[i] ?? ''] : []));
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 400)).toBe(true);
    expect((await t.login('race@atrium.test', winners[0])).length).toBeGreaterThan(0);
  }, 20_000);

  it('does not accept a reset token as an invitation token', async () => {
    await createStaffUser({ t, email: 'invite@atrium.test', role: 'salesRep' });
    const { token } = await requestResetToken('invite@atrium.test');
    const before = await storedUser(t, 'invite@atrium.test');
    const response = await t.request('/api/auth/invitation/accept', {
      method: 'POST',
      body: { token, password: 'an invitation passphrase' },
    });
    expect(response.status).toBe(400);
    expect(await storedUser(t, 'invite@atrium.test')).toEqual(before);
  });

  it('invalidates the older token when a newer one is issued', async () => {
    await createStaffUser({ t, email: 'newer@atrium.test', role: 'salesRep' });
    const older = await requestResetToken('newer@atrium.test');
    const newer = await requestResetToken('newer@atrium.test');
    expect((await resetPassword(older.token, 'older token passphrase')).status).toBe(400);
    expect((await resetPassword(newer.token, 'newer token passphrase')).status).toBe(200);
  });

  it('ends every session of the user at a reset', async () => {
    await createStaffUser({ t, email: 'resetends@atrium.test', role: 'salesRep' });
    const sessions = [await t.login('resetends@atrium.test'), await t.login('resetends@atrium.test')];
    const { token } = await requestResetToken('resetends@atrium.test');
    expect((await resetPassword(token, 'after the reset passphrase')).status).toBe(200);
    for (const cookie of sessions) expect((await t.request('/api/me', { cookie })).status).toBe(401);
  });

  it('invalidates an outstanding reset token when the password is changed', async () => {
    await createStaffUser({ t, email: 'changed@atrium.test', role: 'salesRep' });
    const { token } = await requestResetToken('changed@atrium.test');
    const cookie = await t.login('changed@atrium.test');
    const change = await t.request('/api/me/password', {
      method: 'POST',
      cookie,
      body: { currentPassword: demoPassword, newPassword: 'changed in the meantime' },
    });
    expect(change.status).toBe(200);
    expect((await resetPassword(token, 'attacker chosen passphrase')).status).toBe(400);
  });

  it('does not re-activate a deactivated user through a reset link mailed before', async () => {
    await createStaffUser({ t, email: 'deactivated@atrium.test', role: 'salesRep' });
    const { token } = await requestResetToken('deactivated@atrium.test');
    await setUser('deactivated@atrium.test', { active: false });
    await resetPassword(token, 'back from the dead passphrase');
    expect((await storedUser(t, 'deactivated@atrium.test')).active).toBe(false);
    const login = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'deactivated@atrium.test', password: 'back from the dead passphrase' },
    });
    expect(login.status).toBe(401);
  });
});

describe('E29 passwords', () => {
  let cookie: string;

  beforeAll(async () => {
    await createStaffUser({ t, email: 'passwords@atrium.test', role: 'salesRep' });
    cookie = await t.login('passwords@atrium.test');
  });

  let current = demoPassword;

  /** Changes the password of the test user; answers the status. */
  async function changeTo(password: string): Promise<number> {
    const response = await t.request('/api/me/password', {
      method: 'POST',
      cookie,
      body: { currentPassword: current, newPassword: password },
    });
    if (response.status === 200) current = password;
    return response.status;
  }

  /** A login attempt's status for the test user. */
  async function loginStatus(password: string): Promise<number> {
    const response = await t.request('/api/auth/login', {
      method: 'POST',
      body: { email: 'passwords@atrium.test', password },
    });
    return response.status;
  }

  it('accepts a 100-character password without truncation', async () => {
    const long = `${'correct horse battery staple '.repeat(3)}${'x'.repeat(13)}`;
    expect(long.length).toBe(100);
    expect(await changeTo(long)).toBe(200);
    expect(await loginStatus(long)).toBe(200);
    expect(await loginStatus(`${long.slice(0, 72)}${'y'.repeat(28)}`)).toBe(401);
    expect(await loginStatus(long.slice(0, 99))).toBe(401);
  });

  it('accepts a Unicode password and round-trips it', async () => {
    const unicode = 'Ünïcödé пароль 密码 🔐 ﬁne';
    expect(await changeTo(unicode)).toBe(200);
    expect(await loginStatus(unicode)).toBe(200);
    expect(await loginStatus('Unicode пароль 密码 🔐 ﬁne')).toBe(401);
  });

  it.each([
    ['a common password', 'password1'],
    ['another common password', 'Qwerty123'],
    ['a 300-character password', 'a1!'.repeat(100)],
    ['a password of 7 characters', 'abc-123'],
  ])('refuses %s, and the stored hash is unchanged', async (_, password) => {
    const before = String((await storedUser(t, 'passwords@atrium.test')).passwordHash);
    expect(await changeTo(password)).toBe(400);
    expect(String((await storedUser(t, 'passwords@atrium.test')).passwordHash)).toBe(before);
  });

  it('stores the hash as Argon2id with at least 19 MiB and t ≥ 2', async () => {
    const hash = String((await storedUser(t, 'passwords@atrium.test')).passwordHash);
    expect(hash.startsWith('$argon2id$')).toBe(true);
    const params = /\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
    expect(Number(params?.[1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(params?.[2])).toBeGreaterThanOrEqual(2);
  });
});
