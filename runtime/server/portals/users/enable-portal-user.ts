import { checkPasswordPolicy } from '../../../auth/password/check-password-policy.ts';
import { hashPassword } from '../../../auth/password/hash-password.ts';
import type { SessionAudience } from '../../../auth/session/types.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { createUser } from '../../identity/create-user.ts';
import { weakPassword } from '../../identity/set-user-password.ts';
import { badRequest } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';
import { assertPortalUserFree } from './assert-portal-user-free.ts';
import { auditPortalUserChange } from './audit-portal-user-change.ts';
import type { PortalUserActor } from './portal-user-actor.ts';
import { loginAndPasswordNeeded } from './portal-user-errors.ts';
import { readIdentityRecord } from './read-identity-record.ts';
import { readPortalUserSettings } from './read-portal-user-settings.ts';
import { requirePortalType } from './require-portal-type.ts';
import { type InvitationOutcome, sendPortalInvitation } from './send-portal-invitation.ts';

/** What staff send to enable a record as a portal user; checked here, so routes pass the body through. */
export type EnablePortalUserRequest = {
  portalType: unknown;
  recordId: unknown;
  /** A username or other login; defaults to the record's `loginField`. */
  login?: unknown;
  /** An initial password staff hand over; required when the record has no email. */
  password?: unknown;
  /** Defaults to true when the user has an email and no initial password. */
  sendInvitation?: unknown;
  /** `seesWholeAccount`, `permissionGroup`, support dates, `mfaRequired`, `componentOverrides`. */
  settings: Record<string, unknown>;
};

const loginPattern = /^[^\s\p{Cc}\p{Cf}]{3,254}$/u;

function readLogin(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !loginPattern.test(value.trim()))
    throw badRequest('login must be 3–254 characters without spaces', { field: 'login' });
  return value.trim();
}

async function hashInitialPassword(args: {
  password: unknown;
  minLength: number | undefined;
  login: string;
  email: string | undefined;
}): Promise<string | undefined> {
  const { password } = args;
  if (password === undefined) return undefined;
  if (typeof password !== 'string') throw weakPassword('password must be a string');
  const problems = checkPasswordPolicy({
    password,
    minLength: args.minLength,
    context: { username: args.login, ...(args.email ? { email: args.email } : {}) },
  });
  if (problems.length > 0)
    throw weakPassword(problems.map((p) => p.message).join(' '), { problems: problems.map((p) => p.code) });
  return hashPassword(password);
}

/**
 * Enables one record of a portal type's `principalModule` as a portal user (DESIGN §6): the login is
 * the record's `loginField` unless staff give one; a record without email needs a login and an
 * initial password (policy-checked, stored as Argon2id); `accountId` comes from the record's
 * `accountPath`. Refuses (409) a record that already has a user of the type and a login taken in the
 * audience, checked in the writing transaction. With an email and no password an invitation is
 * mailed (see `sendPortalTokenMail`); a mail failure leaves the user in place and answers `failed`.
 * The creation is audited with the acting principal and address.
 */
export async function enablePortalUser(args: {
  runtime: Runtime;
  actor: PortalUserActor;
  request: EnablePortalUserRequest;
}): Promise<{ user: RecordDoc; invitation: InvitationOutcome }> {
  const { runtime, actor, request } = args;
  const app = runtime.getApp();
  const portalType = requirePortalType({ app, name: request.portalType });
  const identity = await readIdentityRecord({
    store: runtime.store,
    app,
    portalType,
    recordId: request.recordId,
  });
  const login = readLogin(request.login) ?? identity.login;
  if (!login || (!identity.email && request.password === undefined))
    throw loginAndPasswordNeeded(
      'This record has no email: give a login and an initial password to hand over',
      { fields: ['login', 'password'] },
    );
  if (request.sendInvitation !== undefined && typeof request.sendInvitation !== 'boolean')
    throw badRequest('sendInvitation must be true or false', { field: 'sendInvitation' });
  const isInviting =
    request.sendInvitation ?? (identity.email !== undefined && request.password === undefined);
  if (isInviting && (!identity.email || request.password !== undefined))
    throw badRequest('An invitation needs an email and no initial password', { field: 'sendInvitation' });
  const settings = readPortalUserSettings({ portalType, input: request.settings });
  const passwordHash = await hashInitialPassword({
    password: request.password,
    minLength: portalType.auth.passwordMinLength,
    login,
    email: identity.email,
  });
  const audience: SessionAudience = `portal:${portalType.name}`;
  const recordId = identity.record.id;
  const at = new Date(runtime.clock.now());
  const user = await runtime.store.transaction(async (tx) => {
    await assertPortalUserFree({ tx, audience, recordId, login });
    const created = await createUser({
      store: tx,
      user: {
        audience,
        email: login,
        name: identity.name,
        passwordHash,
        recordId,
        accountId: identity.accountId,
      },
      createdBy: actor.principal.id,
      at,
    });
    const set = {
      ...settings.set,
      ...(identity.email && identity.email !== login ? { email: identity.email } : {}),
    };
    const unset = identity.email ? [] : ['email'];
    const result =
      Object.keys(set).length + unset.length > 0
        ? await tx.update({
            module: 'atriumUsers',
            id: created.id,
            where: { kind: 'true' },
            set,
            unset,
            updatedAt: at.toISOString(),
            updatedBy: actor.principal.id,
          })
        : ({ kind: 'updated', record: created } as const);
    if (result.kind !== 'updated') throw new Error('a portal user vanished while it was being created');
    const values = { audience, login, recordId, accountId: identity.accountId, ...settings.set };
    await auditPortalUserChange({
      tx,
      actor,
      action: 'portalUser.enabled',
      userId: created.id,
      changes: {
        ...Object.fromEntries(
          Object.entries(values).map(([key, to]) => [key, { from: null, to: to ?? null }]),
        ),
        hasPassword: { from: null, to: passwordHash !== undefined },
      },
      at,
    });
    return result.record;
  });
  return { user, invitation: isInviting ? await sendPortalInvitation({ runtime, user }) : 'none' };
}
