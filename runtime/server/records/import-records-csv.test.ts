import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestRecordService } from '../../../test/helpers/create-test-record-service.ts';
import { loadStarterApp } from '../../../test/helpers/load-starter-app.ts';
import { makeGrant } from '../../../test/helpers/make-grant.ts';
import type { Principal } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { FieldLevel, RecordAction } from '../../core/metadata/types.ts';
import type { Store } from '../../store/types.ts';
import { exportRecordsCsv } from './export-records-csv.ts';
import type { HookBus } from './hook-bus.ts';
import { importRecordsCsv, maxImportBytes, maxImportRows } from './import-records-csv.ts';
import { newRecordId } from './new-record-id.ts';
import type { RecordContext } from './record-context.ts';
import type { RecordService } from './record-service.ts';

const app: CompiledApp = await loadStarterApp();
const everything: RecordAction[] = ['read', 'create', 'update', 'delete', 'export', 'import'];
const all = { kind: 'true' } as const;

function staff(args: {
  id: string;
  scope: 'own' | 'all';
  actions?: RecordAction[];
  dealFields?: Record<string, FieldLevel>;
}): Principal {
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
        fields: module === 'deals' ? (args.dealFields ?? {}) : {},
      }),
    ),
  };
}

const admin = staff({ id: 'admin', scope: 'all' });
const rep1 = staff({
  id: 'rep1',
  scope: 'own',
  dealFields: { margin: 'hidden', forecastCategory: 'readOnly' },
});

let ctx: RecordContext;
let service: RecordService;
let store: Store;
let hooks: HookBus;

beforeEach(async () => {
  const test = await createTestRecordService(app);
  ({ service, store, hooks } = test);
  ctx = { store, getApp: () => app, hooks, now: () => new Date(), newId: newRecordId };
});

const csvOf = (rows: unknown[][]) => stringify(rows, { record_delimiter: 'windows' });

const importCsv = (args: { principal: Principal; module: string; csv: string; allOrNothing?: boolean }) =>
  importRecordsCsv({
    ctx,
    request: { principal: args.principal, module: args.module },
    csv: args.csv,
    allOrNothing: args.allOrNothing ?? false,
  });

const count = (module: string) => store.count({ module, where: all });

async function stored(module: string) {
  return (await store.find({ module, where: all, limit: 200 })).records;
}

async function errorOf(
  promise: Promise<unknown>,
): Promise<{ code: string; status: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; status: number; message: string };
  }
  throw new Error('expected the call to fail');
}

const threeDealsOneBad = csvOf([
  ['name', 'stage', 'amount'],
  ['First', 'proposal', '100'],
  ['Second', 'proposal', 'a lot'],
  ['Third', 'negotiation', '300'],
]);

describe('importRecordsCsv', () => {
  it('creates the good rows and reports the bad one by its spreadsheet row and field', async () => {
    const report = await importCsv({ principal: rep1, module: 'deals', csv: threeDealsOneBad });
    expect(report).toEqual({
      created: 2,
      rejected: [{ row: 3, errors: [{ field: 'amount', message: 'is not a number' }] }],
    });
    const deals = (await stored('deals')).map((deal) => [deal.name, deal.amount, deal.owner]);
    expect(deals.sort()).toEqual([
      ['First', 100, 'rep1'],
      ['Third', 300, 'rep1'],
    ]);
  });

  it('stores nothing with allOrNothing when one row is bad, and still reports it', async () => {
    const report = await importCsv({
      principal: rep1,
      module: 'deals',
      csv: threeDealsOneBad,
      allOrNothing: true,
    });
    expect(report).toEqual({
      created: 0,
      rejected: [{ row: 3, errors: [{ field: 'amount', message: 'is not a number' }] }],
    });
    expect(await count('deals')).toBe(0);
  });

  it('creates every row with allOrNothing when all are good', async () => {
    const csv = csvOf([
      ['name', 'stage'],
      ['First', 'proposal'],
      ['Second', 'closedWon'],
    ]);
    expect(await importCsv({ principal: rep1, module: 'deals', csv, allOrNothing: true })).toEqual({
      created: 2,
      rejected: [],
    });
    expect(await count('deals')).toBe(2);
  });

  it('reports every row the create path refuses, validation included', async () => {
    const csv = csvOf([
      ['name', 'stage', 'probability'],
      ['', 'proposal', '10'],
      ['Second', 'nowhere', '10'],
      ['Third', 'proposal', '150'],
    ]);
    const report = await importCsv({ principal: rep1, module: 'deals', csv });
    expect(report.created).toBe(0);
    expect(report.rejected.map((entry) => [entry.row, entry.errors.map((error) => error.field)])).toEqual([
      [2, ['name']],
      [3, ['stage']],
      [4, ['probability']],
    ]);
  });

  it.each([
    ['a hidden field', 'margin', '12'],
    ['a read-only field', 'forecastCategory', 'commit'],
    ['a system field', 'createdBy', 'admin'],
    ['an unknown field', 'colour', 'red'],
  ])('refuses a row writing %s, and nothing of it is stored', async (_, field, value) => {
    const csv = csvOf([
      ['name', 'stage', field],
      ['Sneaky', 'proposal', value],
      ['Honest', 'proposal', ''],
    ]);
    const report = await importCsv({ principal: rep1, module: 'deals', csv });
    expect(report).toEqual({
      created: 1,
      rejected: [{ row: 2, errors: [{ field, message: 'cannot be written' }] }],
    });
    const deals = await stored('deals');
    expect(deals.map((deal) => deal.name)).toEqual(['Honest']);
    expect(deals[0]?.[field === 'createdBy' ? 'nothing' : field]).toBeUndefined();
    expect(deals[0]?.createdBy).toBe('rep1');
  });

  it('answers a badly typed hidden field like any field it may not write', async () => {
    const csv = csvOf([
      ['name', 'stage', 'margin'],
      ['Sneaky', 'proposal', 'not a number'],
    ]);
    const report = await importCsv({ principal: rep1, module: 'deals', csv });
    expect(report.rejected).toEqual([
      { row: 2, errors: [{ field: 'margin', message: 'cannot be written' }] },
    ]);
  });

  it('refuses an import without the import action (403), and stores nothing', async () => {
    const creator = staff({ id: 'rep1', scope: 'own', actions: ['read', 'create'] });
    const error = await errorOf(importCsv({ principal: creator, module: 'deals', csv: threeDealsOneBad }));
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await count('deals')).toBe(0);
    expect(await count('atriumAudit')).toBe(0);
  });

  it('refuses an import without the create action (403)', async () => {
    const importer = staff({ id: 'rep1', scope: 'own', actions: ['read', 'import'] });
    expect(
      await errorOf(importCsv({ principal: importer, module: 'deals', csv: threeDealsOneBad })),
    ).toMatchObject({
      status: 403,
    });
    expect(await count('deals')).toBe(0);
  });

  it(`refuses more than ${maxImportRows} rows (413) before storing anything`, async () => {
    const rows = Array.from({ length: maxImportRows + 1 }, (_, i) => [`Deal ${i}`, 'proposal']);
    const error = await errorOf(
      importCsv({ principal: rep1, module: 'deals', csv: csvOf([['name', 'stage'], ...rows]) }),
    );
    expect(error).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(error.message).toContain(String(maxImportRows));
    expect(await count('deals')).toBe(0);
  });

  it('refuses more than 5 MB (413)', async () => {
    const csv = `name,stage,description\r\nBig,proposal,${'x'.repeat(maxImportBytes)}\r\n`;
    expect(await errorOf(importCsv({ principal: rep1, module: 'deals', csv }))).toMatchObject({
      status: 413,
    });
    expect(await count('deals')).toBe(0);
  });

  it.each([
    ['malformed CSV', 'name,stage\r\n"Open,proposal\r\n'],
    ['an empty file', ''],
    ['a header column without a name', 'name,,stage\r\nA,x,proposal\r\n'],
    ['a column named twice', 'name,stage,name\r\nA,proposal,B\r\n'],
  ])('refuses %s (400)', async (_, csv) => {
    expect(await errorOf(importCsv({ principal: rep1, module: 'deals', csv }))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
    });
    expect(await count('deals')).toBe(0);
  });

  it('converts cells to the field types, with empty cells as no value', async () => {
    const csv = csvOf([
      [
        'name',
        'type',
        'employees',
        'annualRevenue',
        'active',
        'tags',
        'customerSince',
        'billingAddress',
        'website',
      ],
      [
        'Acme',
        'customer',
        '12',
        '1.5e3',
        'Yes',
        'strategic; keyAccount',
        '2026-01-31',
        '{"city":"Lyon"}',
        '',
      ],
      ['Globex', 'customer', '', '', '0', '', '', '', ''],
    ]);
    expect(await importCsv({ principal: admin, module: 'accounts', csv })).toEqual({
      created: 2,
      rejected: [],
    });
    const records = await stored('accounts');
    const acme = records.find((record) => record.name === 'Acme');
    const globex = records.find((record) => record.name === 'Globex');
    expect(acme).toMatchObject({
      employees: 12,
      annualRevenue: 1500,
      active: true,
      tags: ['strategic', 'keyAccount'],
      customerSince: '2026-01-31',
      billingAddress: { city: 'Lyon' },
    });
    expect(acme).not.toHaveProperty('website');
    expect(globex).toMatchObject({ name: 'Globex', active: false });
    expect(globex).not.toHaveProperty('employees');
  });

  it.each([
    ['employees', '12.5', 'is not a whole number'],
    ['employees', '0x10', 'is not a number'],
    ['annualRevenue', '1,000', 'is not a number'],
    ['active', 'maybe', 'is not true/false, yes/no or 1/0'],
    ['billingAddress', '{city', 'is not JSON'],
  ])('reports a %s cell "%s" that does not convert', async (field, cell, message) => {
    const csv = csvOf([
      ['name', 'type', field],
      ['Acme', 'customer', cell],
    ]);
    const report = await importCsv({ principal: admin, module: 'accounts', csv });
    expect(report.rejected).toEqual([{ row: 2, errors: [{ field, message }] }]);
  });

  it('numbers rows as a spreadsheet shows them: multi-line cells are one row, blank rows count', async () => {
    const csv = 'name,stage,amount\r\n"Two\r\nlines",proposal,1\r\n\r\nBad,proposal,x\r\n';
    const report = await importCsv({ principal: rep1, module: 'deals', csv });
    expect(report).toEqual({
      created: 1,
      rejected: [{ row: 4, errors: [{ field: 'amount', message: 'is not a number' }] }],
    });
  });

  it('reports a row whose cell count differs from the header', async () => {
    const csv = 'name,stage\r\nA,proposal,extra\r\nB\r\n';
    const report = await importCsv({ principal: rep1, module: 'deals', csv });
    expect(report.rejected.map((entry) => entry.row)).toEqual([2, 3]);
    expect(await count('deals')).toBe(0);
  });

  it('refuses a __proto__ column for the row without touching Object.prototype', async () => {
    const csv = csvOf([
      ['name', 'stage', '__proto__'],
      ['A', 'proposal', '{"polluted":true}'],
    ]);
    const report = await importCsv({ principal: rep1, module: 'deals', csv });
    expect(report.rejected).toEqual([
      { row: 2, errors: [{ field: '__proto__', message: 'cannot be written' }] },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads back what it exported, formula-looking text included', async () => {
    await service.create({
      principal: admin,
      module: 'deals',
      input: { name: '=HYPERLINK("http://x")', stage: 'proposal', margin: -3, closeDate: '2026-06-30' },
    });
    const chunks = await exportRecordsCsv({ ctx, request: { principal: admin, module: 'deals' }, query: {} });
    let exported = '';
    for await (const chunk of chunks) exported += chunk;
    const [header = [], row = []] = parse(exported) as string[][];
    const keep = ['name', 'stage', 'margin', 'closeDate'];
    const csv = csvOf([keep, keep.map((name) => row[header.indexOf(name)] ?? '')]);
    expect(csv).toContain(`'=HYPERLINK`);
    expect(csv).toContain(`'-3`);
    expect(await importCsv({ principal: admin, module: 'deals', csv })).toEqual({ created: 1, rejected: [] });
    const copy = { name: '=HYPERLINK("http://x")', stage: 'proposal', margin: -3, closeDate: '2026-06-30' };
    expect(await stored('deals')).toEqual([expect.objectContaining(copy), expect.objectContaining(copy)]);
  });

  it('lets the owner column assign records, inside the scope re-check', async () => {
    const csv = csvOf([
      ['name', 'stage', 'owner'],
      ['Mine', 'proposal', 'rep1'],
      ['Given away', 'proposal', 'rep2'],
    ]);
    const report = await importCsv({ principal: rep1, module: 'deals', csv });
    expect(report.created).toBe(1);
    expect(report.rejected).toEqual([{ row: 3, errors: [{ field: '', message: expect.any(String) }] }]);
    expect((await stored('deals')).map((deal) => deal.owner)).toEqual(['rep1']);
  });

  it('rolls back every row with allOrNothing when the create path refuses one mid-way', async () => {
    const after: unknown[] = [];
    hooks.on('afterChange', ({ record }) => {
      after.push(record.id);
    });
    const csv = csvOf([
      ['subject', 'status', 'priority', 'account'],
      ['First', 'new', 'low', ''],
      ['Second', 'new', 'low', 'nosuchrecord0000'],
      ['Third', 'new', 'nope', ''],
    ]);
    const report = await importCsv({ principal: rep1, module: 'cases', csv, allOrNothing: true });
    expect(report.created).toBe(0);
    expect(report.rejected.map((entry) => [entry.row, entry.errors[0]?.field])).toEqual([
      [3, 'account'],
      [4, 'priority'],
    ]);
    expect(await count('cases')).toBe(0);
    expect(await count('atriumSequences')).toBe(0);
    expect((await stored('atriumAudit')).map((entry) => entry.action)).toEqual(['import']);
    expect(after).toEqual([]);
  });

  it('runs afterChange hooks of an all-or-nothing import only after the commit', async () => {
    const seen: number[] = [];
    hooks.on('afterChange', async () => {
      seen.push(await count('deals'));
    });
    const csv = csvOf([
      ['name', 'stage'],
      ['First', 'proposal'],
      ['Second', 'proposal'],
    ]);
    await importCsv({ principal: rep1, module: 'deals', csv, allOrNothing: true });
    expect(seen).toEqual([2, 2]);
  });

  it('writes an import audit entry with the counts, besides each record’s create entry', async () => {
    await importCsv({ principal: rep1, module: 'deals', csv: threeDealsOneBad });
    const entries = await stored('atriumAudit');
    expect(entries.map((entry) => entry.action).sort()).toEqual(['create', 'create', 'import']);
    expect(entries.find((entry) => entry.action === 'import')).toMatchObject({
      actor: 'rep1',
      module: 'deals',
      changes: { created: { to: 2 }, rejected: { to: 1 } },
    });
  });
});
