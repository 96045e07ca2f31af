import type { MetadataDoc } from '../../core/metadata/types.ts';
import type { Store } from '../../store/types.ts';
import { newRecordId } from '../records/new-record-id.ts';
import { revisionFromRecord } from './revision-from-record.ts';
import type { AppliedTypeChange, ArchivedMetadata, MetadataDiff, PurgedMetadata, Revision } from './types.ts';

/**
 * Stores one metadata revision as an `atriumRevisions` record. The unique `number` makes a second
 * writer of the same number fail with `UNIQUE_VIOLATION` instead of forking the history.
 */
export async function insertRevision(args: {
  store: Store;
  number: number;
  author: string;
  message: string;
  at: string;
  documents: readonly MetadataDoc[];
  diff: MetadataDiff;
  archived: ArchivedMetadata;
  typeChanges: readonly AppliedTypeChange[];
  restoredFrom?: number;
  /** Set on the revision that records an explicit purge. */
  purged?: PurgedMetadata;
}): Promise<Revision> {
  const { at, author } = args;
  const record = await args.store.insert({
    module: 'atriumRevisions',
    doc: {
      id: newRecordId(),
      version: 1,
      owner: null,
      createdAt: at,
      createdBy: author,
      updatedAt: at,
      updatedBy: author,
      deletedAt: null,
      number: args.number,
      author,
      message: args.message,
      documents: args.documents,
      diff: args.diff,
      archived: args.archived,
      typeChanges: args.typeChanges,
      ...(args.restoredFrom === undefined ? {} : { restoredFrom: args.restoredFrom }),
      ...(args.purged === undefined ? {} : { purged: args.purged }),
    },
  });
  return revisionFromRecord(record);
}
