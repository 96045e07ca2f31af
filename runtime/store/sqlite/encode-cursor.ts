import type { SortKey } from '../types.ts';
import type { SortValue } from './compile-keyset.ts';

/** What a cursor carries: the list it continues and the last row's sort values (`id` last). */
export type CursorState = { module: string; sort: readonly SortKey[]; values: readonly SortValue[] };

/** An opaque base64url cursor for `state`. */
export function encodeCursor(state: CursorState): string {
  const sort = state.sort.map((key) => [key.field, key.direction]);
  return Buffer.from(JSON.stringify([1, state.module, sort, state.values]), 'utf8').toString('base64url');
}
