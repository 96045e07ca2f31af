/** A small seeded pseudo-random source, so every run generates the same data. */
export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [0, size). */
  below(size: number): number;
  pick<T>(values: readonly T[]): T;
  isTrue(probability: number): boolean;
};

/** mulberry32: fast, seedable, good enough for test data. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const below = (size: number) => Math.floor(next() * size);
  return {
    next,
    below,
    pick: <T>(values: readonly T[]): T => {
      const value = values[below(values.length)];
      if (value === undefined) throw new Error('pick from an empty list');
      return value;
    },
    isTrue: (probability) => next() < probability,
  };
}
