import type { SortKey } from '../types.ts';
import type { SortValue } from './compile-keyset.ts';
import { invalidCursor } from '../store-errors.ts';

const maxCursorLength = 64 * 1024;

function isSortValue(value: unknown): value is SortValue {
  return value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

function parse(cursor: string): unknown {
  if (cursor.length > maxCursorLength || !/^[A-Za-z0-9_-]*$/.test(cursor)) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isSameSort(args: { written: unknown; sort: readonly SortKey[] }): boolean {
  const { written, sort } = args;
  if (!Array.isArray(written) || written.length !== sort.length) return false;
  return sort.every((key, index) => {
    const pair: unknown = written[index];
    return Array.isArray(pair) && pair[0] === key.field && pair[1] === key.direction;
  });
}

/**
 * The sort values a cursor made by `encodeCursor` carries, after checking it was made for this
 * `module` and this `sort` and holds one value per sort column (`columnCount`). Anything else is
 * `INVALID_CURSOR` (400).
 */
export function decodeCursor(args: {
  cursor: string;
  module: string;
  sort: readonly SortKey[];
  columnCount: number;
}): SortValue[] {
  const decoded = parse(args.cursor);
  if (!Array.isArray(decoded) || decoded.length !== 4 || decoded[0] !== 1) {
    throw invalidCursor('The cursor is not one this store made.');
  }
  const [, module, sort, values] = decoded as unknown[];
  if (module !== args.module || !isSameSort({ written: sort, sort: args.sort })) {
    throw invalidCursor('The cursor was made for another list: ask for the first page again.');
  }
  if (!Array.isArray(values) || values.length !== args.columnCount || !values.every(isSortValue)) {
    throw invalidCursor('The cursor is not one this store made.');
  }
  return values;
}
