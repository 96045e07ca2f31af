import { readableFieldPredicate } from '../../core/access/readable-field-predicate.ts';
import type { AggregateMetric } from '../../store/types.ts';
import { scopedFilter } from './parse-list-query.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { badRequest } from './record-errors.ts';
import { requireAccess } from './require-access.ts';

const numericTypes = new Set(['number', 'integer', 'currency', 'percent', 'rating']);
const groupableTypes = new Set([
  'text',
  'email',
  'select',
  'boolean',
  'date',
  'relation',
  'user',
  'integer',
  'rating',
]);

/** Counts, sums and averages inside the principal's scope, grouped by readable fields only. */
export async function aggregateRecords(args: {
  ctx: RecordContext;
  request: RecordRequest;
  groupBy: readonly string[];
  metrics: readonly AggregateMetric[];
  filter?: unknown;
}) {
  const { ctx, request } = args;
  const access = requireAccess({ ctx, request, action: 'read' });
  const isReadable = readableFieldPredicate({ app: access.app, principal: request.principal });
  const fieldOf = (name: string) => {
    const field = access.module.fields.get(name);
    if (!field || !isReadable({ module: request.module, field: name })) {
      throw badRequest(`Cannot aggregate on "${name}": no such readable field`);
    }
    return field;
  };
  if (args.groupBy.length > 3) throw badRequest('Group by at most 3 fields');
  if (args.metrics.length === 0 || args.metrics.length > 10) throw badRequest('Ask for 1 to 10 metrics');
  for (const name of args.groupBy) {
    const field = fieldOf(name);
    if (!groupableTypes.has(field.type) || field.relation?.cardinality === 'many') {
      throw badRequest(`Cannot group by "${name}", a ${field.type} field`);
    }
  }
  for (const metric of args.metrics) {
    if (metric.fn !== 'count' && !numericTypes.has(fieldOf(metric.field).type)) {
      throw badRequest(`Cannot ${metric.fn} "${metric.field}": not a number field`);
    }
  }
  const where = scopedFilter({ ctx, request, access, filter: args.filter });
  await ctx.hooks.runBefore('beforeRead', {
    principal: request.principal,
    module: request.module,
    operation: 'aggregate',
  });
  return ctx.store.aggregate({ module: request.module, where, groupBy: args.groupBy, metrics: args.metrics });
}
