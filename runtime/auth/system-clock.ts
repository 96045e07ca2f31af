import type { Clock } from './types.ts';

/** The wall clock (`Date.now()`), for production use. */
export const systemClock: Clock = { now: () => Date.now() };
