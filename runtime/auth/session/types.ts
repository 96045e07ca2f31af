/** Who a session is for: the staff CRM, or one portal type (`portal:client`, `portal:partner`, …). */
export type SessionAudience = 'staff' | `portal:${string}`;

/**
 * A logged-in session as stored. `id` is the SHA-256 (hex) of the token the client holds; the token
 * itself is never stored. Times are epoch milliseconds.
 */
export type Session = {
  id: string;
  userId: string;
  audience: SessionAudience;
  /** Password accepted, second factor not yet: such a session may only complete MFA. */
  isMfaPending: boolean;
  createdAt: number;
  /** Ends the session when no request renews it before then; never after `absoluteExpiresAt`. */
  idleExpiresAt: number;
  /** Ends the session whatever its activity. */
  absoluteExpiresAt: number;
};

/** The part of a session a store may be asked to change. */
export type SessionPatch = Pick<Session, 'idleExpiresAt'>;

/**
 * Where sessions live. The in-memory store is for tests; the store-backed one implements the same
 * contract (`describeSessionStoreContract`). Returned sessions are copies.
 */
export type SessionStore = {
  insert: (session: Session) => Promise<void>;
  /** The session with this id, or null. */
  get: (id: string) => Promise<Session | null>;
  /** Changes one session; a missing id is not an error. */
  update: (args: { id: string; patch: SessionPatch }) => Promise<void>;
  /** Removes one session; a missing id is not an error. */
  delete: (id: string) => Promise<void>;
  /** Removes every session of one user in one audience except `exceptId`; answers how many went. */
  deleteForUser: (args: { userId: string; audience: SessionAudience; exceptId?: string }) => Promise<number>;
  /** Housekeeping: removes sessions whose idle or absolute expiry is at or before `now`; answers how many. */
  deleteExpired: (now: number) => Promise<number>;
};

/** A new session and the token to hand the client (in an HttpOnly cookie); the token is not kept. */
export type CreatedSession = { token: string; session: Session };

/** Session operations over a store, a clock and the configured lifetimes; see `createSessionManager`. */
export type SessionManager = {
  /** Starts a session. With `isMfaPending`, its lifetime is capped at the manager's `mfaPendingMs`. */
  create: (args: {
    userId: string;
    audience: SessionAudience;
    isMfaPending?: boolean;
  }) => Promise<CreatedSession>;
  /**
   * The live session for `token` in `audience`, or null when the token is unknown, expired (the
   * session is then deleted), for another audience, or MFA-pending without `allowMfaPending`.
   * Renews the idle expiry when more than half the idle window has passed.
   */
  validate: (args: {
    token: string;
    audience: SessionAudience;
    allowMfaPending?: boolean;
  }) => Promise<Session | null>;
  /**
   * After a successful second factor: replaces the MFA-pending session with a full one under a new
   * token (the old token stops working). Null when `token` is not a live MFA-pending session in `audience`.
   */
  completeMfa: (args: { token: string; audience: SessionAudience }) => Promise<CreatedSession | null>;
  /** Logs out: deletes the session for `token`, if any. */
  invalidate: (token: string) => Promise<void>;
  /**
   * Deletes every session of a user in one audience, except the one for `exceptToken` (to keep the
   * caller logged in after changing their own password). Answers how many were deleted.
   */
  invalidateAllForUser: (args: {
    userId: string;
    audience: SessionAudience;
    exceptToken?: string;
  }) => Promise<number>;
};
