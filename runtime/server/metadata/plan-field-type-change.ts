import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import { invalidMetadata } from '../../core/errors.ts';
import type { FieldDef } from '../../core/metadata/types.ts';
import type { Store } from '../../store/types.ts';
import { convertFieldValue } from './convert-field-value.ts';
import { forEachRecordPage } from './for-each-record-page.ts';
import type { FieldTypeChangePlan } from './types.ts';

const maxSamples = 20;

/**
 * The dry run of changing `module.field` to `toType`: reads every record of the module in bounded
 * pages and counts the values that convert, those that do not (with up to 20 samples: id, value,
 * why) and the empty ones. Changes nothing. `fromType` defaults to the field's type in `app` (give
 * it for a field that is archived, not in `app`); `target` is the new field definition (a select's
 * options).
 */
export async function planFieldTypeChange(args: {
  store: Store;
  app: CompiledApp;
  module: string;
  field: string;
  toType: string;
  fromType?: string;
  target?: FieldDef;
}): Promise<FieldTypeChangePlan> {
  const { module, field, toType } = args;
  const fromType = args.fromType ?? args.app.modules.get(module)?.fields.get(field)?.def?.type;
  if (fromType === undefined) throw invalidMetadata(`module "${module}" has no field "${field}"`);
  const plan: FieldTypeChangePlan = {
    module,
    field,
    fromType,
    toType,
    total: 0,
    convertible: 0,
    unconvertible: 0,
    empty: 0,
    samples: [],
  };
  await forEachRecordPage({
    store: args.store,
    module,
    pageSize: 1000,
    visit: (records) => {
      for (const record of records) {
        plan.total += 1;
        const value = record[field];
        const result = convertFieldValue({ fromType, toType, value, target: args.target });
        if (result.kind === 'empty') plan.empty += 1;
        else if (result.kind === 'converted') plan.convertible += 1;
        else {
          plan.unconvertible += 1;
          if (plan.samples.length < maxSamples)
            plan.samples.push({ id: record.id, value, reason: result.reason });
        }
      }
    },
  });
  return plan;
}
