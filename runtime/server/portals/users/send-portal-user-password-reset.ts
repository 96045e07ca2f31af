import type { Runtime } from '../../runtime-types.ts';
import { auditPortalUserChange } from './audit-portal-user-change.ts';
import { findPortalUser } from './find-portal-user.ts';
import type { PortalUserActor } from './portal-user-actor.ts';
import { portalUserStateConflict } from './portal-user-errors.ts';
import { sendPortalTokenMail } from './send-portal-token-mail.ts';

/**
 * Staff-triggered password reset: mails the portal user a one-hour reset link
 * (`/portal/<type>/reset-password?token=…`, purpose `passwordReset`); the password itself stays until
 * the user uses the link. A deactivated user, or one without email, is a 409 (activate it first, so a
 * reset can never reactivate it). Audited.
 */
export async function sendPortalUserPasswordReset(args: {
  runtime: Runtime;
  actor: PortalUserActor;
  id: string;
}): Promise<void> {
  const { runtime, actor } = args;
  const { user } = await findPortalUser({ store: runtime.store, id: args.id });
  if (user.active !== true) throw portalUserStateConflict('This portal user is deactivated');
  await sendPortalTokenMail({ runtime, user, purpose: 'passwordReset' });
  await runtime.store.transaction((tx) =>
    auditPortalUserChange({
      tx,
      actor,
      action: 'portalUser.passwordResetSent',
      userId: user.id,
      changes: {},
      at: new Date(runtime.clock.now()),
    }),
  );
}
