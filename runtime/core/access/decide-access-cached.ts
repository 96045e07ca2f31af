import { isVariable } from '../filter/is-variable.ts';
import { parseVariable } from '../filter/parse-variable.ts';
import type { FilterNode } from '../filter/types.ts';
import type { CompiledApp } from '../metadata/compile-app.ts';
import type { RecordAction } from '../metadata/types.ts';
import { decideAccess } from './decide-access.ts';
import type { AccessDecision, Grant, Principal } from './types.ts';

type Entry = { decision: AccessDecision; second: number | null };

const caches = new WeakMap<CompiledApp, WeakMap<Principal, Map<string, Map<RecordAction, Entry>>>>();

function isClockValue(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const target = parseVariable(value);
  return target !== undefined && target.kind !== 'principal';
}

function readsClock(node: FilterNode): boolean {
  switch (node.kind) {
    case 'true':
    case 'false':
      return false;
    case 'and':
    case 'or':
      return node.children.some(readsClock);
    case 'not':
      return readsClock(node.child);
    case 'condition': {
      if (node.op === 'within') return true;
      const values: readonly unknown[] = Array.isArray(node.value) ? node.value : [node.value];
      return values.some((value) => isVariable(value) && isClockValue(value.variable));
    }
  }
}

/** Whether a decision on `module` binds `$now`, `$today` or `within` (in a scope or a preset). */
function dependsOnClock(args: { grants: readonly Grant[]; module: string }): boolean {
  return args.grants.some(
    (grant) =>
      grant.module === args.module &&
      (readsClock(grant.where) || Object.values(grant.presets ?? {}).some(isClockValue)),
  );
}

/**
 * `decideAccess`, remembered per compiled app, principal object, module and action, so the requests
 * and steps that ask again (a list, its filter, each record's readable fields) reuse the bound scope
 * and the field sets instead of rebuilding them. Safe because a principal is compiled afresh for
 * each request (a change to roles or grants makes a new object) and never changed afterwards; the
 * cache is weak, so it goes with the principal or the app. A decision that binds the clock (`$now`,
 * `$today`, `within`) is reused only within the same second of `now`, so a time-scoped grant is at
 * most a second late.
 */
export function decideAccessCached(args: {
  app: CompiledApp;
  principal: Principal;
  module: string;
  action: RecordAction;
  now: Date;
}): AccessDecision {
  let byPrincipal = caches.get(args.app);
  if (!byPrincipal) {
    byPrincipal = new WeakMap();
    caches.set(args.app, byPrincipal);
  }
  let byModule = byPrincipal.get(args.principal);
  if (!byModule) {
    byModule = new Map();
    byPrincipal.set(args.principal, byModule);
  }
  let entries = byModule.get(args.module);
  if (!entries) {
    entries = new Map();
    byModule.set(args.module, entries);
  }
  const second = Math.floor(args.now.getTime() / 1_000);
  const cached = entries.get(args.action);
  if (cached && (cached.second === null || cached.second === second)) return cached.decision;
  const decision = decideAccess(args);
  const isTimed = dependsOnClock({ grants: args.principal.grants, module: args.module });
  entries.set(args.action, { decision, second: isTimed ? second : null });
  return decision;
}
