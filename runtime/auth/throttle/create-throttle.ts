import type { Clock } from '../types.ts';
import type { Throttle, ThrottleDecision } from './types.ts';

type Entry = { failures: number; windowStartedAt: number; lockedUntil: number };

const allowed: ThrottleDecision = { allowed: true, retryAfterMs: 0 };

function assertPositive(args: { name: string; value: number; isInteger?: boolean }): void {
  const isValid =
    Number.isFinite(args.value) && args.value > 0 && (!args.isInteger || Number.isInteger(args.value));
  if (!isValid)
    throw new RangeError(`${args.name} must be a positive ${args.isInteger ? 'integer' : 'number'}.`);
}

/**
 * Counts failures per key and locks a key out: after `limit` failures within `windowMs` of the first,
 * `check` refuses the key for `lockoutMs` (answer 429 with `Retry-After`). Use one throttle per kind
 * of key — one for accounts (normalised login), one for client addresses — and check both before a
 * login, reset request or TOTP attempt; only a trusted proxy's `X-Forwarded-For` may name the address.
 *
 * Unlock path: the lockout ends by itself after `lockoutMs`, after which the key starts a fresh
 * window; an administrator can end it at once with `reset(key)`. `succeed` clears failures but not
 * an active lockout.
 *
 * Memory is bounded: keys whose window and lockout have both passed are dropped as the throttle is
 * used, and at most `maxKeys` (default 100,000) are kept, evicting the least recently failed first.
 * State is per process.
 */
export function createThrottle(args: {
  clock: Clock;
  limit: number;
  windowMs: number;
  lockoutMs: number;
  maxKeys?: number;
}): Throttle {
  const { clock, limit, windowMs, lockoutMs } = args;
  const maxKeys = args.maxKeys ?? 100_000;
  assertPositive({ name: 'limit', value: limit, isInteger: true });
  assertPositive({ name: 'windowMs', value: windowMs });
  assertPositive({ name: 'lockoutMs', value: lockoutMs });
  assertPositive({ name: 'maxKeys', value: maxKeys, isInteger: true });

  // Insertion order is recency: a failing key is moved to the end, so the first entry is the oldest.
  const entries = new Map<string, Entry>();

  const isStale = (entry: Entry, now: number) =>
    entry.lockedUntil <= now && entry.windowStartedAt + windowMs <= now;

  const dropStalePrefix = (now: number) => {
    for (const [key, entry] of entries) {
      if (!isStale(entry, now)) return;
      entries.delete(key);
    }
  };

  const liveEntry = (key: string, now: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && isStale(entry, now)) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  const decide = (entry: Entry | undefined, now: number): ThrottleDecision =>
    entry && entry.lockedUntil > now ? { allowed: false, retryAfterMs: entry.lockedUntil - now } : allowed;

  return {
    check: (key) => {
      const now = clock.now();
      return decide(liveEntry(key, now), now);
    },
    fail: (key) => {
      const now = clock.now();
      dropStalePrefix(now);
      const existing = liveEntry(key, now);
      if (existing && existing.lockedUntil > now) return decide(existing, now);
      const entry =
        existing && existing.windowStartedAt + windowMs > now
          ? existing
          : { failures: 0, windowStartedAt: now, lockedUntil: 0 };
      entry.failures += 1;
      if (entry.failures >= limit) {
        entry.lockedUntil = now + lockoutMs;
        entry.failures = 0;
        entry.windowStartedAt = now;
      }
      entries.delete(key);
      entries.set(key, entry);
      for (const oldest of entries.keys()) {
        if (entries.size <= maxKeys) break;
        entries.delete(oldest);
      }
      return decide(entry, now);
    },
    succeed: (key) => {
      const now = clock.now();
      const entry = liveEntry(key, now);
      if (entry && entry.lockedUntil <= now) entries.delete(key);
    },
    reset: (key) => {
      entries.delete(key);
    },
    size: () => entries.size,
  };
}
