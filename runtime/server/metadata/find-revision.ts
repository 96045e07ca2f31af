import { parseFilter } from '../../core/filter/parse-filter.ts';
import type { Store } from '../../store/types.ts';
import { systemModules } from '../records/system-modules.ts';
import { revisionFromRecord } from './revision-from-record.ts';
import type { Revision } from './types.ts';

/**
 * One stored metadata revision: `number`, or the latest when `number` is `'latest'`; null when there
 * is no such revision (or none at all).
 */
export async function findRevision(args: {
  store: Store;
  number: number | 'latest';
}): Promise<Revision | null> {
  const { store, number } = args;
  const page =
    number === 'latest'
      ? await store.find({
          module: 'atriumRevisions',
          where: { kind: 'true' },
          sort: [{ field: 'number', direction: 'desc' }],
          limit: 1,
        })
      : await store.find({
          module: 'atriumRevisions',
          where: parseFilter({
            json: { number: { eq: number } },
            module: 'atriumRevisions',
            catalog: { modules: systemModules },
          }),
          limit: 1,
        });
  const [record] = page.records;
  return record ? revisionFromRecord(record) : null;
}
