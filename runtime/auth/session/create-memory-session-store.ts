import type { Session, SessionStore } from './types.ts';

/** The in-memory session store, plus `list` so tests can inspect exactly what is stored. */
export type MemorySessionStore = SessionStore & {
  /** Copies of every stored session. */
  list: () => Session[];
};

/** A session store in a `Map`, for tests and single-process development; nothing survives a restart. */
export function createMemorySessionStore(): MemorySessionStore {
  const sessions = new Map<string, Session>();

  const isExpired = (session: Session, now: number) =>
    session.idleExpiresAt <= now || session.absoluteExpiresAt <= now;

  return {
    insert: async (session) => {
      sessions.set(session.id, { ...session });
    },
    get: async (id) => {
      const session = sessions.get(id);
      return session ? { ...session } : null;
    },
    update: async ({ id, patch }) => {
      const session = sessions.get(id);
      if (session) sessions.set(id, { ...session, idleExpiresAt: patch.idleExpiresAt });
    },
    delete: async (id) => {
      sessions.delete(id);
    },
    deleteForUser: async ({ userId, audience, exceptId }) => {
      let count = 0;
      for (const [id, session] of sessions) {
        if (session.userId === userId && session.audience === audience && id !== exceptId) {
          sessions.delete(id);
          count += 1;
        }
      }
      return count;
    },
    deleteExpired: async (now) => {
      let count = 0;
      for (const [id, session] of sessions) {
        if (isExpired(session, now)) {
          sessions.delete(id);
          count += 1;
        }
      }
      return count;
    },
    list: () => [...sessions.values()].map((session) => ({ ...session })),
  };
}
