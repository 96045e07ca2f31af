import type { MetadataDoc } from '../../core/metadata/types.ts';
import type { RecordDoc } from '../../store/types.ts';
import type { AppliedTypeChange, ArchivedMetadata, MetadataDiff, PurgedMetadata, Revision } from './types.ts';

const emptyDiff: MetadataDiff = {
  documents: { added: [], removed: [], changed: [] },
  modules: { added: [], removed: [] },
  fields: { added: [], removed: [], typeChanged: [] },
};

/** A stored `atriumRevisions` record as a `Revision`; fields written by older versions default to empty. */
export function revisionFromRecord(record: RecordDoc): Revision {
  const number = record.number;
  if (typeof number !== 'number' || !Array.isArray(record.documents))
    throw new Error(`atriumRevisions record ${record.id} is not a revision`);
  return {
    number,
    author: typeof record.author === 'string' ? record.author : '',
    message: typeof record.message === 'string' ? record.message : '',
    at: record.createdAt,
    restoredFrom: typeof record.restoredFrom === 'number' ? record.restoredFrom : null,
    diff: (record.diff as MetadataDiff | undefined) ?? emptyDiff,
    archived: (record.archived as ArchivedMetadata | undefined) ?? { modules: [], fields: [] },
    typeChanges: (record.typeChanges as AppliedTypeChange[] | undefined) ?? [],
    purged: (record.purged as PurgedMetadata | null | undefined) ?? null,
    documents: record.documents as MetadataDoc[],
  };
}
