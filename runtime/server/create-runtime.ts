import { asSystem } from '../core/access/as-system.ts';
import { createSessionManager } from '../auth/session/create-session-manager.ts';
import { systemClock } from '../auth/system-clock.ts';
import { createThrottle } from '../auth/throttle/create-throttle.ts';
import type { Clock } from '../auth/types.ts';
import { join } from 'node:path';
import type { Store } from '../store/types.ts';
import { fileModules } from './files/file-modules.ts';
import { createStoreOneTimeTokenStore } from './identity/create-store-one-time-token-store.ts';
import { createStoreSessionStore } from './identity/create-store-session-store.ts';
import { identityModules } from './identity/identity-modules.ts';
import { createMailer } from './mail/create-mailer.ts';
import { mailModules } from './mail/mail-modules.ts';
import { createMetadataHost } from './metadata/metadata-host.ts';
import { readStarterDocuments } from './metadata/read-starter-documents.ts';
import { convertRecord } from './portals/conversion/convert-record.ts';
import { registerConversionRules } from './portals/conversion/register-conversion-rules.ts';
import { createHookBus } from './records/hook-bus.ts';
import { newRecordId } from './records/new-record-id.ts';
import { createRecordService } from './records/record-service.ts';
import type { Runtime } from './runtime-types.ts';

const minute = 60_000;

/** Settings of one running system, usually read from the environment by `apps/server/main.ts`. */
export type RuntimeOptions = {
  store: Store;
  publicUrl: string;
  smtpUrl?: string;
  mailFrom?: string;
  /** Extra origins allowed to send state-changing requests (the public URL's origin always is). */
  extraOrigins?: readonly string[];
  clock?: Clock;
  /** Metadata documents for an empty store; the starter CRM by default. */
  seed?: () => readonly unknown[] | Promise<readonly unknown[]>;
  /** Directory of uploaded files; `$ATRIUM_DATA_DIR/files` (default `data/files`) when not given. */
  filesDir?: string;
};

/**
 * Wires one running system: metadata host (seeded on an empty store), the record service, staff
 * sessions, one-time tokens, mail and login throttles over one store.
 */
export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { store } = options;
  const clock = options.clock ?? systemClock;
  await store.ensureSchema([...identityModules.values(), ...mailModules.values(), ...fileModules.values()]);
  const metadata = await createMetadataHost({
    store,
    seed: options.seed ?? (() => readStarterDocuments()),
    now: () => new Date(clock.now()),
  });
  const hooks = createHookBus({ onError: (error, event) => console.error(`${event} hook failed:`, error) });
  const now = () => new Date(clock.now());
  const recordContext = { store, getApp: metadata.getApp, hooks, now, newId: newRecordId };
  const records = createRecordService(recordContext);
  const publicUrl = options.publicUrl.replace(/\/+$/, '');
  const sessionStore = createStoreSessionStore(store);
  const runtime: Runtime = {
    store,
    metadata,
    getApp: metadata.getApp,
    records,
    hooks,
    sessionStore,
    staffSessions: createSessionManager({
      store: createStoreSessionStore(store),
      clock,
      idleMs: 120 * minute,
      absoluteMs: 12 * 60 * minute,
    }),
    tokens: createStoreOneTimeTokenStore(store),
    mailer: createMailer({
      smtpUrl: options.smtpUrl,
      from: options.mailFrom ?? 'Atrium <no-reply@atrium.invalid>',
      store,
    }),
    clock,
    publicUrl,
    allowedOrigins: new Set([new URL(publicUrl).origin, ...(options.extraOrigins ?? [])]),
    filesDir: options.filesDir ?? join(process.env.ATRIUM_DATA_DIR ?? 'data', 'files'),
    throttles: {
      account: createThrottle({ clock, limit: 10, windowMs: 15 * minute, lockoutMs: 15 * minute }),
      address: createThrottle({ clock, limit: 100, windowMs: 15 * minute, lockoutMs: 15 * minute }),
    },
  };
  registerConversionRules({
    hooks,
    getApp: metadata.getApp,
    store,
    now,
    convert: ({ module, id, reason, options }) => {
      const principal = asSystem({ reason, log: (entry) => console.info(`system access: ${entry.reason}`) });
      return convertRecord({
        ctx: recordContext,
        request: { principal, module, id },
        options,
        deps: runtime,
      });
    },
  });
  return runtime;
}
