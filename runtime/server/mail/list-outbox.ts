import type { RecordDoc, Store } from '../../store/types.ts';
import type { OutboxEntry, OutboxPage, OutboxStatus } from './types.ts';

const statuses: ReadonlySet<string> = new Set<OutboxStatus>(['queued', 'sending', 'sent', 'failed']);

const textOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

function toOutboxEntry(doc: RecordDoc): OutboxEntry {
  const status = String(doc.status);
  return {
    id: doc.id,
    to: String(doc.to ?? ''),
    subject: String(doc.subject ?? ''),
    text: String(doc.text ?? ''),
    html: textOrNull(doc.html),
    purpose: String(doc.purpose ?? ''),
    status: statuses.has(status) ? (status as OutboxStatus) : 'failed',
    error: textOrNull(doc.error),
    createdAt: doc.createdAt,
    sentAt: textOrNull(doc.sentAt),
  };
}

/**
 * One page of the outbox (`atriumOutbox`), newest first, for `GET /api/admin/outbox`. `cursor` is a
 * page's `nextCursor`; the store refuses a `limit` outside 1–1000 (`INVALID_LIMIT`) and a malformed
 * cursor (`INVALID_CURSOR`). The entries hold live invitation and reset links: administrators only.
 */
export async function listOutbox(args: {
  store: Store;
  limit: number;
  cursor?: string | undefined;
}): Promise<OutboxPage> {
  const page = await args.store.find({
    module: 'atriumOutbox',
    where: { kind: 'true' },
    sort: [{ field: 'createdAt', direction: 'desc' }],
    limit: args.limit,
    ...(args.cursor === undefined ? {} : { cursor: args.cursor }),
  });
  return { entries: page.records.map(toOutboxEntry), nextCursor: page.nextCursor };
}
