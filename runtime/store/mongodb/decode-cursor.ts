import type { CursorValue } from './encode-cursor.ts';
import { mongoLimits } from './mongo-limits.ts';
import { invalidCursor } from '../store-errors.ts';

const base64url = /^[A-Za-z0-9_-]+$/;

function isCursorValue(value: unknown): value is CursorValue {
  if (typeof value === 'number') return Number.isFinite(value);
  return value === null || typeof value === 'string' || typeof value === 'boolean';
}

function parse(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The sort-key values an `encodeCursor` cursor holds, checked against the sort it is used with:
 * `signature` must match and there must be `size` scalar values, the last (the id) a string. Anything
 * else — a cursor from another sort, edited or made up, or one carrying objects that could read as
 * query operators — is `INVALID_CURSOR` (400).
 */
export function decodeCursor(args: { cursor: string; signature: string; size: number }): CursorValue[] {
  const { cursor } = args;
  const refuse = () =>
    invalidCursor('The cursor is not valid for this list; start again from the first page.');
  if (cursor.length === 0 || cursor.length > mongoLimits.maxCursorLength || !base64url.test(cursor))
    throw refuse();
  const decoded = parse(cursor);
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) throw refuse();
  const signature: unknown = Reflect.get(decoded, 's');
  const values: unknown = Reflect.get(decoded, 'v');
  if (signature !== args.signature || !Array.isArray(values)) throw refuse();
  const list: readonly unknown[] = values;
  if (list.length !== args.size || typeof list[list.length - 1] !== 'string') throw refuse();
  const checked: CursorValue[] = [];
  for (const value of list) {
    if (!isCursorValue(value)) throw refuse();
    checked.push(value);
  }
  return checked;
}
