import type Database from 'better-sqlite3';
import { moduleTable } from './module-table.ts';

/**
 * `Store.dropModule` on the writer connection (inside the store's lock): drops the module's FTS
 * table and its table (with its indexes and triggers) in one transaction of its own, and returns
 * how many records, live and soft-deleted, the table held. Refused inside a store transaction, like
 * on every adapter. A module without a table drops nothing and returns 0.
 */
export function dropModule(args: { db: Database.Database; module: string }): number {
  const { db } = args;
  if (db.inTransaction) throw new Error('dropModule cannot run inside a transaction');
  return db
    .transaction(() => {
      const table = moduleTable({ db, module: args.module, isOptional: true });
      if (table === null) return 0;
      const row = db.prepare(`SELECT count(*) AS total FROM ${table}`).get() as { total: number } | undefined;
      db.exec(`DROP TABLE IF EXISTS ${table}__fts`);
      db.exec(`DROP TABLE ${table}`);
      return row?.total ?? 0;
    })
    .immediate();
}
