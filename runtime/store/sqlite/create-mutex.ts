/** Runs functions one at a time, in call order; a function that fails does not block the next. */
export type Mutex = { run<T>(fn: () => T | Promise<T>): Promise<T> };

/** A first-in first-out async lock. */
export function createMutex(): Mutex {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => T | Promise<T>): Promise<T> {
      const result = tail.then(fn);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
