import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetadataDoc, ModuleDoc } from '../../runtime/core/metadata/types.ts';
import { readStarterDocuments } from '../../runtime/server/metadata/read-starter-documents.ts';
import { systemModules } from '../../runtime/server/records/system-modules.ts';
import { createSqliteStore } from '../../runtime/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../runtime/store/types.ts';
import { minimalDocs } from '../../test/fixtures/minimal-app.ts';
import { loadStarterApp } from '../../test/helpers/load-starter-app.ts';
import { runCli } from './cli.ts';

function writeDocs(dir: string, docs: unknown[]): void {
  mkdirSync(dir, { recursive: true });
  for (const [i, doc] of docs.entries()) writeFileSync(join(dir, `doc${i}.json`), JSON.stringify(doc));
}

describe('atrium metadata validate', () => {
  let output: string[];
  beforeEach(() => {
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => output.push(line));
  });
  afterEach(() => vi.restoreAllMocks());

  it('exits 0 on the starter CRM', async () => {
    expect(await runCli(['metadata', 'validate', 'metadata/starter'])).toBe(0);
    expect(output.join('\n')).toMatch(/no problems/);
  });

  it('prints every problem with its file and path and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atrium-cli-'));
    const docs = minimalDocs();
    writeDocs(dir, docs);
    writeFileSync(join(dir, 'doc4.json'), JSON.stringify({ ...docs[4], columns: ['lastName', 'nickname'] }));
    writeFileSync(join(dir, 'broken.json'), '{ "kind": ');
    expect(await runCli(['metadata', 'validate', dir])).toBe(1);
    const printed = output.join('\n');
    expect(printed).toContain('doc4.json  /columns/1  module "contacts" has no field "nickname"');
    expect(printed).toMatch(/broken\.json {2}\/ {2}not valid JSON/);
    expect(printed).toContain('2 problem(s)');
  });
});

describe('atrium metadata export / import, backup / restore', () => {
  let output: string[];
  let dataDir: string;
  let work: string;
  const savedDataDir = process.env.ATRIUM_DATA_DIR;
  const stores: Store[] = [];

  beforeEach(() => {
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => output.push(line));
    work = mkdtempSync(join(tmpdir(), 'atrium-cli-'));
    dataDir = join(work, 'data');
    process.env.ATRIUM_DATA_DIR = dataDir;
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    for (const store of stores.splice(0)) await store.close();
    if (savedDataDir === undefined) delete process.env.ATRIUM_DATA_DIR;
    else process.env.ATRIUM_DATA_DIR = savedDataDir;
  });

  function openDataStore(): Store {
    const store = createSqliteStore({ file: join(dataDir, 'atrium.db') });
    stores.push(store);
    return store;
  }

  async function exportBundle(): Promise<{ file: string; bundle: { documents: MetadataDoc[] } }> {
    const file = join(work, `bundle-${Math.random().toString(36).slice(2)}.json`);
    expect(await runCli(['metadata', 'export', file])).toBe(0);
    return { file, bundle: JSON.parse(readFileSync(file, 'utf8')) as { documents: MetadataDoc[] } };
  }

  it('exports the seeded starter as a bundle that imports with an empty plan', async () => {
    const { file, bundle } = await exportBundle();
    expect(bundle).toMatchObject({ format: 'atrium-metadata', version: 1 });
    expect(bundle.documents).toEqual(await readStarterDocuments());
    output = [];
    expect(await runCli(['metadata', 'import', file, '--dry-run'])).toBe(0);
    expect(output).toEqual([`No changes: ${file} matches revision 1.`]);
  });

  it('prints the plan of a changed bundle and saves nothing on a dry run', async () => {
    const { bundle } = await exportBundle();
    const accounts = bundle.documents.find(
      (d): d is ModuleDoc => d.kind === 'module' && d.name === 'accounts',
    );
    if (!accounts) throw new Error('no accounts module');
    accounts.fields.push({ name: 'nickname', type: 'text', label: 'Nickname' });
    accounts.label = 'Company';
    const changed = join(work, 'changed.json');
    writeFileSync(changed, JSON.stringify(bundle));
    output = [];
    expect(await runCli(['metadata', 'import', changed, '--dry-run'])).toBe(0);
    const printed = output.join('\n');
    expect(printed).toContain(`Plan for ${changed} against revision 1:`);
    expect(printed).toMatch(/Documents changed:\n {2}module:accounts: \/label, \/fields\/nickname/);
    expect(printed).toContain('Fields added:\n  accounts.nickname (text)');
    output = [];
    await runCli(['metadata', 'revisions']);
    expect(output).toHaveLength(1);
  });

  it('saves an imported bundle as a new revision and applies a type change only when confirmed', async () => {
    const { bundle } = await exportBundle();
    const store = openDataStore();
    const accounts = bundle.documents.find(
      (d): d is ModuleDoc => d.kind === 'module' && d.name === 'accounts',
    );
    if (!accounts) throw new Error('no accounts module');
    accounts.fields.push({ name: 'tier', type: 'text', label: 'Tier' });
    const withTier = join(work, 'with-tier.json');
    writeFileSync(withTier, JSON.stringify(bundle));
    expect(await runCli(['metadata', 'import', withTier, '--author', 'ann', '--message', 'Add tier'])).toBe(
      0,
    );
    await store.ensureSchema((await loadStarterApp()).modules.values());
    const at = '2024-01-01T00:00:00.000Z';
    for (const [i, tier] of ['1', '2', 'gold'].entries()) {
      await store.insert({
        module: 'accounts',
        doc: {
          id: `a${i}`,
          version: 1,
          owner: null,
          createdAt: at,
          createdBy: null,
          updatedAt: at,
          updatedBy: null,
          deletedAt: null,
          name: `A${i}`,
          tier,
        },
      });
    }
    const tier = accounts.fields.find((f) => f.name === 'tier');
    if (tier) tier.type = 'integer';
    const retyped = join(work, 'retyped.json');
    writeFileSync(retyped, JSON.stringify(bundle));
    output = [];
    expect(await runCli(['metadata', 'import', retyped])).toBe(1);
    const printed = output.join('\n');
    expect(printed).toContain('accounts.tier text → integer: 3 records, 2 convert, 1 do not, 0 empty');
    expect(printed).toMatch(/changes type from text to integer: run the dry run first/);
    output = [];
    expect(await runCli(['metadata', 'import', retyped, '--confirm-type-changes'])).toBe(0);
    expect(output.at(-1)).toBe('Saved revision 3.');
    const tiers = await store.find({
      module: 'accounts',
      where: { kind: 'true' },
      sort: [{ field: 'name', direction: 'asc' }],
      limit: 10,
    });
    expect(tiers.records.map((r) => [r.tier, r.Archive3tier])).toEqual([
      [1, '1'],
      [2, '2'],
      [undefined, 'gold'],
    ]);
    output = [];
    await runCli(['metadata', 'revisions']);
    expect(output[0]).toMatch(/^3 {2}\S+ {2}cli:\S+ {2}Import /);
    expect(output[1]).toMatch(/^2 {2}\S+ {2}ann {2}Add tier$/);
  });

  it('purges an archived field: a dry run prints the counts, --confirm removes the values', async () => {
    const { file: original, bundle } = await exportBundle();
    const accounts = bundle.documents.find(
      (d): d is ModuleDoc => d.kind === 'module' && d.name === 'accounts',
    );
    if (!accounts) throw new Error('no accounts module');
    accounts.fields.push({ name: 'tier', type: 'text', label: 'Tier' });
    const withTier = join(work, 'with-tier.json');
    writeFileSync(withTier, JSON.stringify(bundle));
    expect(await runCli(['metadata', 'import', withTier])).toBe(0);
    const store = openDataStore();
    await store.ensureSchema((await loadStarterApp()).modules.values());
    const at = '2024-01-01T00:00:00.000Z';
    for (const [i, tier] of ['gold', 'silver', undefined].entries()) {
      await store.insert({
        module: 'accounts',
        doc: {
          id: `a${i}`,
          version: 1,
          owner: null,
          createdAt: at,
          createdBy: null,
          updatedAt: at,
          updatedBy: null,
          deletedAt: i === 1 ? at : null,
          name: `A${i}`,
          ...(tier === undefined ? {} : { tier }),
        },
      });
    }
    output = [];
    expect(await runCli(['metadata', 'purge', 'accounts.tier'])).toBe(1);
    expect(output.join('\n')).toMatch(/field "accounts.tier" is live/);
    expect(await runCli(['metadata', 'import', original])).toBe(0);

    output = [];
    expect(await runCli(['metadata', 'purge', 'accounts.tier'])).toBe(0);
    expect(output).toEqual([
      'Purge field accounts.tier (text, archived in revision 3):',
      '  records whose value is removed for good: 2 (1 live, 1 soft-deleted)',
      '  type-change archive copies removed: none',
      'Dry run: nothing was removed. Run again with --confirm to remove it for good.',
    ]);
    const tiers = async () => {
      const live = await store.find({ module: 'accounts', where: { kind: 'true' }, limit: 10 });
      const deleted = await store.find({
        module: 'accounts',
        where: { kind: 'true' },
        limit: 10,
        deleted: 'only',
      });
      return [...live.records, ...deleted.records]
        .map((r) => r.tier)
        .filter((t) => t !== undefined)
        .sort();
    };
    expect(await tiers()).toEqual(['gold', 'silver']);

    output = [];
    expect(await runCli(['metadata', 'purge', 'accounts.tier', '--confirm', '--author', 'ann'])).toBe(0);
    expect(output.at(-1)).toBe('Purged 2 record(s); recorded as revision 4.');
    expect(await tiers()).toEqual([]);
    output = [];
    await runCli(['metadata', 'revisions']);
    expect(output[0]).toMatch(/^4 {2}\S+ {2}ann {2}purge accounts\.tier /);
  });

  it('refuses a bundle with problems and prints every one', async () => {
    const { bundle } = await exportBundle();
    const broken = join(work, 'broken.json');
    writeFileSync(
      broken,
      JSON.stringify({
        ...bundle,
        documents: [...bundle.documents, { kind: 'module', name: 'x' }, { kind: 'nope' }],
      }),
    );
    output = [];
    expect(await runCli(['metadata', 'import', broken])).toBe(1);
    expect(output.join('\n')).toMatch(/module:x {2}\/fields {2}missing required property "fields"/);
    expect(output.join('\n')).toMatch(/documents\/\d+ {2}\/kind {2}must be one of/);
  });

  it('restores a backup taken while writes go on to a store with consistent counts', async () => {
    await exportBundle();
    const server = openDataStore();
    const app = await loadStarterApp();
    await server.ensureSchema([...app.modules.values(), ...systemModules.values()]);
    const backupFile = join(work, 'backup.db');
    let written = 0;
    let backupDoneAt: number | undefined;
    const writeOne = async (i: number) => {
      const at = new Date().toISOString();
      const base = {
        version: 1,
        owner: null,
        createdAt: at,
        createdBy: null,
        updatedAt: at,
        updatedBy: null,
        deletedAt: null,
      };
      await server.transaction(async (tx) => {
        await tx.insert({ module: 'accounts', doc: { ...base, id: `acc${i}`, name: `Account ${i}` } });
        await tx.insert({
          module: 'atriumAudit',
          doc: {
            ...base,
            id: `aud${i}`,
            at,
            actor: 'test',
            actorKind: 'system',
            action: 'create',
            module: 'accounts',
            recordId: `acc${i}`,
            changes: {},
          },
        });
      });
    };
    const loop = (async () => {
      // Bounded: stops 200 writes after the backup is done, or at 5,000. Each write yields to the
      // event loop, as a server's requests do.
      while (written < 5000 && (backupDoneAt === undefined || written < backupDoneAt + 200)) {
        await writeOne(written++);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (written < 200) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await runCli(['backup', backupFile])).toBe(0);
    backupDoneAt = written;
    await loop;
    const liveAccounts = await server.count({ module: 'accounts', where: { kind: 'true' } });
    expect(liveAccounts).toBe(written);

    output = [];
    expect(await runCli(['restore', backupFile])).toBe(1);
    expect(output.join('\n')).toMatch(/is in use/);
    await server.close();
    stores.splice(stores.indexOf(server), 1);

    expect(await runCli(['restore', backupFile])).toBe(0);
    const restored = openDataStore();
    await restored.ensureSchema([...app.modules.values(), ...systemModules.values()]);
    const accounts = await restored.count({ module: 'accounts', where: { kind: 'true' } });
    const audits = await restored.count({ module: 'atriumAudit', where: { kind: 'true' } });
    expect(accounts).toBe(audits);
    expect(accounts).toBeGreaterThanOrEqual(200);
    expect(accounts).toBeLessThan(written);
    expect(await restored.count({ module: 'atriumRevisions', where: { kind: 'true' } })).toBe(1);
  });

  it('refuses to restore a file that is not an Atrium backup and keeps the database', async () => {
    await exportBundle();
    const notBackup = join(work, 'not-a-backup.db');
    writeFileSync(notBackup, 'hello');
    output = [];
    expect(await runCli(['restore', notBackup])).toBe(1);
    expect(output.join('\n')).toMatch(/not restored: the backup (does not open|fails)/);
    const store = openDataStore();
    await store.ensureSchema(systemModules.values());
    expect(await store.count({ module: 'atriumRevisions', where: { kind: 'true' } })).toBe(1);
  });
});
