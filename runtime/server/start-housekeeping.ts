import { purgeExpiredCredentials } from './identity/purge-expired-credentials.ts';
import type { Runtime } from './runtime-types.ts';

const hourMs = 60 * 60 * 1_000;

export type Housekeeping = {
  /** Runs the jobs now (or joins the run in progress) and resolves when they are done. */
  runNow(): Promise<void>;
  /** Stops the timer; a run in progress finishes. */
  stop(): void;
};

/**
 * Background jobs of a running server, started once it is up: now, then every `everyMs` (default
 * an hour), sessions and one-time tokens that expired are ended and the ones deleted more than 30
 * days ago purged (`purgeExpiredCredentials`). A failed run is logged and tried again at the next
 * tick; the timer never keeps the process alive.
 */
export function startHousekeeping(args: {
  runtime: Runtime;
  everyMs?: number;
  log?: (line: string) => void;
}): Housekeeping {
  const { runtime } = args;
  const log = args.log ?? ((line: string) => console.info(line));
  let running: Promise<void> | undefined;
  const runNow = () => {
    running ??= purgeExpiredCredentials({
      store: runtime.store,
      sessions: runtime.sessionStore,
      tokens: runtime.tokens,
      now: new Date(runtime.clock.now()),
    })
      .then(({ ended, purged }) => {
        if (ended > 0 || purged > 0)
          log(`housekeeping: ended ${ended} expired sign-ins, purged ${purged} old ones`);
      })
      .catch((error: unknown) => log(`housekeeping failed, will retry: ${String(error)}`))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  void runNow();
  const timer = setInterval(() => void runNow(), args.everyMs ?? hourMs);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
