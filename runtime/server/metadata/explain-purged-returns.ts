import type { MetadataDoc } from '../../core/metadata/types.ts';
import type { MetadataDiff, PurgedMetadata } from './types.ts';

/**
 * Plain notes for the message of a restore of revision `restoredFrom`: each field or module the
 * restore brings back whose data a later revision purged comes back empty, e.g. `contacts.nickname
 * comes back empty (its values were purged in revision 4)`.
 */
export function explainPurgedReturns(args: {
  diff: MetadataDiff;
  documents: readonly MetadataDoc[];
  restoredFrom: number;
  purges: ReadonlyArray<{ number: number; purged: PurgedMetadata }>;
}): string[] {
  const notes: string[] = [];
  const addedModules = new Set(args.diff.modules.added);
  const hasField = (module: string, field: string) =>
    args.documents.some(
      (d) => d.kind === 'module' && d.name === module && d.fields.some((f) => f.name === field),
    );
  const purges = [...args.purges]
    .filter((p) => p.number > args.restoredFrom)
    .sort((a, b) => a.number - b.number);
  for (const { number, purged } of purges) {
    const { module, field } = purged;
    if (field === undefined) {
      if (addedModules.has(module))
        notes.push(`module ${module} comes back empty (its records were purged in revision ${number})`);
      continue;
    }
    const isBack =
      args.diff.fields.added.some((f) => f.module === module && f.field === field) ||
      (addedModules.has(module) && hasField(module, field));
    if (isBack)
      notes.push(`${module}.${field} comes back empty (its values were purged in revision ${number})`);
  }
  return [...new Set(notes)];
}
