import type Database from 'better-sqlite3';

/**
 * Registers the SQL functions compiled filters use: `atrium_lower(text)`, JavaScript's
 * `toLowerCase` (SQLite's own `lower` folds ASCII only), so SQL matches `evaluate` letter for letter.
 */
export function registerFunctions(db: Database.Database): void {
  db.function('atrium_lower', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLowerCase() : null,
  );
}
