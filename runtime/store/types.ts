import type { FilterNode } from '../core/filter/types.ts';
import type { CompiledModule } from '../core/metadata/compile-module.ts';

/**
 * The Store port (DESIGN §8). Adapters: `sqlite/` (embedded default) and `mongodb/` (scale-out).
 * `contract/` holds the behaviours every adapter passes.
 *
 * Every call names the module and takes a *required*, already bound `where` (no variables, no
 * `within`; `{ kind: 'true' }` for "everything"). `update` and `remove` apply `where` in the same
 * statement as the write, so a record outside it is never touched.
 */

/** A stored record: system fields plus the module's field values (flat). */
export type RecordDoc = {
  /** Random, not sequential. */
  id: string;
  /** 1 on insert, +1 on every write (update, remove, restore). */
  version: number;
  owner: string | null;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  /** Set by soft delete; null while the record is live. */
  deletedAt: string | null;
  [field: string]: unknown;
};

/**
 * Sort keys. Stores add `id` ascending as the last tie-breaker. Missing and null values sort as the
 * smallest value (first ascending, last descending); strings compare by code units (binary).
 */
export type SortKey = { field: string; direction: 'asc' | 'desc' };

/** One page of a list. `nextCursor` is opaque; null on the last page. */
export type Page = { records: RecordDoc[]; nextCursor: string | null };

/** Which records a read sees: live ones (default) or only soft-deleted ones (the recycle bin). */
export type DeletedMode = 'exclude' | 'only';

export type AggregateMetric =
  | { fn: 'count'; as: string }
  | { fn: 'sum' | 'avg' | 'min' | 'max'; field: string; as: string };

/** One group of an aggregate: the grouped-by values and the metrics (null where no value). */
export type AggregateRow = { group: Record<string, unknown>; values: Record<string, number | null> };

export type UpdateResult =
  | { kind: 'updated'; record: RecordDoc }
  | { kind: 'notFound' }
  /** The record is inside `where` but its version is not `expectedVersion`. */
  | { kind: 'conflict'; current: RecordDoc };

export type Store = {
  /** Keyset-paginated list: a cursor from one page continues after that page's last record even while records are inserted. */
  find(args: {
    module: string;
    where: FilterNode;
    sort?: readonly SortKey[];
    limit: number;
    cursor?: string;
    deleted?: DeletedMode;
  }): Promise<Page>;
  count(args: { module: string; where: FilterNode; deleted?: DeletedMode }): Promise<number>;
  get(args: {
    module: string;
    id: string;
    where: FilterNode;
    deleted?: DeletedMode;
  }): Promise<RecordDoc | null>;
  /** Stores the record as given (the caller sets every system field). Unique fields: throws `UNIQUE_VIOLATION` (409). */
  insert(args: { module: string; doc: RecordDoc }): Promise<RecordDoc>;
  /** Sets and unsets fields of a live record inside `where`, bumps `version`, sets `updatedAt`/`updatedBy`. */
  update(args: {
    module: string;
    id: string;
    where: FilterNode;
    expectedVersion?: number;
    set: Readonly<Record<string, unknown>>;
    unset?: readonly string[];
    updatedAt: string;
    updatedBy: string | null;
  }): Promise<UpdateResult>;
  /** Soft delete: sets `deletedAt`, bumps `version`. False when no live record inside `where` has that id. */
  remove(args: {
    module: string;
    id: string;
    where: FilterNode;
    deletedAt: string;
    deletedBy: string | null;
  }): Promise<boolean>;
  /** Undoes a soft delete (null when no deleted record inside `where` has that id); unique fields are checked again. */
  restore(args: {
    module: string;
    id: string;
    where: FilterNode;
    updatedAt: string;
    updatedBy: string | null;
  }): Promise<RecordDoc | null>;
  aggregate(args: {
    module: string;
    where: FilterNode;
    groupBy: readonly string[];
    metrics: readonly AggregateMetric[];
  }): Promise<AggregateRow[]>;
  /**
   * Full-text search over the module's `search` fields (only `fields`, when given: callers pass the
   * ones the principal may read), best matches first; `text` is literal words, never syntax.
   */
  search(args: {
    module: string;
    where: FilterNode;
    text: string;
    limit: number;
    fields?: readonly string[];
  }): Promise<Page>;
  /**
   * Removes the value of `field`, and of every key in `archiveKeys` (the metadata host's type-change
   * archive copies of it), from every record of the module, live and soft-deleted. A metadata
   * operation, not a record edit: `version`, `updatedAt` and `updatedBy` stay as they are (the record
   * as users see it does not change: the field is already archived and hidden), so no client holding
   * the record gets a spurious conflict. Full-text search stays in step. Refuses (`INVALID_WRITE`) a
   * system field or a malformed key. Returns how many records held at least one of the keys.
   */
  purgeField(args: { module: string; field: string; archiveKeys?: readonly string[] }): Promise<number>;
  /**
   * Hard-deletes the soft-deleted records inside `where` (those deleted before `olderThan`, an ISO
   * time, when given); live records are never touched. Returns how many were deleted.
   */
  purgeDeleted(args: { module: string; where: FilterNode; olderThan?: string }): Promise<number>;
  /**
   * Deletes a module's table/collection with every record in it, live and soft-deleted, and its
   * indexes; returns how many records it held (0 when there was none). `ensureSchema` creates it again,
   * empty. Not transactional (MongoDB cannot drop a collection inside a transaction), so it is refused
   * inside one on every adapter.
   */
  dropModule(args: { module: string }): Promise<number>;
  /** Runs `fn` atomically: every write through `tx` commits together, or none does when `fn` throws. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Creates tables/collections and indexes for these modules; idempotent, never drops data. */
  ensureSchema(modules: Iterable<CompiledModule>): Promise<void>;
  /** A consistent copy of the whole store at `path`, taken while writes go on. */
  backup(path: string): Promise<void>;
  close(): Promise<void>;
};
