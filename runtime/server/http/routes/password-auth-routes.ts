import { badRequest } from '../../records/record-errors.ts';
import { type Context, type Env, Hono } from 'hono';
import { consumeOneTimeToken } from '../../../auth/one-time-token/consume-one-time-token.ts';
import { issueOneTimeToken } from '../../../auth/one-time-token/issue-one-time-token.ts';
import { peekOneTimeToken } from '../../../auth/one-time-token/peek-one-time-token.ts';
import { revokeOneTimeTokens } from '../../../auth/one-time-token/revoke-one-time-tokens.ts';
import type { OneTimeTokenData } from '../../../auth/one-time-token/types.ts';
import { checkPasswordPolicy } from '../../../auth/password/check-password-policy.ts';
import { dummyVerify } from '../../../auth/password/dummy-verify.ts';
import { verifyPassword } from '../../../auth/password/verify-password.ts';
import type { SessionAudience, SessionManager } from '../../../auth/session/types.ts';
import type { ThrottleDecision } from '../../../auth/throttle/types.ts';
import { consumeRecoveryCode } from '../../../auth/totp/consume-recovery-code.ts';
import { createTotpEnrolment } from '../../../auth/totp/create-totp-enrolment.ts';
import { generateRecoveryCodes } from '../../../auth/totp/generate-recovery-codes.ts';
import { verifyTotp } from '../../../auth/totp/verify-totp.ts';
import { createError } from '../../../core/errors.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { auditAuthEvent } from '../../identity/audit-auth-event.ts';
import { findUserByLogin } from '../../identity/find-user-by-login.ts';
import { loginKey } from '../../identity/login-key.ts';
import { setUserPassword, weakPassword } from '../../identity/set-user-password.ts';
import type { Runtime } from '../../runtime-types.ts';
import { clientAddress } from '../client-address.ts';
import { unauthenticated, invalidCredentials } from '../http-errors.ts';
import { readJsonBody } from '../read-json-body.ts';
import { readStringFields } from '../read-string-fields.ts';
import { sessionCookie } from '../session-cookie.ts';

const tooManyAttempts = createError({ code: 'TOO_MANY_ATTEMPTS', status: 429 });
const invalidToken = createError({ code: 'INVALID_TOKEN', status: 400 });
const invalidCode = createError({ code: 'INVALID_CODE', status: 401 });

const anyRecord = { kind: 'true' } as const;
const resetTtlMs = 60 * 60 * 1000;

/**
 * One audience's password login, as `passwordAuthRoutes` needs it; resolved per request (a portal
 * type's settings can change with the metadata).
 */
export type PasswordAuthAudience = {
  audience: SessionAudience;
  sessions: SessionManager;
  /** Where reset links point, without the query: e.g. `https://crm.example/portal/client/reset-password`. */
  resetPageUrl: string;
  /** The issuer shown in authenticator apps. */
  mfaIssuer: string;
  /** Raises the password policy's minimum length (never lowers it). */
  passwordMinLength?: number;
  /**
   * Beyond being active with a password: may this user have a session now (e.g. a portal user
   * inside its support dates)? A user who may not is answered exactly like a wrong password.
   */
  canLogIn: (user: RecordDoc) => boolean;
  /** Whether the second factor is required at login (enabled by the user, or required for it). */
  needsMfa: (user: RecordDoc) => boolean;
  /** Whether a reset or invitation token's data fits this audience (e.g. names this portal type). */
  acceptsTokenData: (data: OneTimeTokenData) => boolean;
  /** What the client is told about the logged-in user: never secrets. */
  describeUser: (user: RecordDoc) => Record<string, unknown>;
};

function refuseWhenLocked(c: Context, decisions: readonly ThrottleDecision[]): void {
  const refused = decisions.find((decision) => !decision.allowed);
  if (!refused) return;
  c.header('Retry-After', String(Math.ceil(refused.retryAfterMs / 1000)));
  throw tooManyAttempts('Too many attempts; try again later');
}

const mfaSecretOf = (user: RecordDoc) => new Uint8Array(Buffer.from(String(user.mfaSecret ?? ''), 'base64'));

/**
 * Password authentication for one audience at a time (DESIGN §9), resolved per request by
 * `resolve`: `POST login`, `logout`, `mfa/verify`, `mfa/enrol`, `mfa/enable`, `password/forgot`,
 * `password/reset`, `invitation/accept`.
 *
 * - Login is throttled per account (login key of the audience) and per client address, and answers
 *   a missing, deactivated or not-allowed user (`canLogIn`) exactly like a wrong password, after the
 *   same Argon2 work. With a second factor due, the session starts MFA-pending: only `mfa/*` works.
 * - Reset and invitation tokens are checked (purpose, audience, `acceptsTokenData`) and the new
 *   password against the policy before the token is spent; a typo does not burn the link.
 * - Mail failures on `password/forgot` are logged, never shown: the answer is always 202.
 */
export function passwordAuthRoutes<E extends Env>(args: {
  runtime: Runtime;
  resolve: (c: Context<E>) => PasswordAuthAudience;
}): Hono<E> {
  const { runtime } = args;
  const routes = new Hono<E>();
  const now = () => new Date(runtime.clock.now());
  const cookieOf = (target: PasswordAuthAudience) =>
    sessionCookie({ audience: target.audience, publicUrl: runtime.publicUrl });
  const audit = (c: Context<E>, target: PasswordAuthAudience, action: string, userId: string | null) =>
    auditAuthEvent({
      store: runtime.store,
      action,
      userId,
      audience: target.audience,
      address: clientAddress(c),
      at: now(),
    });
  const updateUser = (user: RecordDoc, set: Record<string, unknown>, expectedVersion?: number) =>
    runtime.store.update({
      module: 'atriumUsers',
      id: user.id,
      where: anyRecord,
      expectedVersion,
      set,
      updatedAt: now().toISOString(),
      updatedBy: user.id,
    });
  const loadUser = (id: string) => runtime.store.get({ module: 'atriumUsers', id, where: anyRecord });

  /** The user of the current session (full, or MFA-pending when allowed), still allowed to log in. */
  const sessionUser = async (c: Context<E>, target: PasswordAuthAudience) => {
    const token = cookieOf(target).read(c);
    const session = token
      ? await target.sessions.validate({ token, audience: target.audience, allowMfaPending: true })
      : null;
    const user = session ? await loadUser(session.userId) : null;
    const isAllowed = user?.audience === target.audience && user.active === true && target.canLogIn(user);
    if (!token || !session || !user || !isAllowed) throw unauthenticated('Log in first');
    return { token, session, user };
  };

  routes.post('/login', async (c) => {
    const target = args.resolve(c);
    const { email, password } = readStringFields({
      body: await readJsonBody(c),
      limits: { email: 320, password: 1024 },
    });
    const accountKey = loginKey({ audience: target.audience, login: email });
    const addressKey = clientAddress(c);
    refuseWhenLocked(c, [
      runtime.throttles.account.check(accountKey),
      runtime.throttles.address.check(addressKey),
    ]);
    const user = await findUserByLogin({ store: runtime.store, audience: target.audience, login: email });
    const isUsable = user?.active === true && typeof user.passwordHash === 'string' && target.canLogIn(user);
    const isValid = isUsable
      ? await verifyPassword({ hash: String(user.passwordHash), password })
      : await dummyVerify(password);
    if (!user || !isUsable || !isValid) {
      runtime.throttles.account.fail(accountKey);
      runtime.throttles.address.fail(addressKey);
      await audit(c, target, 'login.failed', user?.id ?? null);
      throw invalidCredentials('Email or password is wrong');
    }
    runtime.throttles.account.succeed(accountKey);
    const isMfaPending = target.needsMfa(user);
    const { token, session } = await target.sessions.create({
      userId: user.id,
      audience: target.audience,
      isMfaPending,
    });
    cookieOf(target).set(c, { token, expiresAt: session.absoluteExpiresAt });
    await audit(c, target, isMfaPending ? 'login.mfaPending' : 'login', user.id);
    if (isMfaPending)
      return c.json({ data: { mfaRequired: true, enrolmentRequired: user.mfaEnabled !== true } });
    return c.json({ data: { mfaRequired: false, user: target.describeUser(user) } });
  });

  routes.post('/logout', async (c) => {
    const target = args.resolve(c);
    const cookie = cookieOf(target);
    const token = cookie.read(c);
    const session = token
      ? await target.sessions.validate({ token, audience: target.audience, allowMfaPending: true })
      : null;
    // Logging out ends every session of the user in this audience, not only this one.
    if (session)
      await target.sessions.invalidateAllForUser({ userId: session.userId, audience: target.audience });
    else if (token) await target.sessions.invalidate(token);
    cookie.clear(c);
    return c.json({ data: { loggedOut: true } });
  });

  routes.post('/mfa/verify', async (c) => {
    const target = args.resolve(c);
    const { code } = readStringFields({ body: await readJsonBody(c), limits: { code: 40 } });
    const { token, session, user } = await sessionUser(c, target);
    if (!session.isMfaPending || user.mfaEnabled !== true) throw badRequest('No second factor is pending');
    const key = `mfa|${user.id}`;
    refuseWhenLocked(c, [runtime.throttles.account.check(key)]);
    const remaining = code.includes('-')
      ? consumeRecoveryCode({ hashes: (user.recoveryCodes as string[] | undefined) ?? [], code })
      : null;
    const totp = remaining
      ? null
      : verifyTotp({
          secret: mfaSecretOf(user),
          code,
          clock: runtime.clock,
          lastUsedStep: Number(user.mfaLastStep ?? -1),
        });
    const set = remaining ? { recoveryCodes: remaining } : totp?.ok ? { mfaLastStep: totp.step } : undefined;
    // Compare-and-set on the user's version: of two requests with one code, only one gets through.
    if (!set || (await updateUser(user, set, user.version)).kind !== 'updated') {
      runtime.throttles.account.fail(key);
      await audit(c, target, 'mfa.failed', user.id);
      throw invalidCode('The code is not valid');
    }
    runtime.throttles.account.succeed(key);
    const completed = await target.sessions.completeMfa({ token, audience: target.audience });
    if (!completed) throw unauthenticated('Log in first');
    cookieOf(target).set(c, { token: completed.token, expiresAt: completed.session.absoluteExpiresAt });
    await audit(c, target, 'login', user.id);
    return c.json({ data: { mfaRequired: false, user: target.describeUser(user) } });
  });

  routes.post('/mfa/enrol', async (c) => {
    const target = args.resolve(c);
    const { session, user } = await sessionUser(c, target);
    if (session.isMfaPending && user.mfaEnabled === true) throw badRequest('Verify your code first');
    // A full session proves the password again: a stolen cookie alone cannot replace the second factor.
    if (!session.isMfaPending) {
      const body = await readJsonBody(c);
      const password =
        body !== null && typeof body === 'object' ? (body as Record<string, unknown>).password : undefined;
      const isValid =
        typeof password === 'string' &&
        (await verifyPassword({ hash: String(user.passwordHash ?? ''), password }));
      if (!isValid) throw invalidCredentials('The password is wrong');
    }
    const enrolment = createTotpEnrolment({ issuer: target.mfaIssuer, accountName: String(user.email) });
    // The new secret waits until a code from it is confirmed; MFA stays as it was meanwhile.
    await updateUser(user, { mfaPendingSecret: Buffer.from(enrolment.secret).toString('base64') });
    await audit(c, target, 'mfa.enrolStarted', user.id);
    return c.json({ data: { uri: enrolment.uri } });
  });

  routes.post('/mfa/enable', async (c) => {
    const target = args.resolve(c);
    const { code } = readStringFields({ body: await readJsonBody(c), limits: { code: 40 } });
    const { token, session, user } = await sessionUser(c, target);
    if (!user.mfaPendingSecret) throw badRequest('Start enrolment first');
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
    await target.sessions.invalidateAllForUser({
      userId: user.id,
      audience: target.audience,
      exceptToken: token,
    });
    if (session.isMfaPending) {
      const completed = await target.sessions.completeMfa({ token, audience: target.audience });
      if (completed)
        cookieOf(target).set(c, { token: completed.token, expiresAt: completed.session.absoluteExpiresAt });
    }
    await audit(c, target, 'mfa.enabled', user.id);
    return c.json({ data: { recoveryCodes: recovery.codes } });
  });

  routes.post('/password/forgot', async (c) => {
    const target = args.resolve(c);
    const { email } = readStringFields({ body: await readJsonBody(c), limits: { email: 320 } });
    // Every request counts, whether or not the account exists: the limits say nothing about existence.
    const accountKey = `reset|${loginKey({ audience: target.audience, login: email })}`;
    const addressKey = `reset|${clientAddress(c)}`;
    refuseWhenLocked(c, [
      runtime.throttles.account.check(accountKey),
      runtime.throttles.address.check(addressKey),
    ]);
    runtime.throttles.account.fail(accountKey);
    runtime.throttles.address.fail(addressKey);
    const user = await findUserByLogin({ store: runtime.store, audience: target.audience, login: email });
    if (user?.active === true && target.canLogIn(user)) {
      const token = await issueOneTimeToken({
        store: runtime.tokens,
        purpose: 'passwordReset',
        subject: user.id,
        ttlMs: resetTtlMs,
        clock: runtime.clock,
      });
      const link = `${target.resetPageUrl}?token=${token}`;
      // Not awaited: the answer must not take longer for an existing account than for a missing one.
      void runtime.mailer
        .send({
          to: String(user.email),
          subject: 'Reset your password',
          text: `Someone asked to reset the password of your account. If it was you, open this link within an hour:\n\n${link}\n\nIf it was not you, ignore this mail.`,
          purpose: 'passwordReset',
        })
        .catch((error: unknown) => console.error('password reset mail not sent:', error));
    }
    await audit(c, target, 'password.resetRequested', user?.id ?? null);
    return c.json({ data: { sent: true } }, 202);
  });

  const acceptPasswordToken = (purpose: 'passwordReset' | 'invitation') => async (c: Context<E>) => {
    const target = args.resolve(c);
    const { token, password } = readStringFields({
      body: await readJsonBody(c),
      limits: { token: 200, password: 4096 },
    });
    const peeked = await peekOneTimeToken({ store: runtime.tokens, purpose, token, clock: runtime.clock });
    const user = peeked ? await loadUser(peeked.subject) : null;
    const fits =
      peeked !== null &&
      user?.audience === target.audience &&
      target.acceptsTokenData(peeked.data) &&
      (purpose === 'invitation' || user.active === true);
    if (!user || !fits) throw invalidToken('The link is invalid or has expired');
    const problems = checkPasswordPolicy({
      password,
      minLength: target.passwordMinLength,
      context: { email: String(user.email ?? '') },
    });
    if (problems.length > 0)
      throw weakPassword(problems.map((p) => p.message).join(' '), { problems: problems.map((p) => p.code) });
    const claim = await consumeOneTimeToken({ store: runtime.tokens, purpose, token, clock: runtime.clock });
    if (!claim || claim.subject !== user.id) throw invalidToken('The link is invalid or has expired');
    await setUserPassword({ store: runtime.store, user, password, at: now() });
    await target.sessions.invalidateAllForUser({ userId: user.id, audience: target.audience });
    await revokeOneTimeTokens({ store: runtime.tokens, purpose: 'passwordReset', subject: user.id });
    await revokeOneTimeTokens({ store: runtime.tokens, purpose: 'invitation', subject: user.id });
    await audit(c, target, purpose === 'invitation' ? 'invitation.accepted' : 'password.reset', user.id);
    return c.json({ data: { passwordSet: true } });
  };
  routes.post('/password/reset', acceptPasswordToken('passwordReset'));
  routes.post('/invitation/accept', acceptPasswordToken('invitation'));

  return routes;
}
