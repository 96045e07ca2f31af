import { createTransport } from 'nodemailer';
import type { RecordDoc, Store } from '../../store/types.ts';
import { newRecordId } from '../records/new-record-id.ts';
import { isPlainAddress } from './is-plain-address.ts';
import { invalidMail, invalidMailSettings, mailNotSent } from './mail-errors.ts';
import type { Mailer, MailMessage, OutboxStatus } from './types.ts';

const module = 'atriumOutbox';
const everything = { kind: 'true' } as const;
const lineBreak = /[\r\n]/;

/** The SMTP settings in `smtpUrl`, checked before anything is sent; errors never repeat the URL (it holds the password). */
function readSmtpUrl(smtpUrl: string): { secrets: string[] } {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw invalidMailSettings('SMTP_URL is not a URL (expected smtp://user:pass@host:port or smtps://…)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw invalidMailSettings(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  if (!url.hostname) throw invalidMailSettings('SMTP_URL names no host');
  const secrets = [url.password];
  try {
    secrets.push(decodeURIComponent(url.password));
  } catch {
    // A malformed escape: nodemailer uses the password as written, which is already in `secrets`.
  }
  return { secrets: secrets.filter((secret) => secret.length > 0) };
}

function checkMessage(message: MailMessage): void {
  if (lineBreak.test(message.to) || lineBreak.test(message.subject))
    throw invalidMail('a mail recipient or subject may not contain a line break');
  if (!isPlainAddress(message.to))
    throw invalidMail('a mail recipient must be a single plain address such as ada@example.com', {
      field: 'to',
    });
  if (!message.purpose) throw invalidMail('a mail needs a purpose', { field: 'purpose' });
}

function describeFailure(args: { error: unknown; secrets: readonly string[] }): string {
  let text = args.error instanceof Error ? args.error.message : String(args.error);
  for (const secret of args.secrets) text = text.split(secret).join('***');
  return text || 'unknown SMTP error';
}

/**
 * The mailer (DESIGN §9). With `smtpUrl` (`smtp://user:pass@host:port`, or `smtps://` for TLS from
 * the first byte) each message goes out through nodemailer, one connection per message, and a copy
 * is kept in the outbox (`atriumOutbox`, see `mailModules`): `sending`, then `sent` or `failed` with
 * the reason. Without `smtpUrl` the outbox copy (`queued`) is the only delivery, so an administrator
 * can still pass on invitations and reset links on an install with no mail server.
 *
 * `from` is the sender header (`Atrium <noreply@example.com>`). Nodemailer never logs, and neither
 * the URL nor the password appears in an error. Throws `INVALID_MAIL_SETTINGS` for a URL that is not
 * SMTP or a `from` with a line break; `send` throws `INVALID_MAIL` and `MAIL_NOT_SENT` (see `Mailer`).
 */
export function createMailer(args: { smtpUrl?: string | undefined; from: string; store: Store }): Mailer {
  const { from, store } = args;
  if (!from || lineBreak.test(from)) throw invalidMailSettings('the mail sender must be one line');
  const smtp = args.smtpUrl ? readSmtpUrl(args.smtpUrl) : null;
  const secrets = smtp?.secrets ?? [];
  const transport = args.smtpUrl
    ? createTransport({
        url: args.smtpUrl,
        connectionTimeout: 5_000,
        greetingTimeout: 5_000,
        socketTimeout: 10_000,
        logger: false,
        debug: false,
      })
    : null;
  // Entries are listed by `createdAt`: two messages sent within the same millisecond keep their order.
  let lastAt = 0;
  const now = () => {
    lastAt = Math.max(Date.now(), lastAt + 1);
    return new Date(lastAt).toISOString();
  };
  const record = async (id: string, set: { status: OutboxStatus; sentAt?: string; error?: string }) => {
    await store.update({
      module,
      id,
      where: everything,
      set,
      updatedAt: new Date().toISOString(),
      updatedBy: null,
    });
  };

  return {
    async send(message) {
      checkMessage(message);
      const at = now();
      const doc: RecordDoc = {
        id: newRecordId(),
        version: 1,
        owner: null,
        createdAt: at,
        createdBy: null,
        updatedAt: at,
        updatedBy: null,
        deletedAt: null,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? null,
        purpose: message.purpose,
        status: transport ? 'sending' : 'queued',
        error: null,
        sentAt: null,
      };
      await store.insert({ module, doc });
      if (!transport) return;
      try {
        await transport.sendMail({
          from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === undefined ? {} : { html: message.html }),
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (error) {
        const reason = describeFailure({ error, secrets });
        await record(doc.id, { status: 'failed', error: reason });
        throw mailNotSent(`mail to ${message.to} was not sent: ${reason}`, { outboxId: doc.id });
      }
      await record(doc.id, { status: 'sent', sentAt: new Date().toISOString() });
    },
  };
}
