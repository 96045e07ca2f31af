import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { minimalDocs } from '../../../test/fixtures/minimal-app.ts';
import type { MetadataDoc, ModuleDoc } from '../../core/metadata/types.ts';
import { createSqliteStore } from '../../store/sqlite/create-sqlite-store.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { newRecordId } from '../records/new-record-id.ts';
import { parseFilter } from '../../core/filter/parse-filter.ts';
import { archiveKey } from './archive-key.ts';
import { forEachRecordPage } from './for-each-record-page.ts';
import { createMetadataHost, type MetadataHost } from './metadata-host.ts';
import { readStarterDocuments } from './read-starter-documents.ts';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function openStore(file = join(mkdtempSync(join(tmpdir(), 'atrium-meta-')), 'atrium.db')): Store {
  const store = createSqliteStore({ file });
  stores.push(store);
  return store;
}

/** The minimal app with two unreferenced contact fields, free to remove or retype. */
function seedDocs(): MetadataDoc[] {
  const docs = minimalDocs();
  contactsOf(docs).fields.push(
    { name: 'nickname', type: 'text', label: 'Nickname' },
    { name: 'score', type: 'text', label: 'Score' },
  );
  return docs;
}

function contactsOf(docs: MetadataDoc[]): ModuleDoc {
  const module = docs.find((d): d is ModuleDoc => d.kind === 'module' && d.name === 'contacts');
  if (!module) throw new Error('no contacts module');
  return module;
}

function currentDocs(host: MetadataHost): MetadataDoc[] {
  return structuredClone(host.getApp().documents) as MetadataDoc[];
}

function withoutField(docs: MetadataDoc[], field: string): MetadataDoc[] {
  const contacts = contactsOf(docs);
  contacts.fields = contacts.fields.filter((f) => f.name !== field);
  return docs;
}

function contact(values: Record<string, unknown>): RecordDoc {
  const at = '2024-01-01T00:00:00.000Z';
  return {
    id: newRecordId(),
    version: 1,
    owner: 'u1',
    createdAt: at,
    createdBy: 'u1',
    updatedAt: at,
    updatedBy: 'u1',
    deletedAt: null,
    lastName: 'Doe',
    ...values,
  };
}

async function allContacts(store: Store): Promise<RecordDoc[]> {
  const page = await store.find({ module: 'contacts', where: { kind: 'true' }, limit: 1000 });
  return page.records;
}

async function startHost(store: Store = openStore()): Promise<MetadataHost> {
  return createMetadataHost({ store, seed: seedDocs });
}

describe('createMetadataHost', () => {
  it('seeds an empty store with the starter metadata as revision 1', async () => {
    const starter = await readStarterDocuments();
    const host = await createMetadataHost({ store: openStore(), seed: readStarterDocuments });
    const first = await host.revision(1);
    expect(first?.documents).toEqual(starter);
    expect(first?.author).toBe('atrium');
    expect(host.current().number).toBe(1);
    expect(host.getApp().modules.has('accounts')).toBe(true);
    expect(await host.revisions()).toHaveLength(1);
  });

  it('starts from the latest stored revision and does not seed again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atrium-meta-')), 'atrium.db');
    const first = await startHost(openStore(file));
    await first.save({ documents: withoutField(currentDocs(first), 'nickname'), author: 'ann' });
    const again = await createMetadataHost({
      store: openStore(file),
      seed: () => {
        throw new Error('must not seed a store that has revisions');
      },
    });
    expect(again.current().number).toBe(2);
    expect(again.getApp().modules.get('contacts')?.fields.has('nickname')).toBe(false);
  });

  it('saves a new revision with author, time and diff and swaps the app without a restart', async () => {
    const host = await startHost();
    const before = host.getApp();
    const docs = currentDocs(host);
    contactsOf(docs).fields.push({ name: 'twitter', type: 'text', label: 'Twitter' });
    const saved = await host.save({ documents: docs, author: 'ann', message: 'Add twitter' });
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    expect(saved.revision).toMatchObject({
      number: 2,
      author: 'ann',
      message: 'Add twitter',
      restoredFrom: null,
    });
    expect(Date.parse(saved.revision.at)).not.toBeNaN();
    expect(saved.revision.diff.documents.changed.map((c) => c.document)).toEqual(['module:contacts']);
    expect(saved.revision.diff.fields.added).toEqual([
      { module: 'contacts', field: 'twitter', type: 'text' },
    ]);
    expect(host.getApp()).not.toBe(before);
    expect(host.getApp().modules.get('contacts')?.fields.has('twitter')).toBe(true);
    expect(Object.isFrozen(host.getApp())).toBe(true);
    expect(before.modules.get('contacts')?.fields.has('twitter')).toBe(false);
  });

  it('refuses a save with problems, reporting every one, and changes nothing', async () => {
    const store = openStore();
    const host = await startHost(store);
    const before = host.getApp();
    const docs = currentDocs(host);
    contactsOf(docs).titleField = 'nope';
    docs.push({
      kind: 'layout',
      name: 'broken',
      label: 'Broken',
      module: 'ghosts',
      view: 'list',
      audience: 'staff',
      columns: [],
    });
    docs.push({ kind: 'role', name: 'Bad-Name', label: 'x', profiles: [] } as unknown as MetadataDoc);
    const saved = await host.save({ documents: docs, author: 'ann' });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ document: 'module:contacts', path: '/titleField' }),
        expect.objectContaining({
          document: 'layout:broken',
          path: '/module',
          message: 'module "ghosts" does not exist',
        }),
        expect.objectContaining({ document: 'role:Bad-Name', path: '/name' }),
      ]),
    );
    expect(host.getApp()).toBe(before);
    expect(host.current().number).toBe(1);
    expect(await host.revisions()).toHaveLength(1);
    expect(await store.count({ module: 'atriumRevisions', where: { kind: 'true' } })).toBe(1);
  });

  it('stores nothing when the documents equal the current revision', async () => {
    const host = await startHost();
    const saved = await host.save({ documents: currentDocs(host), author: 'ann' });
    expect(saved).toMatchObject({ ok: true, isUnchanged: true, revision: { number: 1 } });
    expect(await host.revisions()).toHaveLength(1);
  });

  it('restores an earlier revision as a new revision', async () => {
    const host = await startHost();
    const docs = currentDocs(host);
    contactsOf(docs).label = 'Person';
    await host.save({ documents: docs, author: 'ann' });
    const restored = await host.restore({ number: 1, author: 'bob' });
    if (!restored.ok) throw new Error(JSON.stringify(restored.problems));
    expect(restored.revision).toMatchObject({ number: 3, author: 'bob', restoredFrom: 1 });
    expect(host.getApp().modules.get('contacts')?.label).toBe('Contact');
    expect((await host.revision(3))?.documents).toEqual((await host.revision(1))?.documents);
    expect((await host.revisions()).map((r) => r.number)).toEqual([3, 2, 1]);
  });

  it('answers a restore of a missing revision with a problem', async () => {
    const host = await startHost();
    expect(await host.restore({ number: 9, author: 'bob' })).toEqual({
      ok: false,
      problems: [{ document: '(revisions)', path: '', message: 'there is no revision 9' }],
    });
  });

  it('keeps a removed field’s values in the store, and a restore shows them again', async () => {
    const store = openStore();
    const host = await startHost(store);
    for (const nickname of ['Bee', 'Cee', 'Dee'])
      await store.insert({ module: 'contacts', doc: contact({ nickname }) });
    const removed = await host.save({
      documents: withoutField(currentDocs(host), 'nickname'),
      author: 'ann',
    });
    if (!removed.ok) throw new Error(JSON.stringify(removed.problems));
    expect(removed.revision.archived.fields).toEqual([
      { module: 'contacts', field: 'nickname', type: 'text', revision: 2 },
    ]);
    expect(removed.revision.diff.fields.removed).toEqual([
      { module: 'contacts', field: 'nickname', type: 'text' },
    ]);
    expect(host.getApp().modules.get('contacts')?.fields.has('nickname')).toBe(false);
    expect((await allContacts(store)).map((r) => r.nickname).sort()).toEqual(['Bee', 'Cee', 'Dee']);

    const restored = await host.restore({ number: 1, author: 'ann' });
    if (!restored.ok) throw new Error(JSON.stringify(restored.problems));
    expect(restored.revision.archived.fields).toEqual([]);
    expect(host.getApp().modules.get('contacts')?.fields.has('nickname')).toBe(true);
    expect((await allContacts(store)).map((r) => r.nickname).sort()).toEqual(['Bee', 'Cee', 'Dee']);
  });

  it('archives a removed module with its records and brings it back on restore', async () => {
    const store = openStore();
    const host = await startHost(store);
    await store.insert({ module: 'leads', doc: { ...contact({ company: 'Acme' }) } });
    const docs = currentDocs(host).filter((d) => !(d.kind === 'module' && d.name === 'leads'));
    const removed = await host.save({ documents: docs, author: 'ann' });
    if (!removed.ok) throw new Error(JSON.stringify(removed.problems));
    expect(removed.revision.archived.modules.map((m) => m.module)).toEqual(['leads']);
    expect(host.getApp().modules.has('leads')).toBe(false);
    expect(await store.count({ module: 'leads', where: { kind: 'true' } })).toBe(1);
    await host.restore({ number: 1, author: 'ann' });
    expect(host.getApp().modules.has('leads')).toBe(true);
    expect(host.current().archived.modules).toEqual([]);
  });

  const referenced: Array<{ name: string; field: string; reference: string }> = [
    { name: 'a layout column', field: 'email', reference: 'layout:contactsListStaff /columns/1' },
    {
      name: 'a sharing rule’s criteria',
      field: 'email',
      reference: 'sharing:contacts /rules/0/criteria/email',
    },
    {
      name: 'a portal scope',
      field: 'account',
      reference: 'portalType:client /modules/0/accountScope/account',
    },
  ];
  it.each(referenced)(
    'refuses to remove a field used by $name and changes nothing',
    async ({ field, reference }) => {
      const store = openStore();
      const host = await startHost(store);
      const before = host.getApp();
      const saved = await host.save({ documents: withoutField(currentDocs(host), field), author: 'ann' });
      expect(saved.ok).toBe(false);
      if (saved.ok) return;
      const explanation = saved.problems.find((p) => p.path === `/fields/${field}`);
      expect(explanation?.message).toContain(
        `field "contacts.${field}" cannot be removed while it is referenced by:`,
      );
      expect(explanation?.message).toContain(reference);
      expect(saved.problems.length).toBeGreaterThan(1);
      expect(host.getApp()).toBe(before);
      expect(await store.count({ module: 'atriumRevisions', where: { kind: 'true' } })).toBe(1);
    },
  );

  it('refuses to remove a module other documents still use, naming each reference', async () => {
    const host = await startHost();
    const docs = currentDocs(host).filter((d) => !(d.kind === 'module' && d.name === 'accounts'));
    const saved = await host.save({ documents: docs, author: 'ann' });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    const explanation = saved.problems.find((p) => p.document === 'module:accounts');
    expect(explanation?.message).toMatch(/^module "accounts" cannot be removed while it is referenced by: /);
    expect(explanation?.message).toContain('module:contacts /fields/2/relation/module');
    expect(host.current().number).toBe(1);
  });

  it('gives concurrent saves one revision number each, in call order', async () => {
    const host = await startHost();
    const saves = ['One', 'Two', 'Three', 'Four'].map((label) => {
      const docs = currentDocs(host);
      contactsOf(docs).label = label;
      return host.save({ documents: docs, author: label });
    });
    const results = await Promise.all(saves);
    expect(results.map((r) => (r.ok ? r.revision.number : 0))).toEqual([2, 3, 4, 5]);
    expect(host.getApp().modules.get('contacts')?.label).toBe('Four');
  });

  it('catches up with a revision another process saved before saving its own', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atrium-meta-')), 'atrium.db');
    const first = await startHost(openStore(file));
    const second = await startHost(openStore(file));
    await first.save({ documents: withoutField(currentDocs(first), 'nickname'), author: 'ann' });
    const docs = currentDocs(second);
    contactsOf(docs).label = 'Person';
    const saved = await second.save({ documents: docs, author: 'bob' });
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    expect(saved.revision.number).toBe(3);
    expect(saved.revision.diff.documents.changed).toHaveLength(1);
    expect(second.getApp().modules.get('contacts')?.fields.has('nickname')).toBe(true);
  });

  it('refuses a type change that was not confirmed, telling to run the dry run', async () => {
    const store = openStore();
    const host = await startHost(store);
    await store.insert({ module: 'contacts', doc: contact({ score: '12' }) });
    const docs = currentDocs(host);
    const score = contactsOf(docs).fields.find((f) => f.name === 'score');
    if (score) score.type = 'number';
    const saved = await host.save({ documents: docs, author: 'ann' });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.problems).toHaveLength(1);
    expect(saved.problems[0]?.message).toMatch(/changes type from text to number: run the dry run first/);
    expect(host.current().number).toBe(1);
    expect((await allContacts(store))[0]?.score).toBe('12');
  });

  it('applies a confirmed type change, keeping every old value under the archive key', async () => {
    const store = openStore();
    const host = await startHost(store);
    for (const score of ['12', ' 7.5 ', 'lots', ''])
      await store.insert({ module: 'contacts', doc: contact({ score }) });
    const docs = currentDocs(host);
    const score = contactsOf(docs).fields.find((f) => f.name === 'score');
    if (score) score.type = 'number';
    const preview = await host.preview({ documents: docs });
    expect(preview).toMatchObject({
      ok: true,
      typeChanges: [
        { module: 'contacts', field: 'score', total: 4, convertible: 2, unconvertible: 1, empty: 1 },
      ],
    });
    const saved = await host.save({
      documents: docs,
      author: 'ann',
      confirmTypeChanges: [{ module: 'contacts', field: 'score', toType: 'number' }],
    });
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    const key = archiveKey({ field: 'score', revision: 2 });
    expect(saved.revision.typeChanges).toEqual([
      {
        module: 'contacts',
        field: 'score',
        from: 'text',
        to: 'number',
        archiveKey: key,
        converted: 2,
        unconvertible: 1,
        empty: 1,
      },
    ]);
    const rows = (await allContacts(store)).map((r) => [r.score, r[key]]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [12, '12'],
        [7.5, ' 7.5 '],
        [undefined, 'lots'],
        ['', undefined],
      ]),
    );
    expect(host.getApp().modules.get('contacts')?.fields.get('score')?.type).toBe('number');
  });

  it('treats a field re-added with another type than its archived values as a type change', async () => {
    const host = await startHost();
    await host.save({ documents: withoutField(currentDocs(host), 'score'), author: 'ann' });
    const docs = currentDocs(host);
    contactsOf(docs).fields.push({ name: 'score', type: 'integer', label: 'Score' });
    const saved = await host.save({ documents: docs, author: 'ann' });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.problems[0]?.message).toMatch(/"contacts.score" changes type from text to integer/);
  });
});

describe('createMetadataHost when applying a change fails', () => {
  it('rolls back a type change whose converted values collide on a unique field, reporting it', async () => {
    const store = openStore();
    const uniqueScore = seedDocs();
    const score = contactsOf(uniqueScore).fields.find((f) => f.name === 'score');
    if (score) score.unique = true;
    const host = await createMetadataHost({ store, seed: () => uniqueScore });
    const before = host.getApp();
    for (const value of ['1', '1.0', 'x'])
      await store.insert({ module: 'contacts', doc: contact({ score: value }) });
    const docs = currentDocs(host);
    const retyped = contactsOf(docs).fields.find((f) => f.name === 'score');
    if (retyped) retyped.type = 'number';
    const saved = await host.save({
      documents: docs,
      author: 'ann',
      confirmTypeChanges: [{ module: 'contacts', field: 'score', toType: 'number' }],
    });
    expect(saved.ok).toBe(false);
    if (saved.ok) return;
    expect(saved.problems[0]?.message).toMatch(/unique/i);
    expect(host.getApp()).toBe(before);
    expect((await allContacts(store)).map((r) => r.score).sort()).toEqual(['1', '1.0', 'x']);
    expect(await store.count({ module: 'atriumRevisions', where: { kind: 'true' } })).toBe(1);
  });

  it('refuses to make a field unique while records share a value, changing nothing', async () => {
    const store = openStore();
    const host = await startHost(store);
    for (const nickname of ['Bee', 'Bee'])
      await store.insert({ module: 'contacts', doc: contact({ nickname }) });
    const docs = currentDocs(host);
    const nickname = contactsOf(docs).fields.find((f) => f.name === 'nickname');
    if (nickname) nickname.unique = true;
    const saved = await host.save({ documents: docs, author: 'ann' });
    expect(saved.ok).toBe(false);
    expect(host.current().number).toBe(1);
    await store.insert({ module: 'contacts', doc: contact({ nickname: 'Bee' }) });
    expect(await store.count({ module: 'contacts', where: { kind: 'true' } })).toBe(3);
  });
});

describe('createMetadataHost on many records', () => {
  it('converts every record of a confirmed type change across pages', async () => {
    const store = openStore();
    const host = await startHost(store);
    await store.transaction(async (tx) => {
      for (let i = 0; i < 10_000; i++) {
        await tx.insert({ module: 'contacts', doc: contact({ score: i % 10 === 0 ? `x${i}` : `${i}` }) });
      }
    });
    const docs = currentDocs(host);
    const score = contactsOf(docs).fields.find((f) => f.name === 'score');
    if (score) score.type = 'integer';
    const started = performance.now();
    const saved = await host.save({
      documents: docs,
      author: 'ann',
      confirmTypeChanges: [{ module: 'contacts', field: 'score', toType: 'integer' }],
    });
    console.info(`confirmed type change over 10,000 records: ${(performance.now() - started).toFixed(0)} ms`);
    if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
    expect(saved.revision.typeChanges[0]).toMatchObject({ converted: 9000, unconvertible: 1000, empty: 0 });
    const key = archiveKey({ field: 'score', revision: 2 });
    const integers = await store.count({
      module: 'contacts',
      where: parseFilter({ json: { score: { exists: true } }, module: 'contacts', catalog: host.getApp() }),
    });
    expect(integers).toBe(9000);
    let archived = 0;
    await forEachRecordPage({
      store,
      module: 'contacts',
      visit: (records) => {
        for (const record of records) if (typeof record[key] === 'string') archived += 1;
      },
    });
    expect(archived).toBe(10_000);
  });
});

/** Every record of a module, live and soft-deleted, by id. */
async function rawRecords(store: Store, module: string): Promise<RecordDoc[]> {
  const all: RecordDoc[] = [];
  for (const deleted of ['exclude', 'only'] as const) {
    await forEachRecordPage({ store, module, deleted, visit: (records) => void all.push(...records) });
  }
  return all.sort((a, b) => a.id.localeCompare(b.id));
}

/** A checksum of a module's records (live and deleted) without the given keys. */
async function checksum(args: {
  store: Store;
  module: string;
  without?: readonly string[];
}): Promise<string> {
  const records = (await rawRecords(args.store, args.module)).map((record) => {
    const copy: Record<string, unknown> = { ...record };
    for (const key of args.without ?? []) delete copy[key];
    return copy;
  });
  return createHash('sha256').update(JSON.stringify(records)).digest('hex');
}

describe('createMetadataHost purge', () => {
  /** Contacts with nicknames (one soft-deleted), an account, a lead; then nickname removed (archived) in revision 2. */
  async function archivedNickname(store: Store) {
    const host = await startHost(store);
    const ids: string[] = [];
    for (const nickname of ['Bee', 'Cee', 'Dee']) {
      const record = await store.insert({ module: 'contacts', doc: contact({ nickname, score: 'x' }) });
      ids.push(record.id);
    }
    await store.insert({ module: 'contacts', doc: contact({ score: 'no nickname' }) });
    await store.remove({
      module: 'contacts',
      id: ids[0] ?? '',
      where: { kind: 'true' },
      deletedAt: '2024-02-01T00:00:00.000Z',
      deletedBy: 'u1',
    });
    await store.insert({ module: 'accounts', doc: { ...contact({}), name: 'Acme', nickname: 'kept' } });
    await store.insert({ module: 'leads', doc: contact({ company: 'Acme', nickname: 'kept too' }) });
    const removed = await host.save({
      documents: withoutField(currentDocs(host), 'nickname'),
      author: 'ann',
    });
    if (!removed.ok) throw new Error(JSON.stringify(removed.problems));
    return host;
  }

  it('refuses to purge a live field or module, or something not archived, and changes nothing', async () => {
    const store = openStore();
    const host = await archivedNickname(store);
    const before = await checksum({ store, module: 'contacts' });
    for (const target of [
      { module: 'contacts', field: 'score' },
      { module: 'contacts' },
      { module: 'contacts', field: 'ghost' },
      { module: 'ghosts' },
      { module: 'atriumRevisions' },
    ]) {
      const purged = await host.purge({ ...target, author: 'ann', confirm: true });
      expect(purged.ok).toBe(false);
    }
    const live = await host.purge({ module: 'contacts', field: 'score', author: 'ann', confirm: true });
    expect(live.ok ? '' : live.problems[0]?.message).toMatch(
      /field "contacts.score" is live: only archived data can be purged/,
    );
    expect(await host.planPurge({ module: 'leads' })).toMatchObject({ ok: false });
    expect(await checksum({ store, module: 'contacts' })).toBe(before);
    expect(host.current().number).toBe(2);
  });

  it('without confirm answers with the plan and changes nothing', async () => {
    const store = openStore();
    const host = await archivedNickname(store);
    const before = await checksum({ store, module: 'contacts' });
    const purged = await host.purge({ module: 'contacts', field: 'nickname', author: 'ann', confirm: false });
    expect(purged).toMatchObject({
      ok: false,
      plan: {
        module: 'contacts',
        field: 'nickname',
        type: 'text',
        archivedIn: 2,
        records: 3,
        live: 2,
        deleted: 1,
      },
    });
    expect(purged.ok ? '' : purged.problems[0]?.message).toMatch(/confirm/);
    expect(await checksum({ store, module: 'contacts' })).toBe(before);
    expect(host.current().number).toBe(2);
    expect(host.current().archived.fields).toHaveLength(1);
  });

  it('removes an archived field’s values from every record, deleted ones too, and touches nothing else', async () => {
    const store = openStore();
    const host = await archivedNickname(store);
    const nicknames = (await rawRecords(store, 'contacts')).map((r) => r.nickname).filter(Boolean);
    expect(nicknames.sort()).toEqual(['Bee', 'Cee', 'Dee']);
    const contactsWithout = await checksum({ store, module: 'contacts', without: ['nickname'] });
    const accounts = await checksum({ store, module: 'accounts' });
    const leads = await checksum({ store, module: 'leads' });
    const versions = (await rawRecords(store, 'contacts')).map((r) => r.version);

    const purged = await host.purge({ module: 'contacts', field: 'nickname', author: 'bob', confirm: true });
    if (!purged.ok) throw new Error(JSON.stringify(purged.problems));
    expect(purged.removed).toBe(3);
    const after = await rawRecords(store, 'contacts');
    expect(after).toHaveLength(4);
    expect(after.some((r) => Object.hasOwn(r, 'nickname'))).toBe(false);
    expect(after.map((r) => r.version)).toEqual(versions);
    expect(await checksum({ store, module: 'contacts' })).toBe(contactsWithout);
    expect(await checksum({ store, module: 'accounts' })).toBe(accounts);
    expect(await checksum({ store, module: 'leads' })).toBe(leads);
  });

  it('records the purge as a revision: author, message, same documents, the field gone from the archive', async () => {
    const store = openStore();
    const host = await archivedNickname(store);
    const purged = await host.purge({ module: 'contacts', field: 'nickname', author: 'bob', confirm: true });
    if (!purged.ok) throw new Error(JSON.stringify(purged.problems));
    expect(purged.revision).toMatchObject({
      number: 3,
      author: 'bob',
      restoredFrom: null,
      archived: { modules: [], fields: [] },
      purged: {
        module: 'contacts',
        field: 'nickname',
        type: 'text',
        archivedIn: 2,
        archiveKeys: [],
        records: 3,
      },
    });
    expect(purged.revision.message).toMatch(/^purge contacts\.nickname .*brings it back empty$/);
    expect(purged.revision.diff.documents).toEqual({ added: [], removed: [], changed: [] });
    expect((await host.revision(3))?.documents).toEqual((await host.revision(2))?.documents);
    expect((await host.revisions()).map((r) => r.number)).toEqual([3, 2, 1]);
    expect(host.current().number).toBe(3);
    const again = await host.purge({ module: 'contacts', field: 'nickname', author: 'bob', confirm: true });
    expect(again.ok ? '' : again.problems[0]?.message).toBe('there is no archived field "contacts.nickname"');
  });

  it('brings a purged field back empty on restore, saying so in the revision message', async () => {
    const store = openStore();
    const host = await archivedNickname(store);
    await host.purge({ module: 'contacts', field: 'nickname', author: 'bob', confirm: true });
    const restored = await host.restore({ number: 1, author: 'ann' });
    if (!restored.ok) throw new Error(JSON.stringify(restored.problems));
    expect(restored.revision.message).toBe(
      'Restore revision 1; contacts.nickname comes back empty (its values were purged in revision 3)',
    );
    expect(host.getApp().modules.get('contacts')?.fields.has('nickname')).toBe(true);
    expect((await rawRecords(store, 'contacts')).some((r) => Object.hasOwn(r, 'nickname'))).toBe(false);
  });

  it('removes the type-change archive copies of a purged field', async () => {
    const store = openStore();
    const host = await startHost(store);
    for (const score of ['12', 'lots'])
      await store.insert({ module: 'contacts', doc: contact({ score, nickname: 'n' }) });
    const docs = currentDocs(host);
    const score = contactsOf(docs).fields.find((f) => f.name === 'score');
    if (score) score.type = 'number';
    await host.save({
      documents: docs,
      author: 'ann',
      confirmTypeChanges: [{ module: 'contacts', field: 'score', toType: 'number' }],
    });
    await host.save({ documents: withoutField(currentDocs(host), 'score'), author: 'ann' });
    const key = archiveKey({ field: 'score', revision: 2 });
    expect((await rawRecords(store, 'contacts')).map((r) => r[key])).toEqual(
      expect.arrayContaining(['12', 'lots']),
    );
    const plan = await host.planPurge({ module: 'contacts', field: 'score' });
    expect(plan).toMatchObject({ ok: true, plan: { type: 'number', archiveKeys: [key], records: 2 } });
    const purged = await host.purge({ module: 'contacts', field: 'score', author: 'ann', confirm: true });
    if (!purged.ok) throw new Error(JSON.stringify(purged.problems));
    const after = await rawRecords(store, 'contacts');
    expect(after.map((r) => [r.score, r[key], r.nickname])).toEqual([
      [undefined, undefined, 'n'],
      [undefined, undefined, 'n'],
    ]);
  });

  it('drops every record of an archived module, even after a restart, and restores it empty', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atrium-meta-')), 'atrium.db');
    const first = await startHost(openStore(file));
    const store = stores[0];
    if (!store) throw new Error('no store');
    for (const company of ['Acme', 'Globex'])
      await store.insert({ module: 'leads', doc: contact({ company }) });
    await store.insert({ module: 'accounts', doc: { ...contact({}), name: 'Acme' } });
    const docs = currentDocs(first).filter((d) => !(d.kind === 'module' && d.name === 'leads'));
    await first.save({ documents: docs, author: 'ann' });
    const accounts = await checksum({ store, module: 'accounts' });
    const contacts = await checksum({ store, module: 'contacts' });

    const restarted = await startHost(openStore(file));
    expect(await restarted.planPurge({ module: 'leads' })).toMatchObject({
      ok: true,
      plan: { module: 'leads', records: 2, live: 2, deleted: 0, archivedIn: 2 },
    });
    const purged = await restarted.purge({ module: 'leads', author: 'bob', confirm: true });
    if (!purged.ok) throw new Error(JSON.stringify(purged.problems));
    expect(purged.removed).toBe(2);
    expect(purged.revision).toMatchObject({
      number: 3,
      archived: { modules: [] },
      purged: { module: 'leads', records: 2 },
    });
    expect(purged.revision.message).toMatch(/^purge module leads .*2 record\(s\) deleted/);
    expect(await checksum({ store, module: 'accounts' })).toBe(accounts);
    expect(await checksum({ store, module: 'contacts' })).toBe(contacts);

    const restored = await restarted.restore({ number: 1, author: 'ann' });
    if (!restored.ok) throw new Error(JSON.stringify(restored.problems));
    expect(restored.revision.message).toContain(
      'module leads comes back empty (its records were purged in revision 3)',
    );
    expect(restarted.getApp().modules.has('leads')).toBe(true);
    const reopened = openStore(file);
    await reopened.ensureSchema(restarted.getApp().modules.values());
    expect(await reopened.count({ module: 'leads', where: { kind: 'true' } })).toBe(0);
  });
});
