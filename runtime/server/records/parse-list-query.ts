import { readableFieldPredicate } from '../../core/access/readable-field-predicate.ts';
import { bindVariables } from '../../core/filter/bind-variables.ts';
import { combine } from '../../core/filter/combine.ts';
import { isSortableField } from '../../core/metadata/is-sortable-field.ts';
import { listQueryRules } from '../../core/metadata/list-query-rules.ts';
import { parseFilter } from '../../core/filter/parse-filter.ts';
import type { FilterNode } from '../../core/filter/types.ts';
import type { SortKey } from '../../store/types.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { parsePageSize } from './parse-page-size.ts';
import { badRequest } from './record-errors.ts';
import type { GrantedAccess } from './require-access.ts';

/** What a caller may ask of a list. `filter` is filter-language JSON; `sort` is `field`, `-field`, comma-separated. */
export type ListQuery = { filter?: unknown; sort?: string; limit?: number; cursor?: string };

function parseSort(args: {
  sort: string | undefined;
  access: GrantedAccess;
  isReadable: (field: string) => boolean;
}): SortKey[] {
  if (args.sort === undefined || args.sort === '') return [];
  const parts = args.sort.split(',');
  if (parts.length > listQueryRules.maxSortKeys)
    throw badRequest(`Sort by at most ${listQueryRules.maxSortKeys} fields`);
  return parts.map((part) => {
    const direction = part.startsWith('-') ? 'desc' : 'asc';
    const name = part.replace(/^[-+]/, '');
    const field = args.access.module.fields.get(name);
    if (!field || !args.isReadable(name))
      throw badRequest(`Cannot sort by "${name}": no such readable field`);
    if (!isSortableField(field)) {
      throw badRequest(`Cannot sort by "${name}", a ${field.type} field`);
    }
    return { field: name, direction };
  });
}

/**
 * Turns a caller's filter into a bound node ANDed with the access scope. Fields the principal cannot
 * read (directly or through a relation) are refused, never dropped.
 */
export function scopedFilter(args: {
  ctx: RecordContext;
  request: RecordRequest;
  access: GrantedAccess;
  filter?: unknown;
}): FilterNode {
  const { ctx, request, access } = args;
  if (args.filter === undefined) return access.decision.where;
  const node = parseFilter({
    json: args.filter,
    module: request.module,
    catalog: access.app,
    isFieldReadable: readableFieldPredicate({ app: access.app, principal: request.principal }),
    hidesUnreadable: request.principal.kind === 'portal',
  });
  const bound = bindVariables({ node, principal: request.principal.attributes, now: ctx.now() });
  return combine.and([access.decision.where, bound]);
}

/** Parses a list query into what the store needs: scoped filter, sort keys, limit and cursor. */
export function parseListQuery(args: {
  ctx: RecordContext;
  request: RecordRequest;
  access: GrantedAccess;
  query: ListQuery;
}) {
  const { request, access, query } = args;
  const isReadable = readableFieldPredicate({ app: access.app, principal: request.principal });
  return {
    where: scopedFilter({ ...args, filter: query.filter }),
    sort: parseSort({
      sort: query.sort,
      access,
      isReadable: (field) => isReadable({ module: request.module, field }),
    }),
    limit: parsePageSize(query.limit),
    cursor: query.cursor,
  };
}
