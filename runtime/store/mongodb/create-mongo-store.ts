import { AsyncLocalStorage } from 'node:async_hooks';
import { MongoClient, type MongoClientOptions } from 'mongodb';
import type { Store } from '../types.ts';
import { bindMongoStore } from './bind-mongo-store.ts';
import { createLock } from './create-lock.ts';

const databasePattern = /^[A-Za-z0-9_-]{1,63}$/;

/**
 * The scale-out Store (DESIGN §8) over MongoDB with the official driver: one collection per module
 * (created with `$jsonSchema` validation and metadata-planned indexes by `ensureSchema`, which must run
 * before a module is used), one document per record (`_id` = id, `deletedAt` null while live),
 * filters compiled by `compileFilterToMongo` (relation paths resolved to id lists first), `maxTimeMS`
 * on every query, keyset pagination, `$text` search, `$match`/`$group` aggregates, and
 * `transaction` on a driver session (`withTransaction`; a standalone server, which has no
 * multi-document transactions, is refused with `TRANSACTIONS_UNAVAILABLE` rather than run without
 * atomicity — and `withTransaction` may run `fn` again after a transient error). No JavaScript runs
 * on the server. The client connects on first use.
 *
 * Within one process, transactions and writes outside them take turns on one lock, as in the SQLite
 * store: a transaction never interleaves with another, and a write outside waits for it and sees its
 * result. Across processes, MongoDB's write-conflict detection (and `withTransaction`'s retry) keeps
 * them atomic. Writing or opening a transaction through the outer store from inside a transaction's
 * own function throws instead of deadlocking; use the store passed to it. `search` also accepts
 * `fields`, the search fields the caller may read.
 */
export function createMongoStore(args: {
  url: string;
  dbName: string;
  clientOptions?: MongoClientOptions;
}): Store {
  if (!databasePattern.test(args.dbName))
    throw new Error(`'${args.dbName.slice(0, 80)}' is not a database name`);
  const client = new MongoClient(args.url, { ignoreUndefined: true, ...args.clientOptions });
  return bindMongoStore({
    state: {
      client,
      db: client.db(args.dbName),
      modules: new Map(),
      writeLock: createLock(),
      transactionFlow: new AsyncLocalStorage<{ isActive: boolean }>(),
    },
  });
}
