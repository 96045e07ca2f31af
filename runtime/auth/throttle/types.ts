/** Whether a keyed action may go ahead now, and if not, in how many milliseconds it may. */
export type ThrottleDecision = { allowed: boolean; retryAfterMs: number };

/**
 * Failure counting per key (an account, a client address) with lockout; see `createThrottle`. All
 * methods are synchronous and in memory.
 */
export type Throttle = {
  /** May `key` try now? Does not count as an attempt and does not create an entry. */
  check: (key: string) => ThrottleDecision;
  /** Records a failed attempt; answers the decision for the next attempt (locked once the limit is hit). */
  fail: (key: string) => ThrottleDecision;
  /** Records a success: forgets the key's failures, but an active lockout stays. */
  succeed: (key: string) => void;
  /** Admin unlock: forgets the key entirely, lockout included. */
  reset: (key: string) => void;
  /** How many keys are tracked now (bounded by `maxKeys`). */
  size: () => number;
};
