import type { FilterField } from './types.ts';

/**
 * How the filter language treats a field: which operators apply and what an operand must be.
 * `multiSelect` and `referenceMany` values are arrays; every other kind holds one scalar.
 */
export type FieldKind =
  | 'text'
  | 'number'
  | 'boolean'
  | 'date'
  | 'dateTime'
  | 'select'
  | 'multiSelect'
  | 'reference'
  | 'referenceMany'
  | 'opaque';

const kindByType: ReadonlyMap<string, FieldKind> = new Map<string, FieldKind>([
  ['text', 'text'],
  ['longText', 'text'],
  ['richText', 'text'],
  ['email', 'text'],
  ['phone', 'text'],
  ['url', 'text'],
  ['autoNumber', 'text'],
  ['number', 'number'],
  ['integer', 'number'],
  ['currency', 'number'],
  ['percent', 'number'],
  ['rating', 'number'],
  ['boolean', 'boolean'],
  ['date', 'date'],
  ['dateTime', 'dateTime'],
  ['select', 'select'],
  ['multiSelect', 'multiSelect'],
  ['id', 'reference'],
  ['user', 'reference'],
  ['file', 'opaque'],
  ['image', 'opaque'],
  ['json', 'opaque'],
  ['address', 'opaque'],
]);

/** The kind of a field; relations split by cardinality, and unknown (plugin) types are `opaque`. */
export function fieldKind(field: FilterField): FieldKind {
  if (field.type === 'relation')
    return field.relation?.cardinality === 'many' ? 'referenceMany' : 'reference';
  return kindByType.get(field.type) ?? 'opaque';
}
