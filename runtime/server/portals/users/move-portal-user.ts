import type { SessionAudience } from '../../../auth/session/types.ts';
import type { RecordDoc } from '../../../store/types.ts';
import { auditAuthEvent } from '../../identity/audit-auth-event.ts';
import { loginKey } from '../../identity/login-key.ts';
import { versionConflict } from '../../records/record-errors.ts';
import type { Runtime } from '../../runtime-types.ts';
import { assertPortalUserFree } from './assert-portal-user-free.ts';
import { auditPortalUserChange } from './audit-portal-user-change.ts';
import { endPortalUserAccess } from './end-portal-user-access.ts';
import type { PortalUserActor } from './portal-user-actor.ts';
import { portalUserStateConflict } from './portal-user-errors.ts';
import { portalUserLogin } from './portal-user-login.ts';
import { previewPortalUserMove } from './preview-portal-user-move.ts';
import { sendPortalInvitation } from './send-portal-invitation.ts';

/**
 * Moves a portal user to another portal type (ANCHORS §4(b).7, seed: Zoho) after the checks of
 * `previewPortalUserMove`: same user id, identity record, accounts, overrides and credentials
 * (password hash, MFA); new `audience` and `loginKey`, and the named group (else the target's
 * default). 409 when the identity record is gone, already has a user of the target type, or the
 * login is taken there — checked in the writing transaction. The user's sessions and outstanding
 * links end; a user who never accepted its invitation gets a new one for the target type. Audited
 * (`portalUser.moved`, from/to types) in the change log and as an auth event.
 */
export async function movePortalUser(args: {
  runtime: Runtime;
  actor: PortalUserActor;
  id: string;
  toPortalType: unknown;
  group?: unknown;
}): Promise<RecordDoc> {
  const { runtime, actor } = args;
  const { user, from, to, group } = await previewPortalUserMove(args);
  const recordId = String(user.recordId ?? '');
  const identity = await runtime.store.get({
    module: to.principalModule,
    id: recordId,
    where: { kind: 'true' },
  });
  if (!identity) throw portalUserStateConflict('The user’s identity record no longer exists');
  const fromAudience = String(user.audience) as SessionAudience;
  const toAudience: SessionAudience = `portal:${to.name}`;
  const login = portalUserLogin(user);
  const at = new Date(runtime.clock.now());
  const moved = await runtime.store.transaction(async (tx) => {
    await assertPortalUserFree({ tx, audience: toAudience, recordId, login, exceptUserId: user.id });
    const result = await tx.update({
      module: 'atriumUsers',
      id: user.id,
      where: { kind: 'true' },
      expectedVersion: user.version,
      set: {
        audience: toAudience,
        loginKey: loginKey({ audience: toAudience, login }),
        ...(group ? { permissionGroup: group } : {}),
      },
      unset: group ? [] : ['permissionGroup'],
      updatedAt: at.toISOString(),
      updatedBy: actor.principal.id,
    });
    if (result.kind !== 'updated')
      throw versionConflict('The portal user changed meanwhile; reload and try again');
    await auditPortalUserChange({
      tx,
      actor,
      action: 'portalUser.moved',
      userId: user.id,
      changes: {
        portalType: { from, to: to.name },
        audience: { from: fromAudience, to: toAudience },
        permissionGroup: { from: user.permissionGroup ?? null, to: group ?? null },
      },
      at,
    });
    return result.record;
  });
  await endPortalUserAccess({ runtime, userId: user.id, audience: fromAudience, revokeLinks: true });
  await auditAuthEvent({
    store: runtime.store,
    action: 'portalUser.moved',
    userId: user.id,
    audience: toAudience,
    address: actor.address,
    at,
  });
  if (typeof moved.passwordHash !== 'string' && moved.active === true && typeof moved.email === 'string')
    await sendPortalInvitation({ runtime, user: moved });
  return moved;
}
