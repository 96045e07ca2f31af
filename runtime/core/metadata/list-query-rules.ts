/** Limits of list queries, shared by the record service (which enforces them) and the OpenAPI document (which states them). */
export const listQueryRules = { maxPageSize: 200, defaultPageSize: 50, maxSortKeys: 3 } as const;
