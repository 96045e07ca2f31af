import type { Clock } from '../types.ts';
import { generateSessionToken } from './generate-session-token.ts';
import { sessionIdFromToken } from './session-id-from-token.ts';
import type { CreatedSession, Session, SessionAudience, SessionManager, SessionStore } from './types.ts';

/** Tokens are 32 characters; anything much longer is not one of ours and is not worth hashing. */
const maxTokenLength = 128;

function assertPositive(args: { name: string; value: number }): void {
  if (!Number.isFinite(args.value) || args.value <= 0) {
    throw new RangeError(`${args.name} must be a positive number of milliseconds.`);
  }
}

/**
 * Sessions as in the Lucia guide: the client holds a random token, the store holds
 * `sessionIdFromToken(token)`. A session ends `idleMs` after its last renewal or `absoluteMs` after
 * creation, whichever is first; an MFA-pending session also ends `mfaPendingMs` (default 10 minutes)
 * after creation. Validation renews the idle expiry once more than half the idle window has passed
 * (so a busy session writes at most once per half window), never past the absolute limit.
 *
 * Every session is bound to one audience (`staff` or `portal:<type>`); a token presented to another
 * audience is refused without touching the session.
 */
export function createSessionManager(args: {
  store: SessionStore;
  clock: Clock;
  idleMs: number;
  absoluteMs: number;
  mfaPendingMs?: number;
}): SessionManager {
  const { store, clock, idleMs, absoluteMs } = args;
  const mfaPendingMs = args.mfaPendingMs ?? 10 * 60_000;
  assertPositive({ name: 'idleMs', value: idleMs });
  assertPositive({ name: 'absoluteMs', value: absoluteMs });
  assertPositive({ name: 'mfaPendingMs', value: mfaPendingMs });

  const create = async (input: {
    userId: string;
    audience: SessionAudience;
    isMfaPending?: boolean;
  }): Promise<CreatedSession> => {
    const token = generateSessionToken();
    const now = clock.now();
    const isMfaPending = input.isMfaPending ?? false;
    const absoluteExpiresAt = now + (isMfaPending ? Math.min(absoluteMs, mfaPendingMs) : absoluteMs);
    const session: Session = {
      id: sessionIdFromToken(token),
      userId: input.userId,
      audience: input.audience,
      isMfaPending,
      createdAt: now,
      idleExpiresAt: Math.min(now + idleMs, absoluteExpiresAt),
      absoluteExpiresAt,
    };
    await store.insert(session);
    return { token, session };
  };

  const validate = async (input: {
    token: string;
    audience: SessionAudience;
    allowMfaPending?: boolean;
  }): Promise<Session | null> => {
    if (input.token.length === 0 || input.token.length > maxTokenLength) return null;
    const id = sessionIdFromToken(input.token);
    const session = await store.get(id);
    if (!session) return null;
    const now = clock.now();
    if (now >= session.idleExpiresAt || now >= session.absoluteExpiresAt) {
      await store.delete(id);
      return null;
    }
    if (session.audience !== input.audience) return null;
    if (session.isMfaPending && input.allowMfaPending !== true) return null;

    if (session.idleExpiresAt - now < idleMs / 2) {
      const idleExpiresAt = Math.min(now + idleMs, session.absoluteExpiresAt);
      if (idleExpiresAt > session.idleExpiresAt) {
        await store.update({ id, patch: { idleExpiresAt } });
        return { ...session, idleExpiresAt };
      }
    }
    return session;
  };

  return {
    create,
    validate,
    completeMfa: async ({ token, audience }) => {
      const pending = await validate({ token, audience, allowMfaPending: true });
      if (!pending?.isMfaPending) return null;
      await store.delete(pending.id);
      return create({ userId: pending.userId, audience });
    },
    invalidate: async (token) => {
      if (token.length === 0 || token.length > maxTokenLength) return;
      await store.delete(sessionIdFromToken(token));
    },
    invalidateAllForUser: ({ userId, audience, exceptToken }) =>
      store.deleteForUser({
        userId,
        audience,
        exceptId: exceptToken === undefined ? undefined : sessionIdFromToken(exceptToken),
      }),
  };
}
