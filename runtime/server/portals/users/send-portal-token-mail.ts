import { issueOneTimeToken } from '../../../auth/one-time-token/issue-one-time-token.ts';
import type { RecordDoc } from '../../../store/types.ts';
import type { Runtime } from '../../runtime-types.ts';
import { portalUserStateConflict } from './portal-user-errors.ts';

const hour = 60 * 60 * 1000;

/** Per purpose: how long the link works, the portal page it opens, and the mail's wording. */
const kinds = {
  invitation: {
    ttlMs: 7 * 24 * hour,
    page: 'invite',
    subject: (portal: string) => `You are invited to the ${portal}`,
    text: (portal: string, link: string) =>
      `You have been given access to the ${portal}. Choose your password here (the link works for 7 days):\n\n${link}`,
  },
  passwordReset: {
    ttlMs: hour,
    page: 'reset-password',
    subject: (portal: string) => `Reset your ${portal} password`,
    text: (portal: string, link: string) =>
      `Our staff started a password reset for your ${portal} account. Choose a new password within an hour:\n\n${link}\n\nIf you did not expect this, ignore this mail; your password stays as it is.`,
  },
} as const;

/**
 * Issues an invitation (7 days) or password-reset (1 hour) token for a portal user, bound to its
 * portal type (`data: { portalType }`), and mails the link `<publicUrl>/portal/<type>/<page>?token=…`
 * to the user's email. The host comes from configuration, never from a request. Issuing revokes the
 * user's earlier tokens of that purpose. A user without email is a 409.
 */
export async function sendPortalTokenMail(args: {
  runtime: Runtime;
  user: RecordDoc;
  purpose: keyof typeof kinds;
}): Promise<void> {
  const { runtime, user, purpose } = args;
  const email = typeof user.email === 'string' ? user.email : '';
  if (email === '') throw portalUserStateConflict('This portal user has no email address to write to');
  const portalType = String(user.audience).replace(/^portal:/, '');
  const kind = kinds[purpose];
  const token = await issueOneTimeToken({
    store: runtime.tokens,
    purpose,
    subject: user.id,
    ttlMs: kind.ttlMs,
    clock: runtime.clock,
    data: { portalType },
  });
  const portal = runtime.getApp().portalTypes.get(portalType)?.label ?? `${portalType} portal`;
  const link = `${runtime.publicUrl}/portal/${encodeURIComponent(portalType)}/${kind.page}?token=${token}`;
  await runtime.mailer.send({
    to: email,
    subject: kind.subject(portal),
    text: kind.text(portal, link),
    purpose,
  });
}
