/** What a one-time token is for; a token issued for one purpose is never accepted for another. */
export type OneTimeTokenPurpose = 'passwordReset' | 'invitation' | 'tokenLink' | 'emailVerification';

/** Small, flat facts bound to a token when it is issued (e.g. the portal type of an invitation). */
export type OneTimeTokenData = { readonly [key: string]: string | number | boolean | null };

/** A one-time token as stored: its hash, never the token. Times are epoch milliseconds. */
export type OneTimeTokenRecord = {
  /** SHA-256 (hex) of the purpose and the token; see `oneTimeTokenHash`. */
  hash: string;
  purpose: OneTimeTokenPurpose;
  /** Whom the token acts for: a user id, a portal user id, an account id, … */
  subject: string;
  data: OneTimeTokenData;
  createdAt: number;
  expiresAt: number;
};

/**
 * Where one-time tokens live. `take` must be atomic: of any number of concurrent takes of one hash,
 * exactly one gets the record (SQL `DELETE … RETURNING`, MongoDB `findOneAndDelete`). The shared
 * suite is `describeOneTimeTokenStoreContract`.
 */
export type OneTimeTokenStore = {
  /** Stores `record` and, in the same step, removes every other token of its purpose and subject. */
  replace: (record: OneTimeTokenRecord) => Promise<void>;
  /** Deletes the record with this hash and returns it; null when there is none (or it was taken). */
  take: (hash: string) => Promise<OneTimeTokenRecord | null>;
  /** The record with this hash, left in place; null when there is none. */
  get: (hash: string) => Promise<OneTimeTokenRecord | null>;
  /** Removes every token of one purpose and subject; answers how many. */
  deleteFor: (args: { purpose: OneTimeTokenPurpose; subject: string }) => Promise<number>;
  /** Housekeeping: removes tokens that expire at or before `now`; answers how many. */
  deleteExpired: (now: number) => Promise<number>;
};

/** What a valid token stands for. */
export type OneTimeTokenClaim = { subject: string; data: OneTimeTokenData };
