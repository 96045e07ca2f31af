import { decideAccess } from '../../../core/access/decide-access.ts';
import type { Principal } from '../../../core/access/types.ts';
import { fieldKind } from '../../../core/filter/field-kind.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import type { ConversionTarget } from '../../../core/metadata/types.ts';
import type { RecordService } from '../../records/record-service.ts';

type Scalar = string | number | boolean;

/** Pages of candidates read at most: a text prefix shared by more records than this is not a match worth waiting for. */
const maxPages = 10;
const pageSize = 100;

function sameText(left: unknown, right: string): boolean {
  return typeof left === 'string' && left.trim().toLowerCase() === right.toLowerCase();
}

/**
 * For a `createOrLink` target: the oldest record of the target module, visible to the principal,
 * whose `matchOn` fields all agree with `values`, found through the record service's list so scope
 * and field rights apply. Text fields agree ignoring case and the spaces around the lead's value
 * ("ACME corp " links to "Acme Corp"), as people type company names and emails; other fields must be
 * equal. Null
 * when a `matchOn` value is missing or not a plain value, when the principal may not read the
 * module, or when nothing matches.
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
  const module = app.modules.get(target.module);
  if (matchOn.length === 0 || !module) return null;
  const conditions: Array<Record<string, Record<string, Scalar>>> = [];
  const texts: Array<[field: string, value: string]> = [];
  for (const name of matchOn) {
    const raw = values[name];
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return null;
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === '') return null;
    const field = module.fields.get(name);
    if (typeof value === 'string' && field && fieldKind(field) === 'text') {
      // The filter's `startsWith` is case-insensitive; equality is then checked on each candidate.
      conditions.push({ [name]: { startsWith: value } });
      texts.push([name, value]);
    } else {
      conditions.push({ [name]: { eq: value } });
    }
  }
  const read = decideAccess({ app, principal, module: target.module, action: 'read', now: args.now });
  if (!read.allowed) return null;
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const found = await records.list({
      principal,
      module: target.module,
      query: {
        filter: { and: conditions },
        sort: 'createdAt',
        limit: pageSize,
        ...(cursor ? { cursor } : {}),
      },
    });
    const match = found.records.find((record) =>
      texts.every(([name, value]) => sameText(record[name], value)),
    );
    if (typeof match?.id === 'string') return match.id;
    if (!found.nextCursor) return null;
    cursor = found.nextCursor;
  }
  return null;
}
