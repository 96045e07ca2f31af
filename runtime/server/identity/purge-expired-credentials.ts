import type { OneTimeTokenStore } from '../../auth/one-time-token/types.ts';
import type { SessionStore } from '../../auth/session/types.ts';
import type { FilterNode } from '../../core/filter/types.ts';
import type { Store } from '../../store/types.ts';

const everything: FilterNode = { kind: 'true' };
const dayMs = 24 * 60 * 60 * 1_000;

/**
 * Housekeeping of sign-in records, which are soft-deleted like everything else and would otherwise
 * pile up: ends the sessions past their idle or absolute expiry and the one-time tokens past theirs
 * (a soft delete, as a logout or a used token gets), then hard-deletes the sessions and tokens
 * deleted more than `retainDays` (default 30) ago. The last month stays for an investigation; the
 * audit log keeps the sign-in events themselves.
 */
export async function purgeExpiredCredentials(args: {
  store: Store;
  sessions: SessionStore;
  tokens: OneTimeTokenStore;
  now: Date;
  retainDays?: number;
}): Promise<{ ended: number; purged: number }> {
  const nowMs = args.now.getTime();
  const ended = (await args.sessions.deleteExpired(nowMs)) + (await args.tokens.deleteExpired(nowMs));
  const olderThan = new Date(nowMs - (args.retainDays ?? 30) * dayMs).toISOString();
  let purged = 0;
  for (const module of ['atriumSessions', 'atriumTokens']) {
    purged += await args.store.purgeDeleted({ module, where: everything, olderThan });
  }
  return { ended, purged };
}
