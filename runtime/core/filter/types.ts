/**
 * The filter language (DESIGN §4): JSON written by list views, portal scopes, sharing rules, lookup
 * filters and API callers, parsed into a `FilterNode` tree that every compiler (SQL, MongoDB,
 * in-memory `evaluate`) reads.
 *
 * Semantics, identical in every compiler:
 * - Two-valued logic. A missing or null value makes `eq lt lte gt gte between contains startsWith in`
 *   false, and their negations `ne nin` (and `not`) true.
 * - `contains` and `startsWith` on text are case-insensitive literal matches (never patterns).
 * - On `multiSelect` and `many` relations (arrays): `contains` = has the element, `in` = has any of,
 *   `nin` = has none of.
 * - `exists: true` = present and not null; `exists: false` = missing or null.
 * - dateTime values are canonical ISO strings (`toISOString()`), dates are `YYYY-MM-DD`, so ordering is
 *   string ordering.
 */

export const operators = [
  'eq',
  'ne',
  'in',
  'nin',
  'lt',
  'lte',
  'gt',
  'gte',
  'contains',
  'startsWith',
  'exists',
  'between',
  'within',
] as const;

export type Operator = (typeof operators)[number];

/** A field as the filter language sees it (a compiled module field, or a system field). */
export type FilterField = {
  name: string;
  /** A built-in field type, `id`, `user` (owner/createdBy/updatedBy) or a plugin type. */
  type: string;
  relation?: { module: string; cardinality: 'one' | 'many' };
  /** select / multiSelect: the allowed values. */
  optionValues?: readonly string[];
};

/** A module as the filter language sees it. */
export type FilterModule = { name: string; fields: ReadonlyMap<string, FilterField> };

/** Every module the filter may reach (the compiled app satisfies this). */
export type FilterCatalog = { modules: ReadonlyMap<string, FilterModule> };

/** A value to be supplied at bind time: `$principal.id`, `$principal.accountId`, `$now`, `$today`. */
export type Variable = { variable: string };

export type Scalar = string | number | boolean;

/** The right-hand side of a condition, before binding. */
export type Operand = Scalar | Variable | ReadonlyArray<Scalar | Variable>;

/**
 * The field a condition reads: on the filtered module itself, or one relation hop away
 * (`account.industry`: `via` is the `account` relation, `field` is `industry` on accounts).
 */
export type FieldRef = {
  /** Dotted path as written, e.g. `account.industry`. */
  path: string;
  module: string;
  field: FilterField;
  via?: { module: string; field: FilterField };
};

export type FilterNode =
  | { kind: 'true' }
  | { kind: 'false' }
  | { kind: 'and'; children: readonly FilterNode[] }
  | { kind: 'or'; children: readonly FilterNode[] }
  | { kind: 'not'; child: FilterNode }
  | { kind: 'condition'; field: FieldRef; op: Operator; value: Operand };

/** Limits on user-written filters; parse refuses anything beyond them. */
export type FilterLimits = {
  maxDepth: number;
  maxNodes: number;
  maxListValues: number;
  maxStringLength: number;
};

export const defaultFilterLimits: FilterLimits = {
  maxDepth: 12,
  maxNodes: 500,
  maxListValues: 1000,
  maxStringLength: 16_384,
};

/** What `$principal.*` can read at bind time. */
export type PrincipalAttributes = Readonly<
  Record<string, string | number | boolean | readonly string[] | null | undefined>
>;
