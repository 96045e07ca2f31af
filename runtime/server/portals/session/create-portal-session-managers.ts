import { createSessionManager } from '../../../auth/session/create-session-manager.ts';
import type { SessionManager, SessionStore } from '../../../auth/session/types.ts';
import type { Clock } from '../../../auth/types.ts';
import type { CompiledPortalType } from '../../../core/metadata/compile-app.ts';

const minute = 60_000;

/**
 * Session managers for portal types over one session store: each portal type gets its own idle and
 * absolute lifetimes (`auth.sessionIdleMinutes`, `auth.sessionAbsoluteHours`). A manager is reused
 * while those lifetimes stay the same, so a metadata change to them applies to the next request.
 */
export function createPortalSessionManagers(args: {
  store: SessionStore;
  clock: Clock;
}): (portalType: CompiledPortalType) => SessionManager {
  const managers = new Map<string, SessionManager>();
  return (portalType) => {
    const idleMs = portalType.auth.sessionIdleMinutes * minute;
    const absoluteMs = portalType.auth.sessionAbsoluteHours * 60 * minute;
    const key = `${idleMs}|${absoluteMs}`;
    const known = managers.get(key);
    if (known) return known;
    const manager = createSessionManager({ store: args.store, clock: args.clock, idleMs, absoluteMs });
    managers.set(key, manager);
    return manager;
  };
}
