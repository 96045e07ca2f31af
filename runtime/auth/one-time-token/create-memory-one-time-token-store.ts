import type { OneTimeTokenRecord, OneTimeTokenStore } from './types.ts';

/** The in-memory one-time token store, plus `list` so tests can inspect exactly what is stored. */
export type MemoryOneTimeTokenStore = OneTimeTokenStore & {
  /** Copies of every stored record. */
  list: () => OneTimeTokenRecord[];
};

function copy(record: OneTimeTokenRecord): OneTimeTokenRecord {
  return { ...record, data: { ...record.data } };
}

/**
 * A one-time token store in a `Map`, for tests and single-process development. Each operation runs to
 * completion without yielding, so `take` is atomic.
 */
export function createMemoryOneTimeTokenStore(): MemoryOneTimeTokenStore {
  const records = new Map<string, OneTimeTokenRecord>();

  const deleteWhere = (isDoomed: (record: OneTimeTokenRecord) => boolean): number => {
    let count = 0;
    for (const [hash, record] of records) {
      if (isDoomed(record)) {
        records.delete(hash);
        count += 1;
      }
    }
    return count;
  };

  return {
    replace: async (record) => {
      deleteWhere((other) => other.purpose === record.purpose && other.subject === record.subject);
      records.set(record.hash, copy(record));
    },
    take: async (hash) => {
      const record = records.get(hash);
      if (!record) return null;
      records.delete(hash);
      return copy(record);
    },
    get: async (hash) => {
      const record = records.get(hash);
      return record ? copy(record) : null;
    },
    deleteFor: async ({ purpose, subject }) =>
      deleteWhere((record) => record.purpose === purpose && record.subject === subject),
    deleteExpired: async (now) => deleteWhere((record) => record.expiresAt <= now),
    list: () => [...records.values()].map(copy),
  };
}
