import { maskRecord } from '../../core/access/mask-record.ts';
import { readableFieldPredicate } from '../../core/access/readable-field-predicate.ts';
import { scopedFilter } from './parse-list-query.ts';
import { parsePageSize } from './parse-page-size.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { badRequest } from './record-errors.ts';
import { requireAccess } from './require-access.ts';

/**
 * Full-text search inside the principal's scope. Only search fields the principal may read are
 * searched, so a word stored in a hidden field never finds its record.
 */
export async function searchRecords(args: {
  ctx: RecordContext;
  request: RecordRequest;
  text: string;
  filter?: unknown;
  limit?: number;
}) {
  const { ctx, request } = args;
  const text = args.text.trim();
  if (text.length === 0 || text.length > 200) throw badRequest('Search text must be 1 to 200 characters');
  const limit = parsePageSize(args.limit);
  const access = requireAccess({ ctx, request, action: 'read' });
  const isReadable = readableFieldPredicate({ app: access.app, principal: request.principal });
  const fields = access.module.search.filter((field) => isReadable({ module: request.module, field }));
  if (fields.length === 0) return { records: [], nextCursor: null };
  const where = scopedFilter({ ctx, request, access, filter: args.filter });
  await ctx.hooks.runBefore('beforeRead', {
    principal: request.principal,
    module: request.module,
    operation: 'search',
  });
  const page = await ctx.store.search({ module: request.module, where, text, limit, fields });
  return {
    records: page.records.map((record) =>
      maskRecord({ record, readable: access.decision.readableFields(record) }),
    ),
    nextCursor: null,
  };
}
