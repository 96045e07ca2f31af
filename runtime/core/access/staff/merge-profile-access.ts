import type { CompiledApp } from '../../metadata/compile-app.ts';
import {
  type FieldLevel,
  type ProfileModuleAccess,
  type RecordAction,
  recordActions,
} from '../../metadata/types.ts';

/** What a role's profiles allow together on one module. */
export type MergedProfileAccess = {
  /** Profile actions any of the profiles allows, in `recordActions` order. */
  actions: readonly RecordAction[];
  /** Fields below `readWrite`; fields not listed are readWrite. */
  fields: Readonly<Record<string, FieldLevel>>;
};

const levelRank: Readonly<Record<FieldLevel, number>> = { hidden: 0, readOnly: 1, readWrite: 2 };

function hasAnyAction(access: ProfileModuleAccess): boolean {
  return recordActions.some((action) => access[action] === true);
}

function levelIn(access: ProfileModuleAccess, field: string): FieldLevel {
  const fields = access.fields ?? {};
  const level = Object.hasOwn(fields, field) ? fields[field] : undefined;
  return level ?? 'readWrite';
}

/**
 * The union of a role's profiles on `module`, most permissive wins: an action any profile allows, and
 * for each field the highest level any profile gives it (hidden < readOnly < readWrite; a field a
 * profile does not list is readWrite in it). Only profiles allowing at least one action on the module
 * count, so a profile listing the module with every action off cannot lift field levels. `undefined`
 * (nothing allowed) for an unknown role or one whose profiles allow nothing on the module.
 */
export function mergeProfileAccess(args: {
  app: CompiledApp;
  roleId: string;
  module: string;
}): MergedProfileAccess | undefined {
  const role = args.app.roles.get(args.roleId);
  if (!role) return undefined;
  const accesses = role.profiles
    .map((name) => args.app.profiles.get(name))
    .map((profile) =>
      profile && Object.hasOwn(profile.modules, args.module) ? profile.modules[args.module] : undefined,
    )
    .filter((access): access is ProfileModuleAccess => access !== undefined && hasAnyAction(access));
  if (accesses.length === 0) return undefined;
  const actions = recordActions.filter((action) => accesses.some((access) => access[action] === true));
  const listed = new Set(accesses.flatMap((access) => Object.keys(access.fields ?? {})));
  const fields: [string, FieldLevel][] = [];
  for (const field of listed) {
    const levels = accesses.map((access) => levelIn(access, field));
    const best = levels.reduce((a, b) => (levelRank[b] > levelRank[a] ? b : a));
    if (best !== 'readWrite') fields.push([field, best]);
  }
  return { actions, fields: Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : 1))) };
}
