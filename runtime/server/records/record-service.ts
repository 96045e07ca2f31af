import type { Principal } from '../../core/access/types.ts';
import type { AggregateMetric } from '../../store/types.ts';
import { aggregateRecords } from './aggregate-records.ts';
import { bulkUpdateRecords } from './bulk-update-records.ts';
import { createRecord } from './create-record.ts';
import { type ExportQuery, exportRecordsCsv } from './export-records-csv.ts';
import { importRecordsCsv } from './import-records-csv.ts';
import { getRecord } from './get-record.ts';
import { listRecords } from './list-records.ts';
import { listRelated } from './list-related.ts';
import type { ListQuery } from './parse-list-query.ts';
import type { RecordContext } from './record-context.ts';
import { removeRecord } from './remove-record.ts';
import { restoreRecord } from './restore-record.ts';
import { searchRecords } from './search-records.ts';
import { updateRecord } from './update-record.ts';

type On = { principal: Principal; module: string };

/**
 * The one choke point for record data (DESIGN §1.2): every read and write, from HTTP, portals,
 * exports, plugins and jobs, goes through here, asks `decideAccess` first, and hands the store a
 * required scope.
 */
export function createRecordService(ctx: RecordContext) {
  return {
    list: (a: On & { query?: ListQuery; deleted?: boolean }) =>
      listRecords({ ctx, request: a, query: a.query ?? {}, deleted: a.deleted }),
    get: (a: On & { id: string }) => getRecord({ ctx, request: a, id: a.id }),
    create: (a: On & { input: unknown }) => createRecord({ ctx, request: a, input: a.input }),
    update: (a: On & { id: string; input: unknown; expectedVersion?: number }) =>
      updateRecord({ ctx, request: a, id: a.id, input: a.input, expectedVersion: a.expectedVersion }),
    remove: (a: On & { id: string }) => removeRecord({ ctx, request: a, id: a.id }),
    restore: (a: On & { id: string }) => restoreRecord({ ctx, request: a, id: a.id }),
    related: (a: On & { id: string; child: { module: string; field: string }; query?: ListQuery }) =>
      listRelated({ ctx, request: a, id: a.id, child: a.child, query: a.query ?? {} }),
    search: (a: On & { text: string; filter?: unknown; limit?: number }) =>
      searchRecords({ ctx, request: a, text: a.text, filter: a.filter, limit: a.limit }),
    aggregate: (
      a: On & { groupBy: readonly string[]; metrics: readonly AggregateMetric[]; filter?: unknown },
    ) => aggregateRecords({ ctx, request: a, groupBy: a.groupBy, metrics: a.metrics, filter: a.filter }),
    bulkUpdate: (a: On & { ids: readonly string[]; input: unknown }) =>
      bulkUpdateRecords({ ctx, request: a, ids: a.ids, input: a.input }),
    exportCsv: (a: On & { query?: ExportQuery }) =>
      exportRecordsCsv({ ctx, request: a, query: a.query ?? {} }),
    importCsv: (a: On & { csv: string; allOrNothing?: boolean }) =>
      importRecordsCsv({ ctx, request: a, csv: a.csv, allOrNothing: a.allOrNothing ?? false }),
  };
}

/** The record service's API. */
export type RecordService = ReturnType<typeof createRecordService>;
