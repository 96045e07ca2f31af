import type { MongoQuery } from './compile-filter-to-mongo.ts';
import type { CursorValue } from './encode-cursor.ts';

/** A sort key on a stored document key (`_id` for the id), as MongoDB sorts it. */
export type KeysetKey = { key: string; direction: 'asc' | 'desc' };

/**
 * Records strictly after `key = value` in this key's order. MongoDB sorts a missing or null value
 * below every other (first ascending, last descending), so after null ascending is "not null", and
 * nothing comes after null descending. Comparison operators only compare within one type, which is what
 * the `$jsonSchema` validation keeps every field to.
 */
function after(args: { key: string; direction: 'asc' | 'desc'; value: CursorValue }): MongoQuery | undefined {
  const { key, direction, value } = args;
  if (direction === 'asc') return value === null ? { [key]: { $ne: null } } : { [key]: { $gt: value } };
  if (value === null) return undefined;
  return { $or: [{ [key]: { $lt: value } }, { [key]: { $eq: null } }] };
}

/**
 * The keyset condition for the page after a position: `(k1 after v1) or (k1 = v1 and k2 after v2) or …`
 * over every sort key, the unique id last. Equality is always `$eq`, so a value can never be read as
 * an operator document.
 */
export function buildKeysetFilter(args: {
  keys: readonly KeysetKey[];
  values: readonly CursorValue[];
}): MongoQuery {
  const { keys, values } = args;
  if (keys.length !== values.length) throw new Error('buildKeysetFilter needs one value per sort key');
  const branches: MongoQuery[] = [];
  const equalities: MongoQuery[] = [];
  keys.forEach((sortKey, index) => {
    const value = values[index] ?? null;
    const next = after({ key: sortKey.key, direction: sortKey.direction, value });
    if (next) branches.push(equalities.length === 0 ? next : { $and: [...equalities, next] });
    equalities.push({ [sortKey.key]: { $eq: value } });
  });
  if (branches.length === 0) return { _id: { $in: [] } };
  const [only] = branches;
  return branches.length === 1 && only ? only : { $or: branches };
}
