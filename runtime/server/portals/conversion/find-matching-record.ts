import { decideAccess } from '../../../core/access/decide-access.ts';
import type { Principal } from '../../../core/access/types.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import type { ConversionTarget } from '../../../core/metadata/types.ts';
import type { RecordService } from '../../records/record-service.ts';

/**
 * For a `createOrLink` target: the oldest record of the target module, visible to the principal,
 * whose `matchOn` fields all equal `values` (exactly), found through the record service's list so
 * scope and field rights apply. Null when a `matchOn` value is missing or not a plain value, when
 * the principal may not read the module, or when nothing matches.
 */
export async function findMatchingRecord(args: {
  records: RecordService;
  app: CompiledApp;
  principal: Principal;
  now: Date;
  target: ConversionTarget;
  values: Readonly<Record<string, unknown>>;
}): Promise<string | null> {
  const { records, app, principal, target, values } = args;
  const matchOn = target.matchOn ?? [];
  if (matchOn.length === 0) return null;
  const conditions: Array<Record<string, { eq: string | number | boolean }>> = [];
  for (const field of matchOn) {
    const value = values[field];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return null;
    if (value === '') return null;
    conditions.push({ [field]: { eq: value } });
  }
  const read = decideAccess({ app, principal, module: target.module, action: 'read', now: args.now });
  if (!read.allowed) return null;
  const page = await records.list({
    principal,
    module: target.module,
    query: { filter: { and: conditions }, sort: 'createdAt', limit: 1 },
  });
  const id = page.records[0]?.id;
  return typeof id === 'string' ? id : null;
}
