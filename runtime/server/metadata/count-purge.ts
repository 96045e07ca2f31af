import type { DeletedMode, Store } from '../../store/types.ts';
import { forEachRecordPage } from './for-each-record-page.ts';

/**
 * How many records a purge would change, live and soft-deleted: those holding `field` or one of
 * `archiveKeys` (every record, for a whole module). Reads in bounded pages; changes nothing. The
 * module must be known to the store (`ensureSchema`).
 */
export async function countPurge(args: {
  store: Store;
  module: string;
  field?: string;
  archiveKeys: readonly string[];
}): Promise<{ live: number; deleted: number }> {
  const { store, module, field } = args;
  const everything = { kind: 'true' } as const;
  if (field === undefined) {
    return {
      live: await store.count({ module, where: everything }),
      deleted: await store.count({ module, where: everything, deleted: 'only' }),
    };
  }
  const keys = [field, ...args.archiveKeys];
  const counted = async (deleted: DeletedMode) => {
    let total = 0;
    await forEachRecordPage({
      store,
      module,
      deleted,
      visit: (records) => {
        for (const record of records) if (keys.some((key) => Object.hasOwn(record, key))) total += 1;
      },
    });
    return total;
  };
  return { live: await counted('exclude'), deleted: await counted('only') };
}
