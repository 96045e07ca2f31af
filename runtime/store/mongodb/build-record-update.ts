import { invalidWrite } from '../store-errors.ts';
import { fieldKeyPattern, systemKeys } from './stored-keys.ts';

/** A MongoDB update document of `$set`, `$unset` and `$inc` only. */
export type RecordUpdate = {
  $set: Record<string, unknown>;
  $unset?: Record<string, ''>;
  $inc: { version: 1 };
};

function assertWritable(key: string): void {
  if (key === 'owner') return;
  if (systemKeys.has(key)) throw invalidWrite(`'${key}' is kept by the store and cannot be written.`);
  if (!fieldKeyPattern.test(key)) throw invalidWrite(`'${key.slice(0, 80)}' is not a field name.`);
}

/**
 * The update of one `Store.update`: `$set` the given values plus `updatedAt`/`updatedBy`, `$unset` the
 * removed fields and `$inc` the version, applied by one `findOneAndUpdate`. An `undefined` value is
 * an unset. Refuses (`INVALID_WRITE`) malformed keys, system fields other than `owner`, and a field
 * both set and unset.
 */
export function buildRecordUpdate(args: {
  set: Readonly<Record<string, unknown>>;
  unset?: readonly string[];
  updatedAt: string;
  updatedBy: string | null;
}): RecordUpdate {
  const $set: Record<string, unknown> = {};
  const unset = new Set<string>();
  for (const [key, value] of Object.entries(args.set)) {
    assertWritable(key);
    if (value === undefined) unset.add(key);
    else $set[key] = value;
  }
  for (const key of args.unset ?? []) {
    assertWritable(key);
    if (key === 'owner') throw invalidWrite("'owner' can be set to null, not removed.");
    if (Object.hasOwn($set, key)) throw invalidWrite(`'${key}' is both set and removed.`);
    unset.add(key);
  }
  if ('owner' in $set && $set.owner !== null && typeof $set.owner !== 'string') {
    throw invalidWrite("'owner' must be a string or null.");
  }
  $set.updatedAt = args.updatedAt;
  $set.updatedBy = args.updatedBy;
  const update: RecordUpdate = { $set, $inc: { version: 1 } };
  if (unset.size > 0) update.$unset = Object.fromEntries([...unset].map((key) => [key, ''] as const));
  return update;
}
