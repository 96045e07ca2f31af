import { type FieldKind, fieldKind } from '../../core/filter/field-kind.ts';
import type { CompiledModule } from '../../core/metadata/compile-module.ts';
import type { AggregateMetric, AggregateRow } from '../types.ts';
import { fieldExpression } from './field-expression.ts';
import { systemColumns } from './system-columns.ts';
import { invalidAggregate } from '../store-errors.ts';

/** The parts of an aggregate query, and how to read one of its rows. */
export type CompiledAggregate = {
  select: string;
  groupBy: string | null;
  orderBy: string | null;
  readRow: (row: Record<string, unknown>) => AggregateRow;
};

const maxGroupBy = 3;
const maxMetrics = 20;
const namePattern = /^[a-zA-Z][a-zA-Z0-9]*$/;
const ungroupableKinds: ReadonlySet<FieldKind> = new Set<FieldKind>([
  'multiSelect',
  'referenceMany',
  'opaque',
]);

function checkGroupBy(args: { module: CompiledModule; groupBy: readonly string[] }): void {
  if (args.groupBy.length > maxGroupBy) throw invalidAggregate(`Group by at most ${maxGroupBy} fields.`);
  if (new Set(args.groupBy).size !== args.groupBy.length)
    throw invalidAggregate('A field appears twice in groupBy.');
  for (const name of args.groupBy) {
    const field = args.module.fields.get(name);
    if (!field) throw invalidAggregate(`Cannot group by '${name.slice(0, 80)}': no such field.`);
    if (ungroupableKinds.has(fieldKind(field)))
      throw invalidAggregate(`Cannot group by '${name}', a ${field.type} field.`);
  }
}

function metricSql(args: { module: CompiledModule; metric: AggregateMetric; qualifier: string }): string {
  const { module, metric, qualifier } = args;
  if (metric.fn === 'count') return 'count(*)';
  const field = module.fields.get(metric.field);
  if (!field || fieldKind(field) !== 'number') {
    throw invalidAggregate(`Cannot ${metric.fn} '${metric.field.slice(0, 80)}': not a number field.`);
  }
  const target = fieldExpression({ name: metric.field, qualifier });
  const numbers = `CASE WHEN ${target.type} IN ('integer', 'real') THEN ${target.value} END`;
  // total() never overflows (sum() throws past 2^63) but gives 0.0 for no values, where null is wanted.
  if (metric.fn === 'sum') return `CASE WHEN count(${numbers}) = 0 THEN NULL ELSE total(${numbers}) END`;
  return `${metric.fn}(${numbers})`;
}

function readGroupValue(args: { value: unknown; isColumn: boolean }): unknown {
  if (args.isColumn || typeof args.value !== 'string') return args.value ?? null;
  return JSON.parse(args.value);
}

/**
 * Compiles `groupBy` (0–3 scalar fields) and `metrics` (count, or sum/avg/min/max of a number field,
 * counting only number values; null when a group has none) over the row `qualifier`. Groups read
 * back with their JSON values (a boolean stays a boolean); missing and null group together as null.
 * Refuses anything else with `INVALID_AGGREGATE`.
 */
export function compileAggregate(args: {
  module: CompiledModule;
  groupBy: readonly string[];
  metrics: readonly AggregateMetric[];
  qualifier: string;
}): CompiledAggregate {
  const { module, groupBy, metrics, qualifier } = args;
  checkGroupBy({ module, groupBy });
  if (metrics.length === 0 || metrics.length > maxMetrics)
    throw invalidAggregate(`Ask for 1 to ${maxMetrics} metrics.`);
  const names = metrics.map((metric) => metric.as);
  if (names.some((name) => !namePattern.test(name)) || new Set(names).size !== names.length) {
    throw invalidAggregate("Each metric needs its own name ('as': letters and digits).");
  }
  const groups = groupBy.map((name) => {
    const target = fieldExpression({ name, qualifier });
    const isColumn = systemColumns.has(name);
    // `->` keeps the JSON type (true stays true, not 1); ifnull folds missing into null.
    const key = isColumn ? target.value : `ifnull(${qualifier}.doc -> '$.${name}', 'null')`;
    return { name, key, order: target.value, isColumn };
  });
  const select = [
    ...groups.map((group, index) => `${group.key} AS atrium_g${index}`),
    ...metrics.map((metric, index) => `${metricSql({ module, metric, qualifier })} AS atrium_m${index}`),
  ].join(', ');
  return {
    select,
    groupBy: groups.length === 0 ? null : groups.map((group) => group.key).join(', '),
    orderBy: groups.length === 0 ? null : groups.map((group) => `${group.order} ASC`).join(', '),
    readRow: (row) => {
      const group: Record<string, unknown> = {};
      groups.forEach((entry, index) => {
        group[entry.name] = readGroupValue({ value: row[`atrium_g${index}`], isColumn: entry.isColumn });
      });
      const values: Record<string, number | null> = {};
      metrics.forEach((metric, index) => {
        const value = row[`atrium_m${index}`];
        values[metric.as] = typeof value === 'number' ? value : null;
      });
      return { group, values };
    },
  };
}
