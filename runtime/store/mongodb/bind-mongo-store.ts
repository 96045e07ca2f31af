import type { AsyncLocalStorage } from 'node:async_hooks';
import {
  type ClientSession,
  type Db,
  type Document,
  type Filter,
  MongoError,
  type MongoClient,
  type Sort,
} from 'mongodb';
import { type FieldKind, fieldKind } from '../../core/filter/field-kind.ts';
import type { FilterNode } from '../../core/filter/types.ts';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import type {
  AggregateMetric,
  AggregateRow,
  DeletedMode,
  Page,
  SortKey,
  Store,
  UpdateResult,
} from '../types.ts';
import { buildAggregatePipeline } from './build-aggregate-pipeline.ts';
import { buildJsonSchema } from './build-json-schema.ts';
import { buildKeysetFilter, type KeysetKey } from './build-keyset-filter.ts';
import { buildRecordUpdate } from './build-record-update.ts';
import { collectionName } from './collection-name.ts';
import type { Lock } from './create-lock.ts';
import { compileFilterToMongo, type MongoQuery, type ResolveRelation } from './compile-filter-to-mongo.ts';
import { decodeCursor } from './decode-cursor.ts';
import { type CursorValue, encodeCursor } from './encode-cursor.ts';
import { escapeRegex } from './escape-regex.ts';
import { fromStoredDocument } from './from-stored-document.ts';
import { isTransactionCapable } from './is-transaction-capable.ts';
import { backupUnsupported, filterTooBroad, transactionsUnavailable } from './mongo-errors.ts';
import { invalidAggregate, invalidWrite, invalidLimit, invalidSort, unknownModule } from '../store-errors.ts';
import { mongoLimits } from './mongo-limits.ts';
import { planIndexes } from './plan-indexes.ts';
import { readAggregateRows } from './read-aggregate-rows.ts';
import { fieldKeyPattern, systemKeys } from './stored-keys.ts';
import { syncIndexes } from './sync-indexes.ts';
import { toMongoKey } from './to-mongo-key.ts';
import { toSearchWords } from './to-search-words.ts';
import { toStoredDocument } from './to-stored-document.ts';
import { translateMongoError } from './translate-mongo-error.ts';

/** What every view of one Mongo store shares: the client, the database and the modules it knows. */
export type MongoStoreState = {
  client: MongoClient;
  db: Db;
  modules: Map<string, CompiledModule>;
  /** Transactions and writes outside them take turns on this lock (within this process). */
  writeLock: Lock;
  /** Marks the async flow of a running transaction, to refuse writes that would wait on it forever. */
  transactionFlow: AsyncLocalStorage<{ isActive: boolean }>;
  /** Whether the deployment runs multi-document transactions, asked once (`hello`). */
  supportsTransactions?: Promise<boolean>;
};

/** A stored record as the driver types it: a string `_id` (not an ObjectId) and any fields. */
type Stored = Document & { _id: string };

const maxLimit = 1000;
const maxSortKeys = 8;
const maxGroupBy = 3;
const maxMetrics = 20;
const metricNamePattern = /^[a-zA-Z][a-zA-Z0-9]*$/;
const updateAttempts = 3;
const unorderedKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['multiSelect', 'referenceMany', 'opaque']);
const ungroupableKinds = unorderedKinds;
const validation = { validationLevel: 'moderate', validationAction: 'error' } as const;

function asFilter(query: MongoQuery): Filter<Stored> {
  return query;
}

function liveFilter(deleted: DeletedMode | undefined): MongoQuery {
  return deleted === 'only' ? { deletedAt: { $ne: null } } : { deletedAt: { $eq: null } };
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
    throw invalidLimit(`limit must be a whole number from 1 to ${maxLimit}.`);
  }
  return limit;
}

/** The caller's sort (checked) and the keys MongoDB sorts by, the unique `_id` last. */
function planSort(args: { module: CompiledModule; sort: readonly SortKey[] }): {
  sort: SortKey[];
  keys: KeysetKey[];
} {
  if (args.sort.length > maxSortKeys) throw invalidSort(`Sort by at most ${maxSortKeys} fields.`);
  const sort: SortKey[] = [];
  const seen = new Set<string>();
  for (const key of args.sort) {
    const field = args.module.fields.get(key.field);
    if (!field) throw invalidSort(`Cannot sort by '${key.field.slice(0, 80)}': no such field.`);
    if (unorderedKinds.has(fieldKind(field)))
      throw invalidSort(`Cannot sort by '${key.field}', a ${field.type} field.`);
    if (key.direction !== 'asc' && key.direction !== 'desc')
      throw invalidSort('Sort direction is asc or desc.');
    if (seen.has(key.field)) throw invalidSort(`'${key.field}' appears twice in the sort.`);
    seen.add(key.field);
    sort.push({ field: key.field, direction: key.direction });
    if (key.field === 'id') break;
  }
  const keys: KeysetKey[] = sort.map((key) => ({ key: toMongoKey(key.field), direction: key.direction }));
  if (!seen.has('id')) keys.push({ key: '_id', direction: 'asc' });
  return { sort, keys };
}

function cursorValue(args: { doc: Document; key: string }): CursorValue {
  const value: unknown = args.doc[args.key];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw invalidSort(`Cannot page by '${args.key}': a record holds a value without an order there.`);
}

function checkAggregate(args: {
  module: CompiledModule;
  groupBy: readonly string[];
  metrics: readonly AggregateMetric[];
}): void {
  if (args.groupBy.length > maxGroupBy) throw invalidAggregate(`Group by at most ${maxGroupBy} fields.`);
  if (new Set(args.groupBy).size !== args.groupBy.length)
    throw invalidAggregate('A field appears twice in groupBy.');
  if (args.metrics.length === 0 || args.metrics.length > maxMetrics) {
    throw invalidAggregate(`Ask for 1 to ${maxMetrics} metrics.`);
  }
  const names = args.metrics.map((metric) => metric.as);
  if (names.some((name) => !metricNamePattern.test(name)) || new Set(names).size !== names.length) {
    throw invalidAggregate("Each metric needs its own name ('as': letters and digits).");
  }
  for (const name of args.groupBy) {
    const field = args.module.fields.get(name);
    if (!field) throw invalidAggregate(`Cannot group by '${name.slice(0, 80)}': no such field.`);
    if (ungroupableKinds.has(fieldKind(field)))
      throw invalidAggregate(`Cannot group by '${name}', a ${field.type} field.`);
  }
  for (const metric of args.metrics) {
    if (metric.fn === 'count') continue;
    const field = args.module.fields.get(metric.field);
    if (!field) throw invalidAggregate(`Cannot ${metric.fn} '${metric.field.slice(0, 80)}': no such field.`);
    if (fieldKind(field) !== 'number')
      throw invalidAggregate(`Cannot ${metric.fn} '${metric.field}', a ${field.type} field.`);
  }
}

async function askTransactionSupport(db: Db): Promise<boolean> {
  return isTransactionCapable(await db.admin().command({ hello: 1 }));
}

/** Refuses, once and clearly, a deployment that would run a transaction's writes without atomicity. */
async function assertTransactionSupport(state: MongoStoreState): Promise<void> {
  state.supportsTransactions ??= askTransactionSupport(state.db);
  let isSupported: boolean;
  try {
    isSupported = await state.supportsTransactions;
  } catch (error) {
    state.supportsTransactions = undefined;
    throw translateMongoError(error);
  }
  if (!isSupported) {
    throw transactionsUnavailable(
      'This MongoDB deployment is a standalone server, which cannot run multi-document transactions; ' +
        'run it as a replica set (a single-node replica set is enough). Writes are refused rather than run without atomicity.',
    );
  }
}

/**
 * The Store over `state`, bound to `session` when given (a view inside a transaction: every read and
 * write passes the session, so they commit or abort together). Every query, count, find-and-modify and
 * aggregate carries `maxTimeMS`. Errors come out as AppErrors where they mean something to a caller
 * (`translateMongoError`); inside a transaction, errors MongoDB labels transient pass through
 * untouched so `withTransaction` can retry.
 */
export function bindMongoStore(args: { state: MongoStoreState; session?: ClientSession }): Store {
  const { state, session } = args;
  const readOptions = { session, maxTimeMS: mongoLimits.queryTimeoutMs };

  async function guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (session && error instanceof MongoError && error.hasErrorLabel('TransientTransactionError'))
        throw error;
      throw translateMongoError(error);
    }
  }

  /**
   * A write outside a transaction waits for the running one (and any queued) to finish, so it sees
   * its committed result rather than racing it; inside a transaction the session carries it.
   */
  function write<T>(work: () => Promise<T>): Promise<T> {
    if (session) return guard(work);
    if (state.transactionFlow.getStore()?.isActive) {
      return Promise.reject(
        new Error('A transaction is running here: write through the store it passed to its function'),
      );
    }
    return state.writeLock.run(() => guard(work));
  }

  function moduleOf(name: string): CompiledModule {
    const module = state.modules.get(name);
    if (!module) throw unknownModule(`Unknown module '${name.slice(0, 80)}'.`);
    return module;
  }

  function collection(module: string) {
    moduleOf(module);
    return state.db.collection<Stored>(collectionName(module));
  }

  const resolveRelation: ResolveRelation = async ({ module, node }) => {
    const inner = await compileFilterToMongo({ node });
    const documents = await collection(module)
      .find(asFilter({ $and: [inner, liveFilter('exclude')] }), { ...readOptions, projection: { _id: 1 } })
      .limit(mongoLimits.maxRelationIds + 1)
      .toArray();
    if (documents.length > mongoLimits.maxRelationIds) {
      throw filterTooBroad(
        `A condition through a relation to '${module}' matches more than ${mongoLimits.maxRelationIds} records; narrow it.`,
      );
    }
    return documents.map((document) => String(document._id));
  };

  async function scoped(args: {
    where: FilterNode;
    deleted?: DeletedMode;
    extra?: MongoQuery[];
  }): Promise<Filter<Stored>> {
    const where = await compileFilterToMongo({ node: args.where, resolveRelation });
    return asFilter({ $and: [where, liveFilter(args.deleted), ...(args.extra ?? [])] });
  }

  function byId(id: string): MongoQuery {
    return { _id: { $eq: id } };
  }

  async function findInside(args: { module: string; id: string; where: FilterNode; deleted?: DeletedMode }) {
    if (typeof args.id !== 'string') return null;
    const filter = await scoped({ where: args.where, deleted: args.deleted, extra: [byId(args.id)] });
    return collection(args.module).findOne(filter, readOptions);
  }

  const store: Store = {
    find: (args) =>
      guard(async (): Promise<Page> => {
        const module = moduleOf(args.module);
        const limit = checkLimit(args.limit);
        const { sort, keys } = planSort({ module, sort: args.sort ?? [] });
        const signature = JSON.stringify([module.name, sort.map((key) => [key.field, key.direction])]);
        const extra: MongoQuery[] = [];
        if (args.cursor !== undefined) {
          const values = decodeCursor({ cursor: args.cursor, signature, size: keys.length });
          extra.push(buildKeysetFilter({ keys, values }));
        }
        const filter = await scoped({ where: args.where, deleted: args.deleted, extra });
        const order: Sort = keys.map((key): [string, 1 | -1] => [key.key, key.direction === 'asc' ? 1 : -1]);
        const documents = await collection(args.module)
          .find(filter, readOptions)
          .sort(order)
          .limit(limit + 1)
          .toArray();
        const page = documents.slice(0, limit);
        const last = page[page.length - 1];
        const nextCursor =
          documents.length > limit && last
            ? encodeCursor({ signature, values: keys.map((key) => cursorValue({ doc: last, key: key.key })) })
            : null;
        return { records: page.map(fromStoredDocument), nextCursor };
      }),

    count: (args) =>
      guard(async () => {
        const filter = await scoped({ where: args.where, deleted: args.deleted });
        return collection(args.module).countDocuments(filter, readOptions);
      }),

    get: (args) =>
      guard(async () => {
        const document = await findInside(args);
        return document ? fromStoredDocument(document) : null;
      }),

    insert: (args) =>
      write(async () => {
        const document = toStoredDocument(args.doc);
        await collection(args.module).insertOne(document, { session });
        return fromStoredDocument(document);
      }),

    update: (args) =>
      write(async (): Promise<UpdateResult> => {
        const update = buildRecordUpdate(args);
        const versioned =
          args.expectedVersion === undefined ? [] : [{ version: { $eq: args.expectedVersion } }];
        const filter = await scoped({ where: args.where, extra: [byId(args.id), ...versioned] });
        for (let attempt = 1; attempt <= updateAttempts; attempt += 1) {
          const updated = await collection(args.module).findOneAndUpdate(filter, update, {
            ...readOptions,
            returnDocument: 'after',
          });
          if (updated) return { kind: 'updated', record: fromStoredDocument(updated) };
          // Nothing matched: tell "not there (or outside where)" from "there, another version".
          const current = await findInside({ module: args.module, id: args.id, where: args.where });
          if (!current) return { kind: 'notFound' };
          const record = fromStoredDocument(current);
          if (args.expectedVersion !== undefined && record.version !== args.expectedVersion) {
            return { kind: 'conflict', current: record };
          }
          // It changed between the two statements (restored, or moved into `where`): try again.
        }
        const current = await findInside({ module: args.module, id: args.id, where: args.where });
        return current ? { kind: 'conflict', current: fromStoredDocument(current) } : { kind: 'notFound' };
      }),

    remove: (args) =>
      write(async () => {
        const filter = await scoped({ where: args.where, extra: [byId(args.id)] });
        const removed = await collection(args.module).findOneAndUpdate(
          filter,
          { $set: { deletedAt: args.deletedAt, deletedBy: args.deletedBy }, $inc: { version: 1 } },
          readOptions,
        );
        return removed !== null;
      }),

    restore: (args) =>
      write(async () => {
        const filter = await scoped({ where: args.where, deleted: 'only', extra: [byId(args.id)] });
        const restored = await collection(args.module).findOneAndUpdate(
          filter,
          {
            $set: { deletedAt: null, updatedAt: args.updatedAt, updatedBy: args.updatedBy },
            $unset: { deletedBy: '' },
            $inc: { version: 1 },
          },
          { ...readOptions, returnDocument: 'after' },
        );
        return restored ? fromStoredDocument(restored) : null;
      }),

    aggregate: (args) =>
      guard(async (): Promise<AggregateRow[]> => {
        const module = moduleOf(args.module);
        checkAggregate({ module, groupBy: args.groupBy, metrics: args.metrics });
        const match = await scoped({ where: args.where });
        const pipeline = buildAggregatePipeline({ match, groupBy: args.groupBy, metrics: args.metrics });
        const documents = await collection(args.module).aggregate(pipeline, readOptions).toArray();
        return readAggregateRows({ documents, groupBy: args.groupBy, metrics: args.metrics });
      }),

    search: (args: {
      module: string;
      where: FilterNode;
      text: string;
      limit: number;
      fields?: readonly string[];
    }) =>
      guard(async (): Promise<Page> => {
        const module = moduleOf(args.module);
        const limit = checkLimit(args.limit);
        const words = toSearchWords(args.text);
        const fields = args.fields
          ? module.search.filter((name) => args.fields?.includes(name))
          : module.search;
        if (words.length === 0 || fields.length === 0) return { records: [], nextCursor: null };
        if (fields.length === module.search.length) {
          // Every search field may be read: the text index answers, each word a quoted phrase, so the
          // words are ANDed and none is read as a negation or an operator.
          const phrases = words.map((word) => `"${word}"`).join(' ');
          const filter = await scoped({ where: args.where, extra: [{ $text: { $search: phrases } }] });
          const documents = await collection(args.module)
            .find(filter, readOptions)
            .sort({ score: { $meta: 'textScore' }, _id: 1 })
            .limit(limit)
            .toArray();
          return { records: documents.map(fromStoredDocument), nextCursor: null };
        }
        // Some search fields are hidden from this caller, and a text index cannot leave fields out: each
        // word must then appear (as literal, case-insensitive text) in one of the readable fields.
        const wordFilters = words.map((word) => ({
          $or: fields.map((name) => ({ [toMongoKey(name)]: { $regex: escapeRegex(word), $options: 'i' } })),
        }));
        const filter = await scoped({ where: args.where, extra: wordFilters });
        const documents = await collection(args.module)
          .find(filter, readOptions)
          .sort({ _id: 1 })
          .limit(limit)
          .toArray();
        return { records: documents.map(fromStoredDocument), nextCursor: null };
      }),

    purgeField: (args) =>
      write(async () => {
        const keys = [...new Set([args.field, ...(args.archiveKeys ?? [])])];
        for (const key of keys) {
          if (systemKeys.has(key) || !fieldKeyPattern.test(key))
            throw invalidWrite(`'${key.slice(0, 80)}' is not a field the store can purge.`);
        }
        // A metadata operation, not a record edit: no version bump, no updatedAt (see Store.purgeField).
        const result = await collection(args.module).updateMany(
          asFilter({ $or: keys.map((key) => ({ [key]: { $exists: true } })) }),
          { $unset: Object.fromEntries(keys.map((key) => [key, ''] as const)) },
          { session, maxTimeMS: mongoLimits.queryTimeoutMs },
        );
        return result.modifiedCount;
      }),

    purgeDeleted: (args) =>
      write(async () => {
        const { olderThan } = args;
        if (olderThan !== undefined && (typeof olderThan !== 'string' || Number.isNaN(Date.parse(olderThan))))
          throw invalidWrite('olderThan must be an ISO time.');
        const extra: MongoQuery[] = olderThan === undefined ? [] : [{ deletedAt: { $lt: olderThan } }];
        const filter = await scoped({ where: args.where, deleted: 'only', extra });
        const result = await collection(args.module).deleteMany(filter, {
          session,
          maxTimeMS: mongoLimits.queryTimeoutMs,
        });
        return result.deletedCount;
      }),

    dropModule: (args) => {
      // MongoDB cannot drop a collection inside a multi-document transaction.
      if (session) return Promise.reject(new Error('dropModule cannot run inside a transaction'));
      return write(async () => {
        const name = collectionName(args.module);
        const found = await state.db.listCollections({ name }, { nameOnly: true }).toArray();
        if (found.length === 0) {
          state.modules.delete(args.module);
          return 0;
        }
        const total = await state.db
          .collection<Stored>(name)
          .countDocuments({}, { maxTimeMS: mongoLimits.queryTimeoutMs });
        await state.db.dropCollection(name);
        state.modules.delete(args.module);
        return total;
      });
    },

    transaction: async <T>(fn: (tx: Store) => Promise<T>): Promise<T> => {
      // Already inside one: the inner work joins it, so everything still commits together.
      if (session) return fn(store);
      if (state.transactionFlow.getStore()?.isActive) {
        throw new Error('A transaction is running here: nest through the store it passed to its function');
      }
      // The lock is taken at once, so writes and transactions run in the order they were asked for.
      const flow = { isActive: true };
      return state.writeLock.run(() =>
        state.transactionFlow.run(flow, async () => {
          await assertTransactionSupport(state);
          const transactionSession = state.client.startSession();
          try {
            // withTransaction retries `fn` after an error MongoDB labels transient (a write conflict
            // with another process), and commits, retrying an unknown commit result.
            return await transactionSession.withTransaction(
              () => fn(bindMongoStore({ state, session: transactionSession })),
              {
                readConcern: { level: 'snapshot' },
                writeConcern: { w: 'majority' },
                readPreference: 'primary',
              },
            );
          } catch (error) {
            throw translateMongoError(error);
          } finally {
            // Work this transaction started in the background may outlive it: it writes normally then.
            flow.isActive = false;
            await transactionSession.endSession();
          }
        }),
      );
    },

    ensureSchema: (modules) =>
      guard(async () => {
        for (const module of modules) {
          const name = collectionName(module.name);
          const validator = buildJsonSchema(module);
          const found = await state.db.listCollections({ name }, { nameOnly: true }).toArray();
          if (found.length === 0) {
            await state.db
              .createCollection(name, { validator, ...validation })
              .catch(async (error: unknown) => {
                // Another process created it first: fall through to updating its validator.
                if (!(error instanceof MongoError && error.code === 48)) throw error;
                await state.db.command({ collMod: name, validator, ...validation });
              });
          } else {
            await state.db.command({ collMod: name, validator, ...validation });
          }
          await syncIndexes({
            collection: state.db.collection<Document>(name),
            planned: planIndexes(module),
          });
          state.modules.set(module.name, module);
        }
      }),

    backup: async (path) => {
      throw backupUnsupported(
        `The MongoDB store has no file backup. Use mongodump, e.g. \`mongodump --uri <MONGODB_URL> --oplog --archive=${path} --gzip\` (--oplog needs a replica set and gives a point-in-time copy while writes go on), and mongorestore to bring it back.`,
      );
    },

    close: async () => {
      // A transaction view shares the client; only the store that opened it closes it.
      if (!session) await state.client.close();
    },
  };
  return store;
}
