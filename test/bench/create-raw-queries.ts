import Database from 'better-sqlite3';

/** The benchmark's queries written by hand against the store's tables: the baseline. */
export type RawQueries = {
  /** Live contacts owned by one of the visible owners whose last name starts with `prefix`, by last name then id. */
  list(args: { prefix: string; limit: number }): Array<Record<string, unknown>>;
  /** One live contact owned by one of the visible owners, or undefined. */
  get(id: string): Record<string, unknown> | undefined;
  /** EXPLAIN QUERY PLAN of both, for the report. */
  plans(): { list: string[]; get: string[] };
  close(): void;
};

/**
 * A second, read-only better-sqlite3 connection to the store's file, with the SQL a developer
 * would write for the same questions on the same layout (`m_contacts`: system columns, `owner` a
 * column, fields in the JSON `doc`; the store's expression index on
 * `json_extract(doc, '$.lastName'), id` and its `(owner, id)` index). The prefix test is `LIKE`
 * (ASCII case-insensitive, as the service's `startsWith` is, for the generated names); the owner
 * list is bound as one parameter per owner.
 */
export function createRawQueries(args: { file: string; visibleOwnerIds: readonly string[] }): RawQueries {
  const db = new Database(args.file, { readonly: true });
  const owners = args.visibleOwnerIds.map(() => '?').join(', ');
  const listSql =
    `SELECT * FROM m_contacts WHERE deleted_at IS NULL AND owner IN (${owners})` +
    ` AND json_extract(doc, '$.lastName') LIKE ? ESCAPE '\\'` +
    ` ORDER BY json_extract(doc, '$.lastName'), id LIMIT ?`;
  const getSql = `SELECT * FROM m_contacts WHERE id = ? AND deleted_at IS NULL AND owner IN (${owners})`;
  const listStatement = db.prepare(listSql);
  const getStatement = db.prepare(getSql);
  const explain = (sql: string, params: unknown[]) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map(
      (row) => row.detail,
    );
  return {
    list: ({ prefix, limit }) =>
      listStatement.all(...args.visibleOwnerIds, `${prefix.replace(/[\\%_]/g, '\\$&')}%`, limit) as Array<
        Record<string, unknown>
      >,
    get: (id) => getStatement.get(id, ...args.visibleOwnerIds) as Record<string, unknown> | undefined,
    plans: () => ({
      list: explain(listSql, [...args.visibleOwnerIds, 'S%', 50]),
      get: explain(getSql, ['x', ...args.visibleOwnerIds]),
    }),
    close: () => db.close(),
  };
}
