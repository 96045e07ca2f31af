import { find } from 'mingo';
import { describe, expect, it } from 'vitest';
import { filterCaseRecords } from '../../../test/fixtures/filter-cases.ts';
import { buildKeysetFilter, type KeysetKey } from './build-keyset-filter.ts';
import type { CursorValue } from './encode-cursor.ts';

type Stored = Record<string, unknown> & { _id: string };

const people: Stored[] = (filterCaseRecords.people ?? []).map(({ id, ...rest }) => ({
  _id: String(id),
  ...rest,
}));

function isAbsent(value: unknown): boolean {
  return value === null || value === undefined;
}

/** The store's order (types.ts): missing and null smallest, false before true, strings by code unit. */
function compareValues(left: unknown, right: unknown): number {
  if (isAbsent(left) || isAbsent(right)) return Number(!isAbsent(left)) - Number(!isAbsent(right));
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  const [a, b] = [String(left), String(right)];
  return a === b ? 0 : a < b ? -1 : 1;
}

function expectedOrder(keys: readonly KeysetKey[]): string[] {
  return [...people]
    .sort((left, right) => {
      for (const key of keys) {
        const order = compareValues(left[key.key], right[key.key]);
        if (order !== 0) return key.direction === 'asc' ? order : -order;
      }
      return 0;
    })
    .map((record) => record._id);
}

function cursorValue(value: unknown): CursorValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new Error('not a sortable value');
}

/** Every page as MongoDB (here mingo) would serve it: sort, limit, then the keyset after the last record. */
function pageThrough(args: { keys: readonly KeysetKey[]; limit: number }): string[] {
  const sort = Object.fromEntries(args.keys.map((key) => [key.key, key.direction === 'asc' ? 1 : -1]));
  const ids: string[] = [];
  let after: CursorValue[] | undefined;
  for (let page = 0; page < 50; page += 1) {
    const query = after ? buildKeysetFilter({ keys: args.keys, values: after }) : {};
    const records = find<Stored>(people, query).sort(sort).limit(args.limit).all();
    ids.push(...records.map((record) => record._id));
    const last = records[records.length - 1];
    if (records.length < args.limit || !last) return ids;
    after = args.keys.map((key) => cursorValue(last[key.key]));
  }
  throw new Error('pagination did not end');
}

const id: KeysetKey = { key: '_id', direction: 'asc' };
const sorts: KeysetKey[][] = [
  [id],
  [{ key: '_id', direction: 'desc' }],
  [{ key: 'name', direction: 'asc' }, id],
  [{ key: 'name', direction: 'desc' }, id],
  [{ key: 'age', direction: 'asc' }, id],
  [{ key: 'age', direction: 'desc' }, id],
  [{ key: 'isVip', direction: 'asc' }, id],
  [{ key: 'isVip', direction: 'desc' }, id],
  [{ key: 'lastContactAt', direction: 'desc' }, id],
  [{ key: 'company', direction: 'asc' }, id],
  [{ key: 'status', direction: 'desc' }, { key: 'rating', direction: 'asc' }, id],
  [
    { key: 'isVip', direction: 'asc' },
    { key: 'discount', direction: 'desc' },
    { key: 'birthday', direction: 'asc' },
    id,
  ],
];

describe('buildKeysetFilter (checked with mingo over the filter fixture people)', () => {
  for (const keys of sorts) {
    const label = keys.map((key) => `${key.key} ${key.direction}`).join(', ');
    for (const limit of [1, 4, 7]) {
      it(`pages by ${label}, ${limit} at a time, with missing and null smallest and no record twice`, () => {
        expect(pageThrough({ keys, limit })).toEqual(expectedOrder(keys));
      });
    }
  }

  it('compares with $eq only, so a cursor value can never act as an operator', () => {
    const filter = buildKeysetFilter({
      keys: [{ key: 'name', direction: 'asc' }, id],
      values: ['{"$gt": ""}', 'p01'],
    });
    expect(filter).toEqual({
      $or: [
        { name: { $gt: '{"$gt": ""}' } },
        { $and: [{ name: { $eq: '{"$gt": ""}' } }, { _id: { $gt: 'p01' } }] },
      ],
    });
  });

  it('puts nothing after null in a descending key but the records that tie on it', () => {
    const filter = buildKeysetFilter({
      keys: [{ key: 'age', direction: 'desc' }, id],
      values: [null, 'p05'],
    });
    expect(filter).toEqual({ $and: [{ age: { $eq: null } }, { _id: { $gt: 'p05' } }] });
  });
});
