import { decideAccess } from '../../core/access/decide-access.ts';
import { maskRecord } from '../../core/access/mask-record.ts';
import type { RecordDoc } from '../../store/types.ts';
import type { RecordContext, RecordRequest } from './record-context.ts';

/**
 * The record as the principal may read it after a write: masked by its read access, or only
 * `id` and `version` when it may not read the module.
 */
export function maskForReader(args: {
  ctx: RecordContext;
  request: RecordRequest;
  record: RecordDoc;
}): Record<string, unknown> {
  const { ctx, request, record } = args;
  const decision = decideAccess({
    app: ctx.getApp(),
    principal: request.principal,
    module: request.module,
    action: 'read',
    now: ctx.now(),
  });
  if (!decision.allowed) return { id: record.id, version: record.version };
  return maskRecord({ record, readable: decision.readableFields(record) });
}
