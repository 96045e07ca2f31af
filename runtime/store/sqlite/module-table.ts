import type Database from 'better-sqlite3';
import { unknownModule } from '../store-errors.ts';
import { tableName } from './table-name.ts';

/**
 * The table of `module` when it exists in the database, whether or not this connection's store has
 * registered the module (an archived module is not): `UNKNOWN_MODULE` when it does not, or null
 * instead when `isOptional`.
 */
export function moduleTable(args: {
  db: Database.Database;
  module: string;
  isOptional?: boolean;
}): string | null {
  const table = tableName(args.module);
  const found = args.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
  if (found) return table;
  if (args.isOptional) return null;
  throw unknownModule(`The store has no module '${args.module.slice(0, 80)}'.`);
}
