import { AppError } from '../../../core/errors.ts';
import type { RecordDoc } from '../../../store/types.ts';
import type { Runtime } from '../../runtime-types.ts';
import { sendPortalTokenMail } from './send-portal-token-mail.ts';

/** Whether an invitation went out: `none` when none was due, `failed` when the mailer refused it. */
export type InvitationOutcome = 'sent' | 'failed' | 'none';

/**
 * Mails a portal user its invitation (see `sendPortalTokenMail`). A mailer refusal (`MAIL_NOT_SENT`,
 * `INVALID_MAIL`) answers `failed` — the outbox keeps a copy — instead of undoing the caller's work.
 */
export async function sendPortalInvitation(args: {
  runtime: Runtime;
  user: RecordDoc;
}): Promise<InvitationOutcome> {
  try {
    await sendPortalTokenMail({ runtime: args.runtime, user: args.user, purpose: 'invitation' });
    return 'sent';
  } catch (error) {
    if (error instanceof AppError && (error.code === 'MAIL_NOT_SENT' || error.code === 'INVALID_MAIL'))
      return 'failed';
    throw error;
  }
}
