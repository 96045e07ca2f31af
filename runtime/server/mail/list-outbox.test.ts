import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../store/types.ts';
import { createMailer } from './create-mailer.ts';
import { listOutbox } from './list-outbox.ts';
import { mailModules } from './mail-modules.ts';

let store: Store;

beforeEach(async () => {
  store = createSqliteStore({ file: ':memory:' });
  await store.ensureSchema(mailModules.values());
});

afterEach(async () => {
  await store.close();
});

describe('listOutbox', () => {
  it('lists the newest message first, a page at a time', async () => {
    const mailer = createMailer({ from: 'noreply@atrium.test', store });
    for (const name of ['ada', 'bob', 'cy'])
      await mailer.send({
        to: `${name}@example.com`,
        subject: `Hi ${name}`,
        text: 'x',
        purpose: 'invitation',
      });

    const first = await listOutbox({ store, limit: 2 });
    const second = await listOutbox({ store, limit: 2, cursor: first.nextCursor ?? undefined });

    expect(first.entries.map((entry) => entry.to)).toEqual(['cy@example.com', 'bob@example.com']);
    expect(second.entries.map((entry) => entry.to)).toEqual(['ada@example.com']);
    expect(second.nextCursor).toBeNull();
  });

  it('returns an empty page for an empty outbox', async () => {
    expect(await listOutbox({ store, limit: 50 })).toEqual({ entries: [], nextCursor: null });
  });
});
