import type Database from 'better-sqlite3';

const maxStatements = 500;
type Caches = { objects: Map<string, Database.Statement>; arrays: Map<string, Database.Statement> };
const cachesByDb = new WeakMap<Database.Database, Caches>();

/**
 * A prepared statement for `sql` on `db`, reused across calls: up to 500 per connection and row
 * shape; when full, the oldest goes, where a statement used while the cache is full counts as new.
 * With `rowsAsArrays`, its rows are arrays of column values in select order (better-sqlite3's raw
 * mode), which is cheaper than an object per row.
 */
export function prepareCached(args: {
  db: Database.Database;
  sql: string;
  rowsAsArrays?: boolean;
}): Database.Statement {
  let caches = cachesByDb.get(args.db);
  if (!caches) {
    caches = { objects: new Map(), arrays: new Map() };
    cachesByDb.set(args.db, caches);
  }
  const cache = args.rowsAsArrays ? caches.arrays : caches.objects;
  const cached = cache.get(args.sql);
  if (cached) {
    // Move it to the newest end only when the cache is full and something must go, which keeps a hit cheap.
    if (cache.size >= maxStatements) {
      cache.delete(args.sql);
      cache.set(args.sql, cached);
    }
    return cached;
  }
  const statement = args.db.prepare(args.sql);
  if (args.rowsAsArrays) statement.raw(true);
  cache.set(args.sql, statement);
  if (cache.size > maxStatements) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return statement;
}
