import type { AggregateMetric } from '../types.ts';
import type { MongoQuery } from './compile-filter-to-mongo.ts';
import { toMongoKey } from './to-mongo-key.ts';

/** `$isNumber` keeps a stray non-numeric value (an archived field's old type) out of every metric. */
function numeric(key: string): MongoQuery {
  return { $cond: [{ $isNumber: `$${key}` }, `$${key}`, null] };
}

function accumulators(metric: AggregateMetric, index: number): MongoQuery {
  if (metric.fn === 'count') return { [`m${index}`]: { $sum: 1 } };
  const key = toMongoKey(metric.field);
  if (metric.fn === 'sum') {
    // `$sum` of no numbers is 0; the row wants null, so count the numbers beside it.
    return {
      [`m${index}`]: { $sum: numeric(key) },
      [`n${index}`]: { $sum: { $cond: [{ $isNumber: `$${key}` }, 1, 0] } },
    };
  }
  return { [`m${index}`]: { [`$${metric.fn}`]: numeric(key) } };
}

/**
 * The aggregate pipeline: one `$match` (the compiled `where`, live records only — the caller's job)
 * and one `$group`. Group keys and metrics get positional names (`g0…`, `m0…`) so no caller-chosen
 * name reaches the pipeline; field paths come from `toMongoKey`, so none can be an operator. A missing
 * group value is folded into null (`$ifNull`), as SQL groups it. `readAggregateRows` reads the result.
 */
export function buildAggregatePipeline(args: {
  match: MongoQuery;
  groupBy: readonly string[];
  metrics: readonly AggregateMetric[];
}): MongoQuery[] {
  const id: MongoQuery = {};
  args.groupBy.forEach((field, index) => {
    id[`g${index}`] = { $ifNull: [`$${toMongoKey(field)}`, null] };
  });
  const group: MongoQuery = { _id: args.groupBy.length === 0 ? null : id };
  args.metrics.forEach((metric, index) => {
    Object.assign(group, accumulators(metric, index));
  });
  return [{ $match: args.match }, { $group: group }];
}
