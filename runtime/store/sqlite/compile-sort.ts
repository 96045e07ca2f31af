import { type FieldKind, fieldKind } from '../../core/filter/field-kind.ts';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import type { SortKey } from '../types.ts';
import { fieldExpression } from './field-expression.ts';
import { invalidSort } from '../store-errors.ts';

/** One ORDER BY key: the SQL value it sorts on and its direction. */
export type SortColumn = { expression: string; direction: 'asc' | 'desc' };

/** The sort a query runs: the caller's keys (what a cursor is bound to) and the SQL keys, `id` last. */
export type CompiledSort = { sort: SortKey[]; columns: SortColumn[]; orderBy: string };

const maxSortKeys = 8;
const unorderedKinds: ReadonlySet<FieldKind> = new Set<FieldKind>(['multiSelect', 'referenceMany', 'opaque']);

/**
 * Validates `sort` on `module` and compiles it over the row `qualifier`, appending `id` ascending as
 * the tie-breaker (keys after an `id` key could never decide anything, so they are dropped). SQLite
 * orders NULL first, which is the store's rule: missing and null values are the smallest. Refuses
 * (`INVALID_SORT`) unknown fields, repeated fields, and fields without an order (arrays, files, JSON).
 */
export function compileSort(args: {
  module: CompiledModule;
  sort: readonly SortKey[];
  qualifier: string;
}): CompiledSort {
  const { module, qualifier } = args;
  if (args.sort.length > maxSortKeys) throw invalidSort(`Sort by at most ${maxSortKeys} fields.`);
  const sort: SortKey[] = [];
  const seen = new Set<string>();
  for (const key of args.sort) {
    const field = module.fields.get(key.field);
    if (!field) throw invalidSort(`Cannot sort by '${key.field.slice(0, 80)}': no such field.`);
    if (unorderedKinds.has(fieldKind(field)))
      throw invalidSort(`Cannot sort by '${key.field}', a ${field.type} field.`);
    if (key.direction !== 'asc' && key.direction !== 'desc')
      throw invalidSort('Sort direction is asc or desc.');
    if (seen.has(key.field)) throw invalidSort(`'${key.field}' appears twice in the sort.`);
    seen.add(key.field);
    sort.push({ field: key.field, direction: key.direction });
    if (key.field === 'id') break;
  }
  const columns: SortColumn[] = sort.map((key) => ({
    expression: fieldExpression({ name: key.field, qualifier }).value,
    direction: key.direction,
  }));
  if (!seen.has('id')) columns.push({ expression: `${qualifier}.id`, direction: 'asc' });
  const orderBy = columns
    .map((column) => `${column.expression} ${column.direction.toUpperCase()}`)
    .join(', ');
  return { sort, columns, orderBy };
}
