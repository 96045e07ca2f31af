import type Database from 'better-sqlite3';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import { assertFieldName } from './assert-field-name.ts';
import { mangleName } from './mangle-name.ts';
import { systemColumns } from './system-columns.ts';
import { tableName } from './table-name.ts';

/** What the store needs to know about a module's schema once it exists. */
export type ModuleSchema = {
  table: string;
  /** The FTS5 table and its column for each search field; null when the module has no search fields. */
  fts: { table: string; columns: ReadonlyMap<string, string> } | null;
  /** Unique index name → the fields it covers, to name the field in a UNIQUE_VIOLATION. */
  uniqueIndexes: ReadonlyMap<string, readonly string[]>;
};

type IndexPlan = { name: string; fields: readonly string[]; isUnique: boolean };

/** The expression an index stores for a field: its column, or `json_extract` of the document. */
function indexExpression(field: string): string {
  const column = systemColumns.get(field);
  return column ?? `json_extract(doc, '$.${assertFieldName(field)}')`;
}

function planIndexes(args: { module: CompiledModule; table: string }): IndexPlan[] {
  const { module, table } = args;
  const plans: IndexPlan[] = [];
  const add = ({ fields, isUnique }: { fields: readonly string[]; isUnique: boolean }) => {
    const kind = isUnique ? 'uq' : 'ix';
    plans.push({ name: `${table}__${kind}__${fields.map(mangleName).join('__')}`, fields, isUnique });
  };
  for (const field of module.customFields) {
    if (field.def?.unique) add({ fields: [field.name], isUnique: true });
    if (field.def?.indexed) add({ fields: [field.name], isUnique: false });
  }
  for (const index of module.doc.indexes ?? []) {
    if (index.fields.length > 0) add({ fields: index.fields, isUnique: index.unique === true });
  }
  if (!systemColumns.has(module.ownerField)) add({ fields: [module.ownerField], isUnique: false });
  return plans;
}

function createTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    owner TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    deleted_at TEXT,
    deleted_by TEXT,
    doc TEXT NOT NULL CHECK (json_valid(doc))
  ) STRICT`;
}

function createIndexSql(args: { table: string; plan: IndexPlan }): string {
  const { table, plan } = args;
  const expressions = plan.fields.map(indexExpression).join(', ');
  return plan.isUnique
    ? `CREATE UNIQUE INDEX IF NOT EXISTS ${plan.name} ON ${table} (${expressions}) WHERE deleted_at IS NULL`
    : `CREATE INDEX IF NOT EXISTS ${plan.name} ON ${table} (${expressions}, id)`;
}

/** Unique indexes this store made for a field or index the metadata no longer marks unique. */
function staleUniqueIndexes(args: {
  db: Database.Database;
  table: string;
  wanted: ReadonlySet<string>;
}): string[] {
  const rows = args.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?")
    .all(args.table) as Array<{ name: string }>;
  const prefix = `${args.table}__uq__`;
  return rows.map((row) => row.name).filter((name) => name.startsWith(prefix) && !args.wanted.has(name));
}

function existingColumns(args: { db: Database.Database; table: string }): string[] | null {
  const exists = args.db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")
    .get(args.table);
  if (!exists) return null;
  const rows = args.db.prepare(`PRAGMA table_info(${args.table})`).all() as Array<{ name: string }>;
  return rows.map((row) => row.name);
}

function dropFts(args: { db: Database.Database; table: string; fts: string }): void {
  for (const suffix of ['insert', 'update', 'delete']) {
    args.db.exec(`DROP TRIGGER IF EXISTS ${args.table}__fts_${suffix}`);
  }
  args.db.exec(`DROP TABLE IF EXISTS ${args.fts}`);
}

/**
 * The FTS5 index holds the search fields of live records only, keyed by the table's `rid` (an
 * INTEGER PRIMARY KEY, so VACUUM cannot renumber it); triggers keep it in step with every write.
 */
function ensureFts(args: {
  db: Database.Database;
  table: string;
  search: readonly string[];
}): ModuleSchema['fts'] {
  const { db, table, search } = args;
  const fts = `${table}__fts`;
  const fields = [...new Set(search)];
  if (fields.length === 0) {
    // The FTS table only mirrors document values, so dropping it loses nothing.
    dropFts({ db, table, fts });
    return null;
  }
  const columns = new Map(fields.map((field) => [field, `f_${mangleName(field)}`]));
  const columnList = [...columns.values()];
  const existing = existingColumns({ db, table: fts });
  const isCurrent = existing !== null && existing.join(',') === columnList.join(',');
  if (!isCurrent) dropFts({ db, table, fts });
  db.exec(
    `CREATE VIRTUAL TABLE IF NOT EXISTS ${fts} USING fts5(${columnList.join(', ')}, tokenize = 'unicode61 remove_diacritics 2')`,
  );
  const values = (row: string) =>
    fields
      .map((field) => {
        const column = systemColumns.get(field);
        return column ? `${row}.${column}` : `json_extract(${row}.doc, '$.${field}')`;
      })
      .join(', ');
  const insertNew = `INSERT INTO ${fts} (rowid, ${columnList.join(', ')}) SELECT new.rid, ${values('new')} WHERE new.deleted_at IS NULL;`;
  db.exec(
    `CREATE TRIGGER IF NOT EXISTS ${table}__fts_insert AFTER INSERT ON ${table} BEGIN ${insertNew} END`,
  );
  db.exec(
    `CREATE TRIGGER IF NOT EXISTS ${table}__fts_update AFTER UPDATE OF doc, deleted_at, rid ON ${table} BEGIN ` +
      `DELETE FROM ${fts} WHERE rowid = old.rid; ${insertNew} END`,
  );
  db.exec(
    `CREATE TRIGGER IF NOT EXISTS ${table}__fts_delete AFTER DELETE ON ${table} BEGIN DELETE FROM ${fts} WHERE rowid = old.rid; END`,
  );
  if (!isCurrent) {
    db.exec(
      `INSERT INTO ${fts} (rowid, ${columnList.join(', ')}) SELECT rid, ${values(table)} FROM ${table} WHERE deleted_at IS NULL`,
    );
  }
  return { table: fts, columns };
}

/**
 * Creates (if missing) a module's table, its indexes and its full-text index; idempotent, and it
 * never drops records. Indexes: `owner`, `deleted_at`, each `indexed` field, each `indexes[]` entry,
 * the owner field when it is a module field (each followed by `id`, the sort tie-breaker, so a
 * keyset page reads in index order), and a UNIQUE partial index (live records only) per
 * `unique` field or unique `indexes[]` entry. Unique indexes the metadata no longer asks for are
 * dropped (they hold no data, and keeping them would keep refusing writes the metadata allows); the
 * FTS table is rebuilt from the records when the search fields change. Creating a unique index over
 * existing duplicates throws. Run it inside a transaction.
 */
export function ensureModuleSchema(args: { db: Database.Database; module: CompiledModule }): ModuleSchema {
  const { db, module } = args;
  const table = tableName(module.name);
  db.exec(createTableSql(table));
  db.exec(`CREATE INDEX IF NOT EXISTS ${table}__owner ON ${table} (owner, id)`);
  db.exec(`CREATE INDEX IF NOT EXISTS ${table}__deleted ON ${table} (deleted_at, id)`);
  const plans = planIndexes({ module, table });
  const wantedUnique = new Set(plans.filter((plan) => plan.isUnique).map((plan) => plan.name));
  for (const name of staleUniqueIndexes({ db, table, wanted: wantedUnique })) db.exec(`DROP INDEX ${name}`);
  const uniqueIndexes = new Map<string, readonly string[]>([[`${table}.id`, ['id']]]);
  for (const plan of plans) {
    db.exec(createIndexSql({ table, plan }));
    if (plan.isUnique) uniqueIndexes.set(plan.name, plan.fields);
  }
  const fts = ensureFts({ db, table, search: module.search.map(assertFieldName) });
  return { table, fts, uniqueIndexes };
}
