import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from './start-test-smtp-server.ts';

let smtp: TestSmtpServer;

beforeEach(async () => {
  smtp = await startTestSmtpServer();
});

afterEach(async () => {
  await smtp.close();
});

function send(args: { url: string; to: string; subject: string }) {
  return createTransport({ url: args.url, logger: false }).sendMail({
    from: 'noreply@atrium.test',
    to: args.to,
    subject: args.subject,
    text: 'body',
  });
}

describe('startTestSmtpServer', () => {
  it('listens on a free port of 127.0.0.1', () => {
    expect(smtp.url).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
  });

  it('hands each message to one wait, oldest first', async () => {
    await send({ url: smtp.url, to: 'ada@example.com', subject: 'first' });
    await send({ url: smtp.url, to: 'ada@example.com', subject: 'second' });
    expect((await smtp.waitForMessage({ to: 'ADA@example.com' })).subject).toBe('first');
    expect((await smtp.waitForMessage({ to: 'ada@example.com' })).subject).toBe('second');
  });

  it('waits for a message that has not arrived yet', async () => {
    const waiting = smtp.waitForMessage({ to: 'bob@example.com' });
    await send({ url: smtp.url, to: 'bob@example.com', subject: 'later' });
    expect((await waiting).subject).toBe('later');
  });

  it('gives up after the timeout, naming what did arrive', async () => {
    await send({ url: smtp.url, to: 'ada@example.com', subject: 'hi' });
    await expect(smtp.waitForMessage({ to: 'bob@example.com', timeoutMs: 50 })).rejects.toThrow(
      'no mail to bob@example.com within 50 ms (received: ada@example.com)',
    );
  });

  it('refuses other credentials when it is given some', async () => {
    const guarded = await startTestSmtpServer({ auth: { user: 'atrium', pass: 'secret' } });
    try {
      await expect(
        send({ url: guarded.url.replace('secret', 'guess'), to: 'ada@example.com', subject: 'hi' }),
      ).rejects.toThrow(/535/);
      expect(guarded.messages).toHaveLength(0);
    } finally {
      await guarded.close();
    }
  });
});
