import type { SqlFragment } from './compile-filter-to-sql.ts';
import type { SortColumn } from './compile-sort.ts';

/** A sort value as SQLite returns it (JSON booleans read as 0/1). */
export type SortValue = string | number | null;

function after(args: { column: SortColumn; value: SortValue; params: unknown[] }): string | null {
  const { column, value, params } = args;
  if (column.direction === 'asc') {
    if (value === null) return `${column.expression} IS NOT NULL`;
    params.push(value);
    return `${column.expression} > ?`;
  }
  if (value === null) return null;
  params.push(value);
  return `(${column.expression} < ? OR ${column.expression} IS NULL)`;
}

/**
 * The rows strictly after the row whose sort values are `values`, in the order `columns` define
 * (NULL the smallest value): `(k1 after v1) OR (k1 IS v1 AND k2 after v2) OR …`. The last column is
 * unique (`id`), so every row is either before or after the cursor row, never both.
 */
export function compileKeyset(args: {
  columns: readonly SortColumn[];
  values: readonly SortValue[];
}): SqlFragment {
  const params: unknown[] = [];
  const terms: string[] = [];
  args.columns.forEach((column, index) => {
    const termParams: unknown[] = [];
    const equal: string[] = [];
    for (let previous = 0; previous < index; previous += 1) {
      const prior = args.columns[previous];
      if (!prior) continue;
      termParams.push(args.values[previous] ?? null);
      equal.push(`${prior.expression} IS ?`);
    }
    const beyond = after({ column, value: args.values[index] ?? null, params: termParams });
    if (beyond === null) return;
    terms.push(`(${[...equal, beyond].join(' AND ')})`);
    params.push(...termParams);
  });
  return { sql: terms.length === 0 ? '0' : `(${terms.join(' OR ')})`, params };
}
