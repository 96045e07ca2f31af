import type Database from 'better-sqlite3';

const maxStatements = 500;
const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement for `sql` on `db`, reused across calls (the most recent 500 per connection). */
export function prepareCached(args: { db: Database.Database; sql: string }): Database.Statement {
  let cache = caches.get(args.db);
  if (!cache) {
    cache = new Map();
    caches.set(args.db, cache);
  }
  const cached = cache.get(args.sql);
  if (cached) {
    cache.delete(args.sql);
    cache.set(args.sql, cached);
    return cached;
  }
  const statement = args.db.prepare(args.sql);
  cache.set(args.sql, statement);
  if (cache.size > maxStatements) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return statement;
}
