import { createError } from '../../core/errors.ts';

/** The deployment is a standalone server: multi-document transactions need a replica set or sharded cluster. */
export const transactionsUnavailable = createError({ code: 'TRANSACTIONS_UNAVAILABLE', status: 503 });
/** MongoDB cannot be reached (network, server selection, closed client). */
export const storeUnavailable = createError({ code: 'STORE_UNAVAILABLE', status: 503 });
/** A query ran past `maxTimeMS`. */
export const queryTimeout = createError({ code: 'QUERY_TIMEOUT', status: 503 });
/** A relation path whose inner condition matches more related records than a query may list. */
export const filterTooBroad = createError({ code: 'FILTER_TOO_BROAD', status: 400 });
/** The record does not fit the collection's `$jsonSchema` (a value of the wrong type). */
export const invalidRecord = createError({ code: 'INVALID_RECORD', status: 400 });
/** The Mongo adapter has no file backup; `mongodump` is the tool. */
export const backupUnsupported = createError({ code: 'BACKUP_UNSUPPORTED', status: 501 });
