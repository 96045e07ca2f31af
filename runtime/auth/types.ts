/**
 * Where auth code reads the time: milliseconds since the Unix epoch. Injected so tests can move time
 * by hand; production passes `systemClock`.
 */
export type Clock = {
  now: () => number;
};
