import type { CompiledApp } from '../../runtime/core/metadata/compile-app.ts';
import { createHookBus, type HookBus } from '../../runtime/server/records/hook-bus.ts';
import { newRecordId } from '../../runtime/server/records/new-record-id.ts';
import { createRecordService, type RecordService } from '../../runtime/server/records/record-service.ts';
import { systemModules } from '../../runtime/server/records/system-modules.ts';
import { createSqliteStore } from '../../runtime/store/sqlite/create-sqlite-store.ts';
import type { Store } from '../../runtime/store/types.ts';

/** A record service over a fresh in-memory SQLite store with the app's tables. Test helper. */
export async function createTestRecordService(app: CompiledApp): Promise<{
  service: RecordService;
  store: Store;
  hooks: HookBus;
  hookErrors: unknown[];
}> {
  const store = createSqliteStore({ file: ':memory:' });
  await store.ensureSchema([...app.modules.values(), ...systemModules.values()]);
  const hookErrors: unknown[] = [];
  const hooks = createHookBus({ onError: (error) => hookErrors.push(error), timeoutMs: 1_000 });
  const service = createRecordService({
    store,
    getApp: () => app,
    hooks,
    now: () => new Date(),
    newId: newRecordId,
  });
  return { service, store, hooks, hookErrors };
}
