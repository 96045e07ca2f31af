import type Database from 'better-sqlite3';
import type { FilterNode } from '../../core/filter/types.ts';
import { compileFilterToSql } from './compile-filter-to-sql.ts';
import { moduleTable } from './module-table.ts';
import { invalidWrite } from '../store-errors.ts';

/**
 * `Store.purgeDeleted` on the writer connection (inside the store's lock or transaction): one DELETE
 * of the soft-deleted records inside `where`, deleted before `olderThan` when given. Live records
 * never match; the FTS delete trigger keeps search in step. Returns the records deleted.
 */
export function purgeDeleted(args: {
  db: Database.Database;
  module: string;
  where: FilterNode;
  olderThan?: string;
}): number {
  const { olderThan } = args;
  if (olderThan !== undefined && (typeof olderThan !== 'string' || Number.isNaN(Date.parse(olderThan)))) {
    throw invalidWrite('olderThan must be an ISO time.');
  }
  const table = moduleTable({ db: args.db, module: args.module });
  const filter = compileFilterToSql({ node: args.where, module: args.module });
  const conditions = [`${table}.deleted_at IS NOT NULL`, filter.sql];
  const params: unknown[] = [...filter.params];
  if (olderThan !== undefined) {
    conditions.unshift(`${table}.deleted_at < ?`);
    params.unshift(olderThan);
  }
  return args.db.prepare(`DELETE FROM ${table} WHERE ${conditions.join(' AND ')}`).run(...params).changes;
}
