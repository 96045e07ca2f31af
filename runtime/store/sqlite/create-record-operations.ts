import type Database from 'better-sqlite3';
import { evaluateLocally } from '../../core/filter/evaluate-locally.ts';
import type { FilterNode } from '../../core/filter/types.ts';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import type {
  AggregateMetric,
  AggregateRow,
  DeletedMode,
  Page,
  RecordDoc,
  SortKey,
  UpdateResult,
} from '../types.ts';
import { compileAggregate } from './compile-aggregate.ts';
import { compileFilterCached } from './compile-filter-cached.ts';
import { compileKeyset, type SortValue } from './compile-keyset.ts';
import { compileSort } from './compile-sort.ts';
import { decodeCursor } from './decode-cursor.ts';
import { encodeCursor } from './encode-cursor.ts';
import { ensureModuleSchema, type ModuleSchema } from './ensure-module-schema.ts';
import { isDocumentKey } from './is-document-key.ts';
import { prepareCached } from './prepare-cached.ts';
import { recordToRow } from './record-to-row.ts';
import { type RecordRow, recordColumnCount, recordColumnList, rowToRecord } from './row-to-record.ts';
import { invalidLimit, invalidWrite, unknownModule } from '../store-errors.ts';
import { systemKeys } from './system-columns.ts';
import { toFtsQuery } from './to-fts-query.ts';
import { translateSqliteError } from './translate-sqlite-error.ts';

type Db = Database.Database;
type Row = Record<string, unknown>;
/** A module the store serves: its metadata, its table, and its get-by-id SQL for each deleted mode. */
type Registered = {
  module: CompiledModule;
  schema: ModuleSchema;
  byIdSql: Readonly<Record<DeletedMode, string>>;
};

/** The store's operations as synchronous functions over one connection; the async store schedules them. */
export type RecordOperations = ReturnType<typeof createRecordOperations>;

const maxLimit = 1000;
const rowAlias = 't';
const selected = recordColumnList(rowAlias);

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw invalidLimit(`limit must be a whole number from 1 to ${maxLimit}.`);
  }
}

function deletedCondition(args: { deleted: DeletedMode | undefined; qualifier: string }): string {
  const deleted = args.deleted ?? 'exclude';
  if (deleted === 'exclude') return `${args.qualifier}.deleted_at IS NULL`;
  if (deleted === 'only') return `${args.qualifier}.deleted_at IS NOT NULL`;
  throw new Error(`'${String(deleted)}' is not a deleted mode`);
}

function all(args: { db: Db; sql: string; params: readonly unknown[] }): Row[] {
  return prepareCached({ db: args.db, sql: args.sql }).all(...args.params) as Row[];
}

function first(args: { db: Db; sql: string; params: readonly unknown[] }): Row | undefined {
  return prepareCached({ db: args.db, sql: args.sql }).get(...args.params) as Row | undefined;
}

/** Rows whose select list starts with `recordColumnList`, as arrays (see `rowToRecord`). */
function recordRows(args: { db: Db; sql: string; params: readonly unknown[] }): RecordRow[] {
  return prepareCached({ db: args.db, sql: args.sql, rowsAsArrays: true }).all(...args.params) as RecordRow[];
}

function recordRow(args: { db: Db; sql: string; params: readonly unknown[] }): RecordRow | undefined {
  return prepareCached({ db: args.db, sql: args.sql, rowsAsArrays: true }).get(...args.params) as
    | RecordRow
    | undefined;
}

function toSortValue(value: unknown): SortValue {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

type UpdatePlan = { assignments: string[]; params: unknown[] };

/** The SET clause of an update: owner is a column, other fields are JSON paths set or removed in SQL. */
function planUpdate(args: {
  set: Readonly<Record<string, unknown>>;
  unset: readonly string[];
  updatedAt: string;
  updatedBy: string | null;
}): UpdatePlan {
  const assignments = ['version = version + 1', 'updated_at = ?', 'updated_by = ?'];
  const params: unknown[] = [args.updatedAt, args.updatedBy];
  const setPaths: unknown[] = [];
  const removePaths: string[] = [];
  let owner: { value: unknown } | undefined;
  const checkKey = (key: string) => {
    if (key === 'owner') return;
    if (systemKeys.has(key)) throw invalidWrite(`'${key}' is maintained by the store and cannot be written.`);
    if (!isDocumentKey(key)) throw invalidWrite(`'${key.slice(0, 80)}' is not a field name.`);
  };
  for (const [key, value] of Object.entries(args.set)) {
    checkKey(key);
    if (args.unset.includes(key)) throw invalidWrite(`'${key}' is both set and unset.`);
    if (key === 'owner') owner = { value: value ?? null };
    else if (value === undefined) removePaths.push(`$.${key}`);
    else {
      const json = JSON.stringify(value);
      if (json === undefined) throw invalidWrite(`'${key}' holds a value JSON cannot store.`);
      setPaths.push(`$.${key}`, json);
    }
  }
  for (const key of args.unset) {
    checkKey(key);
    if (key === 'owner') owner = { value: null };
    else removePaths.push(`$.${key}`);
  }
  if (owner !== undefined) {
    if (owner.value !== null && typeof owner.value !== 'string')
      throw invalidWrite("'owner' must be a string or null.");
    assignments.push('owner = ?');
    params.push(owner.value);
  }
  let doc = 'doc';
  if (setPaths.length > 0) doc = `json_set(${doc}${', ?, json(?)'.repeat(setPaths.length / 2)})`;
  if (removePaths.length > 0) doc = `json_remove(${doc}${', ?'.repeat(removePaths.length)})`;
  if (doc !== 'doc') {
    assignments.push(`doc = ${doc}`);
    params.push(...setPaths, ...removePaths);
  }
  return { assignments, params };
}

/**
 * The embedded store's operations, synchronous over whichever connection they are given: reads on
 * the read connection, writes on the writer (inside the caller's lock or transaction). `ensureSchema`
 * registers the modules the others may name.
 */
export function createRecordOperations() {
  const modules = new Map<string, Registered>();
  const uniqueIndexes = new Map<string, readonly string[]>();

  const lookup = (module: string): Registered => {
    const found = modules.get(module);
    if (!found) throw unknownModule(`The store has no module '${module.slice(0, 80)}'.`);
    return found;
  };

  const rethrow = (error: unknown): never => {
    throw translateSqliteError({ error, uniqueIndexes });
  };

  /**
   * The record `id` when `where` holds for it. One lookup by primary key, then the record itself
   * decides the scope in memory (`evaluateLocally`: owner, account and the record's own fields, the
   * common scopes). Only a scope that reaches through a relation is left to SQL.
   */
  const readThroughWhere = (args: {
    db: Db;
    module: string;
    id: string;
    where: FilterNode;
    deleted: DeletedMode;
  }): RecordDoc | null => {
    const { schema, byIdSql } = lookup(args.module);
    const row = recordRow({ db: args.db, sql: byIdSql[args.deleted], params: [args.id] });
    if (!row) return null;
    const record = rowToRecord(row);
    const truth = evaluateLocally({ node: args.where, record });
    if (truth !== undefined) return truth ? record : null;
    const filter = compileFilterCached({ node: args.where, module: args.module, alias: rowAlias });
    const matched = first({
      db: args.db,
      sql: `SELECT 1 AS found FROM ${schema.table} AS ${rowAlias} WHERE ${rowAlias}.id = ? AND ${filter.sql}`,
      params: [args.id, ...filter.params],
    });
    return matched ? record : null;
  };

  return {
    ensureSchema(args: { db: Db; modules: Iterable<CompiledModule> }): void {
      const list = [...args.modules];
      const schemas = args.db.transaction(() =>
        list.map((module) => ({ module, schema: ensureModuleSchema({ db: args.db, module }) })),
      )();
      for (const entry of schemas) {
        const byId = (deleted: DeletedMode) =>
          `SELECT ${selected} FROM ${entry.schema.table} AS ${rowAlias}` +
          ` WHERE ${rowAlias}.id = ? AND ${deletedCondition({ deleted, qualifier: rowAlias })}`;
        modules.set(entry.module.name, {
          ...entry,
          byIdSql: { exclude: byId('exclude'), only: byId('only') },
        });
        for (const [name, fields] of entry.schema.uniqueIndexes) uniqueIndexes.set(name, fields);
      }
    },

    find(args: {
      db: Db;
      module: string;
      where: FilterNode;
      sort?: readonly SortKey[];
      limit: number;
      cursor?: string;
      deleted?: DeletedMode;
    }): Page {
      const { module, schema } = lookup(args.module);
      checkLimit(args.limit);
      const sort = compileSort({ module, sort: args.sort ?? [], qualifier: rowAlias });
      const filter = compileFilterCached({ node: args.where, module: args.module, alias: rowAlias });
      const conditions = [deletedCondition({ deleted: args.deleted, qualifier: rowAlias }), filter.sql];
      const params = [...filter.params];
      if (args.cursor !== undefined) {
        const values = decodeCursor({
          cursor: args.cursor,
          module: args.module,
          sort: sort.sort,
          columnCount: sort.columns.length,
        });
        const keyset = compileKeyset({ columns: sort.columns, values });
        conditions.push(keyset.sql);
        params.push(...keyset.params);
      }
      const sortValues = sort.columns.map((column) => column.expression);
      const rows = recordRows({
        db: args.db,
        sql:
          `SELECT ${selected}, ${sortValues.join(', ')} FROM ${schema.table} AS ${rowAlias}` +
          ` WHERE ${conditions.join(' AND ')} ORDER BY ${sort.orderBy} LIMIT ?`,
        params: [...params, args.limit + 1],
      });
      const page = rows.slice(0, args.limit);
      const last = page.at(-1);
      const hasMore = rows.length > args.limit && last !== undefined;
      return {
        records: page.map(rowToRecord),
        nextCursor: hasMore
          ? encodeCursor({
              module: args.module,
              sort: sort.sort,
              values: sort.columns.map((_, index) => toSortValue(last[recordColumnCount + index])),
            })
          : null,
      };
    },

    count(args: { db: Db; module: string; where: FilterNode; deleted?: DeletedMode }): number {
      const { schema } = lookup(args.module);
      const filter = compileFilterCached({ node: args.where, module: args.module, alias: rowAlias });
      const deleted = deletedCondition({ deleted: args.deleted, qualifier: rowAlias });
      const row = first({
        db: args.db,
        sql: `SELECT count(*) AS total FROM ${schema.table} AS ${rowAlias} WHERE ${deleted} AND ${filter.sql}`,
        params: filter.params,
      });
      return typeof row?.total === 'number' ? row.total : 0;
    },

    get(args: {
      db: Db;
      module: string;
      id: string;
      where: FilterNode;
      deleted?: DeletedMode;
    }): RecordDoc | null {
      return readThroughWhere({
        db: args.db,
        module: args.module,
        id: args.id,
        where: args.where,
        deleted: args.deleted ?? 'exclude',
      });
    },

    insert(args: { db: Db; module: string; doc: RecordDoc }): RecordDoc {
      const { schema } = lookup(args.module);
      const row = recordToRow(args.doc);
      try {
        const inserted = recordRow({
          db: args.db,
          sql:
            `INSERT INTO ${schema.table} (id, version, owner, created_at, created_by, updated_at, updated_by, deleted_at, deleted_by, doc)` +
            ` VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${recordColumnList()}`,
          params: [
            row.id,
            row.version,
            row.owner,
            row.created_at,
            row.created_by,
            row.updated_at,
            row.updated_by,
            row.deleted_at,
            row.deleted_by,
            row.doc,
          ],
        });
        if (!inserted) throw new Error('INSERT returned no row');
        return rowToRecord(inserted);
      } catch (error) {
        return rethrow(error);
      }
    },

    update(args: {
      db: Db;
      module: string;
      id: string;
      where: FilterNode;
      expectedVersion?: number;
      set: Readonly<Record<string, unknown>>;
      unset?: readonly string[];
      updatedAt: string;
      updatedBy: string | null;
    }): UpdateResult {
      const { schema } = lookup(args.module);
      const table = schema.table;
      const plan = planUpdate({
        set: args.set,
        unset: args.unset ?? [],
        updatedAt: args.updatedAt,
        updatedBy: args.updatedBy,
      });
      const filter = compileFilterCached({ node: args.where, module: args.module });
      const conditions = [`${table}.id = ?`, `${table}.deleted_at IS NULL`, filter.sql];
      const params = [...plan.params, args.id, ...filter.params];
      if (args.expectedVersion !== undefined) {
        conditions.push(`${table}.version = ?`);
        params.push(args.expectedVersion);
      }
      const sql = `UPDATE ${table} SET ${plan.assignments.join(', ')} WHERE ${conditions.join(' AND ')} RETURNING ${recordColumnList()}`;
      const run = args.db.transaction((): UpdateResult => {
        const updated = recordRow({ db: args.db, sql, params });
        if (updated) return { kind: 'updated', record: rowToRecord(updated) };
        if (args.expectedVersion === undefined) return { kind: 'notFound' };
        const current = readThroughWhere({ ...args, deleted: 'exclude' });
        return current ? { kind: 'conflict', current } : { kind: 'notFound' };
      });
      try {
        return run.immediate();
      } catch (error) {
        return rethrow(error);
      }
    },

    remove(args: {
      db: Db;
      module: string;
      id: string;
      where: FilterNode;
      deletedAt: string;
      deletedBy: string | null;
    }): boolean {
      const { schema } = lookup(args.module);
      const table = schema.table;
      const filter = compileFilterCached({ node: args.where, module: args.module });
      const removed = first({
        db: args.db,
        sql:
          `UPDATE ${table} SET version = version + 1, deleted_at = ?, deleted_by = ?` +
          ` WHERE ${table}.id = ? AND ${table}.deleted_at IS NULL AND ${filter.sql} RETURNING id`,
        params: [args.deletedAt, args.deletedBy, args.id, ...filter.params],
      });
      return removed !== undefined;
    },

    restore(args: {
      db: Db;
      module: string;
      id: string;
      where: FilterNode;
      updatedAt: string;
      updatedBy: string | null;
    }): RecordDoc | null {
      const { schema } = lookup(args.module);
      const table = schema.table;
      const filter = compileFilterCached({ node: args.where, module: args.module });
      try {
        const restored = recordRow({
          db: args.db,
          sql:
            `UPDATE ${table} SET version = version + 1, deleted_at = NULL, deleted_by = NULL, updated_at = ?, updated_by = ?` +
            ` WHERE ${table}.id = ? AND ${table}.deleted_at IS NOT NULL AND ${filter.sql} RETURNING ${recordColumnList()}`,
          params: [args.updatedAt, args.updatedBy, args.id, ...filter.params],
        });
        return restored ? rowToRecord(restored) : null;
      } catch (error) {
        return rethrow(error);
      }
    },

    aggregate(args: {
      db: Db;
      module: string;
      where: FilterNode;
      groupBy: readonly string[];
      metrics: readonly AggregateMetric[];
    }): AggregateRow[] {
      const { module, schema } = lookup(args.module);
      const compiled = compileAggregate({
        module,
        groupBy: args.groupBy,
        metrics: args.metrics,
        qualifier: rowAlias,
      });
      const filter = compileFilterCached({ node: args.where, module: args.module, alias: rowAlias });
      const groupBy = compiled.groupBy === null ? '' : ` GROUP BY ${compiled.groupBy}`;
      const orderBy = compiled.orderBy === null ? '' : ` ORDER BY ${compiled.orderBy}`;
      const rows = all({
        db: args.db,
        sql:
          `SELECT ${compiled.select} FROM ${schema.table} AS ${rowAlias}` +
          ` WHERE ${rowAlias}.deleted_at IS NULL AND ${filter.sql}${groupBy} HAVING count(*) > 0${orderBy}`,
        params: filter.params,
      });
      return rows.map(compiled.readRow);
    },

    search(args: {
      db: Db;
      module: string;
      where: FilterNode;
      text: string;
      limit: number;
      fields?: readonly string[];
    }): Page {
      const { schema } = lookup(args.module);
      checkLimit(args.limit);
      const fts = schema.fts;
      if (!fts) return { records: [], nextCursor: null };
      const columns = args.fields?.flatMap((field) => {
        const column = fts.columns.get(field);
        return column === undefined ? [] : [column];
      });
      const query = toFtsQuery({ text: args.text, columns });
      if (query === null) return { records: [], nextCursor: null };
      const filter = compileFilterCached({ node: args.where, module: args.module, alias: rowAlias });
      const rows = recordRows({
        db: args.db,
        sql:
          `SELECT ${selected} FROM ${fts.table} JOIN ${schema.table} AS ${rowAlias} ON ${rowAlias}.rid = ${fts.table}.rowid` +
          ` WHERE ${fts.table} MATCH ? AND ${rowAlias}.deleted_at IS NULL AND ${filter.sql}` +
          ` ORDER BY bm25(${fts.table}), ${rowAlias}.id LIMIT ?`,
        params: [query, ...filter.params, args.limit],
      });
      return { records: rows.map(rowToRecord), nextCursor: null };
    },
  };
}
