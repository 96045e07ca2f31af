import type { MetadataDoc, ModuleDoc } from '../../core/metadata/types.ts';
import type { ArchivedField, ArchivedMetadata, ArchivedModule, FieldTypeChange } from './types.ts';

function modulesOf(docs: readonly MetadataDoc[]): Map<string, ModuleDoc> {
  const modules = new Map<string, ModuleDoc>();
  for (const doc of docs) if (doc.kind === 'module') modules.set(doc.name, doc);
  return modules;
}

/**
 * The archive after a change from `before` to `after` (saved as revision `revision`): modules and
 * fields that disappear join it with their types (their values stay in the store), and ones that
 * come back leave it. A field that comes back with another type than the one its kept values have
 * is returned in `typeChanges`, to be planned and confirmed like any type change.
 */
export function nextArchive(args: {
  archived: ArchivedMetadata;
  before: readonly MetadataDoc[];
  after: readonly MetadataDoc[];
  revision: number;
}): { archived: ArchivedMetadata; typeChanges: FieldTypeChange[] } {
  const { revision } = args;
  const before = modulesOf(args.before);
  const after = modulesOf(args.after);
  const modules = new Map<string, ArchivedModule>(args.archived.modules.map((m) => [m.module, m]));
  const fieldKey = (module: string, field: string) => `${module}.${field}`;
  const fields = new Map<string, ArchivedField>(
    args.archived.fields.map((f) => [fieldKey(f.module, f.field), f]),
  );
  const typeChanges: FieldTypeChange[] = [];

  for (const [name, doc] of before) {
    if (after.has(name)) continue;
    const kept = doc.fields.map((f) => ({ field: f.name, type: f.type }));
    modules.set(name, { module: name, fields: kept, revision });
  }
  for (const [name, doc] of after) {
    const archivedModule = modules.get(name);
    const previous = before.get(name);
    if (archivedModule && !previous) {
      modules.delete(name);
      const fieldsNow = new Set(doc.fields.map((f) => f.name));
      for (const kept of archivedModule.fields) {
        if (!fieldsNow.has(kept.field) && !fields.has(fieldKey(name, kept.field)))
          fields.set(fieldKey(name, kept.field), {
            module: name,
            field: kept.field,
            type: kept.type,
            revision: archivedModule.revision,
          });
      }
      for (const def of doc.fields) {
        const kept = archivedModule.fields.find((f) => f.field === def.name);
        if (kept && kept.type !== def.type)
          typeChanges.push({ module: name, field: def.name, from: kept.type, to: def.type });
      }
    }
    if (previous) {
      const fieldsNow = new Set(doc.fields.map((f) => f.name));
      for (const def of previous.fields) {
        if (!fieldsNow.has(def.name))
          fields.set(fieldKey(name, def.name), { module: name, field: def.name, type: def.type, revision });
      }
    }
    for (const def of doc.fields) {
      if (previous?.fields.some((f) => f.name === def.name)) continue;
      const kept = fields.get(fieldKey(name, def.name));
      if (!kept) continue;
      fields.delete(fieldKey(name, def.name));
      if (kept.type !== def.type)
        typeChanges.push({ module: name, field: def.name, from: kept.type, to: def.type });
    }
  }
  return { archived: { modules: [...modules.values()], fields: [...fields.values()] }, typeChanges };
}
