import { decideAccess } from '../../../core/access/decide-access.ts';
import type { Principal } from '../../../core/access/types.ts';
import type { CompiledApp } from '../../../core/metadata/compile-app.ts';
import type { ConversionTarget } from '../../../core/metadata/types.ts';
import type { RecordDoc, Store } from '../../../store/types.ts';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

/** Whether the principal may read the record `id` of `module` (a relation value worth copying). */
async function isReadable(args: {
  tx: Store;
  app: CompiledApp;
  principal: Principal;
  module: string;
  id: string;
  now: Date;
}): Promise<boolean> {
  const { tx, app, principal, module, id, now } = args;
  const decision = decideAccess({ app, principal, module, action: 'read', now });
  if (!decision.allowed) return false;
  return (await tx.get({ module, id, where: decision.where })) !== null;
}

/**
 * The input for one conversion target: each mapped field takes the converted record's value (only
 * fields the principal may read there, and only values that are set), then the caller's overrides,
 * then the links to targets already resolved (`resolved`: target key → record id). A copied
 * relation value that points at a record the principal may not read is left out rather than
 * refused: it came from the lead, not from the caller. Overrides still go through every check of
 * the record service.
 */
export async function mapTargetValues(args: {
  tx: Store;
  app: CompiledApp;
  principal: Principal;
  now: Date;
  target: ConversionTarget;
  source: RecordDoc;
  readable: ReadonlySet<string>;
  overrides?: Readonly<Record<string, unknown>>;
  resolved: ReadonlyMap<string, string>;
}): Promise<Record<string, unknown>> {
  const { tx, app, principal, now, target, source } = args;
  const module = app.modules.get(target.module);
  const input: Record<string, unknown> = {};
  for (const [to, from] of Object.entries(target.fields)) {
    const value = source[from];
    if (!args.readable.has(from) || isEmpty(value)) continue;
    const relation = module?.fields.get(to)?.relation;
    if (relation && typeof value === 'string') {
      if (!(await isReadable({ tx, app, principal, module: relation.module, id: value, now }))) continue;
    }
    input[to] = structuredClone(value);
  }
  Object.assign(input, args.overrides);
  for (const [to, key] of Object.entries(target.links ?? {})) {
    const id = args.resolved.get(key);
    if (id !== undefined) input[to] = id;
  }
  return input;
}
