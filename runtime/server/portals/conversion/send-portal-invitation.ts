import type { CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { Mailer } from '../../mail/types.ts';

/**
 * Mails a portal invitation link (`<publicUrl>/portal/<type>/invite?token=…`). Answers whether the
 * mail went out; a failure is logged, never thrown: the user exists and the outbox keeps the copy.
 */
export async function sendPortalInvitation(args: {
  mailer: Mailer;
  publicUrl: string;
  portalType: CompiledPortalType;
  to: string;
  token: string;
}): Promise<boolean> {
  const { portalType } = args;
  const link = `${args.publicUrl}/portal/${encodeURIComponent(portalType.name)}/invite?token=${args.token}`;
  const title = portalType.branding.title || portalType.label;
  try {
    await args.mailer.send({
      to: args.to,
      subject: `You are invited to ${title}`,
      text: `You now have access to ${title}. Choose your password here (the link works for 7 days):\n\n${link}\n\nIf you did not expect this mail, ignore it.`,
      purpose: 'invitation',
    });
    return true;
  } catch (error) {
    console.error(`The ${portalType.name} portal invitation to ${args.to} was not sent:`, error);
    return false;
  }
}
