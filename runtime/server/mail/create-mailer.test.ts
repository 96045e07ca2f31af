import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../store/types.ts';
import { createMailer } from './create-mailer.ts';
import { listOutbox } from './list-outbox.ts';
import { mailModules } from './mail-modules.ts';
import { startTestSmtpServer, type TestSmtpServer } from './start-test-smtp-server.ts';
import type { MailMessage } from './types.ts';

const from = 'Atrium <noreply@atrium.test>';
const invitation: MailMessage = {
  to: 'ada@example.com',
  subject: 'You are invited to Atrium',
  text: 'Hi Ada,\nopen https://crm.example.com/invite?token=abc123 to set your password.',
  purpose: 'invitation',
};

/** A local port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function caught(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

let store: Store;
let smtp: TestSmtpServer;

beforeEach(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.ensureSchema(mailModules.values());
  smtp = await startTestSmtpServer();
});

afterEach(async () => {
  await smtp.close();
  await store.close();
});

describe('createMailer with an SMTP server', () => {
  it('delivers the message with its recipient, subject and body', async () => {
    await createMailer({ smtpUrl: smtp.url, from, store }).send(invitation);
    const mail = await smtp.waitForMessage({ to: 'ada@example.com' });
    expect(mail).toMatchObject({
      envelopeTo: ['ada@example.com'],
      to: 'ada@example.com',
      from,
      subject: invitation.subject,
      text: invitation.text,
      html: null,
    });
  });

  it('sends the HTML alternative along with the text', async () => {
    await createMailer({ smtpUrl: smtp.url, from, store }).send({ ...invitation, html: '<p>Hi Ada ✓</p>' });
    const mail = await smtp.waitForMessage({ to: 'ada@example.com' });
    expect(mail).toMatchObject({ text: invitation.text, html: '<p>Hi Ada ✓</p>' });
  });

  it('keeps a copy in the outbox marked sent', async () => {
    await createMailer({ smtpUrl: smtp.url, from, store }).send(invitation);
    const { entries } = await listOutbox({ store, limit: 10 });
    expect(entries).toEqual([
      {
        id: expect.any(String),
        to: 'ada@example.com',
        subject: invitation.subject,
        text: invitation.text,
        html: null,
        purpose: 'invitation',
        status: 'sent',
        error: null,
        createdAt: expect.any(String),
        sentAt: expect.any(String),
      },
    ]);
  });

  it('logs in with the credentials in the URL', async () => {
    const guarded = await startTestSmtpServer({ auth: { user: 'atrium', pass: 'p@ss:w/rd' } });
    try {
      await createMailer({ smtpUrl: guarded.url, from, store }).send(invitation);
      const mail = await guarded.waitForMessage({ to: 'ada@example.com' });
      expect(mail.authenticatedUser).toBe('atrium');
    } finally {
      await guarded.close();
    }
  });

  it('records an unreachable server as failed and throws MAIL_NOT_SENT naming the cause', async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}`, from, store });
    const error = await caught(mailer.send(invitation));
    expect(error).toMatchObject({ code: 'MAIL_NOT_SENT', status: 502 });
    expect(error.message).toMatch(/^mail to ada@example\.com was not sent: .*ECONNREFUSED/);
    const { entries } = await listOutbox({ store, limit: 10 });
    expect(entries).toMatchObject([
      {
        id: error.details?.outboxId,
        status: 'failed',
        error: expect.stringMatching(/ECONNREFUSED/),
        sentAt: null,
      },
    ]);
  });

  it('keeps the SMTP password out of the error and the outbox when the login is refused', async () => {
    const guarded = await startTestSmtpServer({ auth: { user: 'atrium', pass: 'right-password' } });
    try {
      const url = guarded.url.replace('right-password', 'wrong-Secret-9');
      const error = await caught(createMailer({ smtpUrl: url, from, store }).send(invitation));
      const { entries } = await listOutbox({ store, limit: 10 });
      expect(error.code).toBe('MAIL_NOT_SENT');
      expect(entries[0]?.status).toBe('failed');
      expect(JSON.stringify([error.message, error.details, entries])).not.toContain('wrong-Secret-9');
      expect(guarded.messages).toHaveLength(0);
    } finally {
      await guarded.close();
    }
  });
});

describe('createMailer without an SMTP server', () => {
  it('keeps the message in the outbox as queued', async () => {
    await createMailer({ from, store }).send(invitation);
    const { entries } = await listOutbox({ store, limit: 10 });
    expect(entries).toMatchObject([
      {
        to: 'ada@example.com',
        subject: invitation.subject,
        text: invitation.text,
        status: 'queued',
        sentAt: null,
      },
    ]);
  });
});

describe('createMailer refusing a message', () => {
  it.each<[string, Partial<MailMessage>]>([
    ['a Bcc header smuggled into the recipient', { to: 'ada@example.com\r\nBcc: eve@example.com' }],
    ['a bare LF in the recipient', { to: 'ada@example.com\nBcc: eve@example.com' }],
    ['a header smuggled into the subject', { subject: 'Hello\r\nBcc: eve@example.com' }],
    ['a bare CR in the subject', { subject: 'Hello\rBcc: eve@example.com' }],
    ['two recipients', { to: 'ada@example.com, eve@example.com' }],
    ['a display name', { to: 'Ada <ada@example.com>' }],
    ['a group', { to: 'friends: ada@example.com, eve@example.com;' }],
  ])('refuses %s: nothing is sent or recorded', async (_, change) => {
    const error = await caught(
      createMailer({ smtpUrl: smtp.url, from, store }).send({ ...invitation, ...change }),
    );
    expect(error).toMatchObject({ code: 'INVALID_MAIL', status: 400 });
    expect(smtp.messages).toHaveLength(0);
    expect((await listOutbox({ store, limit: 10 })).entries).toHaveLength(0);
  });
});

describe('createMailer settings', () => {
  it.each([
    ['an HTTP URL', 'https://user:hunter2-secret@mail.example.com'],
    ['text that is not a URL', 'hunter2-secret'],
  ])('refuses %s without repeating it', (_, smtpUrl) => {
    let error: unknown;
    try {
      createMailer({ smtpUrl, from, store });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'INVALID_MAIL_SETTINGS' });
    expect(String((error as Error).message)).not.toContain('hunter2-secret');
  });

  it('refuses a sender with a line break', () => {
    expect(() =>
      createMailer({ from: 'Atrium <noreply@atrium.test>\r\nBcc: eve@example.com', store }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_MAIL_SETTINGS' }));
  });
});
