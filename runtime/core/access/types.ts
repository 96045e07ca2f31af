import type { FilterNode, PrincipalAttributes } from '../filter/types.ts';
import type { FieldLevel, RecordAction } from '../metadata/types.ts';

/**
 * What a principal may do in one module: actions, on records matching `where`, with field levels.
 * Grants combine with OR; their result combines with a request's own filter with AND.
 */
export type Grant = {
  module: string;
  actions: readonly RecordAction[];
  /** Parsed, not yet bound: may use `$principal.*`, `$now`, `$today`. */
  where: FilterNode;
  /**
   * `denyList`: fields not listed are readWrite (staff profiles).
   * `allowList`: fields not listed are hidden (portals).
   */
  fieldMode: 'denyList' | 'allowList';
  fields: Readonly<Record<string, FieldLevel>>;
  /** Values set on create and update regardless of input, e.g. `{ account: '$principal.accountId' }`. */
  presets?: Readonly<Record<string, string>>;
};

export type PrincipalKind = 'staff' | 'portal' | 'system' | 'plugin';

/** Who is asking. Only `asSystem(reason)` makes a `system` principal. */
export type Principal = {
  kind: PrincipalKind;
  id: string;
  /** What `$principal.*` reads: `id`, `roleId`, `groupIds`, `visibleOwnerIds`, `recordId`, `accountId`, … */
  attributes: PrincipalAttributes;
  grants: readonly Grant[];
  /** Portal principals: the portal type and permission group. */
  portalType?: string;
  group?: string;
  /** System principals: why system access was taken (logged). */
  reason?: string;
};

/** The outcome of `decideAccess` for one module and action. */
export type AccessDecision =
  | { allowed: false }
  | {
      allowed: true;
      /** Bound scope: OR of the matching grants' `where`. Always AND it with the request's filter. */
      where: FilterNode;
      /** Fields the principal may read on this record (system fields included). */
      readableFields(record: Readonly<Record<string, unknown>>): ReadonlySet<string>;
      /** Fields the principal may write on this record (never system fields). */
      writableFields(record: Readonly<Record<string, unknown>>): ReadonlySet<string>;
      /** Bound preset values to force on create/update. */
      preset: Readonly<Record<string, unknown>>;
    };
