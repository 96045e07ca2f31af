import type { RecordDoc } from '../types.ts';

/**
 * A record ready to insert: `fields` plus system fields (version 1, owner `u1`, a creation time that
 * grows with `sequence` so records have distinct, ordered timestamps); `fields` may override any of them.
 */
export function makeRecord(args: {
  id: string;
  sequence?: number;
  fields?: Record<string, unknown>;
}): RecordDoc {
  const at = new Date(Date.UTC(2026, 0, 1) + (args.sequence ?? 0) * 60_000).toISOString();
  return {
    id: args.id,
    version: 1,
    owner: 'u1',
    createdAt: at,
    createdBy: 'u1',
    updatedAt: at,
    updatedBy: 'u1',
    deletedAt: null,
    ...args.fields,
  };
}
