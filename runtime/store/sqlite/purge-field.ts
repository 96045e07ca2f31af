import type Database from 'better-sqlite3';
import { isDocumentKey } from './is-document-key.ts';
import { moduleTable } from './module-table.ts';
import { invalidWrite } from '../store-errors.ts';

/**
 * `Store.purgeField` on the writer connection (inside the store's lock or transaction): one UPDATE
 * removes `field` and `archiveKeys` from the JSON document of every record of the module, live and
 * soft-deleted, that holds any of them (a JSON null counts as held). `version` and `updated_*` are
 * left alone; the FTS triggers (`AFTER UPDATE OF doc`) keep search in step. Returns the records changed.
 */
export function purgeField(args: {
  db: Database.Database;
  module: string;
  field: string;
  archiveKeys?: readonly string[];
}): number {
  const keys = [...new Set([args.field, ...(args.archiveKeys ?? [])])];
  for (const key of keys) {
    if (!isDocumentKey(key)) throw invalidWrite(`'${key.slice(0, 80)}' is not a field the store can purge.`);
  }
  const table = moduleTable({ db: args.db, module: args.module });
  const paths = keys.map((key) => `$.${key}`);
  const held = paths.map(() => 'json_type(doc, ?) IS NOT NULL').join(' OR ');
  const result = args.db
    .prepare(`UPDATE ${table} SET doc = json_remove(doc${', ?'.repeat(paths.length)}) WHERE ${held}`)
    .run(...paths, ...paths);
  return result.changes;
}
