import type { MetadataDoc } from '../../core/metadata/types.ts';

/** One difference inside a changed document; `before`/`after` are absent where the value is. */
export type JsonChange = { path: string; before?: unknown; after?: unknown };

/** A field of a module, named with its type. */
export type FieldSummary = { module: string; field: string; type: string };

/** A field whose type differs between two revisions (or between its archived and its new form). */
export type FieldTypeChange = { module: string; field: string; from: string; to: string };

/**
 * What changed between two sets of metadata documents, for review. Documents are named
 * `kind:name`. Paths in `changes` are JSON pointers, except that an array of named objects
 * (fields, rules, groups, …) is matched by name and the segment is the name.
 */
export type MetadataDiff = {
  documents: {
    added: string[];
    removed: string[];
    changed: Array<{ document: string; changes: JsonChange[] }>;
  };
  modules: { added: string[]; removed: string[] };
  fields: { added: FieldSummary[]; removed: FieldSummary[]; typeChanged: FieldTypeChange[] };
};

/** A module removed from the metadata whose records stay in the store. */
export type ArchivedModule = {
  module: string;
  fields: Array<{ field: string; type: string }>;
  revision: number;
};

/** A field removed from a module whose values stay in the records. */
export type ArchivedField = FieldSummary & { revision: number };

/**
 * What the metadata no longer shows but the store still holds, as of a revision: values of removed
 * fields and records of removed modules. Adding the field or module back brings them back; only an
 * explicit purge deletes them.
 */
export type ArchivedMetadata = { modules: ArchivedModule[]; fields: ArchivedField[] };

/** A confirmed type change that a revision applied to the records. */
export type AppliedTypeChange = FieldTypeChange & {
  /** The key under which every record keeps its value from before the change. */
  archiveKey: string;
  converted: number;
  unconvertible: number;
  empty: number;
};

/** What an explicit purge removed for good, as its revision records it. */
export type PurgedMetadata = {
  module: string;
  /** The purged field; absent when the whole module (every record of it) was purged. */
  field?: string;
  /** The type of the purged field, or of the module's fields, when archived. */
  type?: string;
  /** The revision that archived it. */
  archivedIn: number;
  /** The type-change archive copies of the field removed with it. */
  archiveKeys: string[];
  /** Records that held a value of the field (or records of the module), live and soft-deleted. */
  records: number;
};

/** The dry run of a purge: what it would remove, counted over live and soft-deleted records. */
export type PurgePlan = PurgedMetadata & { live: number; deleted: number };

/** A revision as listed: who, when, why and what changed (without the documents). */
export type RevisionSummary = {
  number: number;
  author: string;
  message: string;
  /** ISO time of the save. */
  at: string;
  /** The revision this one restored, when it is a restore. */
  restoredFrom: number | null;
  diff: MetadataDiff;
  archived: ArchivedMetadata;
  typeChanges: AppliedTypeChange[];
  /** What this revision purged (its documents are those of the revision before); null for a save. */
  purged: PurgedMetadata | null;
};

/** A revision with the whole metadata it holds. */
export type Revision = RevisionSummary & { documents: MetadataDoc[] };

/** A change of type the caller has seen the dry run of and accepts. */
export type TypeChangeConfirmation = { module: string; field: string; toType: string };

/** One value the dry run found it cannot convert. */
export type UnconvertibleSample = { id: string; value: unknown; reason: string };

/** The dry run of a field type change over every live record of the module. */
export type FieldTypeChangePlan = {
  module: string;
  field: string;
  fromType: string;
  toType: string;
  total: number;
  convertible: number;
  unconvertible: number;
  empty: number;
  /** At most 20 unconvertible values. */
  samples: UnconvertibleSample[];
};

/** The portable form of a whole app (`atrium metadata export`). */
export type MetadataBundle = { format: 'atrium-metadata'; version: 1; documents: unknown[] };
