import type { MetadataDiff } from './types.ts';

/** Whether a diff holds no change at all (no document added, removed or changed). */
export function isEmptyDiff(diff: MetadataDiff): boolean {
  const { documents } = diff;
  return documents.added.length === 0 && documents.removed.length === 0 && documents.changed.length === 0;
}
