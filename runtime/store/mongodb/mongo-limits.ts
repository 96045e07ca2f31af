/** Bounds the Mongo adapter puts on every call, so one slow or broad request cannot stall the server. */
export const mongoLimits = {
  /** `maxTimeMS` of every query, count, find-and-modify and aggregate. */
  queryTimeoutMs: 10_000,
  /** Most related ids a relation path may resolve to before the filter is refused as too broad. */
  maxRelationIds: 100_000,
  /** Longest cursor accepted from a caller, in characters. */
  maxCursorLength: 65_536,
} as const;
