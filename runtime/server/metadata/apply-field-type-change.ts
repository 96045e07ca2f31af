import type { FieldDef } from '../../core/metadata/types.ts';
import type { Store } from '../../store/types.ts';
import { archiveKey } from './archive-key.ts';
import { convertFieldValue } from './convert-field-value.ts';
import { forEachRecordPage } from './for-each-record-page.ts';
import type { AppliedTypeChange, FieldTypeChange } from './types.ts';

/**
 * Rewrites every record of a module for a confirmed type change, inside the caller's transaction:
 * each non-empty value is first copied under `archiveKey` (so nothing is lost, the unconvertible
 * values least of all), then the field gets the converted value, or is cleared when the value does
 * not convert. Empty values are left alone. Returns the counts.
 */
export async function applyFieldTypeChange(args: {
  tx: Store;
  change: FieldTypeChange;
  target?: FieldDef;
  revision: number;
  at: string;
  by: string;
}): Promise<AppliedTypeChange> {
  const { tx, change, at, by } = args;
  const { module, field } = change;
  const key = archiveKey({ field, revision: args.revision });
  const applied: AppliedTypeChange = { ...change, archiveKey: key, converted: 0, unconvertible: 0, empty: 0 };
  await forEachRecordPage({
    store: tx,
    module,
    visit: async (records) => {
      for (const record of records) {
        const value = record[field];
        const result = convertFieldValue({
          fromType: change.from,
          toType: change.to,
          value,
          target: args.target,
        });
        if (result.kind === 'empty') {
          applied.empty += 1;
          continue;
        }
        const isConverted = result.kind === 'converted';
        if (isConverted) applied.converted += 1;
        else applied.unconvertible += 1;
        await tx.update({
          module,
          id: record.id,
          where: { kind: 'true' },
          set: isConverted ? { [key]: value, [field]: result.value } : { [key]: value },
          unset: isConverted ? [] : [field],
          updatedAt: at,
          updatedBy: by,
        });
      }
    },
  });
  return applied;
}
