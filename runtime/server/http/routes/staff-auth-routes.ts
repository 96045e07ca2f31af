import { type Context, Hono } from 'hono';
import { consumeOneTimeToken } from '../../../auth/one-time-token/consume-one-time-token.ts';
import { issueOneTimeToken } from '../../../auth/one-time-token/issue-one-time-token.ts';
import { revokeOneTimeTokens } from '../../../auth/one-time-token/revoke-one-time-tokens.ts';
import { dummyVerify } from '../../../auth/password/dummy-verify.ts';
import { verifyPassword } from '../../../auth/password/verify-password.ts';
import { createTotpEnrolment } from '../../../auth/totp/create-totp-enrolment.ts';
import { verifyTotp } from '../../../auth/totp/verify-totp.ts';
import { generateRecoveryCodes } from '../../../auth/totp/generate-recovery-codes.ts';
import { consumeRecoveryCode } from '../../../auth/totp/consume-recovery-code.ts';
import { createError } from '../../../core/errors.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { auditAuthEvent } from '../../identity/audit-auth-event.ts';
import { findUserByLogin } from '../../identity/find-user-by-login.ts';
import { loginKey } from '../../identity/login-key.ts';
import { setUserPassword } from '../../identity/set-user-password.ts';
import type { Runtime } from '../../runtime-types.ts';
import { clientAddress } from '../client-address.ts';
import { invalidRequest, unauthenticated } from '../http-errors.ts';
import { readJsonBody } from '../read-json-body.ts';
import { sessionCookie } from '../session-cookie.ts';

const invalidCredentials = createError({ code: 'INVALID_CREDENTIALS', status: 401 });
const tooManyAttempts = createError({ code: 'TOO_MANY_ATTEMPTS', status: 429 });
const invalidToken = createError({ code: 'INVALID_TOKEN', status: 400 });
const invalidCode = createError({ code: 'INVALID_CODE', status: 401 });

const everything = { kind: 'true' } as const;
const resetTtlMs = 60 * 60 * 1000;

function stringField(body: unknown, name: string, maxLength = 1024): string {
  const value =
    body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw invalidRequest(`${name} must be a non-empty string`);
  }
  return value;
}

function publicUser(user: RecordDoc) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role ?? null,
    mfaEnabled: user.mfaEnabled === true,
  };
}

const decodeSecret = (user: RecordDoc) => new Uint8Array(Buffer.from(String(user.mfaSecret ?? ''), 'base64'));

/**
 * `/api/auth/*` for staff: login (with TOTP when enabled or required), logout, MFA enrolment and
 * verification, password reset by mail, invitation acceptance. Answers never reveal whether an
 * account exists.
 */
export function staffAuthRoutes(runtime: Runtime): Hono {
  const routes = new Hono();
  const cookie = sessionCookie({ audience: 'staff', publicUrl: runtime.publicUrl });
  const now = () => new Date(runtime.clock.now());
  const audit = (c: Context, action: string, userId: string | null) =>
    auditAuthEvent({
      store: runtime.store,
      action,
      userId,
      audience: 'staff',
      address: clientAddress(c),
      at: now(),
    });
  const updateUser = (user: RecordDoc, set: Record<string, unknown>, expectedVersion?: number) =>
    runtime.store.update({
      module: 'atriumUsers',
      id: user.id,
      where: everything,
      expectedVersion,
      set,
      updatedAt: now().toISOString(),
      updatedBy: user.id,
    });
  const startSession = async (c: Context, user: RecordDoc, isMfaPending: boolean) => {
    const { token, session } = await runtime.staffSessions.create({
      userId: user.id,
      audience: 'staff',
      isMfaPending,
    });
    cookie.set(c, { token, expiresAt: session.absoluteExpiresAt });
  };

  routes.post('/login', async (c) => {
    const body = await readJsonBody(c);
    const email = stringField(body, 'email', 320);
    const password = stringField(body, 'password');
    const accountKey = loginKey({ audience: 'staff', login: email });
    const addressKey = clientAddress(c);
    for (const decision of [
      runtime.throttles.account.check(accountKey),
      runtime.throttles.address.check(addressKey),
    ]) {
      if (!decision.allowed) {
        c.header('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)));
        throw tooManyAttempts('Too many attempts; try again later');
      }
    }
    const user = await findUserByLogin({ store: runtime.store, audience: 'staff', login: email });
    const isUsable = user?.active === true && typeof user.passwordHash === 'string';
    const isValid = isUsable
      ? await verifyPassword({ hash: String(user.passwordHash), password })
      : await dummyVerify(password);
    if (!user || !isValid) {
      runtime.throttles.account.fail(accountKey);
      runtime.throttles.address.fail(addressKey);
      await audit(c, 'login.failed', user?.id ?? null);
      throw invalidCredentials('Email or password is wrong');
    }
    runtime.throttles.account.succeed(accountKey);
    const needsMfa = user.mfaEnabled === true || user.mfaRequired === true;
    await startSession(c, user, needsMfa);
    await audit(c, needsMfa ? 'login.mfaPending' : 'login', user.id);
    if (needsMfa) return c.json({ data: { mfaRequired: true, enrolmentRequired: user.mfaEnabled !== true } });
    return c.json({ data: { mfaRequired: false, user: publicUser(user) } });
  });

  routes.post('/logout', async (c) => {
    const token = cookie.read(c);
    const session = token
      ? await runtime.staffSessions.validate({ token, audience: 'staff', allowMfaPending: true })
      : null;
    if (session)
      await runtime.staffSessions.invalidateAllForUser({ userId: session.userId, audience: 'staff' });
    else if (token) await runtime.staffSessions.invalidate(token);
    cookie.clear(c);
    return c.json({ data: { loggedOut: true } });
  });

  /** The user of the current session, full or MFA-pending. */
  const sessionUser = async (c: Context, allowMfaPending: boolean) => {
    const token = cookie.read(c);
    const session = token
      ? await runtime.staffSessions.validate({ token, audience: 'staff', allowMfaPending })
      : null;
    const user = session
      ? await runtime.store.get({ module: 'atriumUsers', id: session.userId, where: everything })
      : null;
    if (!token || !session || !user || user.active !== true) throw unauthenticated('Log in first');
    return { token, session, user };
  };

  routes.post('/mfa/verify', async (c) => {
    const code = stringField(await readJsonBody(c), 'code', 40);
    const { token, session, user } = await sessionUser(c, true);
    if (!session.isMfaPending || user.mfaEnabled !== true)
      throw invalidRequest('No second factor is pending');
    const key = `mfa|${user.id}`;
    if (!runtime.throttles.account.check(key).allowed)
      throw tooManyAttempts('Too many attempts; try again later');
    const remaining = code.includes('-')
      ? consumeRecoveryCode({ hashes: (user.recoveryCodes as string[] | undefined) ?? [], code })
      : null;
    const totp = remaining
      ? null
      : verifyTotp({
          secret: decodeSecret(user),
          code,
          clock: runtime.clock,
          lastUsedStep: Number(user.mfaLastStep ?? -1),
        });
    const set = remaining ? { recoveryCodes: remaining } : totp?.ok ? { mfaLastStep: totp.step } : undefined;
    // Compare-and-set on the user's version: of two requests with one code, only one gets through.
    if (!set || (await updateUser(user, set, user.version)).kind !== 'updated') {
      runtime.throttles.account.fail(key);
      await audit(c, 'mfa.failed', user.id);
      throw invalidCode('The code is not valid');
    }
    runtime.throttles.account.succeed(key);
    const completed = await runtime.staffSessions.completeMfa({ token, audience: 'staff' });
    if (!completed) throw unauthenticated('Log in first');
    cookie.set(c, { token: completed.token, expiresAt: completed.session.absoluteExpiresAt });
    await audit(c, 'login', user.id);
    return c.json({ data: { mfaRequired: false, user: publicUser(user) } });
  });

  routes.post('/mfa/enrol', async (c) => {
    const body = await readJsonBody(c);
    const { session, user } = await sessionUser(c, true);
    if (session.isMfaPending && user.mfaEnabled === true) throw invalidRequest('Verify your code first');
    // A full session must prove the password again: a stolen cookie alone cannot replace the second factor.
    if (!session.isMfaPending) {
      const password =
        body !== null && typeof body === 'object' ? (body as Record<string, unknown>).password : undefined;
      const isValid =
        typeof password === 'string' &&
        (await verifyPassword({ hash: String(user.passwordHash ?? ''), password }));
      if (!isValid) throw invalidCredentials('The password is wrong');
    }
    const enrolment = createTotpEnrolment({
      issuer: runtime.getApp().app.label,
      accountName: String(user.email),
    });
    await updateUser(user, { mfaPendingSecret: Buffer.from(enrolment.secret).toString('base64') });
    await audit(c, 'mfa.enrolStarted', user.id);
    return c.json({ data: { uri: enrolment.uri } });
  });

  routes.post('/mfa/enable', async (c) => {
    const code = stringField(await readJsonBody(c), 'code', 40);
    const { token, session, user } = await sessionUser(c, true);
    if (!user.mfaPendingSecret) throw invalidRequest('Start enrolment first');
    const secret = new Uint8Array(Buffer.from(String(user.mfaPendingSecret), 'base64'));
    const totp = verifyTotp({ secret, code, clock: runtime.clock });
    if (!totp.ok) throw invalidCode('The code is not valid');
    const recovery = generateRecoveryCodes();
    await updateUser(user, {
      mfaEnabled: true,
      mfaSecret: user.mfaPendingSecret,
      mfaPendingSecret: null,
      mfaLastStep: totp.step,
      recoveryCodes: recovery.hashes,
    });
    await runtime.staffSessions.invalidateAllForUser({
      userId: user.id,
      audience: 'staff',
      exceptToken: token,
    });
    if (session.isMfaPending) {
      const completed = await runtime.staffSessions.completeMfa({ token, audience: 'staff' });
      if (completed)
        cookie.set(c, { token: completed.token, expiresAt: completed.session.absoluteExpiresAt });
    }
    await audit(c, 'mfa.enabled', user.id);
    return c.json({ data: { recoveryCodes: recovery.codes } });
  });

  routes.post('/password/forgot', async (c) => {
    const email = stringField(await readJsonBody(c), 'email', 320);
    const user = await findUserByLogin({ store: runtime.store, audience: 'staff', login: email });
    if (user?.active === true) {
      const token = await issueOneTimeToken({
        store: runtime.tokens,
        purpose: 'passwordReset',
        subject: user.id,
        ttlMs: resetTtlMs,
        clock: runtime.clock,
      });
      const link = `${runtime.publicUrl}/reset-password?token=${token}`;
      await runtime.mailer.send({
        to: String(user.email),
        subject: 'Reset your password',
        text: `Someone asked to reset the password of your account. If it was you, open this link within an hour:\n\n${link}\n\nIf it was not you, ignore this mail.`,
        purpose: 'passwordReset',
      });
    }
    await audit(c, 'password.resetRequested', user?.id ?? null);
    return c.json({ data: { sent: true } }, 202);
  });

  const acceptPasswordToken = (purpose: 'passwordReset' | 'invitation') => async (c: Context) => {
    const body = await readJsonBody(c);
    const token = stringField(body, 'token', 200);
    const password =
      body !== null && typeof body === 'object' ? (body as Record<string, unknown>).password : undefined;
    const claim = await consumeOneTimeToken({ store: runtime.tokens, purpose, token, clock: runtime.clock });
    const user = claim
      ? await runtime.store.get({ module: 'atriumUsers', id: claim.subject, where: everything })
      : null;
    if (!claim || !user || user.audience !== 'staff')
      throw invalidToken('The link is invalid or has expired');
    await setUserPassword({ store: runtime.store, user, password, at: now() });
    await runtime.staffSessions.invalidateAllForUser({ userId: user.id, audience: 'staff' });
    await revokeOneTimeTokens({ store: runtime.tokens, purpose: 'passwordReset', subject: user.id });
    await audit(c, purpose === 'invitation' ? 'invitation.accepted' : 'password.reset', user.id);
    return c.json({ data: { passwordSet: true } });
  };
  routes.post('/password/reset', acceptPasswordToken('passwordReset'));
  routes.post('/invitation/accept', acceptPasswordToken('invitation'));

  return routes;
}
