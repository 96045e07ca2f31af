import { createError } from '../../core/errors.ts';

/** A message the mailer refuses before sending anything: not a single plain address, or a line break in a header. */
export const invalidMail = createError({ code: 'INVALID_MAIL', status: 400 });
/** The SMTP server could not be reached or refused the message; the outbox holds a `failed` copy. */
export const mailNotSent = createError({ code: 'MAIL_NOT_SENT', status: 502 });
/** Mail settings the server cannot start with (an `SMTP_URL` that is not `smtp://` or `smtps://`, a bad sender). */
export const invalidMailSettings = createError({ code: 'INVALID_MAIL_SETTINGS', status: 500 });
