import MailComposer from 'nodemailer/lib/mail-composer';
import { describe, expect, it } from 'vitest';
import { parseTestMessage } from './parse-test-message.ts';

type ComposerOptions = ConstructorParameters<typeof MailComposer>[0];

function compose(options: ComposerOptions): Promise<Buffer> {
  return new MailComposer({ from: 'Atrium <noreply@atrium.test>', to: 'ada@example.com', ...options })
    .compile()
    .build();
}

const longLine = `Open ${'https://crm.example.com/reset?token='.padEnd(120, 'x')} within the hour.`;

describe('parseTestMessage', () => {
  it.each<[string, ComposerOptions, { subject: string; text: string }]>([
    [
      'a plain ASCII message',
      { subject: 'Hello', text: 'Hi Ada,\nwelcome.' },
      { subject: 'Hello', text: 'Hi Ada,\nwelcome.' },
    ],
    [
      'a non-ASCII subject and body (quoted-printable)',
      { subject: 'Réinitialisation — mot de passe ✓', text: 'Bonjour Zoë,\nvoilà ✓' },
      { subject: 'Réinitialisation — mot de passe ✓', text: 'Bonjour Zoë,\nvoilà ✓' },
    ],
    [
      'a base64 subject and body',
      { subject: 'Einladung für Jürgen', text: 'Grüße\nÄrger', textEncoding: 'base64', encoding: 'base64' },
      { subject: 'Einladung für Jürgen', text: 'Grüße\nÄrger' },
    ],
    [
      'a line longer than 76 characters (soft line breaks)',
      { subject: 'Reset', text: `é ${longLine}` },
      { subject: 'Reset', text: `é ${longLine}` },
    ],
  ])('reads %s', async (_, options, expected) => {
    const message = parseTestMessage(await compose(options));
    expect(message).toMatchObject({ to: 'ada@example.com', ...expected });
  });

  it('reads the text and HTML parts of a multipart/alternative message', async () => {
    const message = parseTestMessage(
      await compose({ subject: 'Hi', text: 'Plain ✓', html: '<p>Rich ✓</p>' }),
    );
    expect(message).toMatchObject({ text: 'Plain ✓', html: '<p>Rich ✓</p>' });
  });

  it('skips attachments when looking for the body', async () => {
    const raw = await compose({
      subject: 'Report',
      attachments: [{ filename: 'notes.txt', content: 'not the body', contentType: 'text/plain' }],
      text: 'the body',
    });
    expect(parseTestMessage(raw).text).toBe('the body');
  });

  it('exposes the headers by lower-cased name', async () => {
    const message = parseTestMessage(
      await compose({ subject: 'Hi', text: 'x', headers: { 'X-Purpose': 'invitation' } }),
    );
    expect(message.headers.get('x-purpose')).toBe('invitation');
    expect(message.from).toBe('Atrium <noreply@atrium.test>');
  });
});
