import type { Session, SessionAudience, SessionStore } from '../../auth/session/types.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { fieldConditions } from '../records/field-conditions.ts';
import { identityModules } from './identity-modules.ts';

const module = 'atriumSessions';
const sessions = identityModules.get(module);
const everything = { kind: 'true' } as const;

function toSession(doc: RecordDoc): Session {
  return {
    id: doc.id,
    userId: String(doc.userId),
    audience: String(doc.audience) as SessionAudience,
    isMfaPending: doc.isMfaPending === true,
    createdAt: Number(doc.startedAt),
    idleExpiresAt: Number(doc.idleExpiresAt),
    absoluteExpiresAt: Number(doc.absoluteExpiresAt),
  };
}

/** Sessions kept in the store (`atriumSessions`, id = the token's hash), for the session manager. */
export function createStoreSessionStore(store: Store): SessionStore {
  if (!sessions) throw new Error('identity modules are missing atriumSessions');
  const removeAll = async (ids: string[]) => {
    const at = new Date().toISOString();
    let removed = 0;
    for (const id of ids)
      if (await store.remove({ module, id, where: everything, deletedAt: at, deletedBy: null })) removed++;
    return removed;
  };
  const idsWhere = async (where: ReturnType<typeof fieldConditions>) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.find({ module, where, limit: 500, cursor });
      ids.push(...page.records.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  };
  return {
    async insert(session) {
      const at = new Date(session.createdAt).toISOString();
      await store.insert({
        module,
        doc: {
          id: session.id,
          version: 1,
          owner: null,
          createdAt: at,
          createdBy: session.userId,
          updatedAt: at,
          updatedBy: session.userId,
          deletedAt: null,
          userId: session.userId,
          audience: session.audience,
          isMfaPending: session.isMfaPending,
          startedAt: session.createdAt,
          idleExpiresAt: session.idleExpiresAt,
          absoluteExpiresAt: session.absoluteExpiresAt,
        },
      });
    },
    async get(id) {
      const doc = await store.get({ module, id, where: everything });
      return doc ? toSession(doc) : null;
    },
    async update({ id, patch }) {
      await store.update({
        module,
        id,
        where: everything,
        set: { ...patch },
        updatedAt: new Date().toISOString(),
        updatedBy: null,
      });
    },
    async delete(id) {
      await removeAll([id]);
    },
    async deleteForUser({ userId, audience, exceptId }) {
      const where = fieldConditions({
        module: sessions,
        conditions: [
          ['userId', 'eq', userId],
          ['audience', 'eq', audience],
          ...(exceptId ? [['id', 'ne', exceptId] as const] : []),
        ],
      });
      return removeAll(await idsWhere(where));
    },
    async deleteExpired(now) {
      const idle = await idsWhere(
        fieldConditions({ module: sessions, conditions: [['idleExpiresAt', 'lte', now]] }),
      );
      const absolute = await idsWhere(
        fieldConditions({ module: sessions, conditions: [['absoluteExpiresAt', 'lte', now]] }),
      );
      return removeAll([...new Set([...idle, ...absolute])]);
    },
  };
}
