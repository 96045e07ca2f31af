import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createMongoStore } from '../store/mongodb/create-mongo-store.ts';
import { createSqliteStore } from '../store/sqlite/create-sqlite-store.ts';
import type { Store } from '../store/types.ts';

/**
 * Opens the configured store: MongoDB when `db` is a `mongodb://` or `mongodb+srv://` URL,
 * otherwise the embedded SQLite file `atrium.db` in `dataDir` (created if missing).
 */
export async function openStore(args: { dataDir: string; db?: string }): Promise<Store> {
  if (args.db && /^mongodb(\+srv)?:\/\//.test(args.db)) {
    const dbName = new URL(args.db.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.slice(1) || 'atrium';
    return createMongoStore({ url: args.db, dbName });
  }
  mkdirSync(args.dataDir, { recursive: true });
  return createSqliteStore({ file: join(args.dataDir, 'atrium.db') });
}
