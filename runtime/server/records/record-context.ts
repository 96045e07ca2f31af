import type { Principal } from '../../core/access/types.ts';
import type { CompiledApp } from '../../core/metadata/compile-app.ts';
import type { Store } from '../../store/types.ts';
import type { HookBus } from './hook-bus.ts';

/** What every record operation works with. */
export type RecordContext = {
  store: Store;
  /** The current compiled app (swapped atomically when metadata changes). */
  getApp: () => CompiledApp;
  hooks: HookBus;
  now: () => Date;
  newId: () => string;
};

/** One operation's caller and module. */
export type RecordRequest = { principal: Principal; module: string };
