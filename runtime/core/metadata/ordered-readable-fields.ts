import type { CompiledField } from './compile-module.ts';
import type { ModuleAccess } from './principal-module-access.ts';

/** The fields of a module the principal may read: the module's own in document order, then system fields. */
export function orderedReadableFields(own: ModuleAccess): CompiledField[] {
  const system = [...own.module.fields.values()].filter((field) => field.isSystem);
  return [...own.module.customFields, ...system].filter((field) => own.readable.has(field.name));
}
