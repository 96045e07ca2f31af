import type { Principal } from '../../core/access/types.ts';
import { createError } from '../../core/errors.ts';
import type { RecordDoc } from '../../store/types.ts';

/** What every hook receives. Hooks read and write data only through the record service they are given. */
type HookBase = { principal: Principal; module: string };

/** Payload of each hook event. */
export type HookPayloads = {
  /** Before validation; may change `input` in place. */
  beforeValidate: HookBase & {
    operation: 'create' | 'update';
    input: Record<string, unknown>;
    current?: RecordDoc;
  };
  /** Inside the transaction, before the write; throwing aborts it. */
  beforeChange: HookBase & {
    operation: 'create' | 'update';
    input: Record<string, unknown>;
    current?: RecordDoc;
  };
  /** After commit; errors are logged, never thrown to the caller. */
  afterChange: HookBase & { operation: 'create' | 'update'; record: RecordDoc; previous?: RecordDoc };
  /** Inside the transaction, before a soft delete; throwing aborts it. */
  beforeDelete: HookBase & { record: RecordDoc };
  /** After commit of a soft delete. */
  afterDelete: HookBase & { record: RecordDoc };
  /** Before a read; may narrow nothing but may refuse by throwing. */
  beforeRead: HookBase & { operation: 'list' | 'get' | 'search' | 'aggregate' | 'related' };
};

export type HookEvent = keyof HookPayloads;
export type HookHandler<E extends HookEvent> = (payload: HookPayloads[E]) => void | Promise<void>;

/** The typed hook bus records go through (DESIGN §10). */
export type HookBus = {
  /** Registers a handler, for one module or all; returns a function that removes it. */
  on<E extends HookEvent>(event: E, handler: HookHandler<E>, options?: { module?: string }): () => void;
  /** Runs `before*` handlers in registration order; the first to throw stops the operation. */
  runBefore<E extends HookEvent>(event: E, payload: HookPayloads[E]): Promise<void>;
  /** Runs `after*` handlers; each error goes to `onError` and the rest still run. */
  runAfter<E extends HookEvent>(event: E, payload: HookPayloads[E]): Promise<void>;
};

const hookTimedOut = createError({ code: 'HOOK_TIMEOUT', status: 503 });

/** Resolves with the handler, or rejects once `ms` pass: a hanging hook fails the operation, closed. */
async function withTimeout(args: {
  run: () => void | Promise<void>;
  ms: number;
  event: HookEvent;
}): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(hookTimedOut(`a ${args.event} hook did not finish within ${args.ms} ms`)),
      args.ms,
    );
  });
  try {
    await Promise.race([args.run(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const settled: Promise<void> = Promise.resolve();

type Entry = {
  event: HookEvent;
  module: string | undefined;
  handler: (payload: never) => void | Promise<void>;
};

/**
 * Creates a hook bus; `onError` receives errors of `after*` handlers. Every handler gets at most
 * `timeoutMs` (default 5 s): a `before*` handler that takes longer aborts the operation.
 */
export function createHookBus(args: {
  onError: (error: unknown, event: HookEvent) => void;
  timeoutMs?: number;
}): HookBus {
  const ms = args.timeoutMs ?? 5_000;
  const entries: Entry[] = [];
  const handlersFor = (event: HookEvent, module: string) =>
    entries.filter((e) => e.event === event && (e.module === undefined || e.module === module));
  return {
    on(event, handler, options) {
      const entry: Entry = { event, module: options?.module, handler: handler as Entry['handler'] };
      entries.push(entry);
      return () => {
        const index = entries.indexOf(entry);
        if (index >= 0) entries.splice(index, 1);
      };
    },
    runBefore(event, payload) {
      const handlers = handlersFor(event, payload.module);
      // Most reads have no handler: answer with a settled promise instead of starting an async run.
      if (handlers.length === 0) return settled;
      return (async () => {
        for (const entry of handlers) {
          await withTimeout({ run: () => entry.handler(payload as never), ms, event });
        }
      })();
    },
    async runAfter(event, payload) {
      for (const entry of handlersFor(event, payload.module)) {
        try {
          await withTimeout({ run: () => entry.handler(payload as never), ms, event });
        } catch (error) {
          args.onError(error, event);
        }
      }
    },
  };
}
