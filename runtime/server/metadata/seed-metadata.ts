import { invalidMetadata } from '../../core/errors.ts';
import type { Store } from '../../store/types.ts';
import { findRevision } from './find-revision.ts';
import { insertRevision } from './insert-revision.ts';
import { planMetadataChange } from './plan-metadata-change.ts';
import type { Revision } from './types.ts';

/**
 * Gives an empty store its first metadata revision: `documents` (normally `metadata/starter/`),
 * validated, as revision 1. A store that already has a revision is left alone (`isSeeded` false),
 * also when another process seeded it a moment earlier. Throws `INVALID_METADATA` with every
 * problem (`details.problems`) when the documents do not load.
 */
export async function seedMetadata(args: {
  store: Store;
  documents: readonly unknown[];
  author?: string;
  now?: () => Date;
  fieldTypes?: ReadonlySet<string>;
}): Promise<{ revision: Revision; isSeeded: boolean }> {
  const { store } = args;
  const existing = await findRevision({ store, number: 'latest' });
  if (existing) return { revision: existing, isSeeded: false };
  const planned = planMetadataChange({
    base: { documents: [], archived: { modules: [], fields: [] } },
    documents: args.documents,
    revision: 1,
    fieldTypes: args.fieldTypes,
  });
  if (!planned.ok) {
    throw invalidMetadata('The seed metadata has problems', { problems: planned.problems });
  }
  const { change } = planned;
  try {
    const revision = await insertRevision({
      store,
      number: 1,
      author: args.author ?? 'atrium',
      message: 'Seeded from the starter metadata',
      at: (args.now ?? (() => new Date()))().toISOString(),
      documents: change.documents,
      diff: change.diff,
      archived: change.archived,
      typeChanges: [],
    });
    return { revision, isSeeded: true };
  } catch (error) {
    const raced = await findRevision({ store, number: 'latest' });
    if (raced) return { revision: raced, isSeeded: false };
    throw error;
  }
}
