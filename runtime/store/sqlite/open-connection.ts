import Database from 'better-sqlite3';
import { registerFunctions } from './register-functions.ts';

/**
 * Opens one connection to the store's database in WAL mode (in-memory databases keep their own
 * journal), waiting up to 5 s for a lock, with the store's SQL functions registered. A read-only
 * connection refuses every write (`query_only`).
 */
export function openConnection(args: { file: string; isReadOnly?: boolean }): Database.Database {
  const db = new Database(args.file);
  try {
    db.pragma('busy_timeout = 5000');
    if (args.isReadOnly) db.pragma('query_only = ON');
    else db.pragma('journal_mode = WAL');
    registerFunctions(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
