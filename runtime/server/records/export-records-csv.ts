import { stringify } from 'csv-stringify/sync';
import { maskRecord } from '../../core/access/mask-record.ts';
import { readableFieldPredicate } from '../../core/access/readable-field-predicate.ts';
import type { Principal } from '../../core/access/types.ts';
import { combine } from '../../core/filter/combine.ts';
import type { FilterNode } from '../../core/filter/types.ts';
import type { CompiledField, CompiledModule } from '../../core/metadata/compile-module.ts';
import type { RecordDoc, SortKey } from '../../store/types.ts';
import { neutralizeCsvCell } from './neutralize-csv-cell.ts';
import { listQueryRules } from '../../core/metadata/list-query-rules.ts';
import { type ListQuery, parseListQuery } from './parse-list-query.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { requireAccess } from './require-access.ts';
import { writeAudit } from './write-audit.ts';

/** What a caller may ask of an export: the list API's `filter` and `sort` (the export has no pages). */
export type ExportQuery = Pick<ListQuery, 'filter' | 'sort'>;

/** RFC 4180: CRLF between records; a field holding a comma, quote, CR or LF is quoted, quotes doubled. */
const csvOptions = { record_delimiter: 'windows', quote_record_delimiter: true } as const;

/** Field types whose value is a JSON document, whatever its shape. */
const jsonTypes: ReadonlySet<string> = new Set(['json', 'address', 'file', 'image']);

/**
 * The list API's fields for the principal, in export order: `id`, the module's own fields, then the
 * remaining system fields. A field counts only when it is readable under every grant of the
 * principal for the module (and it has a `read` grant), so a field hidden in some records is never a
 * column, not even an empty one.
 */
function exportColumns(args: { ctx: RecordContext; module: CompiledModule; principal: Principal }) {
  const isReadable = readableFieldPredicate({ app: args.ctx.getApp(), principal: args.principal });
  const { module } = args;
  const ordered = [
    ...[...module.fields.values()].filter((field) => field.name === 'id'),
    ...module.customFields,
    ...[...module.fields.values()].filter((field) => field.isSystem && field.name !== 'id'),
  ];
  return ordered.filter((field) => isReadable({ module: module.name, field: field.name }));
}

function formatScalar(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** A value as cell text: lists joined with `; `, objects as JSON, booleans `true`/`false`. */
function formatValue(args: { field: CompiledField; value: unknown }): string {
  const { field, value } = args;
  if (value === null || value === undefined) return '';
  if (jsonTypes.has(field.type)) return JSON.stringify(value);
  if (Array.isArray(value)) return value.map(formatScalar).join('; ');
  return formatScalar(value);
}

async function* csvChunks(args: {
  ctx: RecordContext;
  request: RecordRequest;
  columns: readonly CompiledField[];
  where: FilterNode;
  sort: SortKey[];
  readableFields: (record: RecordDoc) => ReadonlySet<string>;
}): AsyncGenerator<string, void, undefined> {
  const { ctx, request, columns } = args;
  let rows = 0;
  let isComplete = false;
  try {
    yield stringify([columns.map((field) => field.name)], csvOptions);
    let cursor: string | undefined;
    do {
      const page = await ctx.store.find({
        module: request.module,
        where: args.where,
        sort: args.sort,
        limit: listQueryRules.maxPageSize,
        cursor,
        deleted: 'exclude',
      });
      const lines = page.records.map((record) => {
        const masked = maskRecord({ record, readable: args.readableFields(record) });
        return columns.map((field) => neutralizeCsvCell(formatValue({ field, value: masked[field.name] })));
      });
      cursor = page.nextCursor ?? undefined;
      if (lines.length === 0) continue;
      rows += lines.length;
      yield stringify(lines, csvOptions);
    } while (cursor !== undefined);
    isComplete = true;
  } finally {
    // Also when the download stops half-way: what left the server is on record.
    const at = ctx.now().toISOString();
    await ctx.store.transaction((tx) =>
      writeAudit({
        tx,
        principal: request.principal,
        action: 'export',
        module: request.module,
        recordId: '',
        changes: {
          rows: { from: null, to: rows },
          columns: { from: null, to: columns.map((field) => field.name) },
          complete: { from: null, to: isComplete },
        },
        at,
      }),
    );
  }
}

/**
 * Exports the module's records inside the principal's scope as CSV text chunks (DESIGN §5, §11;
 * SECURITY-TESTS B.13). Access, the filter and the sort are checked before this resolves, so a
 * refusal (403/404/400) comes before the first byte; the records are then read a page at a time as
 * the chunks are taken, never the whole table at once.
 *
 * Needs the `export` action (its scope, and its field masks on every record) and the `read` action
 * (whose scope is ANDed in: nothing is exported that the list would not show). Columns are exactly
 * the list API's fields that are readable under every grant (`readableFieldPredicate`); the first
 * chunk is the header row of field names. Values: lists joined with `; `, objects as JSON, booleans
 * `true`/`false`; every cell passes `neutralizeCsvCell`; quoting per RFC 4180 with CRLF line ends.
 * When the chunks end (completely or not), an `export` audit entry records the row count, the
 * columns and whether the export was complete.
 */
export async function exportRecordsCsv(args: {
  ctx: RecordContext;
  request: RecordRequest;
  query: ExportQuery;
}): Promise<AsyncIterable<string>> {
  const { ctx, request } = args;
  const access = requireAccess({ ctx, request, action: 'export' });
  const read = requireAccess({ ctx, request, action: 'read' });
  const list = parseListQuery({
    ctx,
    request,
    access,
    query: { filter: args.query.filter, sort: args.query.sort, limit: listQueryRules.maxPageSize },
  });
  const columns = exportColumns({ ctx, module: access.module, principal: request.principal });
  await ctx.hooks.runBefore('beforeRead', {
    principal: request.principal,
    module: request.module,
    operation: 'list',
  });
  return csvChunks({
    ctx,
    request,
    columns,
    where: combine.and([list.where, read.decision.where]),
    sort: list.sort,
    readableFields: (record) => access.decision.readableFields(record),
  });
}
