import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { type ParsedTestMessage, parseTestMessage } from './parse-test-message.ts';

/** A message the test SMTP server accepted. */
export type ReceivedMail = ParsedTestMessage & {
  /** `MAIL FROM` of the SMTP envelope. */
  envelopeFrom: string;
  /** `RCPT TO` addresses of the SMTP envelope, as the client sent them. */
  envelopeTo: string[];
  /** The user the client logged in as; null when it sent without logging in. */
  authenticatedUser: string | null;
  raw: Buffer;
};

/** A running test SMTP server. */
export type TestSmtpServer = {
  /** `smtp://127.0.0.1:<port>`, with the credentials in it when the server requires them. */
  url: string;
  /** Every message received so far, oldest first. */
  messages: readonly ReceivedMail[];
  /**
   * The oldest message to `to` (an envelope recipient, compared case-insensitively) that no earlier
   * call returned, waiting for it up to `timeoutMs` (default 5000): calls made one after another get
   * one message each, so a test that expects two mails to the same address waits twice.
   */
  waitForMessage(args: { to: string; timeoutMs?: number }): Promise<ReceivedMail>;
  /** Stops listening and ends open connections; pending waits reject. */
  close(): Promise<void>;
};

type Waiter = {
  to: string;
  resolve: (mail: ReceivedMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
};

/**
 * A real SMTP server on 127.0.0.1 (a free port) for tests: plain text (no STARTTLS), logging in is
 * optional unless `auth` is given, in which case only those credentials are accepted. It keeps
 * every message it receives, parsed with `parseTestMessage`.
 */
export async function startTestSmtpServer(
  options: { auth?: { user: string; pass: string } } = {},
): Promise<TestSmtpServer> {
  const { auth } = options;
  const messages: ReceivedMail[] = [];
  const claimed = new Set<ReceivedMail>();
  const waiters = new Set<Waiter>();
  const isFor = (mail: ReceivedMail, to: string) =>
    mail.envelopeTo.some((address) => address.toLowerCase() === to.toLowerCase());

  const receive = (mail: ReceivedMail) => {
    messages.push(mail);
    for (const waiter of waiters) {
      if (!isFor(mail, waiter.to)) continue;
      waiters.delete(waiter);
      clearTimeout(waiter.timer);
      claimed.add(mail);
      waiter.resolve(mail);
      return;
    }
  };

  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: !auth,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    size: 10 * 1024 * 1024,
    onAuth(credentials, _session, callback) {
      const isValid = !auth || (credentials.username === auth.user && credentials.password === auth.pass);
      if (isValid) callback(null, { user: credentials.username ?? '' });
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const { mailFrom, rcptTo } = session.envelope;
        const user: unknown = session.user;
        receive({
          ...parseTestMessage(raw),
          envelopeFrom: mailFrom ? mailFrom.address : '',
          envelopeTo: rcptTo.map((recipient) => recipient.address),
          authenticatedUser: typeof user === 'string' ? user : null,
          raw,
        });
        callback();
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const credentials = auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : '';

  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    waitForMessage({ to, timeoutMs = 5000 }) {
      const arrived = messages.find((mail) => !claimed.has(mail) && isFor(mail, to));
      if (arrived) {
        claimed.add(arrived);
        return Promise.resolve(arrived);
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          to,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            const seen = messages.map((mail) => mail.envelopeTo.join(', ')).join('; ') || 'none';
            reject(new Error(`no mail to ${to} within ${timeoutMs} ms (received: ${seen})`));
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    close() {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.reject(new Error(`test SMTP server closed while waiting for mail to ${waiter.to}`));
      }
      waiters.clear();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
