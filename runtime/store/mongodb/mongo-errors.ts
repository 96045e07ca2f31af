import { createError } from '../../core/errors.ts';

/** A unique field (or unique index) already holds this value on a live record; `details.field` names it. */
export const uniqueViolation = createError({ code: 'UNIQUE_VIOLATION', status: 409 });
/** The deployment is a standalone server: multi-document transactions need a replica set or sharded cluster. */
export const transactionsUnavailable = createError({ code: 'TRANSACTIONS_UNAVAILABLE', status: 503 });
/** MongoDB cannot be reached (network, server selection, closed client). */
export const storeUnavailable = createError({ code: 'STORE_UNAVAILABLE', status: 503 });
/** A query ran past `maxTimeMS`. */
export const queryTimeout = createError({ code: 'QUERY_TIMEOUT', status: 503 });
/** A cursor that this store did not issue for this sort. */
export const invalidCursor = createError({ code: 'INVALID_CURSOR', status: 400 });
/** A relation path whose inner condition matches more related records than a query may list. */
export const filterTooBroad = createError({ code: 'FILTER_TOO_BROAD', status: 400 });
/** The record does not fit the collection's `$jsonSchema` (a value of the wrong type). */
export const invalidRecord = createError({ code: 'INVALID_RECORD', status: 400 });
/** The Mongo adapter has no file backup; `mongodump` is the tool. */
export const backupUnsupported = createError({ code: 'BACKUP_UNSUPPORTED', status: 501 });
/** A page size outside 1–1000. */
export const invalidLimit = createError({ code: 'INVALID_LIMIT', status: 400 });
/** A sort on an unknown field, a repeated one, or one whose values have no order (arrays, files, JSON). */
export const invalidSort = createError({ code: 'INVALID_SORT', status: 400 });
/** A group-by or metric the store cannot compute (unknown field, array field, a sum of text). */
export const invalidAggregate = createError({ code: 'INVALID_AGGREGATE', status: 400 });
/** A write naming a field the store cannot hold: a malformed name or a system field it may not set. */
export const invalidWrite = createError({ code: 'INVALID_WRITE', status: 400 });
/** A module the store has no collection for (`ensureSchema` never saw it). */
export const unknownModule = createError({ code: 'UNKNOWN_MODULE', status: 404 });
