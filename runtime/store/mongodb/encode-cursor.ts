/** One sort-key value a cursor carries: what a scalar field can hold, null for missing. */
export type CursorValue = string | number | boolean | null;

/**
 * An opaque cursor for the position after a record: the values of every sort key (the id last) and a
 * signature of the sort it belongs to, as base64url JSON. Not secret: the values are the caller's own
 * record, and `decodeCursor` checks everything it reads back.
 */
export function encodeCursor(args: { signature: string; values: readonly CursorValue[] }): string {
  return Buffer.from(JSON.stringify({ s: args.signature, v: args.values }), 'utf8').toString('base64url');
}
