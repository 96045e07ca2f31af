import { parse } from 'csv-parse/sync';
import { Hono } from 'hono';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestRecordService } from '../../../../test/helpers/create-test-record-service.ts';
import { loadStarterApp } from '../../../../test/helpers/load-starter-app.ts';
import { makeGrant } from '../../../../test/helpers/make-grant.ts';
import type { Principal } from '../../../core/access/types.ts';
import { AppError } from '../../../core/errors.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import type { RecordAction } from '../../../core/metadata/types.ts';
import type { Store } from '../../../store/types.ts';
import { exportRecordsCsv } from '../../records/export-records-csv.ts';
import { importRecordsCsv, maxImportBytes } from '../../records/import-records-csv.ts';
import { newRecordId } from '../../records/new-record-id.ts';
import type { RecordContext } from '../../records/record-context.ts';
import type { RecordService } from '../../records/record-service.ts';
import { type CsvRecordService, csvRoutes } from './csv-routes.ts';
import type { RecordRouteEnv } from './record-routes.ts';

const app: CompiledApp = await loadStarterApp();
const all = { kind: 'true' } as const;

function staff(args: { id: string; actions: RecordAction[] }): Principal {
  return {
    kind: 'staff',
    id: args.id,
    attributes: { id: args.id },
    grants: [
      makeGrant({
        app,
        module: 'deals',
        actions: args.actions,
        where: { owner: { eq: '$principal.id' } },
        fields: { margin: 'hidden' },
      }),
    ],
  };
}

const principals: Record<string, Principal> = {
  rep1: staff({ id: 'rep1', actions: ['read', 'create', 'export', 'import'] }),
  reader: staff({ id: 'reader', actions: ['read', 'create'] }),
};

let http: Hono<RecordRouteEnv>;
let service: RecordService;
let store: Store;

/** The record service's CSV operations, bound as the lead wires them into `createRecordService`. */
function csvService(ctx: RecordContext): CsvRecordService {
  return {
    exportCsv: (a) => exportRecordsCsv({ ctx, request: a, query: a.query ?? {} }),
    importCsv: (a) =>
      importRecordsCsv({ ctx, request: a, csv: a.csv, allOrNothing: a.allOrNothing ?? false }),
  };
}

beforeEach(async () => {
  const test = await createTestRecordService(app);
  ({ service, store } = test);
  const ctx: RecordContext = {
    store,
    getApp: () => app,
    hooks: test.hooks,
    now: () => new Date(),
    newId: newRecordId,
  };
  http = new Hono<RecordRouteEnv>();
  http.use('*', async (c, next) => {
    const principal = principals[c.req.header('x-test-principal') ?? ''];
    if (!principal) return c.json({ error: { code: 'UNAUTHENTICATED' } }, 401);
    c.set('principal', principal);
    await next();
  });
  http.route('/api/records', csvRoutes(csvService(ctx)));
  http.onError((error, c) => {
    if (error instanceof AppError) {
      return c.json({ error: { code: error.code, message: error.message } }, error.status as 400);
    }
    return c.json({ error: { code: 'INTERNAL' } }, 500);
  });
});

const as = (principal: string, init: RequestInit & { headers?: Record<string, string> } = {}) => ({
  ...init,
  headers: { 'x-test-principal': principal, ...init.headers },
});

const postCsv = (args: { path: string; principal?: string; body: BodyInit; type?: string }) =>
  http.request(
    args.path,
    as(args.principal ?? 'rep1', {
      method: 'POST',
      body: args.body,
      headers: { 'content-type': args.type ?? 'text/csv' },
    }),
  );

const importBody =
  'name,stage,amount\r\nFirst,proposal,100\r\nSecond,proposal,a lot\r\nThird,proposal,300\r\n';

describe('csvRoutes', () => {
  it('streams an export as a text/csv attachment named after the module', async () => {
    await service.create({
      principal: principals.rep1 as Principal,
      module: 'deals',
      input: { name: '=cmd', stage: 'proposal', amount: 5 },
    });
    const response = await http.request('/api/records/deals/export?sort=name', as('rep1'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="deals.csv"');
    expect(response.body).toBeInstanceOf(ReadableStream);
    const [header = [], row = []] = parse(await response.text()) as string[][];
    expect(header).not.toContain('margin');
    expect(row[header.indexOf('name')]).toBe("'=cmd");
  });

  it('refuses an export without the export action with a JSON 403', async () => {
    const response = await http.request('/api/records/deals/export', as('reader'));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('refuses an export filter that is not JSON (400)', async () => {
    const response = await http.request('/api/records/deals/export?filter=%7Bnope', as('rep1'));
    expect(response.status).toBe(400);
  });

  it('imports text/csv and answers the report', async () => {
    const response = await postCsv({ path: '/api/records/deals/import', body: importBody });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { created: 2, rejected: [{ row: 3, errors: [{ field: 'amount', message: 'is not a number' }] }] },
    });
    expect(await store.count({ module: 'deals', where: all })).toBe(2);
  });

  it('stores nothing with ?allOrNothing=true when a row is bad', async () => {
    const response = await postCsv({ path: '/api/records/deals/import?allOrNothing=true', body: importBody });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { created: number } }).data.created).toBe(0);
    expect(await store.count({ module: 'deals', where: all })).toBe(0);
  });

  it.each([
    ['application/json'],
    ['text/plain'],
    ['application/x-www-form-urlencoded'],
    ['text/csv; charset=latin1'],
  ])('refuses an import body sent as %s (415)', async (type) => {
    const response = await postCsv({ path: '/api/records/deals/import', body: importBody, type });
    expect(response.status).toBe(415);
    expect(await store.count({ module: 'deals', where: all })).toBe(0);
  });

  it('takes text/csv with a UTF-8 charset', async () => {
    const type = 'text/csv; charset="UTF-8"';
    const response = await postCsv({ path: '/api/records/deals/import', body: importBody, type });
    expect(response.status).toBe(200);
  });

  it('refuses an unknown allOrNothing value (400)', async () => {
    const response = await postCsv({
      path: '/api/records/deals/import?allOrNothing=maybe',
      body: importBody,
    });
    expect(response.status).toBe(400);
  });

  it('refuses an import without the import action (403), storing nothing', async () => {
    const response = await postCsv({
      path: '/api/records/deals/import',
      principal: 'reader',
      body: importBody,
    });
    expect(response.status).toBe(403);
    expect(await store.count({ module: 'deals', where: all })).toBe(0);
  });

  it('refuses a body over the limit (413) while reading it, never whole', async () => {
    let sent = 0;
    const chunk = new TextEncoder().encode(`${'x'.repeat(64 * 1024 - 1)}\n`);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > maxImportBytes * 4) controller.close();
        else {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        }
      },
    });
    const response = await http.request('/api/records/deals/import', {
      ...as('rep1', { method: 'POST', headers: { 'content-type': 'text/csv' }, body }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(maxImportBytes * 2);
  });

  it('refuses a declared Content-Length over the limit (413)', async () => {
    const response = await http.request(
      '/api/records/deals/import',
      as('rep1', {
        method: 'POST',
        body: 'name\r\n',
        headers: { 'content-type': 'text/csv', 'content-length': String(maxImportBytes + 1) },
      }),
    );
    expect(response.status).toBe(413);
  });

  it('refuses a body that is not UTF-8 (400)', async () => {
    const body = new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0d, 0x0a, 0xff, 0xfe, 0x0d, 0x0a]);
    const response = await postCsv({ path: '/api/records/deals/import', body });
    expect(response.status).toBe(400);
  });
});
