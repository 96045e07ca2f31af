/** Runs functions one at a time, in call order; one that fails does not block the next. */
export type Lock = { run<T>(fn: () => Promise<T>): Promise<T> };

/** A first-in, first-out async lock. */
export function createLock(): Lock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const result = tail.then(fn);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
