import type { FilterCatalog } from '../../core/filter/types.ts';
import { type CompiledModule, compileModule } from '../../core/metadata/compile-module.ts';
import { systemFields } from '../../core/metadata/system-fields.ts';
import type { FieldDef } from '../../core/metadata/types.ts';

const systemNames: ReadonlySet<string> = new Set(systemFields.map((field) => field.name));

/**
 * Store modules for a filter catalog (such as the shared filter case table's): each module's
 * non-system fields become a module document, compiled, so `ensureSchema` can create their tables.
 */
export function compileCatalogModules(catalog: FilterCatalog): CompiledModule[] {
  return [...catalog.modules.values()].map((module) => {
    const fields: FieldDef[] = [...module.fields.values()]
      .filter((field) => !systemNames.has(field.name))
      .map((field) => {
        const def: FieldDef = { name: field.name, type: field.type, label: field.name };
        if (field.relation) def.relation = { ...field.relation, onDelete: 'restrict' };
        if (field.optionValues) def.options = field.optionValues.map((value) => ({ value, label: value }));
        return def;
      });
    return compileModule({ kind: 'module', name: module.name, label: module.name, titleField: 'id', fields });
  });
}
