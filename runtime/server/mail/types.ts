/** One message the runtime sends: always to a single plain address, always with a plain-text body. */
export type MailMessage = {
  /** A single plain address (`ada@example.com`): no display name, no list, no line breaks. */
  to: string;
  /** One line: a CR or LF is refused. */
  subject: string;
  text: string;
  /** An HTML alternative to `text`, sent as `multipart/alternative`. */
  html?: string;
  /** Why the mail was sent (`invitation`, `passwordReset`, …), recorded in the outbox. */
  purpose: string;
};

/**
 * Sends mail (DESIGN §9). `send` resolves once the SMTP server accepted the message, or once the
 * message is in the outbox when no SMTP server is configured. It throws `INVALID_MAIL` (nothing
 * sent, nothing recorded) for a malformed message and `MAIL_NOT_SENT` when the SMTP server could
 * not be reached or refused it; the outbox then holds a `failed` copy, and the caller decides
 * whether the user hears about it.
 */
export type Mailer = {
  send(message: MailMessage): Promise<void>;
};

/**
 * Where an outbox copy stands: `queued` (no SMTP server configured: the copy is the delivery),
 * `sending` (handed to the SMTP server, no answer yet), `sent`, or `failed` (see `error`).
 */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** A copy of one message in the outbox (`atriumOutbox`), as administrators see it. */
export type OutboxEntry = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  purpose: string;
  status: OutboxStatus;
  /** Why the SMTP server did not take the message; null unless `failed`. */
  error: string | null;
  /** When the message was handed to the mailer (ISO 8601). */
  createdAt: string;
  /** When the SMTP server accepted it; null unless `sent`. */
  sentAt: string | null;
};

/** One page of the outbox, newest first; `nextCursor` is opaque and null on the last page. */
export type OutboxPage = { entries: OutboxEntry[]; nextCursor: string | null };
