import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { Store } from '../types.ts';
import { createMutex } from './create-mutex.ts';
import { createRecordOperations, type RecordOperations } from './create-record-operations.ts';
import { dropModule } from './drop-module.ts';
import { openConnection } from './open-connection.ts';
import { purgeDeleted } from './purge-deleted.ts';
import { purgeField } from './purge-field.ts';

type Db = Database.Database;

/** Writes between two `PRAGMA optimize` runs: a table that grew tenfold gets fresh statistics soon. */
const writesPerOptimize = 1_000;

/**
 * Refreshes the planner's statistics where they are missing or stale (SQLite re-analyzes only tables
 * whose size changed a lot since, sampling at most 400 rows per index, so it stays cheap). Without
 * statistics SQLite takes any index with an equality on it for a selective one, which is how a list
 * ends up walking every row.
 */
function optimize(db: Db): void {
  db.exec('PRAGMA analysis_limit = 400; PRAGMA optimize = 0x10002');
}

/** The transaction a piece of async code runs inside (AsyncLocalStorage follows it across awaits). */
type TransactionState = { isActive: boolean };

function bindStore(args: {
  ops: RecordOperations;
  read: <T>(fn: (db: Db) => T) => Promise<T>;
  write: <T>(fn: (db: Db) => T) => Promise<T>;
  transaction: Store['transaction'];
  backup: Store['backup'];
  close: Store['close'];
}): Store {
  const { ops, read, write } = args;
  return {
    find: (query) => read((db) => ops.find({ db, ...query })),
    count: (query) => read((db) => ops.count({ db, ...query })),
    // Spelled out: copying the query with a spread cost more than a quarter of a get by id.
    get: ({ module, id, where, deleted }) => read((db) => ops.get({ db, module, id, where, deleted })),
    insert: (command) => write((db) => ops.insert({ db, ...command })),
    update: (command) => write((db) => ops.update({ db, ...command })),
    remove: (command) => write((db) => ops.remove({ db, ...command })),
    restore: (command) => write((db) => ops.restore({ db, ...command })),
    aggregate: (query) => read((db) => ops.aggregate({ db, ...query })),
    search: (query) => read((db) => ops.search({ db, ...query })),
    purgeField: (command) => write((db) => purgeField({ db, ...command })),
    purgeDeleted: (command) => write((db) => purgeDeleted({ db, ...command })),
    dropModule: (command) => write((db) => dropModule({ db, ...command })),
    transaction: args.transaction,
    ensureSchema: (modules) =>
      write((db) => {
        ops.ensureSchema({ db, modules });
        optimize(db);
      }),
    backup: args.backup,
    close: args.close,
  };
}

async function backupSnapshot(args: { file: string; path: string }): Promise<void> {
  const source = openConnection({ file: args.file, isReadOnly: true });
  try {
    // An open read transaction pins one WAL snapshot, so the copy is consistent and is never
    // restarted by the writes that go on meanwhile.
    source.exec('BEGIN');
    source.prepare('SELECT count(*) FROM sqlite_schema').get();
    await source.backup(args.path);
    source.exec('COMMIT');
  } finally {
    source.close();
  }
}

/**
 * The embedded store (DESIGN §8): one SQLite database (`file`, or `':memory:'`) in WAL mode, a table
 * per module with the system fields as columns and the other fields as a JSON document, expression
 * indexes planned from metadata, FTS5 for search.
 *
 * better-sqlite3 is synchronous and the Store API is async, so every write and every transaction
 * runs through one async lock on a single writer connection (`BEGIN IMMEDIATE` … `COMMIT`, or
 * `ROLLBACK` when the transaction's function throws). Inside `transaction(fn)`, `fn` gets a store
 * bound to the writer that sees its own uncommitted writes; `tx.transaction(f)` runs `f(tx)`. Writing
 * (or opening a transaction) through the outer store while one of its transactions is running in the
 * same async flow throws instead of deadlocking on the lock.
 *
 * Reads outside a transaction: on a file, a separate read-only connection, which WAL shows the last
 * committed state and never a transaction in progress. `:memory:` databases cannot be shared between
 * connections without shared-cache mode, whose table locks would make reads fail while a transaction
 * is open; so there reads use the writer connection and queue on the same lock as writes, which keeps
 * them from seeing another request's uncommitted writes. A read through the outer store from inside a
 * transaction's own async flow runs at once on the writer and sees that transaction's writes.
 *
 * `backup(path)` copies a consistent snapshot with SQLite's online backup while writes continue (on
 * `:memory:` it holds the lock instead). `search` returns the best `limit` matches, with no cursor.
 */
export function createSqliteStore(args: { file: string }): Store {
  const isMemory = args.file === ':memory:';
  const writer = openConnection({ file: args.file });
  let reader: Db;
  try {
    reader = isMemory ? writer : openConnection({ file: args.file, isReadOnly: true });
  } catch (error) {
    writer.close();
    throw error;
  }
  const ops = createRecordOperations();
  const lock = createMutex();
  const transactions = new AsyncLocalStorage<TransactionState>();
  let isClosed = false;
  let writesSinceOptimize = 0;
  /** Call with the lock held and no transaction open. */
  const optimizeWhenDue = () => {
    if (writesSinceOptimize < writesPerOptimize) return;
    writesSinceOptimize = 0;
    try {
      optimize(writer);
    } catch {
      // Statistics only guide the planner; the write they follow has already committed.
    }
  };

  const assertOpen = () => {
    if (isClosed) throw new Error('The store is closed');
  };
  const isInsideTransaction = () => transactions.getStore()?.isActive === true;

  const read = async <T>(fn: (db: Db) => T): Promise<T> => {
    assertOpen();
    if (isInsideTransaction()) return fn(writer);
    if (!isMemory) return fn(reader);
    return lock.run(() => {
      assertOpen();
      return fn(writer);
    });
  };

  const write = async <T>(fn: (db: Db) => T): Promise<T> => {
    assertOpen();
    if (isInsideTransaction()) {
      throw new Error('A transaction is running here: write through the store it passed to its function');
    }
    return lock.run(() => {
      assertOpen();
      writesSinceOptimize += 1;
      const result = fn(writer);
      optimizeWhenDue();
      return result;
    });
  };

  const runTransaction = async <T>(fn: (tx: Store) => Promise<T>): Promise<T> => {
    assertOpen();
    if (isInsideTransaction()) {
      throw new Error('A transaction is running here: nest through the store it passed to its function');
    }
    return lock.run(async () => {
      assertOpen();
      const state: TransactionState = { isActive: true };
      const direct = async <R>(run: (db: Db) => R): Promise<R> => {
        if (!state.isActive) throw new Error('This transaction has already ended');
        // SQLite rolls a transaction back by itself on some errors (disk full, I/O); writing on
        // would autocommit outside it.
        if (!writer.inTransaction) throw new Error('This transaction was rolled back by SQLite');
        return run(writer);
      };
      const tx: Store = bindStore({
        ops,
        read: direct,
        write: (run) => {
          writesSinceOptimize += 1;
          return direct(run);
        },
        transaction: async (inner) => {
          if (!state.isActive) throw new Error('This transaction has already ended');
          return inner(tx);
        },
        backup: async () => {
          throw new Error('backup cannot run inside a transaction');
        },
        close: async () => {
          throw new Error('close cannot run inside a transaction');
        },
      });
      writer.exec('BEGIN IMMEDIATE');
      try {
        const result = await transactions.run(state, () => fn(tx));
        writer.exec('COMMIT');
        optimizeWhenDue();
        return result;
      } catch (error) {
        if (writer.inTransaction) writer.exec('ROLLBACK');
        throw error;
      } finally {
        state.isActive = false;
      }
    });
  };

  return bindStore({
    ops,
    read,
    write,
    transaction: runTransaction,
    backup: async (path) => {
      assertOpen();
      if (isInsideTransaction()) throw new Error('backup cannot run inside a transaction');
      if (isMemory) {
        await lock.run(async () => {
          await writer.backup(path);
        });
        return;
      }
      await backupSnapshot({ file: args.file, path });
    },
    close: async () => {
      if (isClosed) return;
      if (isInsideTransaction()) throw new Error('close cannot run inside a transaction');
      await lock.run(() => {
        if (isClosed) return;
        isClosed = true;
        if (reader !== writer) reader.close();
        writer.close();
      });
    },
  });
}
