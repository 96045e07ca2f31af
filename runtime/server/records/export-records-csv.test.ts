import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestRecordService } from '../../../test/helpers/create-test-record-service.ts';
import { loadStarterApp } from '../../../test/helpers/load-starter-app.ts';
import { makeGrant } from '../../../test/helpers/make-grant.ts';
import type { Principal } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { RecordAction } from '../../core/metadata/types.ts';
import type { Store } from '../../store/types.ts';
import { type ExportQuery, exportRecordsCsv } from './export-records-csv.ts';
import { newRecordId } from './new-record-id.ts';
import type { RecordContext } from './record-context.ts';
import type { RecordService } from './record-service.ts';

const app: CompiledApp = await loadStarterApp();
const everything: RecordAction[] = ['read', 'create', 'update', 'delete', 'export', 'import'];
const all = { kind: 'true' } as const;

function staff(args: { id: string; scope: 'own' | 'all'; actions?: RecordAction[] }): Principal {
  const where = args.scope === 'own' ? { owner: { eq: '$principal.id' } } : {};
  return {
    kind: 'staff',
    id: args.id,
    attributes: { id: args.id },
    grants: ['accounts', 'contacts', 'deals', 'cases'].map((module) =>
      makeGrant({
        app,
        module,
        actions: args.actions ?? everything,
        where,
        fields: module === 'deals' && args.scope === 'own' ? { margin: 'hidden' } : {},
      }),
    ),
  };
}

const admin = staff({ id: 'admin', scope: 'all' });
const rep1 = staff({ id: 'rep1', scope: 'own' });

let ctx: RecordContext;
let service: RecordService;
let store: Store;

beforeEach(async () => {
  const test = await createTestRecordService(app);
  ({ service, store } = test);
  ctx = { store, getApp: () => app, hooks: test.hooks, now: () => new Date(), newId: newRecordId };
});

async function exportText(args: { principal: Principal; module: string; query?: ExportQuery }) {
  const chunks = await exportRecordsCsv({
    ctx,
    request: { principal: args.principal, module: args.module },
    query: args.query ?? {},
  });
  let text = '';
  for await (const chunk of chunks) text += chunk;
  return text;
}

async function exportTable(args: { principal: Principal; module: string; query?: ExportQuery }) {
  const [header = [], ...rows] = parse(await exportText(args)) as string[][];
  return { header, rows, cell: (row: number, name: string) => rows[row]?.[header.indexOf(name)] };
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; status: number }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; status: number };
  }
  throw new Error('expected the call to fail');
}

const newDeal = (input: Record<string, unknown>) =>
  service.create({ principal: admin, module: 'deals', input: { stage: 'proposal', ...input } });

const newAccount = (name: string, extra: Record<string, unknown> = {}) =>
  service.create({ principal: admin, module: 'accounts', input: { name, type: 'customer', ...extra } });

describe('exportRecordsCsv', () => {
  it('exports only the records in a rep’s scope, without the field hidden from it', async () => {
    await newDeal({ name: 'Mine', owner: 'rep1', margin: 37.25 });
    await newDeal({ name: 'Also mine', owner: 'rep1', margin: 38.5 });
    await newDeal({ name: 'Theirs', owner: 'rep2', margin: 39.75 });
    const text = await exportText({ principal: rep1, module: 'deals' });
    const { header, rows, cell } = await exportTable({ principal: rep1, module: 'deals' });
    expect(header).not.toContain('margin');
    expect(rows.map((_, index) => cell(index, 'name')).sort()).toEqual(['Also mine', 'Mine']);
    expect(text).not.toMatch(/37\.25|38\.5|39\.75|Theirs/);
  });

  it('has exactly the list API’s fields as columns, id first', async () => {
    await newDeal({ name: 'Mine', owner: 'rep1', margin: 10, amount: 5, closeDate: '2026-05-01' });
    const listed = (await service.list({ principal: rep1, module: 'deals' })).records[0] ?? {};
    const { header } = await exportTable({ principal: rep1, module: 'deals' });
    expect(header[0]).toBe('id');
    expect([...header].sort()).toEqual(expect.arrayContaining(Object.keys(listed).sort()));
    const readableNames = [...(app.modules.get('deals')?.fields.keys() ?? [])].filter(
      (name) => name !== 'margin',
    );
    expect([...header].sort()).toEqual(readableNames.sort());
  });

  it('never makes a column of a field hidden under any one of the principal’s grants', async () => {
    const mixed: Principal = {
      ...rep1,
      grants: [
        makeGrant({
          app,
          module: 'deals',
          actions: ['read', 'export'],
          where: { owner: { eq: '$principal.id' } },
        }),
        makeGrant({ app, module: 'deals', actions: ['read', 'export'], fields: { margin: 'hidden' } }),
      ],
    };
    await newDeal({ name: 'Mine', owner: 'rep1', margin: 37.25 });
    const text = await exportText({ principal: mixed, module: 'deals' });
    expect(text).not.toContain('margin');
    expect(text).not.toContain('37.25');
  });

  it.each([['=HYPERLINK("http://x")'], ['-2+3'], ['+1'], ['@SUM(A1)'], ['\tx'], ['\rx']])(
    'neutralises a cell starting with a formula character: %j',
    async (name) => {
      await newAccount(name);
      const { cell } = await exportTable({ principal: admin, module: 'accounts' });
      expect(cell(0, 'name')).toBe(`'${name}`);
    },
  );

  it('quotes commas, quotes and line breaks per RFC 4180, so they read back unchanged', async () => {
    const description = 'one, "two"\nthree\r\nfour\rfive';
    await newAccount('Acme, "Inc"', { description });
    const text = await exportText({ principal: admin, module: 'accounts' });
    expect(text.endsWith('\r\n')).toBe(true);
    const { cell } = await exportTable({ principal: admin, module: 'accounts' });
    expect(cell(0, 'name')).toBe('Acme, "Inc"');
    expect(cell(0, 'description')).toBe(description);
  });

  it('formats lists with "; ", objects as JSON, booleans and numbers plainly', async () => {
    await newAccount('Acme', {
      tags: ['strategic', 'keyAccount'],
      active: false,
      employees: 12,
      billingAddress: { city: 'Lyon', country: 'France' },
    });
    const { cell, header } = await exportTable({ principal: admin, module: 'accounts' });
    expect(cell(0, 'tags')).toBe('strategic; keyAccount');
    expect(cell(0, 'active')).toBe('false');
    expect(cell(0, 'employees')).toBe('12');
    expect(JSON.parse(cell(0, 'billingAddress') ?? '')).toEqual({ city: 'Lyon', country: 'France' });
    expect(cell(0, 'website')).toBe('');
    expect(header).toContain('website');
  });

  it('pages through every record, beyond one store page', async () => {
    for (let i = 0; i < 230; i += 1) await newAccount(`Account ${String(i).padStart(3, '0')}`);
    const { rows } = await exportTable({ principal: admin, module: 'accounts', query: { sort: 'name' } });
    expect(rows).toHaveLength(230);
    expect(rows.map((row) => row[1])).toEqual(
      Array.from({ length: 230 }, (_, i) => `Account ${String(i).padStart(3, '0')}`),
    );
  });

  it('applies the caller’s filter and sort', async () => {
    await newAccount('Beta', { industry: 'technology' });
    await newAccount('Alpha', { industry: 'technology' });
    await newAccount('Gamma', { industry: 'retail' });
    const { rows, cell } = await exportTable({
      principal: admin,
      module: 'accounts',
      query: { filter: { industry: { eq: 'technology' } }, sort: '-name' },
    });
    expect(rows.map((_, index) => cell(index, 'name'))).toEqual(['Beta', 'Alpha']);
  });

  it('refuses a filter on a hidden field before any byte', async () => {
    const error = await errorOf(
      exportRecordsCsv({
        ctx,
        request: { principal: rep1, module: 'deals' },
        query: { filter: { margin: { gt: 10 } } },
      }),
    );
    expect(error).toMatchObject({ status: 403, code: 'FIELD_NOT_READABLE' });
  });

  it('refuses a principal without the export action (403)', async () => {
    const reader = staff({ id: 'rep1', scope: 'own', actions: ['read', 'create'] });
    const error = await errorOf(exportText({ principal: reader, module: 'deals' }));
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN' });
  });

  it('refuses a principal that may export but not read (403)', async () => {
    const exporter = staff({ id: 'rep1', scope: 'own', actions: ['export'] });
    expect(await errorOf(exportText({ principal: exporter, module: 'deals' }))).toMatchObject({
      status: 403,
    });
  });

  it('writes an export audit entry with the row count and the columns', async () => {
    await newDeal({ name: 'Mine', owner: 'rep1', margin: 1 });
    await newDeal({ name: 'Theirs', owner: 'rep2', margin: 1 });
    await exportText({ principal: rep1, module: 'deals' });
    const entries = (await store.find({ module: 'atriumAudit', where: all, limit: 10 })).records.filter(
      (entry) => entry.action === 'export',
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'rep1', module: 'deals', recordId: '' });
    expect(entries[0]?.changes).toMatchObject({ rows: { to: 1 }, complete: { to: true } });
    expect(JSON.stringify(entries[0]?.changes)).not.toContain('margin');
  });

  it('records an export stopped half-way as incomplete, with the rows sent', async () => {
    for (let i = 0; i < 210; i += 1) await newAccount(`Account ${i}`);
    const chunks = await exportRecordsCsv({
      ctx,
      request: { principal: admin, module: 'accounts' },
      query: {},
    });
    for await (const chunk of chunks) {
      if (chunk.startsWith('id,')) continue;
      break;
    }
    const [entry] = (await store.find({ module: 'atriumAudit', where: all, limit: 500 })).records.filter(
      (record) => record.action === 'export',
    );
    expect(entry?.changes).toMatchObject({ rows: { to: 200 }, complete: { to: false } });
  });
});
