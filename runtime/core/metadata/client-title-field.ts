import type { ModuleAccess } from './principal-module-access.ts';

/**
 * The field the browser shows as a record's title: the module's `titleField` when the principal may
 * read it, otherwise `id` (always readable), so a hidden title field's name never leaves the server.
 */
export function clientTitleField(access: ModuleAccess): string {
  return access.readable.has(access.module.titleField) ? access.module.titleField : 'id';
}
