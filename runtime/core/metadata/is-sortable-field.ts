import type { FilterField } from '../filter/types.ts';

const unsortableTypes: ReadonlySet<string> = new Set([
  'json',
  'address',
  'file',
  'image',
  'multiSelect',
  'richText',
  'longText',
]);

/** Whether lists may be sorted by this field: not arrays, objects, files or long text. */
export function isSortableField(field: FilterField): boolean {
  return !unsortableTypes.has(field.type) && field.relation?.cardinality !== 'many';
}
