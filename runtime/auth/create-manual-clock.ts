import type { Clock } from './types.ts';

/** A clock that moves only when told to; the one test double auth code accepts. */
export type ManualClock = Clock & {
  /** Moves the clock forward by `ms` milliseconds. */
  advance: (ms: number) => void;
  /** Sets the clock to `ms` milliseconds since the epoch. */
  set: (ms: number) => void;
};

/** Creates a clock that starts at `startMs` (epoch milliseconds) and moves only by `advance`/`set`. */
export function createManualClock(startMs = Date.UTC(2026, 0, 1)): ManualClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
