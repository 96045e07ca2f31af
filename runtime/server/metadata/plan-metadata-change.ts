import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import { loadMetadata } from '../../core/metadata/load-metadata.ts';
import type { MetadataDoc, MetadataProblem } from '../../core/metadata/types.ts';
import { diffMetadata } from './diff-metadata.ts';
import { explainRemovalProblems } from './explain-removal-problems.ts';
import { nextArchive } from './next-archive.ts';
import { toSourceDocs } from './to-source-docs.ts';
import type { ArchivedMetadata, FieldTypeChange, MetadataDiff } from './types.ts';

/** A checked change from one revision's metadata to new documents, ready to be saved. */
export type MetadataChange = {
  app: CompiledApp;
  documents: readonly MetadataDoc[];
  diff: MetadataDiff;
  /** The archive once the change is saved. */
  archived: ArchivedMetadata;
  /** Every field whose stored values change type: changed in place, or re-added with another type. */
  typeChanges: FieldTypeChange[];
};

/** Whether a document that may have failed validation is still sound enough to diff. */
function isDiffable(doc: unknown): doc is MetadataDoc {
  if (typeof doc !== 'object' || doc === null) return false;
  const { kind, name, fields } = doc as Record<string, unknown>;
  if (typeof kind !== 'string' || typeof name !== 'string') return false;
  if (kind !== 'module') return true;
  return (
    Array.isArray(fields) &&
    fields.every(
      (f: unknown) =>
        typeof f === 'object' && f !== null && typeof (f as { name?: unknown }).name === 'string',
    )
  );
}

/**
 * Checks new documents against the revision they replace, without touching anything: validate →
 * link → compile (every problem, plus a plain explanation for each removed field or module that
 * is still referenced), the diff, the archive after the change, and the type changes to confirm.
 */
export function planMetadataChange(args: {
  base: { documents: readonly MetadataDoc[]; archived: ArchivedMetadata };
  documents: readonly unknown[];
  revision: number;
  fieldTypes?: ReadonlySet<string>;
}): { ok: true; change: MetadataChange } | { ok: false; problems: MetadataProblem[] } {
  const loaded = loadMetadata({ sources: toSourceDocs(args.documents), fieldTypes: args.fieldTypes });
  if (!loaded.ok) {
    const diff = diffMetadata({ before: args.base.documents, after: args.documents.filter(isDiffable) });
    const explained = explainRemovalProblems({
      problems: loaded.problems,
      removedFields: diff.fields.removed,
      removedModules: diff.modules.removed,
    });
    return { ok: false, problems: [...loaded.problems, ...explained] };
  }
  const { app } = loaded;
  const diff = diffMetadata({ before: args.base.documents, after: app.documents });
  const next = nextArchive({
    archived: args.base.archived,
    before: args.base.documents,
    after: app.documents,
    revision: args.revision,
  });
  return {
    ok: true,
    change: {
      app,
      documents: app.documents,
      diff,
      archived: next.archived,
      typeChanges: [...diff.fields.typeChanged, ...next.typeChanges],
    },
  };
}
