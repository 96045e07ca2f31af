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

/**
 * `uq`: unique among live records. `lx`: a live-records index (`WHERE deleted_at IS NULL`, so
 * reads of live records can use it and the recycle bin does not bloat it). `ox`: a live-records
 * index led by the owner field, for an owner-scoped list filtered or sorted on an indexed field.
 */
type IndexKind = 'uq' | 'lx' | 'ox';
type IndexPlan = { name: string; fields: readonly string[]; kind: IndexKind };

/** Owner-led composites per module at most, so a module with many indexed fields keeps writes cheap. */
const maxOwnerComposites = 8;

/** Prefixes of every index name this store derives from metadata (and may therefore drop). */
const derivedKinds = ['uq', 'lx', 'ox', 'ix'] as const;

/** The expression an index stores for a field: its column, or `json_extract` of the document. */
function indexExpression(field: string): string {
  const column = systemColumns.get(field);
  return column ?? `json_extract(doc, '$.${assertFieldName(field)}')`;
}

function planIndexes(args: { module: CompiledModule; table: string }): IndexPlan[] {
  const { module, table } = args;
  const plans = new Map<string, IndexPlan>();
  const add = ({ fields, kind }: { fields: readonly string[]; kind: IndexKind }) => {
    const name = `${table}__${kind}__${fields.map(mangleName).join('__')}`;
    if (!plans.has(name)) plans.set(name, { name, fields, kind });
  };
  const indexed: string[] = [];
  for (const field of module.customFields) {
    if (field.def?.unique) add({ fields: [field.name], kind: 'uq' });
    if (field.def?.indexed) add({ fields: [field.name], kind: 'lx' });
    // A unique field finds at most one live record: an owner-led copy would not narrow anything.
    if (field.def?.indexed && !field.def.unique) indexed.push(field.name);
  }
  for (const index of module.doc.indexes ?? []) {
    if (index.fields.length > 0) add({ fields: index.fields, kind: index.unique === true ? 'uq' : 'lx' });
  }
  const owner = module.ownerField;
  if (!systemColumns.has(owner)) add({ fields: [owner], kind: 'lx' });
  for (const field of indexed.filter((name) => name !== owner).slice(0, maxOwnerComposites)) {
    add({ fields: [owner, field], kind: 'ox' });
  }
  return [...plans.values()];
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
  return plan.kind === 'uq'
    ? `CREATE UNIQUE INDEX IF NOT EXISTS ${plan.name} ON ${table} (${expressions}) WHERE deleted_at IS NULL`
    : `CREATE INDEX IF NOT EXISTS ${plan.name} ON ${table} (${expressions}, id) WHERE deleted_at IS NULL`;
}

/**
 * Indexes this store derived for metadata that no longer asks for them (and the full-table `ix`
 * indexes of earlier versions, replaced by `lx`), plus the old `deleted` index: they hold no data.
 * A stale unique index would keep refusing writes the metadata allows; a stale plain one only costs
 * writes and can mislead the planner.
 */
function staleIndexes(args: { db: Database.Database; table: string; wanted: ReadonlySet<string> }): string[] {
  const rows = args.db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?")
    .all(args.table) as Array<{ name: string }>;
  const prefixes = derivedKinds.map((kind) => `${args.table}__${kind}__`);
  const isDerived = (name: string) =>
    name === `${args.table}__deleted` || prefixes.some((prefix) => name.startsWith(prefix));
  return rows.map((row) => row.name).filter((name) => isDerived(name) && !args.wanted.has(name));
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
 * never drops records. Indexes (DESIGN §8, planned from metadata):
 * - `owner, id` on every record, and `deleted_at, id` on soft-deleted records only (the recycle
 *   bin), so a live read never mistakes "deleted_at IS NULL" for a selective index;
 * - for live records only (`WHERE deleted_at IS NULL`, which every live read states): each
 *   `indexed` field, each `indexes[]` entry and the owner field when it is a module field, each
 *   followed by `id`, the sort tie-breaker, so a keyset page reads in index order;
 * - for live records only, `(owner field, f, id)` for the first 8 `indexed`, non-unique fields `f`: an
 *   owner-scoped list (`owner in $principal.visibleOwnerIds`) filtered on `f` reads only the
 *   principal's rows in the wanted range. A module thus has at most 2 + 2 × indexed + indexes[] +
 *   unique indexes; each costs every write a little;
 * - a UNIQUE partial index (live records only) per `unique` field or unique `indexes[]` entry.
 * Derived indexes the metadata no longer asks for are dropped (they hold no data; a unique one
 * would keep refusing writes the metadata allows); the FTS table is rebuilt from the records when
 * the search fields change. Creating a unique index over existing duplicates throws. Run it inside
 * a transaction, and refresh the planner's statistics afterwards (`PRAGMA optimize`).
 */
export function ensureModuleSchema(args: { db: Database.Database; module: CompiledModule }): ModuleSchema {
  const { db, module } = args;
  const table = tableName(module.name);
  db.exec(createTableSql(table));
  db.exec(`CREATE INDEX IF NOT EXISTS ${table}__owner ON ${table} (owner, id)`);
  db.exec(
    `CREATE INDEX IF NOT EXISTS ${table}__trash ON ${table} (deleted_at, id) WHERE deleted_at IS NOT NULL`,
  );
  const plans = planIndexes({ module, table });
  const wanted = new Set(plans.map((plan) => plan.name));
  for (const name of staleIndexes({ db, table, wanted })) db.exec(`DROP INDEX ${name}`);
  const uniqueIndexes = new Map<string, readonly string[]>([[`${table}.id`, ['id']]]);
  for (const plan of plans) {
    db.exec(createIndexSql({ table, plan }));
    if (plan.kind === 'uq') uniqueIndexes.set(plan.name, plan.fields);
  }
  const fts = ensureFts({ db, table, search: module.search.map(assertFieldName) });
  return { table, fts, uniqueIndexes };
}
