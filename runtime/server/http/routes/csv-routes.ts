import { badRequest } from '../../records/record-errors.ts';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { ExportQuery } from '../../records/export-records-csv.ts';
import { type ImportReport, maxImportBytes } from '../../records/import-records-csv.ts';
import type { RecordRequest } from '../../records/record-context.ts';
import { payloadTooLarge, unsupportedMediaType } from '../http-errors.ts';
import type { RecordRouteEnv } from './record-routes.ts';

/**
 * What the CSV routes need of the record service: `exportRecordsCsv` and `importRecordsCsv` bound to
 * its context, under these names.
 */
export type CsvRecordService = {
  exportCsv: (args: RecordRequest & { query?: ExportQuery }) => Promise<AsyncIterable<string>>;
  importCsv: (args: RecordRequest & { csv: string; allOrNothing?: boolean }) => Promise<ImportReport>;
};

function parseFilterParam(raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw badRequest('filter must be JSON');
  }
}

function parseFlag(args: { name: string; raw: string | undefined }): boolean {
  const { raw } = args;
  if (raw === undefined || raw === '' || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw badRequest(`${args.name} must be true or false`);
}

/** Only `text/csv`, in UTF-8 (said or assumed); anything else is a 415. */
function assertCsvType(contentType: string | undefined): void {
  const [type = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'text/csv') throw unsupportedMediaType('Send the file as text/csv');
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=').map((part) => part.trim());
    if (name === 'charset' && value.replace(/^"|"$/g, '') !== 'utf-8') {
      throw unsupportedMediaType('Send the file in UTF-8');
    }
  }
}

/** The body as UTF-8 text, read a chunk at a time and refused (413) once it passes `limit` bytes. */
async function readTextBody(args: { c: Context; limit: number }): Promise<string> {
  const { c, limit } = args;
  const tooLarge = () => payloadTooLarge(`An import takes at most ${limit} bytes`, { maxBytes: limit });
  const declared = Number(c.req.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const body = c.req.raw.body;
  if (!body) return '';
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts));
  } catch {
    throw badRequest('The file is not UTF-8 text');
  }
}

/** Streams text chunks as UTF-8 bytes, reading the next chunk only when the client takes one. */
function toByteStream(chunks: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const iterator = chunks[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * `GET /:module/export` and `POST /:module/import` (DESIGN §11), to mount under `/api/records`
 * BEFORE `recordRoutes` (whose `GET /:module/:id` would otherwise take `/export`). Thin: parse,
 * call the record service, render.
 *
 * - export: `filter` (JSON) and `sort` as for the list; answers `text/csv; charset=utf-8` as an
 *   attachment `<module>.csv`, streamed. Refusals (403/404/400) come as JSON before any byte.
 * - import: the body must be `text/csv` (UTF-8), at most `maxImportBytes` (413, never read whole);
 *   `?allOrNothing=true` stores nothing unless every row is good. Answers `{ data: ImportReport }`.
 */
export function csvRoutes(records: CsvRecordService): Hono<RecordRouteEnv> {
  const routes = new Hono<RecordRouteEnv>();

  routes.get('/:module/export', async (c) => {
    const module = c.req.param('module');
    const chunks = await records.exportCsv({
      principal: c.get('principal'),
      module,
      query: { filter: parseFilterParam(c.req.query('filter')), sort: c.req.query('sort') },
    });
    const filename = `${module.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;
    return c.body(toByteStream(chunks), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
    });
  });

  routes.post('/:module/import', async (c) => {
    assertCsvType(c.req.header('content-type'));
    const allOrNothing = parseFlag({ name: 'allOrNothing', raw: c.req.query('allOrNothing') });
    const csv = await readTextBody({ c, limit: maxImportBytes });
    const data = await records.importCsv({
      principal: c.get('principal'),
      module: c.req.param('module'),
      csv,
      allOrNothing,
    });
    return c.json({ data });
  });

  return routes;
}
