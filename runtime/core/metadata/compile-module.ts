import type { FilterField } from '../filter/types.ts';
import { systemFields } from './system-fields.ts';
import type { FieldDef, ModuleDoc } from './types.ts';

/** A module field as the runtime reads it. */
export type CompiledField = FilterField & {
  label: string;
  isSystem: boolean;
  /** The field as written in the module document; absent for system fields. */
  def?: FieldDef;
};

/** A module with its fields (system fields included) indexed by name. */
export type CompiledModule = {
  name: string;
  label: string;
  doc: ModuleDoc;
  fields: ReadonlyMap<string, CompiledField>;
  /** The module's own fields in document order. */
  customFields: readonly CompiledField[];
  titleField: string;
  ownerField: string;
  search: readonly string[];
};

function compileField(def: FieldDef): CompiledField {
  const field: CompiledField = { name: def.name, type: def.type, label: def.label, isSystem: false, def };
  if (def.relation) field.relation = { module: def.relation.module, cardinality: def.relation.cardinality };
  if (def.options) field.optionValues = def.options.map((o) => o.value);
  return field;
}

/** Indexes a module's fields, adding the system fields every record carries. */
export function compileModule(doc: ModuleDoc): CompiledModule {
  const customFields = doc.fields.map(compileField);
  const fields = new Map<string, CompiledField>();
  for (const field of systemFields) fields.set(field.name, { ...field, label: field.name, isSystem: true });
  for (const field of customFields) if (!fields.has(field.name)) fields.set(field.name, field);
  return {
    name: doc.name,
    label: doc.label,
    doc,
    fields,
    customFields,
    titleField: doc.titleField,
    ownerField: doc.ownerField ?? 'owner',
    search: doc.search ?? [],
  };
}
