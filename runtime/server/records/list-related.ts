import { listRecords } from './list-records.ts';
import type { ListQuery } from './parse-list-query.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';
import { badRequest, notFound } from './record-errors.ts';
import { requireAccess } from './require-access.ts';

/**
 * Children of a record through a relation field of the child module (e.g. an account's contacts
 * via `contacts.account`). The parent must be visible; each child passes its own module's access.
 */
export async function listRelated(args: {
  ctx: RecordContext;
  request: RecordRequest;
  id: string;
  child: { module: string; field: string };
  query: ListQuery;
}) {
  const { ctx, request, id, child } = args;
  const { module, decision } = requireAccess({ ctx, request, action: 'read' });
  const link = ctx.getApp().modules.get(child.module)?.fields.get(child.field);
  if (link?.relation?.module !== module.name) {
    throw badRequest(`"${child.module}.${child.field}" is not a relation to ${module.label}`);
  }
  if (!(await ctx.store.get({ module: module.name, id, where: decision.where })))
    throw notFound('Record not found');
  const linkFilter = { [child.field]: link.relation.cardinality === 'many' ? { contains: id } : { eq: id } };
  const filter = args.query.filter === undefined ? linkFilter : { and: [linkFilter, args.query.filter] };
  return listRecords({
    ctx,
    request: { principal: request.principal, module: child.module },
    query: { ...args.query, filter },
  });
}
