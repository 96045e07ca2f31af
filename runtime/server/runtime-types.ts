import type { SessionManager, SessionStore } from '../auth/session/types.ts';
import type { OneTimeTokenStore } from '../auth/one-time-token/types.ts';
import type { Throttle } from '../auth/throttle/types.ts';
import type { Clock } from '../auth/types.ts';
import type { CompiledApp } from '../core/metadata/compile-app.ts';
import type { Store } from '../store/types.ts';
import type { Mailer } from './mail/types.ts';
import type { MetadataHost } from './metadata/metadata-host.ts';
import type { HookBus } from './records/hook-bus.ts';
import type { RecordService } from './records/record-service.ts';

/** Everything the HTTP layer works with; built once per process by `createRuntime`. */
export type Runtime = {
  store: Store;
  getApp: () => CompiledApp;
  /** Metadata revisions: save, preview, restore. */
  metadata: MetadataHost;
  records: RecordService;
  /** The hooks every record operation runs (plugins, conversion rules, tests that inject failures). */
  hooks: HookBus;
  staffSessions: SessionManager;
  /** Where every session lives; portal session managers (per portal type lifetimes) share it. */
  sessionStore: SessionStore;
  tokens: OneTimeTokenStore;
  mailer: Mailer;
  clock: Clock;
  /** Base of links in mails; never taken from a request's Host header. */
  publicUrl: string;
  /** Origins a state-changing request may come from. */
  allowedOrigins: ReadonlySet<string>;
  /** Failed logins per account and per client address. */
  throttles: { account: Throttle; address: Throttle };
  /** Directory of uploaded files (stored under generated names). */
  filesDir: string;
};
