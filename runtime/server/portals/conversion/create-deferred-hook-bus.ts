import type { HookBus, HookEvent, HookPayloads } from '../../records/hook-bus.ts';

/**
 * A hook bus for record operations that join an outer transaction: `before*` handlers run at once
 * (inside the transaction, so throwing still aborts it), while `after*` handlers, which promise
 * "after commit", are queued. Call `flush` once the outer transaction committed; on rollback drop
 * the bus and they never run.
 */
export function createDeferredHookBus(hooks: HookBus): { hooks: HookBus; flush: () => Promise<void> } {
  const queued: Array<() => Promise<void>> = [];
  return {
    hooks: {
      on: (event, handler, options) => hooks.on(event, handler, options),
      runBefore: (event, payload) => hooks.runBefore(event, payload),
      runAfter<E extends HookEvent>(event: E, payload: HookPayloads[E]) {
        queued.push(() => hooks.runAfter(event, payload));
        return Promise.resolve();
      },
    },
    async flush() {
      for (const run of queued.splice(0)) await run();
    },
  };
}
